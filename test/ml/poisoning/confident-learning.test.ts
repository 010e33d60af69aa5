import { describe, expect, it } from 'vitest';
import { confidentLearning } from '../../../src/ml/poisoning/confident-learning.js';

// Six rows, two classes; rows 2 and 5 carry the other class's label. Worked by hand:
// t0 = (0.9 + 0.8 + 0.1) / 3 = 0.6, t1 = (0.8 + 0.7 + 0.05) / 3 ≈ 0.517;
// C = [[2, 1], [1, 2]]; Q = C / 6; prune by noise rate takes n·Q[0][1] = 1 row labelled 0
// (largest p1 − p0: row 2) and n·Q[1][0] = 1 row labelled 1 (row 5).
const probs = Float64Array.from([0.9, 0.1, 0.8, 0.2, 0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.95, 0.05]);
const y = Int32Array.from([0, 0, 0, 1, 1, 1]);

describe('confident learning', () => {
  it('computes per-class thresholds, the confident joint and its calibrated distribution', () => {
    const cl = confidentLearning(probs, y, 2);
    expect(cl.thresholds[0]).toBeCloseTo(0.6, 12);
    expect(cl.thresholds[1]).toBeCloseTo(1.55 / 3, 12);
    expect(cl.joint).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(cl.jointDistribution[0]![1]).toBeCloseTo(1 / 6, 12);
    expect(cl.estimatedErrors).toBeCloseTo(2, 12);
    expect(Array.from(cl.likelyLabel)).toEqual([0, 0, 1, 1, 1, 0]);
  });

  for (const method of ['prune-by-noise-rate', 'prune-by-class', 'both', 'confident-joint'] as const) {
    it(`finds the two flipped rows (${method})`, () => {
      expect(Array.from(confidentLearning(probs, y, 2, method).issues)).toEqual([0, 0, 1, 0, 0, 1]);
    });
  }

  it('scores by self-confidence and normalised margin', () => {
    const cl = confidentLearning(probs, y, 2);
    expect(cl.selfConfidence[2]).toBeCloseTo(0.1, 12);
    expect(cl.normalizedMargin[2]).toBeCloseTo((0.1 - 0.9 + 1) / 2, 12);
    expect(cl.normalizedMargin[0]).toBeCloseTo((0.9 - 0.1 + 1) / 2, 12);
  });

  it('never flags a row whose given label is the prediction', () => {
    // Class 1 is hard: its rows are barely above 0.5, one below its threshold but still argmax 1.
    const p = Float64Array.from([0.9, 0.1, 0.85, 0.15, 0.45, 0.55, 0.4, 0.6, 0.49, 0.51]);
    const cl = confidentLearning(p, Int32Array.from([0, 0, 1, 1, 1]), 2, 'prune-by-class');
    expect(Array.from(cl.issues)).toEqual([0, 0, 0, 0, 0]);
  });

  it('handles three classes and rows confident in no class', () => {
    // Rows 1 and 3 are below every threshold (t = 0.75, 0.75, 0.425) and stay out of the joint.
    const p = Float64Array.from([0.8, 0.1, 0.1, 0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.2, 0.7, 0.1, 0.1, 0.1, 0.8, 0.9, 0.05, 0.05]);
    const cl = confidentLearning(p, Int32Array.from([0, 0, 1, 1, 2, 2]), 3);
    expect(Array.from(cl.issues)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(cl.likelyLabel[5]).toBe(0);
    expect(cl.joint).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 1],
    ]);
  });
});
