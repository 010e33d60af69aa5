import { CountTest, formatRate, type CountTestConfig } from '../count-test.js';
import type { CallerDetector, Query, SignalVerdict } from '../types.js';

/**
 * Share of a caller's predictions near the decision boundary: the two most probable classes are
 * within `margin` of each other. Boundary-finding attacks (line searches, boundary walking)
 * concentrate there; natural inputs rarely do. Needs the returned probabilities.
 */
export interface NearBoundaryConfig {
  margin: number;
  test: CountTestConfig;
}

/** Difference between the two largest probabilities (1 for a single confident class). */
export function topTwoGap(probs: ArrayLike<number>): number {
  let first = -Infinity;
  let second = -Infinity;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (p > first) {
      second = first;
      first = p;
    } else if (p > second) second = p;
  }
  return probs.length < 2 ? 1 : first - second;
}

export class NearBoundaryDetector implements CallerDetector {
  private readonly test: CountTest;
  constructor(private readonly config: NearBoundaryConfig) {
    this.test = new CountTest(config.test);
  }

  observe(query: Query): SignalVerdict | undefined {
    if (!query.probs) return undefined;
    const tail = this.test.record(topTwoGap(query.probs) < this.config.margin);
    if (tail === undefined) return undefined;
    const { n, k } = this.test;
    return {
      value: k / n,
      threshold: this.config.test.rate,
      detail: `${k} of ${n} predictions within ${this.config.margin} of the decision boundary; benign rate ${formatRate(this.config.test.rate)}, binomial tail ${tail.toExponential(1)}`,
    };
  }
}
