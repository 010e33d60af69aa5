// The tests used to compare a dataset with its approved version: the two-sample
// Kolmogorov–Smirnov test for numeric columns, Pearson's chi-square test of homogeneity for
// categorical columns and the label, and the population stability index (PSI) as an effect size
// that, unlike a p-value, does not grow with the number of rows.

import { chiSquareUpperTail, gammaQ, logGamma } from '../stats/distributions.js';

/** Two-sample KS: the largest gap between the empirical distribution functions, and its p-value. */
export function kolmogorovSmirnov(a: Float64Array, b: Float64Array): { statistic: number; pValue: number } {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return { statistic: 0, pValue: 1 };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const en = Math.sqrt((n * m) / (n + m));
  return { statistic: d, pValue: kolmogorovTail((en + 0.12 + 0.11 / en) * d) };
}

/** P(K > λ) for the Kolmogorov distribution: 2 Σ (−1)^(j−1) exp(−2 j² λ²). */
export function kolmogorovTail(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  let sign = 1;
  for (let j = 1; j <= 100; j++) {
    const term = sign * Math.exp(-2 * j * j * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12 * Math.abs(sum)) break;
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Chi-square test of homogeneity of two count vectors over the same categories. Categories empty
 * in both are dropped; returns the statistic, degrees of freedom and p-value.
 */
export function chiSquareHomogeneity(a: readonly number[], b: readonly number[]): { statistic: number; df: number; pValue: number } {
  const na = a.reduce((s, v) => s + v, 0);
  const nb = b.reduce((s, v) => s + v, 0);
  const total = na + nb;
  if (na === 0 || nb === 0) return { statistic: 0, df: 0, pValue: 1 };
  let statistic = 0;
  let categories = 0;
  for (let c = 0; c < a.length; c++) {
    const col = a[c]! + b[c]!;
    if (col === 0) continue;
    categories++;
    const ea = (col * na) / total;
    const eb = (col * nb) / total;
    statistic += (a[c]! - ea) ** 2 / ea + (b[c]! - eb) ** 2 / eb;
  }
  const df = categories - 1;
  return { statistic, df, pValue: df > 0 ? chiSquareTail(statistic, df) : 1 };
}

/** Chi-square goodness of fit of observed counts to expected proportions. */
export function chiSquareGoodnessOfFit(observed: readonly number[], expected: readonly number[]): { statistic: number; df: number; pValue: number } {
  const n = observed.reduce((s, v) => s + v, 0);
  let statistic = 0;
  let categories = 0;
  for (let c = 0; c < observed.length; c++) {
    const e = expected[c]! * n;
    if (e <= 0) continue;
    categories++;
    statistic += (observed[c]! - e) ** 2 / e;
  }
  const df = categories - 1;
  return { statistic, df, pValue: df > 0 ? chiSquareTail(statistic, df) : 1 };
}

/** Population stability index Σ (p − q) ln(p / q), empty bins floored at a small share. */
export function populationStabilityIndex(current: readonly number[], reference: readonly number[]): number {
  const floor = 1e-4;
  const nc = current.reduce((s, v) => s + v, 0) || 1;
  const nr = reference.reduce((s, v) => s + v, 0) || 1;
  let psi = 0;
  for (let c = 0; c < current.length; c++) {
    const p = Math.max(current[c]! / nc, floor);
    const q = Math.max(reference[c]! / nr, floor);
    psi += (p - q) * Math.log(p / q);
  }
  return psi;
}

/** P(X > x) for a chi-square variable with df degrees of freedom. */
export const chiSquareTail = chiSquareUpperTail;
/** Q(a, x) = Γ(a, x) / Γ(a). */
export const upperGammaRegularized = gammaQ;
export { logGamma };
