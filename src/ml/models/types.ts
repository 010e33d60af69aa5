import type { Vector } from './linalg.js';

export type ModelKind = 'logistic' | 'knn' | 'tree';

/**
 * A fitted classifier over numeric feature rows. Classes are the integers 0..classes-1 (see
 * `encodeLabels` to map string labels); probabilities of one row sum to 1.
 */
export interface Classifier {
  readonly kind: ModelKind;
  /** Number of classes K. */
  readonly classes: number;
  /** Number of features d every row must have. */
  readonly features: number;
  /** Class probabilities, one row of K per input row. */
  predictProba(rows: readonly Vector[]): number[][];
  /** Class probabilities of one row, written into `out` (length K) when given: the streaming path. */
  predictRow(row: Vector, out?: Float64Array): Float64Array;
  /** Most probable class of each row (ties go to the lower class). */
  predict(rows: readonly Vector[]): number[];
}

/** Checks the training data once, so every model fails the same clear way on bad input. */
export function checkTrainingData(rows: readonly Vector[], labels: readonly number[], classes?: number): { d: number; k: number } {
  if (rows.length === 0) throw new RangeError('no training rows');
  if (labels.length !== rows.length) throw new RangeError(`${rows.length} rows but ${labels.length} labels`);
  const d = rows[0]!.length;
  let maxLabel = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.length !== d) throw new RangeError(`row ${i + 1}: ${row.length} features, expected ${d}`);
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(row[j])) throw new RangeError(`row ${i + 1}, feature ${j + 1}: not a finite number (${String(row[j])})`);
    }
    const y = labels[i]!;
    if (!Number.isInteger(y) || y < 0) throw new RangeError(`row ${i + 1}: label ${String(y)} is not a class index 0, 1, …`);
    maxLabel = Math.max(maxLabel, y);
  }
  const k = classes ?? maxLabel + 1;
  if (maxLabel >= k) throw new RangeError(`label ${maxLabel} is out of range for ${k} classes`);
  return { d, k: Math.max(k, 2) };
}

export function checkRow(row: Vector, d: number): void {
  if (row.length !== d) throw new RangeError(`a row has ${row.length} features, the model expects ${d}`);
}

/** Index of the largest value; ties go to the first. */
export function argmax(values: Vector): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Maps arbitrary labels to class indices in order of first appearance sorted naturally. */
export function encodeLabels<T extends string | number>(values: readonly T[]): { y: number[]; classes: T[] } {
  const classes = [...new Set(values)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { numeric: true }),
  );
  const index = new Map(classes.map((c, i) => [c, i]));
  return { y: values.map((v) => index.get(v)!), classes };
}
