import { describe, expect, it } from 'vitest';
import { chiSquareGoodnessOfFit, chiSquareHomogeneity, chiSquareTail, kolmogorovSmirnov, kolmogorovTail, logGamma, populationStabilityIndex, upperGammaRegularized } from '../../../src/ml/poisoning/stats.js';

describe('statistics', () => {
  it('chi-square tail matches tabled critical values', () => {
    expect(chiSquareTail(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareTail(18.307038053275146, 10)).toBeCloseTo(0.05, 9);
    expect(chiSquareTail(6.634896601021214, 1)).toBeCloseTo(0.01, 10);
    expect(chiSquareTail(0, 3)).toBe(1);
  });

  it('incomplete gamma and log-gamma agree with closed forms', () => {
    for (const x of [0.1, 1, 5, 30]) expect(upperGammaRegularized(1, x)).toBeCloseTo(Math.exp(-x), 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it('Kolmogorov tail: 1.358 is the 5% critical value', () => {
    expect(kolmogorovTail(1.358)).toBeCloseTo(0.05, 3);
    expect(kolmogorovTail(0.1)).toBe(1);
  });

  it('two-sample KS: the largest gap between the empirical distributions', () => {
    const a = Float64Array.from({ length: 100 }, (_, i) => i);
    expect(kolmogorovSmirnov(a, a)).toEqual({ statistic: 0, pValue: 1 });
    const shifted = kolmogorovSmirnov(a, a.map((v) => v + 50));
    expect(shifted.statistic).toBeCloseTo(0.5, 12);
    expect(shifted.pValue).toBeLessThan(1e-9);
    // Ties across samples are stepped over together.
    expect(kolmogorovSmirnov(Float64Array.from([1, 1, 2]), Float64Array.from([1, 2, 2])).statistic).toBeCloseTo(1 / 3, 12);
  });

  it('chi-square homogeneity and goodness of fit', () => {
    expect(chiSquareHomogeneity([50, 50], [50, 50]).pValue).toBe(1);
    const moved = chiSquareHomogeneity([80, 20], [50, 50]);
    expect(moved.df).toBe(1);
    expect(moved.pValue).toBeLessThan(1e-4);
    const fit = chiSquareGoodnessOfFit([30, 30, 40], [1 / 3, 1 / 3, 1 / 3]);
    expect(fit.statistic).toBeCloseTo(2, 10);
    expect(fit.df).toBe(2);
  });

  it('population stability index: 0 when unchanged, growing with the shift', () => {
    expect(populationStabilityIndex([10, 20, 30], [1, 2, 3])).toBeCloseTo(0, 12);
    const small = populationStabilityIndex([45, 55], [50, 50]);
    const large = populationStabilityIndex([20, 80], [50, 50]);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeCloseTo(0.3 * Math.log(0.5 / 0.2) + 0.3 * Math.log(0.8 / 0.5), 12);
  });
});
