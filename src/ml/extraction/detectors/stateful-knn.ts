import { CountTest, formatRate, type CountTestConfig } from '../count-test.js';
import { RowRing } from '../rows.js';
import type { CallerDetector, QueryView, SignalVerdict } from '../types.js';

/**
 * Stateful detection after Chen, Carlini & Wagner (2020, "Stateful Detection of Black-Box
 * Adversarial Attacks"): keep each caller's recent queries; a query whose mean distance to its k
 * nearest earlier queries is below a threshold calibrated on benign traffic is suspicious
 * (attacks probe in small steps around a few points). Distances are in the standardized feature
 * space. Benign neighbour distances shrink as the buffer fills, so thresholds are calibrated per
 * fill level (buckets of powers of two) and the buffer never grows past the largest calibrated
 * level. A caller is flagged by the count test on its suspicious queries.
 */
export interface StatefulKnnConfig {
  k: number;
  /** Queries kept per caller (a ring); at most the largest calibrated fill level. */
  buffer: number;
  /** Threshold per bucket ⌊log₂(queries in buffer)⌋; NaN where not calibrated (not judged). */
  thresholds: number[];
  test: CountTestConfig;
}

/** Mean distance from z to its k nearest rows among the first `count` rows of `data`. */
export function meanKnnDistance(data: Float64Array, count: number, width: number, z: Float64Array, k: number, scratch: Float64Array): number {
  let filled = 0;
  for (let i = 0; i < count; i++) {
    const base = i * width;
    const limit = filled === k ? scratch[k - 1]! : Infinity;
    let s = 0;
    for (let j = 0; j < width && s < limit; j++) {
      const t = data[base + j]! - z[j]!;
      s += t * t;
    }
    if (s >= limit) continue;
    let pos = filled < k ? filled++ : k - 1;
    while (pos > 0 && scratch[pos - 1]! > s) {
      scratch[pos] = scratch[pos - 1]!;
      pos--;
    }
    scratch[pos] = s;
  }
  let sum = 0;
  for (let m = 0; m < filled; m++) sum += Math.sqrt(scratch[m]!);
  return sum / filled;
}

export function bucketOf(count: number): number {
  return 31 - Math.clz32(count);
}

export class StatefulKnnDetector implements CallerDetector {
  private readonly ring: RowRing;
  private readonly test: CountTest;
  private readonly scratch: Float64Array;

  constructor(
    private readonly config: StatefulKnnConfig,
    width: number,
  ) {
    this.ring = new RowRing(config.buffer, width);
    this.test = new CountTest(config.test);
    this.scratch = new Float64Array(config.k);
  }

  observe(_query: unknown, view: QueryView): SignalVerdict | undefined {
    const { ring, config } = this;
    let verdict: SignalVerdict | undefined;
    if (ring.count >= config.k) {
      const threshold = config.thresholds[bucketOf(ring.count)] ?? NaN;
      if (!Number.isNaN(threshold)) {
        const distance = meanKnnDistance(ring.data, ring.count, ring.width, view.z, config.k, this.scratch);
        const tail = this.test.record(distance < threshold);
        if (tail !== undefined) {
          const { n, k } = this.test;
          verdict = {
            value: k / n,
            threshold: config.test.rate,
            detail: `${k} of ${n} queries within a mean distance ${threshold.toPrecision(3)} of their ${config.k} nearest earlier queries (last: ${distance.toPrecision(3)}); benign rate ${formatRate(config.test.rate)}, binomial tail ${tail.toExponential(1)}`,
          };
        }
      }
    }
    ring.push(view.z);
    return verdict;
  }
}
