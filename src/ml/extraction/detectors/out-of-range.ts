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

export class OutOfRangeDetector implements CallerDetector {
  private readonly tests: CountTest[];
  constructor(
    private readonly config: OutOfRangeConfig,
    private readonly space: FeatureSpace,
  ) {
    this.tests = config.levels.map((l) => new CountTest(l.test));
  }

  observe(query: Query, view: QueryView): SignalVerdict | undefined {
    const e = exceedance(this.space, view, query.unseen ?? 0);
    let verdict: SignalVerdict | undefined;
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
