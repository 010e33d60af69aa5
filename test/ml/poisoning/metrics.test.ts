import { describe, expect, it } from 'vitest';
import { auroc, detectionQuality } from '../../../src/ml/poisoning/metrics.js';

describe('detection quality', () => {
  it('AUROC: 1 for a perfect ranking, 0 for a reversed one, 0.5 for ties, undefined without both kinds', () => {
    expect(auroc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(auroc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
    expect(auroc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(auroc([0, 1, 0], [0.2, 0.5, 0.5])).toBe(0.75);
    expect(auroc([1, 1], [0.2, 0.3])).toBeUndefined();
  });

  it('precision, recall and F1 of the flagged rows', () => {
    const q = detectionQuality([1, 1, 1, 0, 0], [1, 1, 0, 1, 0], [0.9, 0.8, 0.1, 0.7, 0.2]);
    expect(q.precision).toBeCloseTo(2 / 3, 12);
    expect(q.recall).toBeCloseTo(2 / 3, 12);
    expect(q.f1).toBeCloseTo(2 / 3, 12);
    expect(q.flagged).toBe(3);
    expect(q.poisoned).toBe(3);
    expect(detectionQuality([1, 0], [0, 0], [0, 0]).f1).toBe(0);
  });
});
