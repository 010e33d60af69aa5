import { describe, expect, it } from 'vitest';
import { EqualStepsDetector, StepIndex } from '../../../src/ml/extraction/detectors/equal-steps.js';
import { fitEncoder } from '../../../src/ml/extraction/encoding.js';
import { fitFeatureSpace } from '../../../src/ml/extraction/feature-space.js';
import { ATTACKS } from '../../../src/ml/extraction/simulate/attacks/index.js';
import { runAttack } from '../../../src/ml/extraction/simulate/harness.js';
import { buildScenario } from '../../../src/ml/extraction/simulate/scenario.js';
import type { Query } from '../../../src/ml/extraction/types.js';
import { loadNumeric } from '../models/datasets.js';
import { loadDataset } from './support.js';

const row = (...v: number[]) => Float64Array.from(v);
/** Every position numeric. */
const all = (width: number) => Array.from({ length: width }, (_, j) => j);
const query = (x: Float64Array): Query => ({ caller: 'c', x, index: 0 });

describe('equal steps', () => {
  it('matches two steps of equal size in every feature, whatever their signs', () => {
    const steps = new StepIndex(8, all(4));
    expect(steps.add(row(0, 0, 0, 0))).toBe(false);
    expect(steps.add(row(0.1, -0.2, 0.3, 0.4))).toBe(false); // first step: nothing to match
    expect(steps.add(row(5, 5, 5, 5))).toBe(false);
    expect(steps.add(row(4.9, 5.2, 5.3, 4.6))).toBe(true); // same sizes, other signs
  });

  it('does not match steps that differ in size, nor count a retry', () => {
    const steps = new StepIndex(8, all(4));
    steps.add(row(0, 0, 0, 0));
    steps.add(row(0.1, 0.2, 0.3, 0.4));
    steps.add(row(5, 7, -3, 2));
    expect(steps.add(row(5.1, 7.2, -3.4, 2.5))).toBe(false); // two sizes differ: too many of four
    expect(steps.add(row(5, 7, -3, 2))).toBe(false); // a retry of a remembered query
  });

  it('with a tolerance per feature, matches steps that rounding to the data\'s decimals made unequal', () => {
    const steps = new StepIndex(8, all(4), 1e-5, Float64Array.from([0.01, 0.01, 0.01, 0.01]));
    steps.add(row(1.23, 4.56, 7.89, 0.12));
    steps.add(row(1.53, 4.26, 8.19, 0.42)); // 0.3 in every feature
    expect(steps.add(row(3.33, 2.22, 1.11, 5.55))).toBe(false);
    expect(steps.rounded).toBe(false);
    // Steps of 0.3, 0.298, 0.292, 0.302: three sizes off the exact 0.3, all within the tolerance.
    expect(steps.add(row(3.63, 2.518, 0.818, 5.852))).toBe(false);
    expect(steps.rounded).toBe(true);
    // A step of 0.3 exactly again: a hit of both tests.
    expect(steps.add(row(3.93, 2.218, 1.118, 5.552))).toBe(true);
    expect(steps.rounded).toBe(true);
    // Sizes 0.02 off: beyond rounding.
    expect(steps.add(row(4.25, 1.898, 1.438, 5.872))).toBe(false);
    expect(steps.rounded).toBe(false);
  });

  it('allows a quarter of the features to be cut short (a step clamped at a range edge)', () => {
    const step = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    const origin = new Float64Array(8);
    const other = Float64Array.of(5, 7, -3, 2, 11, -6, 4, 9);
    const stepped = (from: Float64Array, short: number) => from.map((v, j) => v - (j < short ? step[j]! / 2 : step[j]!));
    for (const [short, expected] of [[2, true], [3, false]] as const) {
      const steps = new StepIndex(8, all(8));
      steps.add(origin);
      steps.add(Float64Array.from(step));
      steps.add(other);
      expect(steps.add(stepped(other, short)), `${short} cut short`).toBe(expected);
    }
  });

  it('needs three features to change: one- and two-feature steps are other signals', () => {
    const steps = new StepIndex(8, all(4));
    steps.add(row(0, 0, 0, 0));
    steps.add(row(1, 1, 0, 0));
    expect(steps.add(row(0, 2, 0, 0))).toBe(false); // the same two-feature step again
  });

  it('leaves categories out: changes of category all have one size', () => {
    // Positions 0–2 numeric, 3–4 a one-hot category: steps equal in two numbers and the category.
    const walk = (index: StepIndex) => {
      for (const r of [row(0, 0, 0, 1, 0), row(0.1, 0.2, 0.35, 0, 1), row(5.3, 7.1, -3.7, 1, 0)]) index.add(r);
      return index.add(row(5.2, 7.3, -3.3, 0, 1));
    };
    expect(walk(new StepIndex(8, [0, 1, 2]))).toBe(false);
    // Counted as features, the category's two positions would make four of five equal.
    expect(walk(new StepIndex(8, [0, 1, 2, 3, 4]))).toBe(true);
  });

  it('almost never finds equal steps among real wine or breast-cancer rows', () => {
    for (const name of ['wine', 'breast_cancer'] as const) {
      const { rows, columns } = loadNumeric(name);
      const space = fitFeatureSpace(fitEncoder(columns, rows), rows.map((r) => Float64Array.from(r)));
      const steps = new StepIndex(8, all(columns.length));
      const hits = rows.filter((r) => steps.add(space.standardize(r))).length;
      expect(hits, name).toBe(0);
    }
  });

  it('flags a caller growing a synthetic set by gradient-sign steps', () => {
    const detector = new EqualStepsDetector({ memory: 8, tolerance: 1e-5, numeric: all(4), test: { rate: 1e-4, alpha: 1e-5, minHits: 2 } });
    const seeds = [row(1, 2, 3, 4), row(-2, 0, 1, 3), row(4, -1, 0, 2)];
    const eps = [0.3, 0.1, 0.2, 0.5];
    const signs = [[1, -1, 1, 1], [-1, -1, 1, -1], [1, 1, -1, 1]];
    const children = seeds.map((s, i) => s.map((v, j) => v + signs[i]![j]! * eps[j]!));
    const verdicts = [...seeds, ...children].map((x) => detector.observe(query(x), { z: x, scores: new Float64Array(0) }));
    // Hits at the second and third child: 2 of 6 at a 0.01% benign rate, tail 1.5e-7.
    expect(verdicts.findIndex((v) => v !== undefined)).toBe(5);
    expect(verdicts[5]!.detail).toMatch(/2 of 6 queries step from a recent query by the same amount in every feature/);
  });

  it("catches Jacobian-based augmentation on wine before the attacker's surrogate reaches 95% agreement", () => {
    const scenario = buildScenario(loadDataset('wine'), { seed: 4 });
    const run = runAttack(scenario, ATTACKS.jacobian, { budget: 60, seed: 10, until: 'budget' });
    const alert = run.alerts.find((a) => a.signal === 'equal-steps');
    expect(alert).toBeDefined();
    expect(alert!.queries).toBeLessThanOrEqual(12);
    expect(run.queriesTo95 === undefined || alert!.queries < run.queriesTo95).toBe(true);
  });
});
