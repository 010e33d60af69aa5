import { CountTest, patternVerdict, type CountTestConfig } from '../count-test.js';
import { RowRing } from '../rows.js';
import type { CallerDetector, Query, SignalVerdict } from '../types.js';

/**
 * Share of a caller's queries that differ from one of its recent queries in exactly one
 * feature: line searches along a feature (Lowd & Meek's reverse engineering, boundary walking,
 * sensitivity probing) make such pairs; natural inputs almost never do. Each query is compared
 * with the caller's last `memory` queries, stopping at the second differing feature — natural
 * rows differ in the first few, so this costs a few comparisons per remembered query.
 */
export interface OneFeaturePairsConfig {
  /** Recent queries remembered per caller (a ring). */
  memory: number;
  test: CountTestConfig;
}

/** The caller's recent rows, to find one-feature pairs. */
export class PairIndex {
  private readonly ring: RowRing;

  constructor(memory: number, width: number) {
    this.ring = new RowRing(memory, width);
  }

  /** Whether x differs from a remembered row in exactly one feature; then remembers x. */
  add(x: Float64Array): boolean {
    const { data, count, width: d } = this.ring;
    let paired = false;
    for (let m = 0; m < count && !paired; m++) {
      const base = m * d;
      let differing = 0;
      for (let j = 0; j < d && differing < 2; j++) if (data[base + j] !== x[j]) differing++;
      paired = differing === 1;
    }
    this.ring.push(x);
    return paired;
  }
}

export class OneFeaturePairsDetector implements CallerDetector {
  private readonly test: CountTest;
  private readonly pairs: PairIndex;

  constructor(
    private readonly config: OneFeaturePairsConfig,
    width: number,
  ) {
    this.test = new CountTest(config.test);
    this.pairs = new PairIndex(config.memory, width);
  }

  observe(query: Query): SignalVerdict | undefined {
    return patternVerdict(this.test, this.config.test.rate, this.pairs.add(query.x), 'differ from an earlier query of the caller in exactly one feature');
  }
}
