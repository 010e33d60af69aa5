import { describe, expect, it } from 'vitest';
import { fUpperTail, incompleteBeta, logGamma } from '../../../src/ml/stats/distributions.js';

describe('log gamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(20)).toBeCloseTo(Math.log(121645100408832000), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 10);
  });
});

describe('regularized incomplete beta', () => {
  it('has the closed forms of its simple cases', () => {
    for (const x of [0.01, 0.3, 0.5, 0.77, 0.999]) {
      expect(incompleteBeta(x, 1, 1)).toBeCloseTo(x, 12);
      expect(incompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 12);
      expect(incompleteBeta(x, 1, 2.5)).toBeCloseTo(1 - (1 - x) ** 2.5, 12);
      // Symmetry I_x(a, b) = 1 − I_{1−x}(b, a), on both sides of the switch point.
      expect(incompleteBeta(x, 7, 2.5) + incompleteBeta(1 - x, 2.5, 7)).toBeCloseTo(1, 12);
    }
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    expect(() => incompleteBeta(0.5, 0, 1)).toThrow(/positive/);
  });
});

describe('F distribution upper tail', () => {
  it('agrees with closed forms and published critical values', () => {
    // F(2, ν): P(F > x) = (1 + 2x/ν)^(−ν/2).
    for (const [x, nu] of [[0.5, 3], [4, 10], [30, 72], [200, 684]] as const) {
      const exact = (1 + (2 * x) / nu) ** (-nu / 2);
      expect(fUpperTail(x, 2, nu) / exact).toBeCloseTo(1, 9);
    }
    // F(1, 10) = t(10)²; t(10) at 0.975 is 2.228139: two-sided 5%.
    expect(fUpperTail(2.228139 ** 2, 1, 10)).toBeCloseTo(0.05, 6);
    // Tables: F(4, 60) at the 1% point is 3.649; F(13, 100) at 5% is about 1.8.
    expect(fUpperTail(3.649, 4, 60)).toBeCloseTo(0.01, 4);
    expect(fUpperTail(1.8, 13, 100)).toBeGreaterThan(0.045);
    expect(fUpperTail(1.8, 13, 100)).toBeLessThan(0.06);
    expect(fUpperTail(0, 3, 5)).toBe(1);
    expect(fUpperTail(Infinity, 3, 5)).toBe(0);
    // Far in the tail it stays a small positive number, not 0 or negative.
    const far = fUpperTail(400, 4, 71);
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-40);
  });
});
