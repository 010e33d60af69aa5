import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../src/ml/tabular/csv.js';
import { encode, MISSING, OTHER, sortClasses } from '../../../src/ml/tabular/encode.js';

async function table(csv: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'rf-encode-')), 'd.csv');
  writeFileSync(path, csv);
  return readTable(path, { text: ['label'] });
}

describe('encode', () => {
  it('standardises numbers (median for missing), one-hots categories with a missing column, and leaves out unlabelled rows', async () => {
    const t = await table('id,x,colour,constant,label\n1,1,red,k,a\n2,3,blue,k,b\n3,,red,k,a\n4,5,,k,\n5,7,red,k,b\n');
    const e = encode(t, { label: 'label' });
    expect(e.classes).toEqual(['a', 'b']);
    expect(Array.from(e.y)).toEqual([0, 1, 0, 1]);
    expect(e.rows).toEqual([0, 1, 2, 4]);
    expect(e.unlabelled).toEqual([3]);
    expect(e.excluded).toEqual([
      { column: 'id', reason: 'a distinct integer per row named like an identifier' },
      { column: 'constant', reason: 'one value only' },
    ]);
    expect(e.names).toEqual(['x', 'colour=red', 'colour=blue']);
    // x over labelled rows: 1, 3, (median 3), 7 → mean 3.5
    const x = [0, 1, 2, 3].map((r) => e.X[r * e.d]!);
    expect(x.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
    expect(x[2]).toBeCloseTo(x[1]!, 10);
    expect(Array.from(e.X.subarray(e.d, 2 * e.d)).slice(1)).toEqual([0, 1]);
    // The compact view: the value, or the category's share of rows.
    expect(e.compact[0 * e.p + 1]).toBeCloseTo(3 / 4);
  });

  it('gives missing categories their own column and caps one-hot columns with (other)', async () => {
    const rows = ['c,label', ...Array.from({ length: 30 }, (_, i) => `${i < 20 ? 'common' : i < 25 ? `rare${i}` : ''},${i % 2}`)];
    const e = encode(await table(rows.join('\n') + '\n'), { label: 'label', maxCategories: 2 });
    const f = e.features[0]!;
    expect(f.kind === 'category' && f.categories).toEqual(['common', 'rare20', OTHER, MISSING]);
  });

  it('leaves out text columns that name rows, and ignored columns', async () => {
    const rows = ['name,x,label', ...Array.from({ length: 25 }, (_, i) => `n${i},${i % 5},${i % 2}`)];
    const e = encode(await table(rows.join('\n') + '\n'), { label: 'label', ignore: ['x'] });
    expect(e.excluded).toEqual([
      { column: 'name', reason: 'every value differs (an identifier)' },
      { column: 'x', reason: 'ignored as asked' },
    ]);
    expect(e.d).toBe(0);
  });

  it('orders numeric class names numerically', () => {
    expect(sortClasses(['10', '2', '1'])).toEqual(['1', '2', '10']);
    expect(sortClasses(['>50K', '<=50K'])).toEqual(['<=50K', '>50K']);
  });

  it('names the columns when the label is not one of them', async () => {
    const t = await table('a,b\n1,2\n');
    expect(() => encode(t, { label: 'label' })).toThrow('no column named "label" (columns: a, b)');
  });
});
