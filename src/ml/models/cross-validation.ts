import type { Vector } from './linalg.js';
import { createRandom } from './random.js';
import { checkTrainingData } from './types.js';
import { fit, type FitOptions } from './fit.js';

export interface CrossValidationOptions {
  /** Number of folds (default 5; at least 2, at most the size of the smallest class where possible). */
  folds?: number;
  /** Seed of the fold assignment (default 1). */
  seed?: number;
  /** The model fitted on each training part (default logistic regression). */
  model?: FitOptions;
}

/**
 * Stratified k-fold assignment: rows of each class are shuffled and dealt to folds in turn, so
 * every fold has about the same class mix. Returns the fold of each row.
 */
export function stratifiedFolds(labels: readonly number[], folds: number, seed = 1): Int32Array {
  const random = createRandom(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((y, i) => {
    const list = byClass.get(y) ?? [];
    list.push(i);
    byClass.set(y, list);
  });
  const fold = new Int32Array(labels.length);
  let next = 0;
  for (const y of [...byClass.keys()].sort((a, b) => a - b)) {
    for (const i of random.shuffle(byClass.get(y)!)) {
      fold[i] = next;
      next = (next + 1) % folds;
    }
  }
  return fold;
}

/**
 * Out-of-fold predicted probabilities: each row's probabilities come from a model that did not
 * see it (what confident learning needs). Rows × classes.
 */
export function outOfFoldProba(rows: readonly Vector[], labels: readonly number[], options: CrossValidationOptions = {}): number[][] {
  const { k } = checkTrainingData(rows, labels, options.model?.classes);
  const folds = Math.max(2, Math.min(options.folds ?? 5, rows.length));
  const fold = stratifiedFolds(labels, folds, options.seed ?? 1);
  const out: number[][] = new Array(rows.length);
  for (let f = 0; f < folds; f++) {
    const trainRows: Vector[] = [];
    const trainLabels: number[] = [];
    const held: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (fold[i] === f) held.push(i);
      else {
        trainRows.push(rows[i]!);
        trainLabels.push(labels[i]!);
      }
    }
    if (held.length === 0) continue;
    const model = fit(trainRows, trainLabels, { ...options.model, classes: k } as FitOptions);
    for (const i of held) out[i] = Array.from(model.predictRow(rows[i]!));
  }
  return out;
}
