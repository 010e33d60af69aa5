import { fitLogistic } from '../models/logistic.js';
import { createRandom } from '../models/random.js';
import { encodeLabels } from '../models/types.js';
import { calibrate } from './calibrate.js';
import type { CalibrationOptions, ExtractionConfig } from './config.js';
import { fitEncoder, type RawValue } from './encoding.js';

export interface BaselineOptions {
  /** The label column: left out of the features; its classes group PRADA and train the stand-in model. */
  label?: string;
  /** Other columns the endpoint does not receive. */
  exclude?: readonly string[];
  /** Share of rows held out to calibrate on (default 0.3). */
  calibrationShare?: number;
  /** Most rows used (a seeded sample beyond; default 20,000). */
  maxRows?: number;
  seed?: number;
  calibration?: CalibrationOptions;
}

/**
 * Detector configuration from a training table, the way the CLI does it: a seeded split into the
 * baseline (feature space, ranges) and held-out calibration rows (thresholds). With a label
 * column, a logistic regression fitted to the baseline stands in for the endpoint's model to
 * estimate how often benign inputs land near the decision boundary (the endpoint's own model is
 * not available offline); without one, the near-boundary signal is off.
 */
export function configFromTable(columns: readonly string[], rows: readonly (readonly RawValue[])[], options: BaselineOptions = {}): ExtractionConfig {
  const labelAt = options.label === undefined ? -1 : columns.indexOf(options.label);
  if (options.label !== undefined && labelAt < 0) throw new RangeError(`no column "${options.label}" in the baseline; columns are ${columns.join(', ')}`);
  const excluded = new Set(options.exclude ?? []);
  const unknown = [...excluded].filter((c) => !columns.includes(c));
  if (unknown.length) throw new RangeError(`no column ${unknown.map((c) => `"${c}"`).join(', ')} in the baseline to exclude`);
  const keep = columns.map((_, j) => j).filter((j) => j !== labelAt && !excluded.has(columns[j]!));
  const random = createRandom(options.seed ?? 1);
  let usable = rows.filter((r) => labelAt < 0 || (r[labelAt] !== null && r[labelAt] !== undefined && r[labelAt] !== ''));
  const maxRows = options.maxRows ?? 20_000;
  if (usable.length > maxRows) usable = random.shuffle([...usable]).slice(0, maxRows);
  if (usable.length < 20) throw new RangeError(`${usable.length} usable baseline rows; at least 20 are needed to fit and calibrate the detectors`);

  const encoder = fitEncoder(
    keep.map((j) => columns[j]!),
    usable.map((r) => keep.map((j) => r[j])),
  );
  const encoded = usable.map((r) => encoder.encode(keep.map((j) => r[j])).x);
  const order = random.shuffle(encoded.map((_, i) => i));
  const held = Math.max(2, Math.round(order.length * (options.calibrationShare ?? 0.3)));
  const calibrationIdx = order.slice(0, held);
  const baselineIdx = order.slice(held);
  const baseline = baselineIdx.map((i) => encoded[i]!);
  const calibration = calibrationIdx.map((i) => encoded[i]!);
  if (labelAt < 0) return calibrate({ encoder, baseline, calibration }, { seed: options.seed, ...options.calibration });

  const { y, classes } = encodeLabels(usable.map((r) => String(r[labelAt])));
  const standIn = fitLogistic(baseline, baselineIdx.map((i) => y[i]!), { classes: Math.max(2, classes.length) });
  return calibrate(
    {
      encoder,
      baseline,
      baselineClasses: baselineIdx.map((i) => y[i]!),
      calibration,
      calibrationProbs: calibration.map((x) => standIn.predictRow(x)),
      calibrationClasses: calibrationIdx.map((i) => y[i]!),
      classNames: classes,
    },
    { seed: options.seed, ...options.calibration },
  );
}
