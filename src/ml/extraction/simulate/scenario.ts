import { fit, type FitOptions } from '../../models/fit.js';
import type { Classifier } from '../../models/types.js';
import { calibrate } from '../calibrate.js';
import type { CalibrationOptions, ExtractionConfig } from '../config.js';
import type { Dataset, Split } from './dataset.js';
import { splitDataset } from './dataset.js';
import { featureDomain, type FeatureDomain } from './domain.js';
import { Oracle } from './oracle.js';

/**
 * One dataset made ready for simulation: the target model trained on the training split, the
 * detectors calibrated on the calibration split (benign data only), and the held-out test split
 * divided into the attacker's own natural rows and the rows agreement is measured on (benign
 * callers replay the whole test split).
 */
export interface Scenario {
  dataset: Dataset;
  split: Split;
  target: Classifier;
  config: ExtractionConfig;
  domain: FeatureDomain;
  attackerPool: Float64Array[];
  evaluation: Float64Array[];
  /** The target's predictions on `evaluation`. */
  evaluationLabels: number[];
  benignPool: Float64Array[];
  /** Decimals the API rounds probabilities to (undefined: full precision). */
  decimals?: number;
}

export interface ScenarioOptions {
  seed?: number;
  /** The target model (default: multinomial logistic regression). */
  model?: FitOptions;
  calibration?: CalibrationOptions;
  decimals?: number;
  /** Share of the test split given to the attacker as natural rows (default 0.2, at least 3 per class). */
  attackerShare?: number;
}

export function buildScenario(dataset: Dataset, options: ScenarioOptions = {}): Scenario {
  const seed = options.seed ?? 1;
  const split = splitDataset(dataset, seed);
  const rowsOf = (indices: number[]) => indices.map((i) => dataset.rows[i]!);
  const classes = dataset.classNames.length;
  const target = fit(rowsOf(split.train), split.train.map((i) => dataset.labels[i]!), { ...options.model, classes } as FitOptions);
  const calibrationRows = rowsOf(split.calibration);
  const api = new Oracle(target, options.decimals);
  const calibrationProbs = calibrationRows.map((x) => api.query(x));
  const trainRows = rowsOf(split.train);
  const config = calibrate(
    {
      encoder: dataset.encoder,
      baseline: trainRows,
      baselineClasses: target.predict(trainRows),
      calibration: calibrationRows,
      calibrationProbs,
      classNames: dataset.classNames,
    },
    { seed, ...options.calibration },
  );
  const attackerCount = Math.min(split.test.length - 1, Math.max(3 * classes, Math.round((options.attackerShare ?? 0.2) * split.test.length)));
  const attackerPool = rowsOf(split.test.slice(0, attackerCount));
  const evaluation = rowsOf(split.test.slice(attackerCount));
  return {
    dataset,
    split,
    target,
    config,
    domain: featureDomain(dataset.encoder, dataset.rows),
    attackerPool,
    evaluation,
    evaluationLabels: target.predict(evaluation),
    benignPool: rowsOf(split.test),
    ...(options.decimals !== undefined ? { decimals: options.decimals } : {}),
  };
}
