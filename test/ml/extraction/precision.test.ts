import { describe, expect, it } from 'vitest';
import { detectExtraction } from '../../../src/ml/extraction/capture-queries.js';
import { PrecisionDetector } from '../../../src/ml/extraction/detectors/precision.js';
import { fitEncoder } from '../../../src/ml/extraction/encoding.js';
import { learnPrecision, onGrid, recordedDigits, type FeaturePrecision } from '../../../src/ml/extraction/precision.js';
import { ATTACKS } from '../../../src/ml/extraction/simulate/attacks/index.js';
import { runAttack } from '../../../src/ml/extraction/simulate/harness.js';
import { buildScenario } from '../../../src/ml/extraction/simulate/scenario.js';
import { createRandom } from '../../../src/ml/models/random.js';
import { subjectOf } from '../../../src/ml/capture/open.js';
import type { CaptureRecord } from '../../../src/ml/capture/types.js';
import { loadNumeric } from '../models/datasets.js';
import { loadDataset } from './support.js';

const grid = (decimals: number, digits: number): FeaturePrecision => ({ position: 0, name: 'f', decimals, digits, typical: decimals });
const DATASETS = ['iris', 'wine', 'breast_cancer', 'banknote_authentication'] as const;

describe('recorded precision', () => {
  it.each([
    [5.1, 1, 2],
    [1065, 0, 4],
    [0.006399, 6, 4],
    [-0.44699, 5, 5],
    [1.5e-7, 8, 2],
    [1e21, 0, 1],
    [0, 0, 1],
  ])('%s has %i decimals and %i significant digits', (value, decimals, digits) => {
    expect(recordedDigits(value)).toEqual({ decimals, digits });
  });

  it('puts every value parsed from k-decimal text on a k-decimal grid, exactly', () => {
    const random = createRandom(3);
    for (let i = 0; i < 20_000; i++) {
      const k = random.int(9);
      const n = random.int(2_000_000_000) - 1_000_000_000;
      const text = (n / 10 ** k).toFixed(k);
      expect(onGrid(Number(text), grid(k, 1)), text).toBe(true);
    }
  });

  it('puts values printed to significant figures on their digit grid whatever their magnitude', () => {
    for (const text of ['0.006399', '0.0009876', '0.1184', '1.095', '153.4', '2019', '-0.03003']) {
      expect(onGrid(Number(text), grid(0, 4)), text).toBe(true);
    }
    expect(onGrid(0.00063995, grid(5, 4))).toBe(false);
  });

  it('puts computed values off the grid: uniform draws, midpoints finer than the data', () => {
    const random = createRandom(5);
    // A double with all 53 bits random, as a program's uniform draw is (one 32-bit draw alone is float32-exact once in a thousand).
    const draw = (lo: number, hi: number) => lo + (hi - lo) * (random.next() + random.next() / 2 ** 32);
    let on = 0;
    for (let i = 0; i < 20_000; i++) if (onGrid(draw(-500, 500), grid(5, 6))) on++;
    expect(on).toBe(0);
    expect(onGrid((5.1 + 5.4) / 2, grid(1, 2))).toBe(false);
    expect(onGrid(0.1 + 0.2, grid(1, 2))).toBe(true); // 0.30000000000000004 is 0.3 up to the double's own error
  });

  it('puts a grid value stored as a single-precision float on the grid, and random float32 values off it', () => {
    expect(onGrid(Math.fround(5.1), grid(1, 2))).toBe(true); // 5.099999904632568
    expect(onGrid(Math.fround(0.006399), grid(4, 4))).toBe(true); // to four significant digits
    const random = createRandom(7);
    for (let i = 0; i < 5_000; i++) expect(onGrid(Math.fround(random.uniform(0, 8)), grid(1, 2))).toBe(false);
    // Every value of the real datasets on the grid is on it through float32 too.
    for (const name of DATASETS) {
      const { columns, rows } = loadNumeric(name);
      const encoder = fitEncoder(columns, rows);
      const { features } = learnPrecision(encoder, rows.map((r) => encoder.encode(r).x));
      for (const r of rows) {
        for (const p of features) if (onGrid(r[p.position]!, p)) expect(onGrid(Math.fround(r[p.position]!), p), `${name} ${r[p.position]}`).toBe(true);
      }
    }
  });

  it('learns the grid of every feature of the real datasets; rows off it are one-offs, counted', () => {
    const offGrid: Record<string, number> = {};
    for (const name of DATASETS) {
      const { columns, rows } = loadNumeric(name);
      const encoder = fitEncoder(columns, rows);
      const encoded = rows.map((r) => encoder.encode(r).x);
      const learned = learnPrecision(encoder, encoded);
      expect(learned.features.map((f) => f.name), name).toEqual(columns);
      offGrid[name] = learned.offGrid;
      // Exactly the counted rows are off the grid.
      expect(encoded.filter((x) => learned.features.some((p) => !onGrid(x[p.position]!, p))).length, name).toBe(learned.offGrid);
    }
    // Wine's one colour intensity of 9.899999 among values of two decimals; the others have none.
    expect(offGrid).toEqual({ iris: 0, wine: 1, breast_cancer: 0, banknote_authentication: 0 });
    const iris = loadNumeric('iris');
    const encoder = fitEncoder(iris.columns, iris.rows);
    expect(learnPrecision(encoder, iris.rows.map((r) => encoder.encode(r).x)).features[0]).toEqual({ position: 0, name: 'sepal_length', decimals: 1, digits: 2, typical: 1 });
  });

  it('takes the grid the other rows define when one row alone is finer (leave-one-out); computed values have none', () => {
    const values = [[1.2], [3.4], [5.6], [7.81], [2.2]];
    const encoder = fitEncoder(['a'], values);
    expect(learnPrecision(encoder, values.map((r) => Float64Array.from(r)))).toEqual({ features: [{ position: 0, name: 'a', decimals: 1, digits: 2, typical: 1 }], offGrid: 1 });
    // Two rows at the finer precision: each is borne out by the other.
    expect(learnPrecision(encoder, [...values, [9.99]].map((r) => Float64Array.from(r)))).toEqual({ features: [{ position: 0, name: 'a', decimals: 2, digits: 3, typical: 1 }], offGrid: 0 });
    const computed = [[0.1 + 0.2], [1 / 3], [2 / 3], [Math.PI]];
    expect(learnPrecision(fitEncoder(['c'], computed), computed.map((r) => Float64Array.from(r))).features).toEqual([]);
  });

  it('skips missing values, which the encoder fills with the column mean', () => {
    const rows = [[1.5], [2.5], [null], [3.5]];
    const encoder = fitEncoder(['a'], rows);
    const learned = learnPrecision(encoder, rows.map((r) => encoder.encode(r).x));
    expect(learned.features).toEqual([{ position: 0, name: 'a', decimals: 1, digits: 2, typical: 1 }]);
  });
});

describe('precision signal', () => {
  it('counts off-grid queries against the benign rate and names the feature, value and recorded precision', () => {
    const detector = new PrecisionDetector({ features: [{ position: 1, name: 'petal_length', decimals: 1, digits: 2, typical: 1 }], test: { rate: 0.01, alpha: 1e-5, minHits: 2 } });
    const query = (...x: number[]) => ({ caller: 'c', x: Float64Array.from(x), index: 0 });
    expect(detector.observe(query(5.123456, 1.4))).toBeUndefined(); // an unwatched feature
    expect(detector.observe(query(5.1, 1.45))).toBeUndefined(); // one hit: a real row can be a one-off
    expect(detector.observe(query(5.1, 1.4))).toBeUndefined();
    expect(detector.observe(query(5.1, 1.41))).toBeUndefined(); // 2 of 4 at 1%: tail 6e-4
    const verdict = detector.observe(query(5.1, 1.4123456789)); // 3 of 5: 1e-5 > tail
    expect(verdict?.detail).toMatch(/^3 of 5 queries carry values finer than the training data records; benign rate 1\.0%, binomial tail 9\.9e-6; this one sets "petal_length" to 1\.4123456789 \(10 decimals, 11 significant digits\), recorded to at most 1 decimal or 2 significant digits/);
  });

  it.each(DATASETS)('flags equation solving on %s within three queries; an attacker who rounds is not seen by it', (name) => {
    const scenario = buildScenario(loadDataset(name), { seed: 1 });
    const published = runAttack(scenario, ATTACKS['equation-solving'], { budget: 3, until: 'budget' });
    expect(published.alerts.find((a) => a.signal === 'precision')?.queries).toBeLessThanOrEqual(3);
    const rounded = runAttack(scenario, ATTACKS['equation-solving'], { budget: 30, until: 'budget', roundToGrid: true });
    expect(rounded.alerts.some((a) => a.signal === 'precision')).toBe(false);
  });

  it('sets its alerts aside when most callers send values finer than the baseline (a baseline rounded on export)', async () => {
    const scenario = buildScenario(loadDataset('iris'), { seed: 1 });
    const random = createRandom(9);
    const record = (caller: string, i: number, features: number[]): CaptureRecord => ({ eventId: `e${i}`, caller, features, inputFormat: 'csv', row: 0, rows: 1, source: { file: 'f.jsonl', line: i + 1 } });
    const real = (i: number) => Array.from(scenario.benignPool[i % scenario.benignPool.length]!);
    const jittered = (i: number) => real(i).map((v) => v + random.uniform(-0.01, 0.01));
    async function* records(callers: number) {
      for (let i = 0; i < 40; i++) yield record(`app-${i % callers}`, i, jittered(i));
    }
    const many = await detectExtraction(records(4), scenario.config, subjectOf);
    expect(many.alerts.some((a) => a.signal === 'precision')).toBe(false);
    expect(many.notes[0]).toMatch(/^4 of 4 callers send values more precise than the training data records/);
    // One caller of many doing it is what the signal is for.
    async function* mixed() {
      for (let i = 0; i < 40; i++) yield i % 4 === 0 ? record('prober', i, jittered(i)) : record(`app-${i % 4}`, i, real(i));
    }
    const one = await detectExtraction(mixed(), scenario.config, subjectOf);
    expect(one.notes).toEqual([]);
    expect(one.alerts.filter((a) => a.signal === 'precision').map((a) => a.caller)).toEqual(['prober']);
  });
});
