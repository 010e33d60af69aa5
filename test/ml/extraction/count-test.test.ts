import { describe, expect, it } from 'vitest';
import { binomialUpperTail, CountTest } from '../../../src/ml/extraction/count-test.js';

/** P(X ≥ k) summed from the definition, for small n. */
function exactTail(k: number, n: number, p: number): number {
  let s = 0;
  for (let j = k; j <= n; j++) {
    let c = 1;
    for (let i = 1; i <= j; i++) c = (c * (n - j + i)) / i;
    s += c * p ** j * (1 - p) ** (n - j);
  }
  return s;
}

describe('binomial upper tail', () => {
  it('matches the definition', () => {
    for (const [k, n, p] of [
      [1, 1, 0.3],
      [2, 5, 0.1],
      [3, 10, 0.02],
      [7, 20, 0.5],
      [20, 20, 0.9],
      [5, 40, 0.001],
    ] as const) {
      expect(binomialUpperTail(k, n, p) / exactTail(k, n, p)).toBeCloseTo(1, 10);
    }
  });

  it('handles the edges and stays accurate far in the tail', () => {
    expect(binomialUpperTail(0, 10, 0.2)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.2)).toBe(0);
    expect(binomialUpperTail(3, 10, 0)).toBe(0);
    expect(binomialUpperTail(3, 10, 1)).toBe(1);
    // 50 hits of 50 at 1%: 1e-100, not 0.
    expect(binomialUpperTail(50, 50, 0.01) / 1e-100).toBeCloseTo(1, 8);
    // Large n: the mean of Binomial(100000, 0.01) is 1000; 1000 hits or more is about even odds.
    const half = binomialUpperTail(1000, 100_000, 0.01);
    expect(half).toBeGreaterThan(0.45);
    expect(half).toBeLessThan(0.56);
  });
});

describe('sequential count test', () => {
  it('flags a caller whose hits are improbable for the benign rate, at the hit that makes them so', () => {
    const test = new CountTest({ rate: 0.01, alpha: 1e-5, minHits: 2 });
    expect(test.record(true)).toBeUndefined(); // one hit proves nothing
    // 2 of 2 at 1%: tail 1e-4, not below 1e-5; 3 of 3: 1e-6.
    expect(test.record(true)).toBeUndefined();
    const tail = test.record(true);
    expect(tail).toBeCloseTo(1e-6, 10);
  });

  it('does not flag hits at the benign rate, however long the caller runs', () => {
    const test = new CountTest({ rate: 0.05, alpha: 1e-5, minHits: 2 });
    let flagged = false;
    for (let i = 0; i < 20_000; i++) if (test.record(i % 20 === 0) !== undefined) flagged = true;
    expect(flagged).toBe(false);
    expect(test.k).toBe(1000);
  });
});
