import type { SignalVerdict } from './types.js';
/**
 * Sequential binomial test for "this caller hits a signal far more often than benign callers":
 * each query is a hit or not; benign callers hit with probability `rate` (calibrated on benign
 * traffic). After a hit, with k hits in n queries, the caller is flagged when
 * P(X ≥ k | X ~ Binomial(n, rate)) < alpha and k ≥ minHits. Two counters per caller and signal.
 */
export interface CountTestConfig {
  /** Benign per-query hit probability. */
  rate: number;
  /** Tail probability below which the caller is flagged. */
  alpha: number;
  /** Fewest hits that can flag a caller. */
  minHits: number;
}

export class CountTest {
  n = 0;
  k = 0;
  constructor(private readonly config: CountTestConfig) {}

  /** Records one query; returns the tail probability when this query makes the caller flagged. */
  record(hit: boolean): number | undefined {
    this.n++;
    if (!hit) return undefined;
    this.k++;
    const { rate, alpha, minHits } = this.config;
    if (this.k < minHits) return undefined;
    // Cheap pre-check: at or below mean + 2 sd the tail is far above any useful alpha.
    const mean = this.n * rate;
    if (this.k <= mean + 2 * Math.sqrt(mean * (1 - rate))) return undefined;
    const tail = binomialUpperTail(this.k, this.n, rate);
    return tail < alpha ? tail : undefined;
  }
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space from k upward until terms vanish. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // log C(n, k) + k log p + (n − k) log(1 − p)
  let logTerm = k * Math.log(p) + (n - k) * Math.log1p(-p);
  for (let i = 1; i <= k; i++) logTerm += Math.log((n - k + i) / i);
  const ratio = p / (1 - p);
  let term = Math.exp(logTerm);
  let sum = term;
  for (let j = k; j < n; j++) {
    term *= ((n - j) / (j + 1)) * ratio;
    sum += term;
    if (term < sum * 1e-16) break;
  }
  return Math.min(1, sum);
}

/** A benign rate for people: 0.35%, 2.1%. */
export function formatRate(v: number): string {
  return `${(100 * v).toFixed(v < 0.01 ? 2 : 1)}%`;
}

/**
 * Records whether a query shows a per-caller pattern, and the verdict when the count test fires:
 * `${k} of ${n} queries ${what}` with the benign rate and binomial tail.
 */
export function patternVerdict(test: CountTest, rate: number, hit: boolean, what: string): SignalVerdict | undefined {
  const tail = test.record(hit);
  if (tail === undefined) return undefined;
  const { n, k } = test;
  return { value: k / n, threshold: rate, detail: `${k} of ${n} queries ${what}; benign rate ${formatRate(rate)}, binomial tail ${tail.toExponential(1)}` };
}
