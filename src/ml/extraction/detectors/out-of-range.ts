import { distancePValue, nearestClass, type ClassDistance, type Nearest } from '../class-distance.js';
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
   * failed its check there. With `alpha` (only set when the model passed that check), the
   * model's word alone can flag a caller: at its n-th query, with t the second smallest p-value
   * of its last m ≤ `window` queries, the caller is flagged when C(m, 2)·t² < alpha/((n − 1)·n).
   * Under the model, two of m independent p-values fall at or below t with probability at most
   * C(m, 2)·t², and the levels sum to alpha over any number of queries: a benign caller is flagged
   * this way with probability at most alpha. On this path two rare queries are needed, never one: a real row
   * the model finds rarer than it is (small baselines cannot vouch for 1-in-10⁵ claims) can be
   * sent by any benign caller, twice in a short window only by a caller that probes.
   *
   * With `oneQueryAlpha` (set with `alpha`), one query alone flags the caller when the p-value of
   * its most extreme coordinate (the extreme-value tails, without the distance) times the
   * caller's query count so far is below it: Bonferroni over the caller's queries, so a benign
   * caller of N queries is flagged this way with probability at most oneQueryAlpha·(1 + ln N)
   * under the model. Kept strict (the count tests' alpha), for probes far past every range; the
   * distance, whose extrapolation the data can contradict, never flags a caller on one query.
   */
  tail?: { model: TailModel; pValue: number; test: CountTestConfig; alpha?: number; window?: number; oneQueryAlpha?: number };
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
  /**
   * The distance to the nearest class (class-distance.ts), upper tail only: catches probes inside
   * every range but off the shape of every class. Its p-value comes from the Gaussian reference
   * (distancePValue) when the baseline has the degrees of freedom for it, else from an
   * exponential tail fitted like the coordinates' (`max`, `scale`). It gets half the union
   * bound, the coordinates' tails share the other half.
   */
  distance?: { model: ClassDistance; parametric: boolean; /** Degrees of freedom of the t reference (∞: Gaussian). */ tail: number; rows: number; max: number; scale: number; scratch: Float64Array; nearest: Nearest };
}

/** Spacings used for a tail's scale: a tenth of the rows, 2 to 20. */
const tailSpacings = (rows: number) => Math.max(2, Math.min(20, Math.floor(rows / 10)));
/** Upper 95% bound factor on the mean of k exponentials (normal approximation, capped at 4×). */
const upperBound = (k: number) => 1 / Math.max(0.25, 1 - 1.645 / Math.sqrt(k));

/** Scale of the upper tail of an ascending column: the bounded mean of its normalized top spacings. */
function upperTailScale(sorted: Float64Array, k: number): number {
  const n = sorted.length;
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += i * (sorted[n - i]! - sorted[n - i - 1]!);
  return (upperBound(k) * sum) / k;
}

export function fitTails(coordinates: readonly (readonly Float64Array[])[]): TailModel {
  const rows = coordinates[0]?.length ?? 0;
  const model: TailModel = { rows, min: [], max: [], scaleBelow: [], scaleAbove: [] };
  if (rows < 3) return model;
  const k = tailSpacings(rows);
  const column = new Float64Array(rows);
  const mirrored = new Float64Array(rows);
  for (const table of coordinates) {
    const width = table[0]!.length;
    for (let c = 0; c < width; c++) {
      for (let i = 0; i < rows; i++) column[i] = table[i]![c]!;
      column.sort();
      for (let i = 0; i < rows; i++) mirrored[i] = -column[rows - 1 - i]!;
      model.min.push(column[0]!);
      model.max.push(column[rows - 1]!);
      model.scaleBelow.push(upperTailScale(mirrored, k));
      model.scaleAbove.push(upperTailScale(column, k));
    }
  }
  return model;
}

/**
 * Adds the nearest-class distance to a tail model: judged by the Gaussian reference when no
 * `distances` are given (and the baseline has the degrees of freedom for it), else by an
 * exponential tail fitted on `distances` — each baseline row's distance under a model that did
 * not see it (crossFittedDistances).
 */
export function withDistanceTail(tails: TailModel, model: ClassDistance, distances?: Float64Array, tail = Infinity): TailModel {
  const nearest: Nearest = { index: -1, d2: 0 };
  const scratch = new Float64Array(model.width);
  if (!distances) {
    if (distancePValue(model, { index: 0, d2: 1 }) === undefined) return tails;
    return { ...tails, distance: { model, parametric: true, tail, rows: 0, max: Infinity, scale: 0, scratch, nearest } };
  }
  if (distances.length < 3) return tails;
  const sorted = Float64Array.from(distances).sort();
  const scale = upperTailScale(sorted, tailSpacings(sorted.length));
  return { ...tails, distance: { model, parametric: false, tail: Infinity, rows: sorted.length, max: sorted[sorted.length - 1]!, scale, scratch, nearest } };
}

/** The union-bound p-value of a query under the tail model (1 when nothing is beyond the baseline). */
export function tailPValue(model: TailModel, view: QueryView, unseen: number): number {
  return withDistance(model, view, coordinateTailPValue(model, view, unseen));
}

/** The p-value of the query's most extreme coordinate alone (the distance left out). */
export function coordinateTailPValue(model: TailModel, view: QueryView, unseen: number): number {
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

/** The union bound of the coordinates' p-value and the distance's, half the bound each. */
function withDistance(model: TailModel, view: QueryView, coordinates: number): number {
  const d = model.distance;
  if (!d || coordinates === 0) return coordinates;
  return Math.min(1, 2 * Math.min(coordinates, distanceTailP(d, view.z)));
}

/** The distance coordinate's own p-value for a standardized query. */
function distanceTailP(d: NonNullable<TailModel['distance']>, z: Float64Array): number {
  const nearest = nearestClass(d.model, z, d.nearest, d.scratch);
  if (d.parametric) return distancePValue(d.model, nearest, d.tail)!;
  const distance = Math.sqrt(nearest.d2);
  if (!(distance > d.max)) return 1;
  return d.scale > 0 ? Math.min(1, Math.exp(-(distance - d.max) / d.scale) / (d.rows + 1)) : 0;
}

/** Queries whose p-values are looked at together: enough for a burst of probes, cheap per caller. */
const DEFAULT_WINDOW = 16;

export class OutOfRangeDetector implements CallerDetector {
  private readonly tests: CountTest[];
  private readonly tailTest: CountTest | undefined;
  /** Tail p-values of the caller's last queries (at most the window), oldest first. */
  private readonly recent: number[] = [];
  /** The window's second smallest p-value after the last query. */
  private second = 1;
  constructor(
    private readonly config: OutOfRangeConfig,
    private readonly space: FeatureSpace,
  ) {
    this.tests = config.levels.map((l) => new CountTest(l.test));
    this.tailTest = config.tail && new CountTest(config.tail.test);
  }

  /**
   * Adds a query's p-value to the window; the chance under the model that two of the window's
   * p-values are as small as its second smallest, C(m, 2)·t² (1 while fewer than two).
   */
  private rarePair(p: number, window: number): number {
    this.recent.push(p);
    if (this.recent.length > window) this.recent.shift();
    const m = this.recent.length;
    if (m < 2) return 1;
    let first = Infinity;
    let second = Infinity;
    for (const q of this.recent) {
      if (q < first) {
        second = first;
        first = q;
      } else if (q < second) second = q;
    }
    this.second = second;
    return Math.min(1, ((m * (m - 1)) / 2) * second * second);
  }

  observe(query: Query, view: QueryView, queries = 1): SignalVerdict | undefined {
    const e = exceedance(this.space, view, query.unseen ?? 0);
    let verdict: SignalVerdict | undefined;
    const tail = this.config.tail;
    if (tail) {
      const test = this.tailTest!;
      const single = coordinateTailPValue(tail.model, view, query.unseen ?? 0);
      const p = withDistance(tail.model, view, single);
      const tailP = test.record(p <= tail.pValue);
      const pair = tail.alpha === undefined ? 1 : this.rarePair(p, tail.window ?? DEFAULT_WINDOW);
      // Levels alpha/((n − 1)n) for n ≥ 2 sum to alpha; no level at n = 1, where a pair cannot be.
      const level = tail.alpha === undefined || queries < 2 ? 0 : tail.alpha / ((queries - 1) * queries);
      if (tail.oneQueryAlpha !== undefined && single * queries < tail.oneQueryAlpha) {
        verdict = {
          value: single,
          threshold: tail.oneQueryAlpha / queries,
          detail: `query ${queries} lies further into the training data's tails than a benign row goes once in ${single > 0 ? Math.round(1 / single).toExponential(1) : 'never'} (p ${single.toExponential(1)}; below ${tail.oneQueryAlpha.toExponential(0)} over the caller's ${queries} queries)`,
        };
      } else if (pair < level) {
        const t = this.second;
        verdict = {
          value: pair,
          threshold: level,
          detail: `two of the caller's last ${this.recent.length} queries lie further into the training data's tails or off the classes' shape than a benign row goes once in ${t > 0 ? Math.round(1 / t).toExponential(1) : 'never'} (p ${t.toExponential(1)} or less; chance for a benign caller ${pair.toExponential(1)}, level ${level.toExponential(1)} at query ${queries})`,
        };
      } else if (tailP !== undefined) {
        verdict = {
          value: test.k / test.n,
          threshold: tail.test.rate,
          detail: `${test.k} of ${test.n} queries further into the training data's tails than a benign row goes once in ${Math.round(1 / tail.pValue)} (this one: p ${p.toExponential(1)}); benign rate ${formatRate(tail.test.rate)}, binomial tail ${tailP.toExponential(1)}`,
        };
      }
    }
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
