import { describe, expect, it } from 'vitest';
import { KllSketch } from '../../../src/ml/stats/index.js';

/** A reproducible uniform stream (xorshift32). */
function stream(n: number, seed: number, map: (u: number) => number = (u) => u): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return map(s / 2 ** 32);
  });
}

function exactRank(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

describe('KLL sketch', () => {
  it('holds every value exactly, in arrival order, until level 0 fills (as Model Monitor writes it)', () => {
    const s = new KllSketch();
    [3, 1, 2].forEach((v) => s.update(v));
    expect(s.toJSON()).toEqual({ parameters: { c: 0.64, k: 2048 }, data: [[3, 1, 2]] });
    expect(s.rank(2)).toBe(2);
  });

  it('stays within its rank-error bound on a long stream, in bounded memory', () => {
    const values = stream(200_000, 12345, (u) => Math.exp(4 * u));
    const s = new KllSketch({ k: 200, c: 2 / 3 });
    values.forEach((v) => s.update(v));
    const sorted = [...values].sort((a, b) => a - b);
    let worst = 0;
    for (let q = 0.01; q < 1; q += 0.01) {
      const x = sorted[Math.floor(q * sorted.length)]!;
      worst = Math.max(worst, Math.abs(s.rank(x) - exactRank(sorted, x)) / values.length);
    }
    // KLL's normalised rank error is O(1/k); at k = 200 a few tenths of a percent.
    expect(worst).toBeLessThan(0.01);
    expect(s.count).toBe(200_000);
    expect(s.size).toBeLessThan(1000);
    const median = s.quantile(0.5);
    expect(Math.abs(exactRank(sorted, median) / sorted.length - 0.5)).toBeLessThan(0.01);
  });

  it('merges two sketches into one of the union, and reads back from its JSON', () => {
    const a = new KllSketch({ k: 100, c: 2 / 3 });
    const b = new KllSketch({ k: 100, c: 2 / 3 });
    const va = stream(20_000, 1);
    const vb = stream(20_000, 2, (u) => u + 1);
    va.forEach((v) => a.update(v));
    vb.forEach((v) => b.update(v));
    a.merge(b);
    expect(a.count).toBe(40_000);
    expect(Math.abs(a.rank(1) / 40_000 - 0.5)).toBeLessThan(0.02);
    const back = KllSketch.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(back.count).toBe(40_000);
    expect(back.rank(1)).toBe(a.rank(1));
  });

  it("materialises Model Monitor's ten equal-width buckets, lower bound inclusive, the last one closed", () => {
    const s = new KllSketch();
    [1, 2, 2, 3, 3, 3].forEach((v) => s.update(v));
    const buckets = s.buckets(1, 3);
    expect(buckets).toHaveLength(10);
    expect(buckets[0]).toEqual({ lower_bound: 1, upper_bound: 1.2, count: 1 });
    expect(buckets[5]).toEqual({ lower_bound: 2, upper_bound: 2.2, count: 2 });
    expect(buckets[9]).toEqual({ lower_bound: 2.8, upper_bound: 3, count: 3 });
    expect(s.buckets(5, 5)).toEqual([{ lower_bound: 5, upper_bound: 5, count: 6 }]);
  });

  it('ignores values that are not finite and refuses impossible parameters', () => {
    const s = new KllSketch();
    s.update(NaN);
    s.update(Infinity);
    expect(s.count).toBe(0);
    expect(() => new KllSketch({ k: 1, c: 0.5 })).toThrow(RangeError);
  });
});
