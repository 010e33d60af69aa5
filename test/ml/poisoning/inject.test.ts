import { describe, expect, it } from 'vitest';
import { injectPoison } from '../../../src/ml/poisoning/inject.js';
import { fixture } from './support.js';

describe('injectPoison', () => {
  it('symmetric flips: the share asked for, each to another class, reproducible, the original untouched', async () => {
    const iris = await fixture('iris.csv');
    const a = injectPoison(iris, 'label', 'symmetric-flip', 0.1, 42);
    const b = injectPoison(iris, 'label', 'symmetric-flip', 0.1, 42);
    expect(a.truth.reduce((s, v) => s + v, 0)).toBe(15);
    expect(a.table.rows).toEqual(b.table.rows);
    a.truth.forEach((t, i) => {
      if (t) expect(a.table.rows[i]![4]).not.toBe(iris.rows[i]![4]);
      else expect(a.table.rows[i]).toEqual(iris.rows[i]);
    });
    expect(iris.rows.filter((r) => r[4] === '0')).toHaveLength(50);
  });

  it('class-conditional flips move rows of one class to the next', async () => {
    const iris = await fixture('iris.csv');
    const p = injectPoison(iris, 'label', 'class-flip', 0.2, 1);
    const flipped = iris.rows.filter((_, i) => p.truth[i]);
    expect(flipped).toHaveLength(10);
    expect(new Set(flipped.map((r) => r[4]))).toEqual(new Set(['0']));
    expect(new Set(p.table.rows.filter((_, i) => p.truth[i]).map((r) => r[4]))).toEqual(new Set(['1']));
  });

  it('duplicates are appended rows, row numbers running on', async () => {
    const iris = await fixture('iris.csv');
    const p = injectPoison(iris, 'label', 'duplicates', 0.2, 1);
    expect(p.table.rows).toHaveLength(180);
    expect(Array.from(p.truth.subarray(150))).toEqual(new Array(30).fill(1));
    expect(p.truth.subarray(0, 150).every((v) => v === 0)).toBe(true);
    expect(p.table.rowNumbers.at(-1)).toBe(180);
  });

  it('a backdoor stamps a value no clean row has and relabels to one class', async () => {
    const iris = await fixture('iris.csv');
    const p = injectPoison(iris, 'label', 'backdoor', 0.1, 3);
    const stamped = p.table.rows.filter((_, i) => p.truth[i]);
    expect(stamped).toHaveLength(15);
    const column = iris.columns.findIndex((_, c) => new Set(stamped.map((r) => r[c])).size === 1 && c !== 4);
    const trigger = stamped[0]![column];
    expect(iris.rows.some((r) => r[column] === trigger)).toBe(false);
    expect(new Set(stamped.map((r) => r[4])).size).toBe(1);
    expect(p.description).toMatch(/^trigger \w+ = [\d.]+ stamped into 15 rows relabelled \d$/);
  });

  it('outliers move some numeric values six to twelve robust spreads from the median', async () => {
    const iris = await fixture('iris.csv');
    const p = injectPoison(iris, 'label', 'outliers', 0.05, 1);
    expect(p.truth.reduce((a, b) => a + b, 0)).toBe(8);
    p.truth.forEach((t, i) => {
      const moved = [0, 1, 2, 3].filter((c) => p.table.rows[i]![c] !== iris.rows[i]![c]);
      if (!t) expect(moved).toEqual([]);
      // Four numeric features: a third of them (one) moves, by more than 2 cm on iris.
      else expect(moved.map((c) => Math.abs((p.table.rows[i]![c] as number) - (iris.rows[i]![c] as number)) > 2)).toEqual([true]);
    });
  });

  it('names a missing label column', async () => {
    const iris = await fixture('iris.csv');
    expect(() => injectPoison(iris, 'species', 'duplicates', 0.1, 1)).toThrow('no column named "species"');
  });
});
