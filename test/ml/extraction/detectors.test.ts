import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/ml/models/random.js';
import { CellSet, cellOf, coverageGrid, CoverageDetector, distinctCellMoments } from '../../../src/ml/extraction/detectors/coverage.js';
import { NearBoundaryDetector, topTwoGap } from '../../../src/ml/extraction/detectors/near-boundary.js';
import { OneFeaturePairsDetector, PairIndex } from '../../../src/ml/extraction/detectors/one-feature-pairs.js';
import { exceedance, fitTails, leaveOneOutExceedance, OutOfRangeDetector, tailPValue } from '../../../src/ml/extraction/detectors/out-of-range.js';
import { PradaDetector, PradaState, pradaStatistic } from '../../../src/ml/extraction/detectors/prada.js';
import { bucketOf, meanKnnDistance, StatefulKnnDetector } from '../../../src/ml/extraction/detectors/stateful-knn.js';
import { RateDetector, VolumeDetector } from '../../../src/ml/extraction/detectors/volume.js';
import { fitEncoder } from '../../../src/ml/extraction/encoding.js';
import { fitFeatureSpace } from '../../../src/ml/extraction/feature-space.js';
import { RowRing } from '../../../src/ml/extraction/rows.js';
import type { Query, QueryView } from '../../../src/ml/extraction/types.js';
import { loadNumeric } from '../models/datasets.js';

const test = { rate: 0.01, alpha: 1e-5, minHits: 2 };
const query = (x: number[], extra: Partial<Query> = {}): Query => ({ caller: 'c', x: Float64Array.from(x), index: 0, ...extra });
const view = (z: number[], scores: number[] = []): QueryView => ({ z: Float64Array.from(z), scores: Float64Array.from(scores) });

describe('out of range', () => {
  // Iris: petal length and width are nearly collinear, so a box corner is far off the data.
  const { columns, rows } = loadNumeric('iris');
  const encoder = fitEncoder(columns, rows);
  const space = fitFeatureSpace(encoder, rows.map((r) => encoder.encode(r).x));
  const viewOf = (x: number[]) => {
    const z = space.standardize(Float64Array.from(x));
    return { z, scores: space.project(z) };
  };

  it('measures how far beyond the training range a row lies, per feature and along principal axes', () => {
    for (const r of rows) expect(exceedance(space, viewOf(r), 0)).toBe(0);
    // Each value within its own range, but a long petal that is thin: off the principal axes.
    expect(exceedance(space, viewOf([5.8, 3.0, 6.9, 0.1]), 0)).toBeGreaterThan(0.3);
    // Sepal length 2 cm beyond the maximum of 7.9, a range of 3.6 cm: at least 2/3.6.
    expect(exceedance(space, viewOf([9.9, 3.0, 6.0, 2.0]), 0)).toBeGreaterThan(2 / 3.6 - 1e-9);
    expect(exceedance(space, viewOf(rows[0]!), 1)).toBe(Infinity);
  });

  it('estimates the benign rate by leaving each extreme row out', () => {
    const e = leaveOneOutExceedance([[[0], [1], [2], [3], [10]].map((r) => Float64Array.from(r))]);
    // 10 is beyond the runner-up 3 by 7 in a range of 3; 0 below 1 by 1 in a range of 9.
    expect(e[4]).toBeCloseTo(7 / 3, 12);
    expect(e[0]).toBeCloseTo(1 / 9, 12);
    expect(Array.from(e.subarray(1, 4))).toEqual([0, 0, 0]);
  });

  it('flags a caller whose queries keep leaving the range, at any severity level', () => {
    const detector = new OutOfRangeDetector({ levels: [{ margin: 0, test }, { margin: 0.5, test: { ...test, rate: 0.001 } }] }, space);
    expect(detector.observe(query([5.1, 3.5, 1.4, 0.2]), viewOf([5.1, 3.5, 1.4, 0.2]))).toBeUndefined();
    const far = [7.9, 2.0, 1.0, 2.5];
    expect(exceedance(space, viewOf(far), 0)).toBeGreaterThan(0.5);
    expect(detector.observe(query(far), viewOf(far))).toBeUndefined();
    const verdict = detector.observe(query(far), viewOf(far));
    expect(verdict?.detail).toMatch(/2 of 3 queries beyond the training range by more than 0.5/);
  });
});

describe('out of range: extreme-value tails', () => {
  const col = (values: number[]) => values.map((v) => Float64Array.of(v));

  it("fits each tail's scale from the normalized top spacings, at a 95% upper bound", () => {
    // 0…99 evenly: every spacing is 1, so i·spacing averages (k + 1)/2 over the top k = 10.
    const model = fitTails([col(Array.from({ length: 100 }, (_, i) => i))]);
    const upper = 1 / (1 - 1.645 / Math.sqrt(10));
    expect(model.rows).toBe(100);
    expect(model.max[0]).toBe(99);
    expect(model.scaleAbove[0]).toBeCloseTo(5.5 * upper, 12);
    expect(model.scaleBelow[0]).toBeCloseTo(5.5 * upper, 12);
    // p-value: two tails, passed by t = 5 beyond the max: 2·exp(−5/a)/(n + 1); 1 inside.
    expect(tailPValue(model, view([104]), 0)).toBeCloseTo((2 * Math.exp(-5 / (5.5 * upper))) / 101, 12);
    expect(tailPValue(model, view([20]), 0)).toBe(1);
    expect(tailPValue(model, view([20]), 1)).toBe(0);
  });

  it('treats a tail ending in ties as one that is never passed', () => {
    const model = fitTails([col([...Array.from({ length: 30 }, (_, i) => i / 10), ...Array(10).fill(5)])]);
    expect(model.scaleAbove[0]).toBe(0);
    expect(tailPValue(model, view([5.01]), 0)).toBe(0);
  });

  it("flags two far-out queries among a caller's first three when the tails vouch for their rarity", () => {
    const model = fitTails([col(Array.from({ length: 40 }, (_, i) => i))]);
    const space = fitFeatureSpace(fitEncoder(['v'], [[0], [39]]), [Float64Array.of(0), Float64Array.of(39)]);
    const detector = new OutOfRangeDetector({ levels: [], tail: { model, pValue: 0.001, test: { rate: 0.001, alpha: 1e-5, minHits: 2 } } }, space);
    const far = view([80], [80]);
    expect(detector.observe(query([0]), far)).toBeUndefined();
    expect(detector.observe(query([0]), view([10], [10]))).toBeUndefined();
    expect(detector.observe(query([0]), far)?.detail).toMatch(/2 of 3 queries further into the training data's tails/);
  });

  it("flags a single query at once when its p-value, over the caller's queries so far, is below alpha", () => {
    const model = fitTails([col(Array.from({ length: 100 }, (_, i) => i))]);
    const space = fitFeatureSpace(fitEncoder(['v'], [[0], [99]]), [Float64Array.of(0), Float64Array.of(99)]);
    const config = { levels: [], tail: { model, pValue: 0.001, test: { rate: 0.001, alpha: 1e-5, minHits: 2 }, oneQueryAlpha: 1e-5 } };
    const a = 5.5 / (1 - 1.645 / Math.sqrt(10));
    // p = 2·exp(−t/a)/101: t = 40a gives p ≈ 8e-20, far below 1e-5 even at query 100.
    const extreme = view([99 + 40 * a], [99 + 40 * a]);
    expect(new OutOfRangeDetector(config, space).observe(query([0]), extreme, 100)?.detail).toMatch(/query 100 lies further into the training data's tails/);
    // t = 7a gives p ≈ 1.8e-5: not enough alone at query 1; and p·n grows with the query count.
    const marginal = view([99 + 7 * a], [99 + 7 * a]);
    expect(tailPValue(model, marginal, 0)).toBeGreaterThan(1e-5);
    expect(new OutOfRangeDetector(config, space).observe(query([0]), marginal, 1)).toBeUndefined();
    const t = 99 + 11 * a; // p ≈ 3.3e-7: alone at query 1, not at query 40
    expect(new OutOfRangeDetector(config, space).observe(query([0]), view([t], [t]), 1)).toBeDefined();
    expect(new OutOfRangeDetector(config, space).observe(query([0]), view([t], [t]), 40)).toBeUndefined();
  });
});

describe('one-feature pairs', () => {
  it('finds a query that differs from a remembered one in exactly one feature', () => {
    const pairs = new PairIndex(8, 3);
    expect(pairs.add(Float64Array.from([1, 2, 3]))).toBe(false);
    expect(pairs.add(Float64Array.from([1, 2, 3]))).toBe(false); // identical: no feature differs
    expect(pairs.add(Float64Array.from([1, 5, 4]))).toBe(false); // two features differ
    expect(pairs.add(Float64Array.from([1, 2, 9]))).toBe(true);
    expect(pairs.add(Float64Array.from([-0, 5, 4]))).toBe(true); // differs from [1, 5, 4] in the first
  });

  it('forgets queries beyond its memory', () => {
    const pairs = new PairIndex(2, 2);
    pairs.add(Float64Array.from([0, 0]));
    pairs.add(Float64Array.from([10, 10]));
    pairs.add(Float64Array.from([20, 20]));
    expect(pairs.add(Float64Array.from([0, 1]))).toBe(false);
    expect(pairs.add(Float64Array.from([20, 21]))).toBe(true);
  });

  it('flags a line search along one feature', () => {
    const detector = new OneFeaturePairsDetector({ memory: 64, test }, 4);
    const verdicts = [0, 0.1, 0.2, 0.3].map((t) => detector.observe(query([1 + t, 2, 3, 4])));
    expect(verdicts.slice(0, 3).every((v) => v === undefined)).toBe(true);
    expect(verdicts[3]?.detail).toMatch(/3 of 4 queries differ from an earlier query of the caller in exactly one feature/);
  });
});

describe('near the decision boundary', () => {
  it('measures the gap between the two most probable classes', () => {
    expect(topTwoGap([0.1, 0.5, 0.4])).toBeCloseTo(0.1, 12);
    expect(topTwoGap([0.5, 0.5])).toBe(0);
    expect(topTwoGap([1])).toBe(1);
  });

  it('flags a caller living at the boundary and ignores queries without probabilities', () => {
    const detector = new NearBoundaryDetector({ margin: 0.1, test: { ...test, rate: 0.02 } });
    expect(detector.observe(query([0]))).toBeUndefined();
    const probs = Float64Array.from([0.52, 0.48]);
    const results = Array.from({ length: 4 }, () => detector.observe(query([0], { probs })));
    expect(results.findIndex((r) => r !== undefined)).toBe(2); // 3 of 3 at a 2% benign rate: tail 8e-6
  });
});

describe('remembered rows', () => {
  it('grow as rows arrive and wrap at their capacity', () => {
    const ring = new RowRing(20, 2);
    expect(ring.data.length).toBe(16); // 8 rows to start
    for (let i = 0; i < 9; i++) ring.push(Float64Array.from([i, -i]));
    expect(ring.data.length).toBe(32);
    for (let i = 9; i < 25; i++) ring.push(Float64Array.from([i, -i]));
    expect(ring.data.length).toBe(40);
    expect(ring.count).toBe(20);
    expect(ring.full).toBe(true);
    // Rows 20..24 overwrote the five oldest.
    expect(Array.from(ring.data.subarray(0, 10))).toEqual([20, -20, 21, -21, 22, -22, 23, -23, 24, -24]);
    expect(Array.from(ring.data.subarray(10, 12))).toEqual([5, -5]);
  });
});

describe('stateful k-NN', () => {
  it('computes the mean distance to the k nearest buffered queries', () => {
    const ring = new RowRing(8, 1);
    for (const v of [0, 1, 3, 10]) ring.push(Float64Array.from([v]));
    const d = meanKnnDistance(ring.data, ring.count, 1, Float64Array.from([2]), 2, new Float64Array(2));
    expect(d).toBeCloseTo(1, 12); // |2-1| and |2-3|
    expect(bucketOf(1)).toBe(0);
    expect(bucketOf(64)).toBe(6);
    expect(bucketOf(127)).toBe(6);
  });

  it('flags a caller whose queries crowd around its earlier ones', () => {
    const detector = new StatefulKnnDetector({ k: 2, buffer: 16, thresholds: [NaN, 0.5, 0.5, 0.5, 0.5], test }, 2);
    const random = createRandom(3);
    const spread = Array.from({ length: 10 }, () => [random.uniform(-10, 10), random.uniform(-10, 10)]);
    for (const p of spread) expect(detector.observe(query(p), view(p))).toBeUndefined();
    // Now tiny steps around one point.
    let verdict;
    for (let i = 0; i < 6 && !verdict; i++) verdict = detector.observe(query([0, i * 0.01]), view([0, i * 0.01]));
    expect(verdict?.detail).toMatch(/queries within a mean distance 0.500 of their 2 nearest earlier queries/);
  });
});

describe('PRADA', () => {
  const config = { delta: 0.9, minQueries: 100, testEvery: 10, maxGrowingSet: 200, maxDistances: 1000 };

  it('keeps natural queries above δ and flags a caller walking in small steps', () => {
    const { columns, rows, labels } = loadNumeric('banknote_authentication');
    const encoder = fitEncoder(columns, rows);
    const space = fitFeatureSpace(encoder, rows.map((r) => encoder.encode(r).x));
    const zOf = (r: number[]) => space.standardize(Float64Array.from(r));
    const benign = new PradaState(config, 4);
    let lowest = Infinity;
    const order = createRandom(1).shuffle(rows.map((_, i) => i)).slice(0, 400);
    for (const i of order) {
      const w = benign.add(zOf(rows[i]!), labels[i]!);
      if (w !== undefined) lowest = Math.min(lowest, w);
    }
    expect(lowest).toBeGreaterThan(0.9);

    // An attacker sweeping features one small step at a time from a few natural points.
    const detector = new PradaDetector(config, 4);
    let fired;
    for (let q = 0; q < 400 && !fired; q++) {
      const base = rows[order[q % 5]!]!;
      const x = [...base];
      x[q % 4] = x[q % 4]! + 0.05 * Math.floor(q / 5);
      const z = zOf(x);
      fired = detector.observe(query(x, { predicted: 0 }), { z, scores: new Float64Array() });
      if (fired) expect(q + 1).toBeGreaterThanOrEqual(100);
    }
    expect(fired?.value).toBeLessThan(0.9);
    expect(fired?.detail).toMatch(/Shapiro–Wilk W = .* is below δ = 0.9000/);
  });

  it('treats a degenerate distance set (one query repeated) as maximally non-normal', () => {
    expect(pradaStatistic(new Float64Array(150))).toBe(0);
    const state = new PradaState({ ...config, minQueries: 3, testEvery: 1 }, 1);
    state.add(Float64Array.from([0]), 0);
    let w;
    for (let i = 0; i < 4; i++) w = state.add(Float64Array.from([0]), 0);
    expect(w).toBe(0);
  });

  it('bounds its state: growing sets and the distance window are capped', () => {
    const state = new PradaState({ ...config, maxGrowingSet: 5, maxDistances: 50 }, 1);
    for (let i = 0; i < 500; i++) state.add(Float64Array.from([i * 10]), 0);
    expect(state.count).toBe(50);
    expect(state.distances.length).toBe(50);
  });
});

describe('coverage', () => {
  const { columns, rows } = loadNumeric('wine');
  const encoder = fitEncoder(columns, rows);
  const space = fitFeatureSpace(encoder, rows.map((r) => encoder.encode(r).x));
  const scores = rows.map((r) => space.project(space.standardize(Float64Array.from(r))));
  const grid = coverageGrid(space, scores);

  it('puts every baseline row in an interior cell and gives the cells a distribution', () => {
    expect(grid.axes).toBe(3);
    expect(grid.cellShare.length).toBe(8 ** 3);
    expect(grid.cellShare.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const side = grid.bins + 2;
    for (const s of scores) {
      let c = cellOf(grid, s);
      for (let a = 0; a < 3; a++, c = Math.floor(c / side)) {
        expect(c % side).toBeGreaterThanOrEqual(1);
        expect(c % side).toBeLessThanOrEqual(grid.bins);
      }
    }
    const cells = new CellSet(grid.cellShare.length);
    for (const s of scores) cells.add(cellOf(grid, s));
    expect(cells.size).toBeGreaterThan(10);
    expect(cells.size).toBeLessThan(grid.cellShare.length / 4);
  });

  it('expects benign callers to reach few cells, and flags one that spreads out', () => {
    const { mean, variance } = distinctCellMoments(grid, 50);
    expect(mean).toBeGreaterThan(5);
    expect(variance).toBeGreaterThan(0);
    const detector = new CoverageDetector({ grid, z: 4 });
    const random = createRandom(5);
    let fired;
    for (let n = 1; n <= 200 && !fired; n++) {
      // Uniform over a box four times the baseline's score range: new cells all the time.
      const s = Float64Array.from(space.axes, (_, a) => random.uniform(1.5 * space.scoreMin[a]! , 1.5 * space.scoreMax[a]!));
      fired = detector.observe(null, { z: new Float64Array(13), scores: s }, n);
    }
    expect(fired?.detail).toMatch(/visited \d+ distinct cells of the 3-axis feature grid/);
  });
});

describe('volume and rate', () => {
  it('flags the query past the volume limit, once', () => {
    const detector = new VolumeDetector({ maxQueries: 3 });
    expect([1, 2, 3].map((n) => detector.observe(query([0]), null, n))).toEqual([undefined, undefined, undefined]);
    expect(detector.observe(query([0]), null, 4)?.value).toBe(4);
  });

  it('counts queries in a sliding window of seconds and ignores records without a time', () => {
    const detector = new RateDetector({ maxPerWindow: 5, windowSeconds: 60 });
    const t0 = Date.UTC(2026, 0, 1);
    expect(detector.observe(query([0]))).toBeUndefined();
    // Five queries 20 s apart never have more than three inside 60 s.
    for (let i = 0; i < 5; i++) expect(detector.observe(query([0], { timeMs: t0 + i * 20_000 }))).toBeUndefined();
    // A burst of three more within a second pushes the window over five.
    const burst = [1, 2, 3].map((i) => detector.observe(query([0], { timeMs: t0 + 80_000 + i })));
    expect(burst[2]).toMatchObject({ value: 6, threshold: 5 });
  });
});
