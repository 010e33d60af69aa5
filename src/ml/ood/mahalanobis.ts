import { ledoitWolf } from './ledoit-wolf.js';
import { cholesky, solveLower, solveUpperTransposed, type Matrix } from './linalg.js';

/**
 * Mahalanobis distance to the baseline, D(x) = √((x−μ)ᵀ Σ̂⁻¹ (x−μ)), with Σ̂ the Ledoit–Wolf
 * shrunk covariance (well conditioned even with more features than rows, or collinear one-hot
 * columns). D² splits exactly into per-dimension terms (x−μ)ᵢ·(Σ̂⁻¹(x−μ))ᵢ, which say which
 * features make a record far.
 */
export class MahalanobisModel {
  private readonly chol: Matrix;

  private constructor(
    readonly p: number,
    readonly mean: Float64Array,
    cov: Matrix,
    readonly shrinkage: number,
  ) {
    this.chol = cholesky(cov, p);
  }

  static fit(rows: readonly Float64Array[], p: number): MahalanobisModel {
    const est = ledoitWolf(rows, p);
    // A ridge far below any real variance, so a degenerate baseline still factorises.
    const ridge = 1e-9 * Math.max(est.mu, 1e-12);
    for (let i = 0; i < p; i++) est.covariance[i * p + i]! += ridge;
    return new MahalanobisModel(p, est.mean, est.covariance, est.shrinkage);
  }

  /** D and the per-dimension terms of D² (they sum to D²; a term may be negative). */
  score(z: ArrayLike<number>): { distance: number; terms: Float64Array } {
    const d = new Float64Array(this.p);
    for (let i = 0; i < this.p; i++) d[i] = z[i]! - this.mean[i]!;
    const y = solveLower(this.chol, this.p, d);
    let d2 = 0;
    for (let i = 0; i < this.p; i++) d2 += y[i]! * y[i]!;
    const w = solveUpperTransposed(this.chol, this.p, y);
    const terms = new Float64Array(this.p);
    for (let i = 0; i < this.p; i++) terms[i] = d[i]! * w[i]!;
    return { distance: Math.sqrt(Math.max(0, d2)), terms };
  }
}
