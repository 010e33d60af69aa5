import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../src/ml/extraction/calibrate.js';
import { classDistance, crossFittedDistances, distancePValue, fitClassDistance, nearestClass } from '../../../src/ml/extraction/class-distance.js';
import { OutOfRangeDetector, tailPValue } from '../../../src/ml/extraction/detectors/out-of-range.js';
import { fitEncoder } from '../../../src/ml/extraction/encoding.js';
import { createRandom } from '../../../src/ml/models/random.js';
import type { Query } from '../../../src/ml/extraction/types.js';
import { loadNumeric } from '../models/datasets.js';

/** Two elongated Gaussian classes in 2-D: narrow across, wide along, centred at ±3 on x. */
function twoClasses(n: number, seed: number, noise: () => number = () => 0): { rows: Float64Array[]; classes: number[] } {
  const random = createRandom(seed);
  const rows: Float64Array[] = [];
  const classes: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    rows.push(Float64Array.of((c ? 3 : -3) + 0.3 * random.normal() + noise(), 2 * random.normal()));
    classes.push(c);
  }
  return { rows, classes };
}

/** Two classes shaped like twoClasses but multivariate t with `nu` degrees of freedom (one mixing scale per row). */
function tClasses(n: number, seed: number, nu: number): { rows: Float64Array[]; classes: number[] } {
  const random = createRandom(seed);
  const rows: Float64Array[] = [];
  const classes: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    let chi2 = 0;
    for (let k = 0; k < nu; k++) chi2 += random.normal() ** 2;
    const s = 1 / Math.sqrt(chi2 / nu);
    rows.push(Float64Array.of((c ? 3 : -3) + 0.3 * s * random.normal(), 2 * s * random.normal()));
    classes.push(c);
  }
  return { rows, classes };
}

describe('distance to the nearest class', () => {
  it('measures in the pooled within-class metric: far across the classes, near along them', () => {
    const { rows, classes } = twoClasses(400, 1);
    const model = fitClassDistance(rows, classes, 2);
    // Inside the range of both coordinates, but between the classes: far in the within-class metric.
    expect(classDistance(model, [0, 0])).toBeGreaterThan(8);
    // 4 units along a class (2 of its standard deviations) is near.
    expect(classDistance(model, [3, 4])).toBeLessThan(2.2);
    const nearest = nearestClass(model, [-3.1, 1], { index: -1, d2: 0 });
    expect(model.counts[nearest.index]).toBe(200);
    expect(model.dof).toBe(398);
  });

  it('gives calibrated p-values to new rows of Gaussian classes, and tiny ones to probes between them', () => {
    const { rows, classes } = twoClasses(300, 2);
    const model = fitClassDistance(rows, classes, 2);
    const fresh = twoClasses(4000, 3).rows;
    const p = fresh.map((x) => distancePValue(model, nearestClass(model, x, { index: -1, d2: 0 }))!);
    // The nearest class is at most as far as the row's own: the p-values are conservative.
    const below = (t: number) => p.filter((v) => v <= t).length / p.length;
    expect(below(0.05)).toBeLessThan(0.06);
    expect(below(0.05)).toBeGreaterThan(0.03);
    expect(below(0.01)).toBeLessThan(0.015);
    expect(distancePValue(model, nearestClass(model, [0, 0], { index: -1, d2: 0 }))).toBeLessThan(1e-12);
  });

  it('gives calibrated p-values to rows of multivariate t classes under the t reference, where the Gaussian overstates rarity', () => {
    const { rows, classes } = tClasses(600, 7, 5);
    const model = fitClassDistance(rows, classes, 2);
    const fresh = tClasses(6000, 8, 5).rows.map((x) => nearestClass(model, x, { index: -1, d2: 0 }));
    const share = (p: number[], t: number) => p.filter((v) => v <= t).length / p.length;
    const underT = fresh.map((n) => distancePValue(model, n, 5)!);
    const underGauss = fresh.map((n) => distancePValue(model, n)!);
    expect(share(underT, 0.01)).toBeLessThan(0.015);
    expect(share(underT, 0.01)).toBeGreaterThan(0.005);
    expect(share(underGauss, 0.001)).toBeGreaterThan(0.005);
    // The t reference at infinite degrees of freedom is the Gaussian (Hotelling) one; heavier
    // tails claim less rarity far out.
    const far = { index: 0, d2: 60 };
    expect(distancePValue(model, far, Infinity)).toBe(distancePValue(model, far));
    expect(distancePValue(model, far, 30)!).toBeGreaterThan(distancePValue(model, far)!);
    expect(distancePValue(model, far, 5)!).toBeGreaterThan(distancePValue(model, far, 30)!);
  });

  it('has no Gaussian reference without enough degrees of freedom', () => {
    const rows = [Float64Array.of(0, 0, 0), Float64Array.of(1, 1, 2), Float64Array.of(2, 0, 1)];
    expect(distancePValue(fitClassDistance(rows, [0, 0, 1], 3), { index: 0, d2: 4 })).toBeUndefined();
  });

  it('scores each row by a model fitted without it, so rows look as far as new ones do', () => {
    const { rows, classes } = twoClasses(60, 4);
    const inSample = fitClassDistance(rows, classes, 2);
    const crossed = crossFittedDistances(rows, classes, 2);
    const mean = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / v.length;
    expect(mean(crossed)).toBeGreaterThan(mean(rows.map((x) => classDistance(inSample, x))));
  });
});

describe('out-of-range with the nearest-class distance', () => {
  const { columns, rows, labels } = loadNumeric('iris');
  const encoder = fitEncoder(columns, rows);
  const encoded = rows.map((r) => encoder.encode(r).x);
  const order = createRandom(5).shuffle(encoded.map((_, i) => i));
  const baseline = order.slice(0, 105);
  const held = order.slice(105);
  const config = calibrate({
    encoder,
    baseline: baseline.map((i) => encoded[i]!),
    baselineClasses: baseline.map((i) => labels[i]!),
    calibration: held.map((i) => encoded[i]!),
    calibrationClasses: held.map((i) => labels[i]!),
  });
  const tail = config.signals.outOfRange!.tail!;
  const viewOf = (x: number[]) => {
    const z = config.space.standardize(Float64Array.from(x));
    return { z, scores: config.space.project(z) };
  };
  const query = (x: number[]): Query => ({ caller: 'c', x: Float64Array.from(x), index: 0 });

  it("judges iris's classes as Gaussian: cross-validation bears it out", () => {
    expect(tail.model.distance?.parametric).toBe(true);
    expect(tail.alpha).toBe(0.001);
    expect(config.calibration.notes.join('\n')).not.toMatch(/out-of-range/);
  });

  it('finds a flower whose every measurement is in range but which is no species', () => {
    // Long sepals and long, thin petals: each value inside iris's ranges, the combination in none.
    const probe = [5.0, 3.4, 6.0, 0.3];
    expect(tailPValue(tail.model, viewOf(probe), 0)).toBeLessThan(1e-6);
    for (const i of held) expect(tailPValue(tail.model, viewOf(Array.from(encoded[i]!)), 0)).toBeGreaterThan(1e-3);
  });

  it('flags a caller for two rare queries in its window, never for one', () => {
    const detector = new OutOfRangeDetector({ levels: [], tail: { ...tail, oneQueryAlpha: undefined } }, config.space);
    const probe = [5.0, 3.4, 6.0, 0.3];
    const real = Array.from(encoded[held[0]!]!);
    expect(detector.observe(query(probe), viewOf(probe), 1)).toBeUndefined();
    expect(detector.observe(query(real), viewOf(real), 2)).toBeUndefined();
    const verdict = detector.observe(query(probe), viewOf(probe), 3);
    expect(verdict?.detail).toMatch(/two of the caller's last 3 queries lie further into the training data's tails or off the classes' shape/);
    expect(verdict!.value).toBeLessThan(verdict!.threshold);
    expect(verdict!.threshold).toBeCloseTo(0.001 / 6, 12);
  });

  it('leaves the distance to its fitted tail, or out, when cross-validation contradicts the Gaussian shape', () => {
    // Classes with heavy-tailed (Cauchy) spread across: a Gaussian reference overstates rarity.
    const random = createRandom(9);
    const cauchy = () => Math.tan(Math.PI * (random.next() - 0.5));
    const { rows: heavy, classes } = twoClasses(400, 6, () => 0.3 * cauchy());
    const enc = fitEncoder(['a', 'b'], heavy.map((r) => Array.from(r)));
    const c = calibrate({ encoder: enc, baseline: heavy.slice(0, 300), baselineClasses: classes.slice(0, 300), calibration: heavy.slice(300), calibrationClasses: classes.slice(300) });
    expect(c.calibration.notes.join('\n')).toMatch(/cross-validation contradicts a Gaussian or multivariate t shape of the classes/);
    expect(c.signals.outOfRange!.tail!.model.distance?.parametric ?? false).toBe(false);
  });

  it('judges heavy-tailed but elliptical classes by a multivariate t reference when cross-validation bears it out', () => {
    const { rows, classes } = tClasses(400, 10, 4);
    const enc = fitEncoder(['a', 'b'], rows.map((r) => Array.from(r)));
    const c = calibrate({ encoder: enc, baseline: rows.slice(0, 300), baselineClasses: classes.slice(0, 300), calibration: rows.slice(300), calibrationClasses: classes.slice(300) });
    const distance = c.signals.outOfRange!.tail!.model.distance;
    expect(c.calibration.notes.join('\n')).toMatch(/judged by a heavier-tailed multivariate t reference \((30|10|5) degrees of freedom\)/);
    expect(distance?.parametric).toBe(true);
    expect(Number.isFinite(distance!.tail)).toBe(true);
    expect(c.signals.outOfRange!.tail!.alpha).toBe(0.001);
  });
});
