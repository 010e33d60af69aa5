import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset, recognise } from '../../../src/ml/tabular/dataset.js';
import { rowOrigin } from '../../../src/ml/tabular/table.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'ml', 'poisoning');
const CHANNEL = join(FIXTURES, 'channel', 'train');

describe('readDataset', () => {
  it('reads the part files of a SageMaker channel as one dataset, in S3 key order, accounting for every file', async () => {
    const table = await readDataset(CHANNEL);
    expect(table.rows).toHaveLength(150);
    expect(table.inputs).toEqual([
      { path: join(CHANNEL, '_SUCCESS'), status: 'skipped', reason: 'job marker file' },
      { path: join(CHANNEL, 'part-00000.csv'), kind: 'csv', status: 'read', resources: 75 },
      { path: join(CHANNEL, 'part-00001.csv'), kind: 'csv', status: 'read', resources: 75 },
    ]);
    // Row numbers run on across part files; lines stay per file.
    expect(rowOrigin(table, 74)).toEqual({ row: 75, file: join(CHANNEL, 'part-00000.csv'), line: 76 });
    expect(rowOrigin(table, 75)).toEqual({ row: 76, file: join(CHANNEL, 'part-00001.csv'), line: 2 });
    expect(table.rows[75]).toEqual([6.6, 3.0, 4.4, 1.4, 1]); // line 77 of iris.csv
  });

  it('fails a part file whose columns differ and still reads the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-channel-'));
    cpSync(CHANNEL, dir, { recursive: true });
    writeFileSync(join(dir, 'part-00002.csv'), 'sepal_length,other,label\n1,2,0\n');
    writeFileSync(join(dir, 'notes.md'), '# not data');
    const table = await readDataset(dir);
    expect(table.rows).toHaveLength(150);
    const bad = table.inputs.find((i) => i.path.endsWith('part-00002.csv'))!;
    expect(bad).toMatchObject({ status: 'failed', error: { line: 1, message: expect.stringMatching(/columns differ from the dataset's \(missing "sepal_width", "petal_length", "petal_width"; extra "other"\)/) } });
    expect(table.inputs.find((i) => i.path.endsWith('notes.md'))).toMatchObject({ status: 'skipped', reason: 'not a data file' });
  });

  it('recognises files by content when the name does not say', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-sniff-'));
    writeFileSync(join(dir, 'part-0'), '{"a":1}\n');
    writeFileSync(join(dir, 'part-1'), 'a,b\n1,2\n');
    writeFileSync(join(dir, 'part-2'), Buffer.from([0, 1, 2, 3]));
    expect(await recognise(join(dir, 'part-0'))).toBe('jsonl');
    expect(await recognise(join(dir, 'part-1'))).toBe('csv');
    expect(await recognise(join(dir, 'part-2'))).toBeUndefined();
    const single = await readDataset(join(dir, 'part-2'));
    expect(single.inputs[0]).toMatchObject({ status: 'failed', error: { message: 'not CSV, JSON Lines or Parquet (give --format)' } });
  });

  it('fails a path that does not exist', async () => {
    const table = await readDataset('/nonexistent/train.csv');
    expect(table.inputs).toEqual([{ path: '/nonexistent/train.csv', status: 'failed', error: { message: 'no such file or directory', file: '/nonexistent/train.csv' } }]);
    expect(table.rows).toEqual([]);
  });
});
