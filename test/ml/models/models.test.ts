import { describe, expect, it } from 'vitest';
import {
  argmax,
  createRandom,
  encodeLabels,
  fit,
  fitKnn,
  fitLogistic,
  fitTree,
  leastSquares,
  logisticFromCoefficients,
  minimize,
  outOfFoldProba,
  stratifiedFolds,
  symmetricEigen,
} from '../../../src/ml/models/index.js';
import { loadNumeric } from './datasets.js';

const accuracy = (pred: number[], labels: number[]) => pred.filter((p, i) => p === labels[i]).length / labels.length;

/** A seeded split: every `every`-th row (after shuffling) is held out. */
function split(rows: number[][], labels: number[], seed: number, every = 3) {
  const order = createRandom(seed).shuffle(rows.map((_, i) => i));
  const train = order.filter((_, k) => k % every !== 0);
  const test = order.filter((_, k) => k % every === 0);
  return {
    train: { rows: train.map((i) => rows[i]!), labels: train.map((i) => labels[i]!) },
    test: { rows: test.map((i) => rows[i]!), labels: test.map((i) => labels[i]!) },
  };
}

describe('multinomial logistic regression', () => {
  it('separates iris (3 classes) and its probabilities are distributions', () => {
    const { rows, labels } = loadNumeric('iris');
    const { train, test } = split(rows, labels, 7);
    const model = fitLogistic(train.rows, train.labels);
    expect(model.converged).toBe(true);
    expect(model.classes).toBe(3);
    expect(accuracy(model.predict(test.rows), test.labels)).toBeGreaterThanOrEqual(0.9);
    for (const p of model.predictProba(test.rows)) {
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const v of p) expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it('generalizes on breast cancer (30 correlated features, binary)', () => {
    const { rows, labels } = loadNumeric('breast_cancer');
    const { train, test } = split(rows, labels, 3);
    const model = fit(train.rows, train.labels);
    expect(accuracy(model.predict(test.rows), test.labels)).toBeGreaterThanOrEqual(0.94);
  });

  it('reaches the optimum of its objective: perturbing any coefficient makes it worse', () => {
    const { rows, labels } = loadNumeric('wine');
    const l2 = 0.01;
    const model = fitLogistic(rows, labels, { l2, tolerance: 1e-9 });
    // The objective in raw units: mean log-loss + l2/2 Σ (w·σ)² (the penalty is on standardized weights).
    const d = rows[0]!.length;
    const sd = Array.from({ length: d }, (_, j) => {
      const m = rows.reduce((s, r) => s + r[j]!, 0) / rows.length;
      return Math.sqrt(rows.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / rows.length);
    });
    const objective = (weights: Float64Array[], intercepts: Float64Array) => {
      const m = logisticFromCoefficients(weights, intercepts);
      let loss = 0;
      rows.forEach((r, i) => (loss -= Math.log(m.predictRow(r)[labels[i]!]!)));
      let penalty = 0;
      for (const w of weights) w.forEach((v, j) => (penalty += (v * sd[j]!) ** 2));
      return loss / rows.length + (l2 / 2) * penalty;
    };
    const best = objective(model.weights, model.intercepts);
    for (const [c, j] of [[0, 0], [1, 6], [2, 12]] as const) {
      for (const step of [1e-3, -1e-3]) {
        const weights = model.weights.map((w) => Float64Array.from(w));
        weights[c]![j] = weights[c]![j]! + step / sd[j]!;
        expect(objective(weights, model.intercepts)).toBeGreaterThan(best);
      }
    }
  });

  it('computes the input gradient of a class probability (checked by finite differences)', () => {
    const { rows, labels } = loadNumeric('iris');
    const model = fitLogistic(rows, labels);
    const x = rows[60]!;
    const g = model.inputGradient(x, 1);
    for (let j = 0; j < 4; j++) {
      const h = 1e-6;
      const up = [...x];
      const down = [...x];
      up[j] = up[j]! + h;
      down[j] = down[j]! - h;
      const numeric = (model.predictRow(up)[1]! - model.predictRow(down)[1]!) / (2 * h);
      expect(g[j]).toBeCloseTo(numeric, 6);
    }
  });

  it('rejects ragged rows, non-finite values and bad labels with the row named', () => {
    expect(() => fit([[1, 2], [3]], [0, 1])).toThrow(/row 2: 1 features, expected 2/);
    expect(() => fit([[1, 2], [3, NaN]], [0, 1])).toThrow(/row 2, feature 2: not a finite number/);
    expect(() => fit([[1, 2], [3, 4]], [0, 1.5])).toThrow(/row 2: label 1.5/);
    expect(() => fit([], [])).toThrow(/no training rows/);
    expect(() => fitLogistic([[1], [2]], [0, 1]).predictRow([1, 2])).toThrow(/2 features, the model expects 1/);
  });
});

describe('k-nearest neighbours and the decision tree', () => {
  it('1-NN recalls its training labels; 5-NN generalizes on banknote', () => {
    const { rows, labels } = loadNumeric('banknote_authentication');
    const { train, test } = split(rows, labels, 5);
    expect(accuracy(fitKnn(train.rows, train.labels, { k: 1 }).predict(train.rows.slice(0, 200)), train.labels.slice(0, 200))).toBe(1);
    const knn = fit(train.rows, train.labels, { model: 'knn', k: 5 });
    expect(accuracy(knn.predict(test.rows), test.labels)).toBeGreaterThanOrEqual(0.98);
    const p = knn.predictProba(test.rows.slice(0, 5));
    for (const row of p) for (const v of row) expect([0, 0.2, 0.4, 0.6, 0.8, 1]).toContain(Math.round(v * 10) / 10);
  });

  it('smoothing keeps every k-NN probability above zero', () => {
    const knn = fitKnn([[0], [1], [10], [11]], [0, 0, 1, 1], { k: 2, smoothing: 1 });
    expect(knn.predictRow([0.2])[1]).toBeCloseTo(1 / 4, 12);
  });

  it('a tree fits iris and its leaves give class frequencies', () => {
    const { rows, labels } = loadNumeric('iris');
    const { train, test } = split(rows, labels, 11);
    const tree = fitTree(train.rows, train.labels, { maxDepth: 4, minLeaf: 2 });
    expect(accuracy(tree.predict(train.rows), train.labels)).toBeGreaterThanOrEqual(0.97);
    expect(accuracy(tree.predict(test.rows), test.labels)).toBeGreaterThanOrEqual(0.88);
    expect(tree.leaves).toBeGreaterThan(2);
    const stump = fitTree([[0], [1], [2], [3]], [0, 0, 1, 1], { maxDepth: 1, minLeaf: 1 });
    expect(stump.predictRow([1.4])).toEqual(Float64Array.from([1, 0]));
    expect(stump.predictRow([1.6])).toEqual(Float64Array.from([0, 1]));
  });
});

describe('out-of-fold probabilities', () => {
  it('never predicts a row with a model that saw it', () => {
    // Each point's nearest other point has the other label: in-sample 1-NN is perfect, out-of-fold always wrong.
    const rows = [[0], [1], [10], [11], [20], [21], [30], [31], [40], [41]];
    const labels = [0, 1, 1, 0, 0, 1, 1, 0, 0, 1];
    const oof = outOfFoldProba(rows, labels, { folds: 10, model: { model: 'knn', k: 1 } });
    oof.forEach((p, i) => expect(argmax(p)).toBe(1 - labels[i]!));
  });

  it('stratifies folds by class and is reproducible by seed', () => {
    const labels = [...Array(30).fill(0), ...Array(12).fill(1)];
    const folds = stratifiedFolds(labels, 3, 9);
    for (let f = 0; f < 3; f++) {
      expect(labels.filter((y, i) => y === 1 && folds[i] === f)).toHaveLength(4);
      expect(labels.filter((y, i) => y === 0 && folds[i] === f)).toHaveLength(10);
    }
    expect(stratifiedFolds(labels, 3, 9)).toEqual(folds);
  });

  it('gives calibrated-enough held-out probabilities on breast cancer', () => {
    const { rows, labels } = loadNumeric('breast_cancer');
    const oof = outOfFoldProba(rows, labels, { folds: 5, seed: 2 });
    expect(oof).toHaveLength(rows.length);
    expect(accuracy(oof.map(argmax), labels)).toBeGreaterThanOrEqual(0.95);
  });

  it('encodes string labels in natural order', () => {
    expect(encodeLabels(['>50K', '<=50K', '>50K'])).toEqual({ y: [1, 0, 1], classes: ['<=50K', '>50K'] });
    expect(encodeLabels([10, 2, 2])).toEqual({ y: [1, 0, 0], classes: [2, 10] });
  });
});

describe('numerical building blocks', () => {
  it('L-BFGS finds the minimum of the Rosenbrock function', () => {
    const result = minimize(
      (x, g) => {
        const [a, b] = [x[0]!, x[1]!];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { maxIterations: 1000, gradientTolerance: 1e-9 },
    );
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('least squares solves exact, over-determined and rank-deficient systems', () => {
    const exact = leastSquares([[2, 1], [1, 3]], [5, 10]);
    expect(Array.from(exact.x).map((v) => +v.toFixed(10))).toEqual([1, 3]);
    // A noisy line: the ordinary least-squares slope and intercept, worked out by hand.
    const over = leastSquares([[0, 1], [1, 1], [2, 1], [3, 1]], [1.1, 2.9, 5.1, 6.9]);
    expect(over.x[0]).toBeCloseTo(1.96, 10);
    expect(over.x[1]).toBeCloseTo(1.06, 10);
    // Two identical columns: rank 1, and the solution still reproduces b.
    const deficient = leastSquares([[1, 1], [2, 2], [3, 3]], [2, 4, 6]);
    expect(deficient.rank).toBe(1);
    expect(deficient.x[0]! + deficient.x[1]!).toBeCloseTo(2, 10);
  });

  it('symmetric eigen-decomposition reconstructs the matrix', () => {
    const m = [
      [4, 1, 2],
      [1, 3, 0.5],
      [2, 0.5, 5],
    ];
    const { values, vectors } = symmetricEigen(m);
    expect(values[0]).toBeGreaterThanOrEqual(values[1]!);
    expect(values[1]).toBeGreaterThanOrEqual(values[2]!);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += values[k]! * vectors[k]![i]! * vectors[k]![j]!;
        expect(s).toBeCloseTo(m[i]![j]!, 10);
      }
    }
  });

  it('the seeded generator is reproducible and roughly uniform and normal', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const xs = Array.from({ length: 20000 }, () => a.next());
    expect(Array.from({ length: 20000 }, () => b.next())).toEqual(xs);
    expect(xs.reduce((s, v) => s + v, 0) / xs.length).toBeCloseTo(0.5, 1);
    const normals = Array.from({ length: 20000 }, () => a.normal());
    const mean = normals.reduce((s, v) => s + v, 0) / normals.length;
    const variance = normals.reduce((s, v) => s + (v - mean) ** 2, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(variance).toBeCloseTo(1, 1);
  });
});
