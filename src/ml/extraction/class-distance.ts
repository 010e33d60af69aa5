import { ledoitWolf } from '../ood/ledoit-wolf.js';
import { cholesky, solveLower } from '../ood/linalg.js';
import { fUpperTail } from '../stats/distributions.js';

/**
 * Distance of a query to the nearest class of the baseline, in the Mahalanobis metric of the
 * pooled within-class covariance (Lee, Lee, Lee & Shin 2018, "A Simple Unified Framework for
 * Detecting Out-of-Distribution Samples and Adversarial Attacks": class-conditional Gaussians
 * with a tied covariance, scored by the closest class). Real rows sit near one class's centre
 * along the directions that class varies in; a synthetic probe drawn uniformly from the feature
 * ranges lands between and beside the classes, along directions no class varies in — far in this
 * metric even when every coordinate is inside the range. The covariance is shrunk (Ledoit–Wolf),
 * so one-hot groups and constant columns do not make it singular.
 *
 * With L·Lᵀ = Σ, the squared distance to class c is ‖L⁻¹z − L⁻¹μ_c‖², so a query costs one
 * forward substitution and one short pass per class.
 */
export interface ClassDistance {
  readonly width: number;
  /** Lower Cholesky factor of the shrunk pooled covariance, row-major. */
  readonly lower: Float64Array;
  /** L⁻¹μ_c for each class that has rows. */
  readonly centres: Float64Array[];
  /** Rows of each class, in the order of `centres`. */
  readonly counts: number[];
  /** Degrees of freedom of the pooled covariance: rows − classes. */
  readonly dof: number;
}

export function fitClassDistance(rows: readonly Float64Array[], classes: readonly number[], width: number): ClassDistance {
  if (rows.length === 0) throw new RangeError('no rows to fit class distances on');
  const sums = new Map<number, { sum: Float64Array; n: number }>();
  rows.forEach((z, i) => {
    const c = classes[i] ?? 0;
    let s = sums.get(c);
    if (!s) sums.set(c, (s = { sum: new Float64Array(width), n: 0 }));
    for (let j = 0; j < width; j++) s.sum[j]! += z[j]!;
    s.n++;
  });
  const means = new Map([...sums].map(([c, s]) => [c, s.sum.map((v) => v / s.n)]));
  const centred = rows.map((z, i) => {
    const m = means.get(classes[i] ?? 0)!;
    return z.map((v, j) => v - m[j]!);
  });
  const { covariance, mu } = ledoitWolf(centred, width);
  const dof = rows.length - sums.size;
  // Ledoit–Wolf divides by the rows; the pooled estimate is unbiased divided by rows − classes.
  const unbias = dof > 0 ? rows.length / dof : 1;
  for (let k = 0; k < covariance.length; k++) covariance[k] = covariance[k]! * unbias;
  // A baseline with no within-class variation at all (every row a copy of its class centre).
  if (!(mu > 0)) for (let j = 0; j < width; j++) covariance[j * width + j] = 1;
  const lower = cholesky(covariance, width);
  const centres = [...means.values()].map((m) => solveLower(lower, width, m));
  return { width, lower, centres, counts: [...sums.values()].map((s) => s.n), dof };
}

/** A query's nearest class: its index in `centres` and the squared distance. */
export interface Nearest {
  index: number;
  d2: number;
}

/** Fills `out` with the nearest class centre; `scratch` holds L⁻¹z. */
export function nearestClass(model: ClassDistance, z: ArrayLike<number>, out: Nearest, scratch: Float64Array = new Float64Array(model.width)): Nearest {
  const y = solveLower(model.lower, model.width, z, scratch);
  out.index = -1;
  out.d2 = Infinity;
  model.centres.forEach((centre, c) => {
    let d2 = 0;
    for (let j = 0; j < y.length; j++) {
      const t = y[j]! - centre[j]!;
      d2 += t * t;
    }
    if (d2 < out.d2) {
      out.d2 = d2;
      out.index = c;
    }
  });
  return out;
}

/** Distance (not squared) to the nearest class centre. */
export function classDistance(model: ClassDistance, z: ArrayLike<number>, scratch?: Float64Array): number {
  return Math.sqrt(nearestClass(model, z, { index: -1, d2: Infinity }, scratch).d2);
}

/**
 * How improbable the distance is for a row of the class it is nearest to, were the classes
 * Gaussian with a common covariance: a new row's T² = D²/(1 + 1/n_c) against the pooled estimate
 * with ν degrees of freedom follows Hotelling's T²(d, ν), and T²·(ν − d + 1)/(ν·d) ~ F(d, ν − d + 1).
 * The row's own class is at least as far as the nearest, so the p-value is conservative for it.
 *
 * With `tail` (degrees of freedom τ > 2), the classes are taken as multivariate t instead, a
 * heavier-tailed shape of the same covariance: a row's distance in the t's scale metric is
 * D²·τ/(τ − 2), and that over d follows F(d, τ). The two sources of spread in the denominator
 * (the t's own mixing, the estimated covariance) add their variances, 2/τ + 2/(ν − d + 1), so the
 * reference is F with 1/(1/τ + 1/(ν − d + 1)) denominator degrees of freedom (Satterthwaite); τ = ∞
 * is Hotelling's case. Undefined when ν is too small for the reference distribution.
 */
export function distancePValue(model: ClassDistance, nearest: Nearest, tail = Infinity): number | undefined {
  const d = model.width;
  const nu = model.dof;
  const h = nu - d + 1;
  if (!(h >= 1) || nearest.index < 0) return undefined;
  const t2 = nearest.d2 / (1 + 1 / model.counts[nearest.index]!);
  const scale = Number.isFinite(tail) ? tail / (tail - 2) : 1;
  return fUpperTail((t2 * h * scale) / (nu * d), d, 1 / (1 / tail + 1 / h));
}

/**
 * Each row's distance under a model fitted without its fold: k-fold cross-fitting, so the rows
 * that fit the tails are scored as new rows are, not by a model that has seen them.
 */
export function crossFittedDistances(rows: readonly Float64Array[], classes: readonly number[], width: number, folds = 5): Float64Array {
  const out = new Float64Array(rows.length);
  const k = Math.min(folds, rows.length);
  if (k < 2) return out;
  const scratch = new Float64Array(width);
  for (let f = 0; f < k; f++) {
    const train = rows.filter((_, i) => i % k !== f);
    const model = fitClassDistance(train, classes.filter((_, i) => i % k !== f), width);
    for (let i = f; i < rows.length; i += k) out[i] = classDistance(model, rows[i]!, scratch);
  }
  return out;
}
