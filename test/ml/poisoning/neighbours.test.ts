import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/ml/models/random.js';
import { nearestNeighbours } from '../../../src/ml/poisoning/neighbours.js';

function gaussian(n: number, d: number, seed: number): Float64Array {
  const r = createRandom(seed);
  return Float64Array.from({ length: n * d }, () => r.normal());
}

describe('nearest neighbours', () => {
  it('brute force finds the exact neighbours, nearest first, never the row itself', () => {
    const X = Float64Array.from([0, 0, 1, 0, 0, 3, 10, 10]);
    const nb = nearestNeighbours(X, 4, 2, 2);
    expect(nb.method).toBe('exact');
    expect(Array.from(nb.index.subarray(0, 2))).toEqual([1, 2]);
    expect(Array.from(nb.distance.subarray(0, 2))).toEqual([1, 9]);
    expect(Array.from(nb.index.subarray(6, 8))).toEqual([2, 1]);
  });

  it('the k-d tree search gives the brute-force answer when it may look at every row', () => {
    const X = gaussian(400, 4, 1);
    const exact = nearestNeighbours(X, 400, 4, 5);
    const tree = nearestNeighbours(X, 400, 4, 5, { bruteForceWork: 0, maxChecks: 400 });
    expect(tree.method).toBe('kd-tree');
    expect(tree.distance).toEqual(exact.distance);
  });

  it('on data of low rank, projection then re-ranking in full space is exact', () => {
    // 40 columns, all linear in 3 latent ones: 3 principal components keep every distance.
    const n = 300;
    const latent = gaussian(n, 3, 2);
    const mix = gaussian(3, 40, 3);
    const X = new Float64Array(n * 40);
    for (let i = 0; i < n; i++) for (let j = 0; j < 40; j++) for (let c = 0; c < 3; c++) X[i * 40 + j] += latent[i * 3 + c]! * mix[c * 40 + j]!;
    const exact = nearestNeighbours(X, n, 40, 5);
    const approx = nearestNeighbours(X, n, 40, 5, { bruteForceWork: 0, dimensions: 3, maxChecks: n });
    expect(approx.method).toBe('pca-3');
    for (let i = 0; i < exact.distance.length; i++) expect(approx.distance[i]).toBeCloseTo(exact.distance[i]!, 6);
  });
});
