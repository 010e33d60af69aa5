import { describe, expect, it } from 'vitest';
import { calibrateThreshold, KnnModel, ledoitWolf, MahalanobisModel, shuffledIndexes } from '../../../src/ml/ood/index.js';

function gaussianRows(n: number, p: number, seed: number, mix?: (z: number[]) => number[]): Float64Array[] {
  let s = seed;
  const u = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 2 ** 32;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  return Array.from({ length: n }, () => {
    const z = Array.from({ length: p }, normal);
    return Float64Array.from(mix ? mix(z) : z);
  });
}

describe('Ledoit–Wolf shrinkage', () => {
  it('matches the estimator computed term by term from its definition', () => {
    const rows = gaussianRows(40, 5, 99, (z) => [z[0]!, z[0]! + 0.5 * z[1]!, z[2]! * 3, z[3]!, z[3]! - z[4]!]);
    const n = rows.length;
    const p = 5;
    const mean = Array.from({ length: p }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
    const x = rows.map((r) => r.map((v, j) => v - mean[j]!));
    const S = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => x.reduce((s, r) => s + r[i]! * r[j]!, 0) / n));
    const mu = S.reduce((s, row, i) => s + row[i]!, 0) / p;
    const frob = (m: number[][]) => m.flat().reduce((s, v) => s + v * v, 0) / p;
    const d2 = frob(S.map((row, i) => row.map((v, j) => v - (i === j ? mu : 0))));
    const b2bar = x.reduce((s, r) => s + frob(S.map((row, i) => row.map((v, j) => r[i]! * r[j]! - v))), 0) / (n * n);
    const delta = Math.min(b2bar, d2) / d2;
    const est = ledoitWolf(rows, p);
    expect(est.shrinkage).toBeCloseTo(delta, 12);
    expect(est.mu).toBeCloseTo(mu, 12);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) expect(est.covariance[i * p + j]).toBeCloseTo(delta * (i === j ? mu : 0) + (1 - delta) * S[i]![j]!, 12);
  });

  it('stays invertible with more features than rows, where the sample covariance is singular', () => {
    const rows = gaussianRows(8, 20, 7);
    const est = ledoitWolf(rows, 20);
    expect(est.shrinkage).toBeGreaterThan(0);
    expect(() => MahalanobisModel.fit(rows, 20)).not.toThrow();
  });
});

describe('Mahalanobis and k-NN scores', () => {
  it('gives the Mahalanobis distance under a known covariance, split exactly into per-feature terms', () => {
    // Many rows of a correlated pair: the estimate approaches [[1, .8], [.8, 1]] and shrinkage → 0.
    const rows = gaussianRows(20000, 2, 3, ([a, b]) => [a!, 0.8 * a! + 0.6 * b!]);
    const m = MahalanobisModel.fit(rows, 2);
    expect(m.shrinkage).toBeLessThan(0.01);
    // (1, -1) goes against the correlation: D² = (x ᵀ Σ⁻¹ x) = (1 + 1 + 1.6) / 0.36 = 10.
    const { distance, terms } = m.score([1, -1]);
    expect(distance).toBeCloseTo(Math.sqrt(10), 1);
    expect(terms[0]! + terms[1]!).toBeCloseTo(distance ** 2, 10);
    // Along the correlation the same Euclidean length is much nearer.
    expect(m.score([1, 1]).distance).toBeLessThan(1.2);
  });

  it('averages the distances to the k nearest reference rows', () => {
    const ref = [0, 1, 2, 10].map((v) => Float64Array.from([v, 0]));
    const knn = new KnnModel(ref, 2);
    const s = knn.score([1.2, 0]);
    expect(s.distance).toBeCloseTo((0.2 + 0.8) / 2, 12);
    expect([...s.terms]).toEqual([expect.closeTo(0.04, 12), 0]);
  });
});

describe('calibration', () => {
  it('takes the ⌈(n+1)(1−fpr)⌉-th smallest held-out score, and says when the rate cannot be reached', () => {
    const scores = Array.from({ length: 99 }, (_, i) => i + 1);
    expect(calibrateThreshold(scores, 0.05)).toEqual({ threshold: 95, achievableFpr: 0.05 });
    expect(calibrateThreshold(scores, 0.001)).toEqual({ threshold: 99, achievableFpr: 0.01 });
  });

  it('shuffles reproducibly, as a permutation', () => {
    const a = shuffledIndexes(1000, 42);
    expect(a).toEqual(shuffledIndexes(1000, 42));
    expect(a).not.toEqual(shuffledIndexes(1000, 43));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
