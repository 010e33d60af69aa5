import type { Vector } from './linalg.js';

/** Per-feature mean and standard deviation; a constant feature gets scale 1 so it maps to 0. */
export interface Standardizer {
  mean: Float64Array;
  scale: Float64Array;
}

export function fitStandardizer(rows: readonly Vector[], weights?: readonly number[]): Standardizer {
  const d = rows[0]!.length;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const w = weights?.[i] ?? 1;
    total += w;
    const r = rows[i]!;
    for (let j = 0; j < d; j++) mean[j] = mean[j]! + w * r[j]!;
  }
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / total;
  for (let i = 0; i < rows.length; i++) {
    const w = weights?.[i] ?? 1;
    const r = rows[i]!;
    for (let j = 0; j < d; j++) {
      const c = r[j]! - mean[j]!;
      scale[j] = scale[j]! + w * c * c;
    }
  }
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(scale[j]! / total);
    scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mean[j]!)) ? sd : 1;
  }
  return { mean, scale };
}

export function standardize(s: Standardizer, row: Vector, out = new Float64Array(row.length)): Float64Array {
  for (let j = 0; j < row.length; j++) out[j] = (row[j]! - s.mean[j]!) / s.scale[j]!;
  return out;
}
