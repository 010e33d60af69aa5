import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitOodDetector, readBaselineRows, shuffledIndexes, type OodDetector } from '../../../src/ml/ood/index.js';
import { DATASETS } from '../capture/support.js';

type Rows = string[][];

async function split(file: string, seed: number, trainShare = 0.7): Promise<{ names: string[]; train: Rows; test: Rows }> {
  const b = await readBaselineRows(join(DATASETS, file), file, { exclude: ['label'] });
  const order = shuffledIndexes(b.rows.length, seed);
  const cut = Math.round(b.rows.length * trainShare);
  return { names: b.names, train: order.slice(0, cut).map((i) => b.rows[i]!), test: order.slice(cut).map((i) => b.rows[i]!) };
}

/** Each row pushed out of the training range in one numeric column (rotating), by half that range. */
function pushOutOfRange(detector: OodDetector, train: Rows, test: Rows): { rows: Rows; columns: string[] } {
  const numeric = detector.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === 'numeric');
  const ranges = numeric.map(({ i }) => {
    const v = train.map((r) => Number(r[i]));
    return [Math.min(...v), Math.max(...v)] as const;
  });
  const columns: string[] = [];
  const rows = test.map((r, n) => {
    const k = n % numeric.length;
    const [lo, hi] = ranges[k]!;
    const row = [...r];
    row[numeric[k]!.i] = String(hi + (hi - lo) / 2);
    columns.push(numeric[k]!.c.name);
    return row;
  });
  return { rows, columns };
}

const flaggedShare = (d: OodDetector, rows: Rows): number => rows.filter((r) => d.score(r).flagged).length / rows.length;

describe('out-of-distribution scores on real datasets', () => {
  it.each([
    ['breast_cancer.csv', 0.05],
    ['banknote_authentication.csv', 0.05],
  ])('%s: unseen rows like the training data are flagged at about the target rate; pushed rows nearly always, with the pushed feature named', async (file, fpr) => {
    // Averaged over splits: one small held-out set places a threshold only roughly.
    let flagged = 0;
    let total = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const { names, train, test } = await split(file, seed * 7919);
      const d = fitOodDetector(names, train, { fpr, seed });
      flagged += test.filter((r) => d.score(r).flagged).length;
      total += test.length;
    }
    expect(flagged / total).toBeLessThanOrEqual(fpr);

    const { names, train, test } = await split(file, 11);
    const d = fitOodDetector(names, train, { fpr });
    const pushed = pushOutOfRange(d, train, test);
    expect(flaggedShare(d, pushed.rows)).toBeGreaterThanOrEqual(0.95);
    const named = pushed.rows.filter((r, i) => d.score(r).methods.mahalanobis!.drivers[0]?.feature === pushed.columns[i]).length / pushed.rows.length;
    expect(named).toBeGreaterThanOrEqual(0.95);
  });

  it('adult: mixed numeric and categorical columns; a 1% target holds on unseen rows, out-of-range values and odd combinations are flagged', async () => {
    const { names, train, test } = await split('adult_train.csv', 5);
    const d = fitOodDetector(names, train, { fpr: 0.01 });
    expect(d.columns.filter((c) => c.kind === 'categorical').map((c) => c.name)).toEqual(['workclass', 'education', 'marital-status', 'occupation', 'relationship', 'race', 'sex', 'native-country']);
    expect(d.summary).toMatchObject({ heldOutRows: 2000, referenceRows: 2000 });
    const sample = test.slice(0, 1500);
    expect(flaggedShare(d, sample)).toBeLessThanOrEqual(0.02);
    const pushed = pushOutOfRange(d, train, sample.slice(0, 300));
    expect(flaggedShare(d, pushed.rows)).toBeGreaterThanOrEqual(0.95);
    // A young, never-married person working 99 hours a week with a doctorate and a capital gain
    // in the top of the range is unusual in combination even though each value occurs.
    const odd = names.map((n) => ({ age: '19', education: 'Doctorate', 'education-num': '16', 'marital-status': 'Never-married', 'hours-per-week': '99', 'capital-gain': '99999' })[n] ?? sample[0]![names.indexOf(n)]!);
    const s = d.score(odd);
    expect(s.flagged).toBe(true);
    expect(s.methods.mahalanobis!.drivers.length).toBeGreaterThan(0);
  });

  it('drops what cannot be a feature, and refuses a baseline it cannot fit', () => {
    const names = ['id', 'constant', 'x'];
    const rows = Array.from({ length: 50 }, (_, i) => [`user-${i}`, '7', String(i % 10)]);
    const d = fitOodDetector(names, rows, { maxDistinct: 20 });
    expect(d.columns.map((c) => [c.name, c.kind])).toEqual([
      ['id', 'dropped'],
      ['constant', 'dropped'],
      ['x', 'numeric'],
    ]);
    expect(() => fitOodDetector(['a'], [['1'], ['2']])).toThrow(/at least 10 baseline rows/);
    expect(() => fitOodDetector(['a'], Array(20).fill(['5']))).toThrow(/no usable feature/);
    expect(() => fitOodDetector(['a'], Array(20).fill(['5']), { fpr: 2 })).toThrow(/false-positive rate/);
  });
});
