import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/ml/models/random.js';
import { averagePathLength, isolationForestScores } from '../../../src/ml/poisoning/isolation-forest.js';

function cloud(n: number, seed: number): Float64Array {
  const r = createRandom(seed);
  return Float64Array.from({ length: n * 2 }, () => r.normal());
}

describe('isolation forest', () => {
  it('c(n) is the average unsuccessful search path of a binary search tree', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649015329) - (2 * 255) / 256, 12);
  });

  it('scores an isolated point highest, above 0.6, ordinary points near 0.5 or below', () => {
    const data = cloud(400, 3);
    data[0] = 8;
    data[1] = -8;
    const scores = isolationForestScores(data, 400, 2, { seed: 1 });
    const rest = Array.from(scores.subarray(1));
    expect(scores[0]).toBeGreaterThan(0.6);
    expect(scores[0]).toBeGreaterThan(Math.max(...rest));
    expect(rest.reduce((a, b) => a + b, 0) / rest.length).toBeLessThan(0.5);
  });

  it('is reproducible from its seed', () => {
    const data = cloud(300, 5);
    expect(isolationForestScores(data, 300, 2, { seed: 7 })).toEqual(isolationForestScores(data, 300, 2, { seed: 7 }));
    expect(isolationForestScores(data, 300, 2, { seed: 7 })).not.toEqual(isolationForestScores(data, 300, 2, { seed: 8 }));
  });
});
