// The tests used to compare a dataset with its approved version: the two-sample
// Kolmogorov–Smirnov test for numeric columns, Pearson's chi-square test of homogeneity for
// categorical columns and the label, and the population stability index (PSI) as an effect size
// that, unlike a p-value, does not grow with the number of rows.

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

/** P(X > x) for a chi-square variable with df degrees of freedom: Q(df/2, x/2). */
export function chiSquareTail(x: number, df: number): number {
  if (x <= 0) return 1;
  return upperGammaRegularized(df / 2, x / 2);
}

/** Q(a, x) = Γ(a, x) / Γ(a): a series below a + 1, a continued fraction above (Lentz). */
export function upperGammaRegularized(a: number, x: number): number {
  if (x < a + 1) return 1 - lowerSeries(a, x);
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

function lowerSeries(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < 1000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
  }
  return Math.min(1, sum * Math.exp(-x + a * Math.log(x) - logGamma(a)));
}

/** ln Γ(x), Lanczos approximation (g = 7, 9 terms). */
export function logGamma(x: number): number {
  const g = 7;
  const coef = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = coef[0]!;
  for (let i = 1; i < g + 2; i++) s += coef[i]! / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}
