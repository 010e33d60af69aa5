import { CountTest, formatRate, type CountTestConfig } from '../count-test.js';
import type { FeatureSpace } from '../feature-space.js';
import type { CallerDetector, Query, QueryView, SignalVerdict } from '../types.js';

/**
 * Share of a caller's inputs outside the training range. A query's exceedance is how far its
 * furthest coordinate lies beyond the baseline's range, in units of that range — over every
 * standardized feature and every principal-component score (infinite when it carries a value
 * the baseline never had, such as a new category). Per-feature ranges catch gross values;
 * principal axes catch combinations no real row has (uniform probes in the bounding box of
 * correlated features), which is what synthetic extraction queries look like.
 *
 * The test runs at several severity levels (margins): a query is a hit at every level its
 * exceedance passes, each level has its own benign rate, and a caller is flagged when any
 * level's count test fires — so a few far-out queries weigh as much as many marginal ones.
 */
export interface OutOfRangeLevel {
  margin: number;
  test: CountTestConfig;
}

export interface OutOfRangeConfig {
  levels: OutOfRangeLevel[];
  /**
   * A query is also a hit when its tail p-value is at most `pValue`; its count test's rate is
   * that p-value (the model's own false-alarm rate), or the held-out benign share if the model
   * failed its check there. With `oneQueryAlpha` (only set when the model passed that check), a
   * single query alone flags the caller when its p-value times the caller's query count so far is
   * below it: Bonferroni over the caller's queries, so a benign caller of N queries is flagged this
   * way with probability at most oneQueryAlpha·(1 + ln N) under the model. Absent: off.
   */
  tail?: { model: TailModel; pValue: number; test: CountTestConfig; oneQueryAlpha?: number };
}

/** Furthest excursion beyond the baseline range, in range units (0 inside). */
export function exceedance(space: FeatureSpace, view: QueryView, unseen: number): number {
  if (unseen > 0) return Infinity;
  let e = 0;
  const { z, scores } = view;
  for (let j = 0; j < z.length; j++) {
    const lo = space.zMin[j]!;
    const hi = space.zMax[j]!;
    const v = z[j]!;
    if (v < lo) e = Math.max(e, (lo - v) / Math.max(hi - lo, 1e-12));
    else if (v > hi) e = Math.max(e, (v - hi) / Math.max(hi - lo, 1e-12));
  }
  for (let c = 0; c < scores.length; c++) {
    const lo = space.scoreMin[c]!;
    const hi = space.scoreMax[c]!;
    const v = scores[c]!;
    if (v < lo) e = Math.max(e, (lo - v) / Math.max(hi - lo, 1e-12));
    else if (v > hi) e = Math.max(e, (v - hi) / Math.max(hi - lo, 1e-12));
  }
  return e;
}

/**
 * Each baseline row's exceedance had the range been computed without it: non-zero only for the
 * sole extreme of some coordinate, measured from the runner-up. Lets the baseline itself estimate
 * how often new benign rows leave the range (the principal axes are kept as fitted, a small
 * optimism).
 */
export function leaveOneOutExceedance(coordinates: readonly (readonly Float64Array[])[]): Float64Array {
  const rows = coordinates[0]?.length ?? 0;
  const e = new Float64Array(rows);
  if (rows < 3) return e;
  for (const table of coordinates) {
    const width = table[0]!.length;
    for (let c = 0; c < width; c++) {
      let min1 = Infinity;
      let min2 = Infinity;
      let max1 = -Infinity;
      let max2 = -Infinity;
      let minAt = -1;
      let maxAt = -1;
      for (let i = 0; i < rows; i++) {
        const v = table[i]![c]!;
        if (v < min1) {
          min2 = min1;
          min1 = v;
          minAt = i;
        } else if (v < min2) min2 = v;
        if (v > max1) {
          max2 = max1;
          max1 = v;
          maxAt = i;
        } else if (v > max2) max2 = v;
      }
      const below = (min2 - min1) / Math.max(max1 - min2, 1e-12);
      const above = (max1 - max2) / Math.max(max2 - min1, 1e-12);
      if (below > e[minAt]!) e[minAt] = below;
      if (above > e[maxAt]!) e[maxAt] = above;
    }
  }
  return e;
}

/**
 * How far into its own tail a query's most extreme coordinate lies, as a probability. For a
 * coordinate with a light tail (the Gumbel domain: normal, gamma, anything bounded), a new row
 * passes the largest of n baseline rows with probability 1/(n + 1), and by more than t with about
 * exp(−t / a)/(n + 1), where a, the tail's scale, is the mean of the normalized top spacings
 * i·(X₍ᵢ₎ − X₍ᵢ₊₁₎), i = 1…k — independent exponentials of mean a in that limit. a is taken at a
 * one-sided 95% upper bound (few spacings, a slower-falling tail); a tail ending in ties (a capped
 * feature) has a = 0 and is never passed. A query's p-value is that probability for its most
 * extreme coordinate times the number of tails (both sides of every standardized feature and
 * principal score): a union bound, so benign rows fall below p with probability at most p.
 * Unlike the range margins, each coordinate is judged on its own tail's scale, so a probe far out
 * on a tightly concentrated axis counts as the rarity it is.
 */
export interface TailModel {
  /** Baseline rows the tails were fitted on. */
  rows: number;
  /** Per coordinate (standardized features, then principal scores): extremes and tail scales. */
  min: number[];
  max: number[];
  scaleBelow: number[];
  scaleAbove: number[];
}

export function fitTails(coordinates: readonly (readonly Float64Array[])[]): TailModel {
  const rows = coordinates[0]?.length ?? 0;
  const model: TailModel = { rows, min: [], max: [], scaleBelow: [], scaleAbove: [] };
  if (rows < 3) return model;
  const k = Math.max(2, Math.min(20, Math.floor(rows / 10)));
  // Upper 95% bound of a from the mean of k exponentials (normal approximation, capped at 4×).
  const upper = 1 / Math.max(0.25, 1 - 1.645 / Math.sqrt(k));
  const column = new Float64Array(rows);
  for (const table of coordinates) {
    const width = table[0]!.length;
    for (let c = 0; c < width; c++) {
      for (let i = 0; i < rows; i++) column[i] = table[i]![c]!;
      column.sort();
      let above = 0;
      let below = 0;
      for (let i = 1; i <= k; i++) {
        above += i * (column[rows - i]! - column[rows - i - 1]!);
        below += i * (column[i]! - column[i - 1]!);
      }
      model.min.push(column[0]!);
      model.max.push(column[rows - 1]!);
      model.scaleBelow.push((upper * below) / k);
      model.scaleAbove.push((upper * above) / k);
    }
  }
  return model;
}

/** The union-bound p-value of a query under the tail model (1 when no coordinate leaves the range). */
export function tailPValue(model: TailModel, view: QueryView, unseen: number): number {
  if (unseen > 0) return 0;
  const { z, scores } = view;
  let excess = 0;
  const width = z.length;
  for (let c = 0; c < model.min.length; c++) {
    const v = c < width ? z[c]! : scores[c - width]!;
    if (v > model.max[c]!) excess = Math.max(excess, model.scaleAbove[c]! > 0 ? (v - model.max[c]!) / model.scaleAbove[c]! : Infinity);
    else if (v < model.min[c]!) excess = Math.max(excess, model.scaleBelow[c]! > 0 ? (model.min[c]! - v) / model.scaleBelow[c]! : Infinity);
  }
  return excess > 0 ? Math.min(1, (2 * model.min.length * Math.exp(-excess)) / (model.rows + 1)) : 1;
}

export class OutOfRangeDetector implements CallerDetector {
  private readonly tests: CountTest[];
  private readonly tailTest: CountTest | undefined;
  constructor(
    private readonly config: OutOfRangeConfig,
    private readonly space: FeatureSpace,
  ) {
    this.tests = config.levels.map((l) => new CountTest(l.test));
    this.tailTest = config.tail && new CountTest(config.tail.test);
  }

  observe(query: Query, view: QueryView, queries = 1): SignalVerdict | undefined {
    const e = exceedance(this.space, view, query.unseen ?? 0);
    let verdict: SignalVerdict | undefined;
    const tail = this.config.tail;
    if (tail && e > 0) {
      const test = this.tailTest!;
      const p = tailPValue(tail.model, view, query.unseen ?? 0);
      const tailP = test.record(p <= tail.pValue);
      if (tail.oneQueryAlpha !== undefined && p * queries < tail.oneQueryAlpha) {
        verdict = {
          value: p,
          threshold: tail.oneQueryAlpha / queries,
          detail: `query ${queries} lies further into the training data's tails than a benign row goes once in ${p > 0 ? Math.round(1 / p).toExponential(1) : 'never'} (p ${p.toExponential(1)}; below ${tail.oneQueryAlpha.toExponential(0)} over the caller's ${queries} queries)`,
        };
      } else if (tailP !== undefined) {
        verdict = {
          value: test.k / test.n,
          threshold: tail.test.rate,
          detail: `${test.k} of ${test.n} queries further into the training data's tails than a benign row goes once in ${Math.round(1 / tail.pValue)} (this one: p ${p.toExponential(1)}); benign rate ${formatRate(tail.test.rate)}, binomial tail ${tailP.toExponential(1)}`,
        };
      }
    } else this.tailTest?.record(false);
    this.config.levels.forEach((level, i) => {
      const test = this.tests[i]!;
      const tail = test.record(e > level.margin);
      if (tail === undefined || verdict) return;
      verdict = {
        value: test.k / test.n,
        threshold: level.test.rate,
        detail: `${test.k} of ${test.n} queries beyond the training range by more than ${level.margin} of it; benign rate ${formatRate(level.test.rate)}, binomial tail ${tail.toExponential(1)}`,
      };
    });
    return verdict;
  }
}
