import { encodeLabels } from '../../models/types.js';
import { createRandom } from '../../models/random.js';
import { fitEncoder, type FeatureEncoder, type RawValue } from '../encoding.js';

/** A labelled dataset, encoded for the models and detectors (numbers; categories one-hot). */
export interface Dataset {
  name: string;
  encoder: FeatureEncoder;
  rows: Float64Array[];
  labels: number[];
  classNames: string[];
}

/**
 * Encodes a table (column names and rows of numbers, texts and nulls) with `labelColumn` as the
 * class. Rows without a label are left out, and counted.
 */
export function datasetFromTable(name: string, columns: readonly string[], rows: readonly (readonly RawValue[])[], labelColumn: string): Dataset & { droppedRows: number } {
  const labelAt = columns.indexOf(labelColumn);
  if (labelAt < 0) throw new RangeError(`${name}: no column "${labelColumn}"; columns are ${columns.join(', ')}`);
  const featureNames = columns.filter((_, j) => j !== labelAt);
  const kept = rows.filter((r) => r[labelAt] !== null && r[labelAt] !== undefined && r[labelAt] !== '');
  const features = kept.map((r) => r.filter((_, j) => j !== labelAt));
  const encoder = fitEncoder(featureNames, features);
  const { y, classes } = encodeLabels(kept.map((r) => String(r[labelAt])));
  return { name, encoder, rows: features.map((r) => encoder.encode(r).x), labels: y, classNames: classes, droppedRows: rows.length - kept.length };
}

export interface Split {
  /** Trains the target model and is the detectors' baseline. */
  train: number[];
  /** Benign rows the detectors' thresholds are calibrated on. */
  calibration: number[];
  /** Held out from both: benign callers replay them; agreement is measured on them. */
  test: number[];
}

/** A seeded, stratified three-way split of row indices. */
export function splitDataset(dataset: Dataset, seed: number, shares = { train: 0.5, calibration: 0.2 }): Split {
  const random = createRandom(seed);
  const split: Split = { train: [], calibration: [], test: [] };
  const byClass = new Map<number, number[]>();
  dataset.labels.forEach((y, i) => byClass.set(y, [...(byClass.get(y) ?? []), i]));
  for (const indices of byClass.values()) {
    random.shuffle(indices);
    const train = Math.round(indices.length * shares.train);
    const calibration = Math.round(indices.length * shares.calibration);
    split.train.push(...indices.slice(0, train));
    split.calibration.push(...indices.slice(train, train + calibration));
    split.test.push(...indices.slice(train + calibration));
  }
  for (const part of [split.train, split.calibration, split.test]) random.shuffle(part);
  return split;
}
