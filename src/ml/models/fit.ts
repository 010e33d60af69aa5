import { fitKnn, type KnnOptions } from './knn.js';
import type { Vector } from './linalg.js';
import { fitLogistic, type LogisticOptions } from './logistic.js';
import { fitTree, type TreeOptions } from './tree.js';
import type { Classifier, ModelKind } from './types.js';

/** Which model to fit, with its options; the default is multinomial logistic regression. */
export type FitOptions =
  | ({ model?: 'logistic' } & LogisticOptions)
  | ({ model: 'knn' } & KnnOptions)
  | ({ model: 'tree' } & TreeOptions);

const FITTERS: { [K in ModelKind]: (rows: readonly Vector[], labels: readonly number[], options: never) => Classifier } = {
  logistic: fitLogistic,
  knn: fitKnn,
  tree: fitTree,
};

/**
 * Fits a classifier to numeric rows and class indices 0..K-1. Throws a RangeError naming the row
 * and feature on bad input (ragged rows, non-finite values, labels that are not class indices).
 */
export function fit(rows: readonly Vector[], labels: readonly number[], options: FitOptions = {}): Classifier {
  const kind = options.model ?? 'logistic';
  const fitter = FITTERS[kind] as (rows: readonly Vector[], labels: readonly number[], options: FitOptions) => Classifier;
  if (!fitter) throw new RangeError(`unknown model "${String(kind)}"; expected one of: ${Object.keys(FITTERS).join(', ')}`);
  return fitter(rows, labels, options);
}
