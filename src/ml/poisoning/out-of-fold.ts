import { stratifiedFolds } from '../models/cross-validation.js';
import type { Encoded } from '../tabular/encode.js';
import type { Neighbours } from './neighbours.js';
import { fitSoftmax, predictSparseRow, toSparse, type SoftmaxModel } from './sparse-softmax.js';

export interface OutOfFoldOptions {
  folds?: number;
  seed?: number;
  /** L2 penalty of each fold's model (default 1/n of the training part). */
  l2?: number;
  maxIterations?: number;
}

/**
 * Out-of-fold predicted probabilities (rows × classes): each row's probabilities come from a
 * model fitted on the other folds, never on the row itself, as confident learning requires.
 * Folds are stratified by class; each fold's fit starts from the previous fold's solution.
 */
export function outOfFoldProbabilities(X: Float64Array, n: number, d: number, y: Int32Array, k: number, options: OutOfFoldOptions = {}): Float64Array {
  const smallest = Math.min(...classCounts(y, k).filter((c) => c > 0));
  const folds = Math.max(2, Math.min(options.folds ?? 5, smallest, n));
  const fold = stratifiedFolds(Array.from(y), folds, options.seed ?? 1);
  const out = new Float64Array(n * k);
  const row = new Float64Array(k);
  let previous: SoftmaxModel | undefined;
  for (let f = 0; f < folds; f++) {
    const train: number[] = [];
    const held: number[] = [];
    for (let i = 0; i < n; i++) (fold[i] === f ? held : train).push(i);
    if (held.length === 0) continue;
    const trainRows = toSparse(X, n, d, train);
    const trainY = Int32Array.from(train, (i) => y[i]!);
    const model = fitSoftmax(trainRows, trainY, k, {
      ...(options.l2 !== undefined ? { l2: options.l2 } : {}),
      ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
      ...(previous ? { start: previous.theta } : {}),
    });
    previous = model;
    const heldRows = toSparse(X, n, d, held);
    held.forEach((i, r) => out.set(predictSparseRow(model, heldRows, r, row), i * k));
  }
  return out;
}

export function classCounts(y: ArrayLike<number>, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
  return counts;
}

export interface BlendOptions {
  seed?: number;
  /** Weight of the model against the neighbour votes (default 0.7). */
  modelWeight?: number;
  /** L2 penalty of the model (default 0.03: strong, because the labels are not to be trusted). */
  l2?: number;
}

/**
 * Out-of-fold logistic-regression probabilities blended with leave-one-out neighbour votes: the
 * model sees the global shape of the classes, the neighbours the local one; together they rank
 * flipped labels better than either (the weights and penalty were chosen with
 * bench/poisoning.js on breast cancer, wine and banknote).
 */
export function blendedProbabilities(e: Encoded, nb: Neighbours, options: BlendOptions = {}): Float64Array {
  const k = e.classes.length;
  const weight = options.modelWeight ?? 0.7;
  const model = outOfFoldProbabilities(e.X, e.n, e.d, e.y, k, { l2: options.l2 ?? 0.03, seed: options.seed ?? 1 });
  const out = new Float64Array(e.n * k);
  const smoothing = 0.5;
  const votes = new Float64Array(k);
  for (let r = 0; r < e.n; r++) {
    votes.fill(0);
    for (let j = 0; j < nb.k; j++) votes[e.y[nb.index[r * nb.k + j]!]!] += 1;
    for (let c = 0; c < k; c++) {
      const vote = (votes[c]! + smoothing) / (nb.k + smoothing * k);
      out[r * k + c] = weight * model[r * k + c]! + (1 - weight) * vote;
    }
  }
  return out;
}
