import { symmetricEigen } from '../models/linalg.js';
import type { FeatureEncoder } from './encoding.js';

/**
 * The geometry the detectors measure in, fitted on the encoded baseline: numeric features as
 * z-scores, one-hot indicators scaled by 1/√2 (so changing a category moves a row by exactly 1),
 * and the principal components of that space with the range of each seen in the baseline.
 */
export interface FeatureSpace {
  readonly width: number;
  readonly center: Float64Array;
  readonly scale: Float64Array;
  /** Principal axes (unit vectors in z space), largest variance first; degenerate axes dropped. */
  readonly axes: Float64Array[];
  /** Standard deviation of the baseline along each axis. */
  readonly axisSd: Float64Array;
  /** Baseline range of each standardized feature and of each axis score. */
  readonly zMin: Float64Array;
  readonly zMax: Float64Array;
  readonly scoreMin: Float64Array;
  readonly scoreMax: Float64Array;
  standardize(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  project(z: Float64Array, out?: Float64Array): Float64Array;
}

/** Axes whose variance is below this share of the largest are numerical noise (one-hot sums). */
const DEGENERATE_AXIS = 1e-9;

export function fitFeatureSpace(encoder: FeatureEncoder, rows: readonly Float64Array[]): FeatureSpace {
  if (rows.length < 2) throw new RangeError('the baseline needs at least 2 rows');
  const d = encoder.width;
  const center = new Float64Array(d);
  const scale = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) center[j] = center[j]! + r[j]!;
  for (let j = 0; j < d; j++) center[j] = center[j]! / rows.length;
  for (let j = 0; j < d; j++) {
    if (encoder.oneHot[j]) {
      scale[j] = Math.SQRT2;
      continue;
    }
    let s = 0;
    for (const r of rows) s += (r[j]! - center[j]!) ** 2;
    const sd = Math.sqrt(s / (rows.length - 1));
    scale[j] = sd > 1e-12 * Math.max(1, Math.abs(center[j]!)) ? sd : 1;
  }
  const standardize = (x: ArrayLike<number>, out = new Float64Array(d)): Float64Array => {
    for (let j = 0; j < d; j++) out[j] = (x[j]! - center[j]!) / scale[j]!;
    return out;
  };
  const zs = rows.map((r) => standardize(r));
  const covariance = Array.from({ length: d }, () => new Float64Array(d));
  for (const z of zs) {
    for (let i = 0; i < d; i++) {
      const zi = z[i]!;
      if (zi === 0) continue;
      const row = covariance[i]!;
      for (let j = i; j < d; j++) row[j] = row[j]! + zi * z[j]!;
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v = covariance[i]![j]! / (rows.length - 1);
      covariance[i]![j] = v;
      covariance[j]![i] = v;
    }
  }
  const { values, vectors } = symmetricEigen(covariance);
  const keep = values.findIndex((v) => !(v > DEGENERATE_AXIS * Math.max(values[0]!, 1e-300)));
  const count = keep < 0 ? values.length : Math.max(1, keep);
  const axes = vectors.slice(0, count);
  const axisSd = Float64Array.from(values.subarray(0, count), (v) => Math.sqrt(Math.max(v, 0)));
  // One flat row-major copy of the axes: the projection runs once per query, on every query.
  const flat = new Float64Array(count * d);
  axes.forEach((axis, c) => flat.set(axis, c * d));
  const project = (z: Float64Array, out = new Float64Array(count)): Float64Array => {
    for (let c = 0, base = 0; c < count; c++, base += d) {
      let s = 0;
      for (let j = 0; j < d; j++) s += flat[base + j]! * z[j]!;
      out[c] = s;
    }
    return out;
  };
  const zMin = new Float64Array(d).fill(Infinity);
  const zMax = new Float64Array(d).fill(-Infinity);
  const scoreMin = new Float64Array(count).fill(Infinity);
  const scoreMax = new Float64Array(count).fill(-Infinity);
  const score = new Float64Array(count);
  for (const z of zs) {
    for (let j = 0; j < d; j++) {
      if (z[j]! < zMin[j]!) zMin[j] = z[j]!;
      if (z[j]! > zMax[j]!) zMax[j] = z[j]!;
    }
    project(z, score);
    for (let c = 0; c < count; c++) {
      if (score[c]! < scoreMin[c]!) scoreMin[c] = score[c]!;
      if (score[c]! > scoreMax[c]!) scoreMax[c] = score[c]!;
    }
  }
  return { width: d, center, scale, axes, axisSd, zMin, zMax, scoreMin, scoreMax, standardize, project };
}
