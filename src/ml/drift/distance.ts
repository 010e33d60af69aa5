import type { ComparisonMethod } from '../stats/model-monitor.js';

// Model Monitor's baseline drift distance is the L-infinity distance between the baseline's and
// the current distribution: for numbers, the largest gap between the two cumulative distribution
// functions (the two-sample Kolmogorov–Smirnov statistic, read from the KLL sketches); for
// categories, the largest gap between the two probabilities of one value. "Simple" reports it as
// is. "Robust" is meant for small samples: it subtracts the gap that two samples of those sizes
// from one distribution would show anyway, the two-sample Kolmogorov–Smirnov critical value
// c(α)·√((n+m)/(n·m)) with c(α) = √(−ln(α/2)/2), and never goes below 0.

/** Significance of the Robust correction: c(0.003) ≈ 1.80. */
export const ROBUST_ALPHA = 0.003;

export function ksCriticalCoefficient(alpha: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2);
}

export interface Distance {
  /** L∞ distance as measured. */
  simple: number;
  /** The distance after the small-sample correction. */
  robust: number;
  /** The one the method asked for. */
  value: number;
  baselineCount: number;
  currentCount: number;
}

function withMethod(simple: number, n: number, m: number, method: ComparisonMethod, alpha: number): Distance {
  const robust = n > 0 && m > 0 ? Math.max(0, simple - ksCriticalCoefficient(alpha) * Math.sqrt((n + m) / (n * m))) : 0;
  return { simple, robust, value: method === 'Robust' ? robust : simple, baselineCount: n, currentCount: m };
}

/** Values with weights, sorted by value (a KLL sketch's items, or bucket midpoints). */
export interface WeightedSample {
  items: readonly (readonly [number, number])[];
  count: number;
}

/** sup |F_baseline(x) − F_current(x)| over every item of either sample (exact for step CDFs). */
export function numericDistance(baseline: WeightedSample, current: WeightedSample, method: ComparisonMethod, alpha = ROBUST_ALPHA): Distance {
  const a = baseline.items;
  const b = current.items;
  const n = baseline.count;
  const m = current.count;
  if (n === 0 || m === 0) return withMethod(0, n, m, method, alpha);
  let i = 0;
  let j = 0;
  let fa = 0;
  let fb = 0;
  let sup = 0;
  while (i < a.length || j < b.length) {
    const x = Math.min(i < a.length ? a[i]![0] : Infinity, j < b.length ? b[j]![0] : Infinity);
    while (i < a.length && a[i]![0] === x) fa += a[i++]![1];
    while (j < b.length && b[j]![0] === x) fb += b[j++]![1];
    sup = Math.max(sup, Math.abs(fa / n - fb / m));
  }
  return withMethod(sup, n, m, method, alpha);
}

/** max over values |p_baseline(v) − p_current(v)|. */
export function categoricalDistance(baseline: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>, method: ComparisonMethod, alpha = ROBUST_ALPHA): Distance {
  let n = 0;
  let m = 0;
  for (const c of baseline.values()) n += c;
  for (const c of current.values()) m += c;
  if (n === 0 || m === 0) return withMethod(0, n, m, method, alpha);
  let sup = 0;
  for (const k of new Set([...baseline.keys(), ...current.keys()])) {
    sup = Math.max(sup, Math.abs((baseline.get(k) ?? 0) / n - (current.get(k) ?? 0) / m));
  }
  return withMethod(sup, n, m, method, alpha);
}
