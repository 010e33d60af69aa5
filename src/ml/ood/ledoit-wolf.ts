import type { Matrix } from './linalg.js';

// Ledoit and Wolf, "A well-conditioned estimator for large-dimensional covariance matrices"
// (Journal of Multivariate Analysis 88, 2004): shrink the sample covariance S towards μ·I, μ the
// mean variance, by the weight that minimises the expected squared Frobenius loss, estimated from
// the data. With p features and n rows (norms divided by p, as in the paper):
//   d² = ‖S − μI‖²,  b̄² = (1/n²) Σₖ ‖xₖxₖᵀ − S‖²,  b² = min(b̄², d²),  δ = b²/d²,
//   Σ̂ = δ·μ·I + (1 − δ)·S.
// Σₖ ‖xₖxₖᵀ − S‖² = Σₖ ‖xₖ‖⁴ − n‖S‖², so one pass over the rows is enough.

export interface ShrunkCovariance {
  /** Column means the rows were centred on. */
  mean: Float64Array;
  /** The shrunk covariance, p×p row-major. */
  covariance: Matrix;
  /** δ in [0, 1]: 0 keeps the sample covariance, 1 replaces it by μ·I. */
  shrinkage: number;
  /** μ, the mean of the variances. */
  mu: number;
}

export function ledoitWolf(rows: readonly ArrayLike<number>[], p: number): ShrunkCovariance {
  const n = rows.length;
  if (n === 0) throw new RangeError('no rows to estimate a covariance from');
  const mean = new Float64Array(p);
  for (const r of rows) for (let j = 0; j < p; j++) mean[j]! += r[j]!;
  for (let j = 0; j < p; j++) mean[j]! /= n;

  const s = new Float64Array(p * p);
  const x = new Float64Array(p);
  let sumNorm4 = 0;
  for (const r of rows) {
    let norm2 = 0;
    for (let j = 0; j < p; j++) {
      x[j] = r[j]! - mean[j]!;
      norm2 += x[j]! * x[j]!;
    }
    sumNorm4 += norm2 * norm2;
    for (let i = 0; i < p; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      const row = i * p;
      for (let j = 0; j <= i; j++) s[row + j]! += xi * x[j]!;
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      const v = s[i * p + j]! / n;
      s[i * p + j] = v;
      s[j * p + i] = v;
    }
  }

  let trace = 0;
  let frob2 = 0;
  for (let i = 0; i < p; i++) trace += s[i * p + i]!;
  for (let k = 0; k < p * p; k++) frob2 += s[k]! * s[k]!;
  const mu = trace / p;
  // ‖S − μI‖² = ‖S‖² − 2μ·tr(S) + μ²·p, then divided by p.
  const d2 = (frob2 - 2 * mu * trace + mu * mu * p) / p;
  const bBar2 = Math.max(0, (sumNorm4 - n * frob2) / (n * n * p));
  const b2 = Math.min(bBar2, d2);
  const shrinkage = d2 > 0 ? b2 / d2 : 1;

  const covariance = new Float64Array(p * p);
  for (let k = 0; k < p * p; k++) covariance[k] = (1 - shrinkage) * s[k]!;
  for (let i = 0; i < p; i++) covariance[i * p + i]! += shrinkage * mu;
  return { mean, covariance, shrinkage, mu };
}
