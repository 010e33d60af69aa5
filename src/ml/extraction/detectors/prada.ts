import { shapiroWilk } from '../../stats/normality.js';
import { RowRing } from '../rows.js';
import type { CallerDetector, Query, QueryView, SignalVerdict } from '../types.js';

/**
 * PRADA (Juuti, Szyller, Marchal & Asokan 2019, "PRADA: Protecting against DNN Model Stealing
 * Attacks"), per caller. For each predicted class c the caller has a growing set G_c of queries
 * and a threshold T_c. A new query of class c is compared with G_c: its minimum L2 distance d
 * joins the caller's distance set D; when d > T_c the query also joins G_c and
 * T_c = max(T_c, mean − sd of the distances that admitted members). Benign queries give a D close
 * to normal; synthetic ones (small perturbations, sweeps) do not. Once D has `minQueries`
 * distances it is tested with Shapiro–Wilk every `testEvery` queries, after dropping distances
 * more than 3 sd from the mean (so one odd query cannot decide), and the caller is flagged when
 * W < delta. Distances are in the standardized feature space.
 *
 * Bounded state: at most `maxGrowingSet` members per class (later queries are still measured
 * against them, they just do not join) and the last `maxDistances` distances.
 */
export interface PradaConfig {
  delta: number;
  minQueries: number;
  testEvery: number;
  maxGrowingSet: number;
  maxDistances: number;
}

interface ClassState {
  members: RowRing;
  threshold: number;
  /** Running sums of the distances that admitted members (for mean − sd). */
  sum: number;
  sumSquares: number;
  admitted: number;
}

export class PradaState {
  private readonly classes = new Map<number, ClassState>();
  private readonly window: RowRing;
  count = 0;
  private sinceTest = 0;
  private readonly one = new Float64Array(1);

  constructor(
    readonly config: PradaConfig,
    private readonly width: number,
  ) {
    this.window = new RowRing(config.maxDistances, 1);
  }

  /** The distance set D (the last maxDistances distances). */
  get distances(): Float64Array {
    return this.window.data.subarray(0, this.window.count);
  }

  /** Adds the query; returns W when a test was due and ran, else undefined. */
  add(z: Float64Array, predicted: number): number | undefined {
    const d = this.width;
    let state = this.classes.get(predicted);
    if (!state) {
      state = { members: new RowRing(this.config.maxGrowingSet, d), threshold: 0, sum: 0, sumSquares: 0, admitted: 0 };
      this.classes.set(predicted, state);
    }
    const members = state.members;
    if (members.count === 0) {
      members.push(z);
      return undefined;
    }
    let best = Infinity;
    const data = members.data;
    for (let m = 0; m < members.count; m++) {
      const base = m * d;
      let s = 0;
      for (let j = 0; j < d && s < best; j++) {
        const t = data[base + j]! - z[j]!;
        s += t * t;
      }
      if (s < best) best = s;
    }
    const distance = Math.sqrt(best);
    this.one[0] = distance;
    this.window.push(this.one);
    this.count = this.window.count;
    if (distance > state.threshold && !members.full) {
      members.push(z);
      state.sum += distance;
      state.sumSquares += distance * distance;
      state.admitted++;
      const mean = state.sum / state.admitted;
      const sd = Math.sqrt(Math.max(0, state.sumSquares / state.admitted - mean * mean));
      state.threshold = Math.max(state.threshold, mean - sd);
    }
    if (this.count < this.config.minQueries) return undefined;
    if (++this.sinceTest < this.config.testEvery && this.count > this.config.minQueries) return undefined;
    this.sinceTest = 0;
    return pradaStatistic(this.distances);
  }
}

/** Shapiro–Wilk W of the distance set without its 3-sd outliers; 0 when the set is degenerate. */
export function pradaStatistic(distances: Float64Array): number {
  let mean = 0;
  for (const v of distances) mean += v;
  mean /= distances.length;
  let variance = 0;
  for (const v of distances) variance += (v - mean) ** 2;
  const sd = Math.sqrt(variance / distances.length);
  const kept = sd > 0 ? distances.filter((v) => Math.abs(v - mean) <= 3 * sd) : distances;
  // All distances equal (the same query repeated): as far from normal as it gets.
  if (kept.length < 3 || sd === 0) return 0;
  kept.sort();
  if (kept[kept.length - 1] === kept[0]) return 0;
  return shapiroWilk(kept.length > 5000 ? kept.subarray(kept.length - 5000) : kept, { sorted: true }).w;
}

export class PradaDetector implements CallerDetector {
  private readonly state: PradaState;
  constructor(
    private readonly config: PradaConfig,
    width: number,
  ) {
    this.state = new PradaState(config, width);
  }

  observe(query: Query, view: QueryView): SignalVerdict | undefined {
    const w = this.state.add(view.z, query.predicted ?? 0);
    if (w === undefined || !(w < this.config.delta)) return undefined;
    return {
      value: w,
      threshold: this.config.delta,
      detail: `Shapiro–Wilk W = ${w.toFixed(4)} of the caller's ${this.state.count} minimum query distances is below δ = ${this.config.delta.toFixed(4)} (benign traffic gives near-normal distances)`,
    };
  }
}
