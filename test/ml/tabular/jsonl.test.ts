import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../src/ml/tabular/dataset.js';

function tmp(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rf-jsonl-')), name);
  writeFileSync(path, content);
  return path;
}

describe('JSON Lines reader', () => {
  it('takes keys as columns in first-seen order, missing keys as missing values', async () => {
    const file = tmp('d.jsonl', '{"a":1,"b":"x","label":0}\n{"b":"y","a":2.5,"c":true,"label":1}\r\n\n{"a":3,"label":0}\n');
    const table = await readDataset(file, { text: ['label'] });
    expect(table.columns).toEqual(['a', 'b', 'label', 'c']);
    expect(table.types).toEqual(['number', 'string', 'string', 'string']);
    expect(table.rows).toEqual([
      [1, 'x', '0', null],
      [2.5, 'y', '1', 'true'],
      [3, null, '0', null],
    ]);
    expect(table.lines).toEqual([1, 2, 4]);
    expect(table.rowNumbers).toEqual([1, 2, 3]);
    expect(table.inputs).toEqual([{ path: file, kind: 'jsonl', status: 'read', resources: 3 }]);
  });

  it('leaves out lines that are not JSON objects, naming each line, and flags nested values', async () => {
    const file = tmp('bad.jsonl', '{"a":1,"label":0}\n{"a":2,\n[1,2]\n"text"\n{"a":{"nested":true},"label":1}\n');
    const table = await readDataset(file);
    expect(table.rows).toHaveLength(2);
    expect(table.rejected.map((r) => [r.row, r.line, r.kind])).toEqual([
      [2, 2, 'parse'],
      [3, 3, 'parse'],
      [4, 4, 'parse'],
    ]);
    expect(table.rejected[0]!.message).toMatch(/^not valid JSON/);
    expect(table.rejected[1]!.message).toBe('a JSON array, not an object; the row is left out');
    expect(table.problems).toEqual([{ kind: 'type', row: 5, file, line: 5, column: 'a', message: 'column "a": a nested object is not a feature value; treated as missing' }]);
  });

  it('stops a line longer than the limit, naming the line', async () => {
    const file = tmp('long.jsonl', '{"a":1}\n' + 'x'.repeat(5000));
    const table = await readDataset(file, { maxRecordChars: 1000 });
    expect(table.inputs[0]).toMatchObject({ status: 'failed', resources: 1, error: { file, line: 2, message: 'line 2 is longer than 1000 characters (not JSON Lines?)' } });
  });
});
