import { describe, expect, it } from 'vitest';
import {
  normalCdf,
  normalQuantile,
  normalUpperTail,
  shapiroWilk,
  shapiroWilkCoefficients,
  shapiroWilkPValue,
} from '../../../src/ml/stats/normality.js';
import { loadNumeric } from '../models/datasets.js';

// Motor Trend 1974 road tests, R's `mtcars` (32 cars).
const MTCARS = {
  mpg: [21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4],
  hp: [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66, 52, 65, 97, 150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109],
  wt: [2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345, 2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78],
};

/** Deterministic samples any language reproduces exactly: integer arithmetic, one division. */
const u = (i: number, m: number) => ((i * m) % 10007) / 10007;
const SEQUENCES = {
  uniform: (n: number) => Array.from({ length: n }, (_, k) => u(k + 1, 7919)),
  irwinHall: (n: number) => Array.from({ length: n }, (_, k) => u(k + 1, 7919) + u(k + 1, 104729) + u(k + 1, 1299709) + u(k + 1, 15485863)),
  exponential: (n: number) => Array.from({ length: n }, (_, k) => -Math.log(1 - u(k + 1, 7919))),
};

/** W and p agree with the reference to the digits it prints. */
function expectResult(values: number[], w: number, p: number, digits: { w: number; pRelative: number }) {
  const r = shapiroWilk(values);
  expect(r.n).toBe(values.length);
  expect(Math.abs(r.w - w)).toBeLessThan(0.5 * 10 ** -digits.w);
  expect(Math.abs(r.p - p) / p).toBeLessThan(digits.pRelative);
}

describe('Shapiro–Wilk (Royston, AS R94)', () => {
  // R's shapiro.test (a C translation of AS R94) as printed in published tutorials:
  //   mtcars$mpg  W = 0.94756, p-value = 0.1229   https://rstudiodatalab.medium.com/how-to-perform-and-interpret-the-shapiro-wilk-test-in-r-afab5234997d
  //   mtcars$hp   W = 0.93342, p-value = 0.04881  https://koalatea.io/r-normaility-test/
  //   mtcars$wt   W = 0.94326, p-value = 0.09265  https://rstudio-pubs-static.s3.amazonaws.com/222982_d47a487411fb45b5b0634f391abcda0c.html
  it('matches R shapiro.test on mtcars (n = 32)', () => {
    expectResult(MTCARS.mpg, 0.94756, 0.1229, { w: 5, pRelative: 5e-4 });
    expectResult(MTCARS.hp, 0.93342, 0.04881, { w: 5, pRelative: 2e-4 });
    expectResult(MTCARS.wt, 0.94326, 0.09265, { w: 5, pRelative: 2e-4 });
  });

  // R's shapiro.test on R's iris (Fisher's values, as scikit-learn's copy, ours, has):
  // Sepal.Length W = 0.97609, p-value = 0.01018; Sepal.Width W = 0.98492, p-value = 0.1012;
  // Petal.Length W = 0.87627, p-value = 7.412e-10; Petal.Width W = 0.90183, p-value = 1.68e-08 —
  // the output often reproduced in R tutorials; scipy.stats.shapiro 1.17.1 prints the same digits.
  it('matches R shapiro.test on the four iris measurements (n = 150)', () => {
    const { rows } = loadNumeric('iris');
    const column = (j: number) => rows.map((r) => r[j]!);
    expectResult(column(0), 0.97609, 0.01018, { w: 5, pRelative: 5e-4 });
    expectResult(column(1), 0.98492, 0.1012, { w: 5, pRelative: 5e-4 });
    expectResult(column(2), 0.87627, 7.412e-10, { w: 5, pRelative: 1e-4 });
    expectResult(column(3), 0.90183, 1.68e-8, { w: 5, pRelative: 5e-4 });
  });

  // Shapiro & Wilk (1965, Biometrika 52) test the weights of 11 men and get W = 0.79 (significant
  // at 1%); AS R94 gives W = 0.78881, p-value = 0.006704 (its 4 ≤ n ≤ 11 approximation; checked
  // with scipy.stats.shapiro 1.17.1).
  it("reproduces Shapiro and Wilk's own example (n = 11)", () => {
    expectResult([148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236], 0.78881, 0.006704, { w: 5, pRelative: 1e-4 });
  });

  // Reference values from scipy.stats.shapiro 1.17.1, whose swilk routine is Royston's AS R94
  // (its normal quantile is single-precision AS 241 PPND7, hence agreement to ~1e-9 in W and
  // ~1e-5 relative in p, not more).
  it.each([
    ['uniform', 5, 0.9799881799494996, 0.9345553735921323],
    ['exponential', 5, 0.8946778473925211, 0.3811727371564826],
    ['irwinHall', 7, 0.9614898283756319, 0.8314105159384797],
    ['uniform', 11, 0.9459227979897636, 0.5923998912174522],
    ['exponential', 12, 0.8880198008287996, 0.11111527106250102],
    ['uniform', 100, 0.9545839358019214, 0.0016839901928793284],
    ['irwinHall', 100, 0.9855524715645759, 0.34782719031342313],
    ['exponential', 1000, 0.8231036979088329, 8.515507664342226e-32],
    ['irwinHall', 5000, 0.9959438716519233, 1.5933367480060916e-10],
    ['uniform', 5000, 0.9548898264358439, 9.300842427190515e-37],
  ] as const)('matches AS R94 (scipy) on the %s sequence, n = %i', (kind, n, w, p) => {
    const r = shapiroWilk(SEQUENCES[kind](n));
    expect(Math.abs(r.w - w)).toBeLessThan(1e-8);
    expect(Math.abs(r.p - p) / p).toBeLessThan(2e-5);
  });

  it('has the exact distribution for n = 3: p = (6/π)(asin √W − asin √¾)', () => {
    // Equally spaced values give W = 1 and p = 1; the extreme (two equal, one apart) gives W = ¾, p = 0.
    expect(shapiroWilk([1, 2, 3])).toMatchObject({ w: 1, p: 1 });
    const r = shapiroWilk([0, 0, 1]);
    expect(r.w).toBeCloseTo(0.75, 12);
    expect(r.p).toBeCloseTo(0, 6);
    // [1, 2, 4]: W = (a·range)² / SS with a = √½: (√½·3)² / (14/3) = 27/28.
    const q = shapiroWilk([1, 2, 4]);
    expect(q.w).toBeCloseTo(27 / 28, 12);
    expect(q.p).toBeCloseTo((6 / Math.PI) * (Math.asin(Math.sqrt(27 / 28)) - Math.PI / 3), 12);
  });

  it('coefficients are a unit vector (Σ 2aᵢ² = 1) and decrease', () => {
    for (const n of [4, 5, 6, 10, 50, 5000]) {
      const a = shapiroWilkCoefficients(n);
      const sumSquares = a.reduce((s, v) => s + 2 * v * v, 0);
      expect(sumSquares).toBeCloseTo(1, 10);
      for (let i = 1; i < a.length; i++) expect(a[i]).toBeLessThan(a[i - 1]!);
    }
  });

  it('is invariant to location, scale and order', () => {
    const x = SEQUENCES.exponential(40);
    const base = shapiroWilk(x);
    const moved = shapiroWilk(x.map((v) => 1000 + 7 * v).reverse());
    expect(moved.w).toBeCloseTo(base.w, 12);
    expect(moved.p).toBeCloseTo(base.p, 12);
    expect(shapiroWilk([...x].sort((a, b) => a - b), { sorted: true }).w).toBeCloseTo(base.w, 14);
  });

  it('p-values fall as W falls, and are tiny below the small-sample range', () => {
    for (const n of [4, 8, 11, 12, 30, 400]) {
      expect(shapiroWilkPValue(0.95, n)).toBeGreaterThan(shapiroWilkPValue(0.85, n));
    }
    expect(shapiroWilkPValue(0.3, 4)).toBe(1e-99);
  });

  it('refuses samples it cannot test', () => {
    expect(() => shapiroWilk([1, 2])).toThrow(/between 3 and 5000 values, got 2/);
    expect(() => shapiroWilk(new Array(5001).fill(0).map((_, i) => i))).toThrow(/got 5001/);
    expect(() => shapiroWilk([2, 2, 2, 2])).toThrow(/all values are equal/);
    expect(() => shapiroWilk([1, NaN, 3])).toThrow(/value 2 is not a finite number/);
  });
});

describe('standard normal functions', () => {
  it('agree with tabulated values to double precision', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 11);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalUpperTail(5)).toBeCloseTo(2.866515718791939e-7, 19);
    expect(normalUpperTail(10) / 7.619853024160527e-24).toBeCloseTo(1, 10);
    expect(normalCdf(-1)).toBeCloseTo(0.158655253931457, 14);
  });

  it('round-trips quantile and distribution function across the range', () => {
    for (const p of [1e-300, 1e-20, 1e-5, 0.01, 0.02425, 0.1, 0.5, 0.7, 0.97575, 0.999999]) {
      const x = normalQuantile(p);
      const back = p < 0.5 ? normalCdf(x) : 1 - normalUpperTail(x);
      expect(Math.abs(back - p) / p).toBeLessThan(1e-12);
    }
  });
});
