import { describe, expect, it } from 'vitest';
import { fitEncoder, MAX_CATEGORIES } from '../../../src/ml/extraction/encoding.js';
import { fitFeatureSpace } from '../../../src/ml/extraction/feature-space.js';

describe('feature encoding', () => {
  const rows = [
    [39, 'State-gov', 13],
    [50, 'Self-emp-not-inc', 13],
    [38, 'Private', null],
    [53, 'Private', 7],
  ];
  const encoder = fitEncoder(['age', 'workclass', 'education-num'], rows);

  it('keeps numbers and one-hot encodes categories the baseline has', () => {
    expect(encoder.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical', 'numeric']);
    expect(encoder.width).toBe(5);
    expect(Array.from(encoder.oneHot)).toEqual([0, 1, 1, 1, 0]);
    // Categories are sorted: Private, Self-emp-not-inc, State-gov.
    expect(Array.from(encoder.encode([50, 'State-gov', 9]).x)).toEqual([50, 0, 0, 1, 9]);
    expect(encoder.decode(encoder.encode([50, 'Private', 9]).x)).toEqual([50, 'Private', 9]);
  });

  it('counts values the baseline never saw and fills missing numbers with the mean', () => {
    const { x, unseen } = encoder.encode([41, 'Never-worked', '']);
    expect(unseen).toBe(1);
    expect(Array.from(x.subarray(1, 4))).toEqual([0, 0, 0]);
    expect(x[4]).toBeCloseTo(11, 12); // mean of 13, 13, 7
    expect(encoder.encode(['forty', 'Private', 7]).unseen).toBe(1);
  });

  it('refuses rows of the wrong width and identifier-like text columns', () => {
    expect(() => encoder.encode([1, 'Private'])).toThrow(/2 features, the baseline has 3/);
    const ids = Array.from({ length: MAX_CATEGORIES + 1 }, (_, i) => [`user-${i}`]);
    expect(() => fitEncoder(['user'], ids)).toThrow(/more than 1000 distinct text values/);
  });

  it('measures one-hot changes as unit distances and drops degenerate principal axes', () => {
    const data = [
      [1, 'a'],
      [2, 'b'],
      [3, 'a'],
      [4, 'b'],
      [5, 'c'],
    ];
    const enc = fitEncoder(['n', 'c'], data);
    const space = fitFeatureSpace(enc, data.map((r) => enc.encode(r).x));
    const a = space.standardize(enc.encode([3, 'a']).x);
    const b = space.standardize(enc.encode([3, 'b']).x);
    expect(Math.hypot(...a.map((v, i) => v - b[i]!))).toBeCloseTo(1, 12);
    // One numeric + three indicators that always sum to 1: at most 3 real axes.
    expect(space.axes.length).toBeLessThanOrEqual(3);
    for (const axis of space.axes) expect(Math.hypot(...axis)).toBeCloseTo(1, 10);
  });
});
