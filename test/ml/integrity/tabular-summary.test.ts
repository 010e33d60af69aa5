import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestObject } from '../../../src/ml/integrity/digest.js';
import { LocalSource } from '../../../src/ml/integrity/local-source.js';
import type { TabularSummary } from '../../../src/ml/integrity/manifest.js';
import { createTabularSink, MAX_LINE_CHARS, tabularFormatOf } from '../../../src/ml/integrity/tabular-summary.js';
import { datasetPath, parquetBytes } from './support/data.js';

const summarize = (format: 'csv' | 'tsv' | 'jsonl', bytes: Buffer | string, chunk = 64 * 1024): TabularSummary | { gaveUp: string } => {
  const sink = createTabularSink(format);
  const data = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  for (let i = 0; i < data.length; i += chunk) sink.write(data.subarray(i, i + chunk));
  return sink.end();
};
const types = (s: TabularSummary | { gaveUp: string }) => ('columns' in s ? Object.fromEntries(s.columns.map((c) => [c.name, c.type])) : s);

describe('CSV summaries of the real datasets', () => {
  it('count the rows of every dataset in ../shared/data, header excluded', () => {
    const expected: Record<string, [number, number]> = {
      'iris.csv': [150, 5],
      'wine.csv': [178, 14],
      'breast_cancer.csv': [569, 31],
      'banknote_authentication.csv': [1372, 5],
      'adult_train.csv': [32561, 15],
    };
    for (const [name, [rows, cols]] of Object.entries(expected)) {
      const s = summarize('csv', readFileSync(datasetPath(name))) as TabularSummary;
      expect([name, s.rows, s.columns.length, s.problems]).toEqual([name, rows, cols, undefined]);
    }
  });

  it('infer column types: numbers, integers and text (Adult keeps "?" for missing, so those columns are text)', () => {
    const adult = types(summarize('csv', readFileSync(datasetPath('adult_train.csv'))));
    expect(adult).toMatchObject({ age: 'integer', workclass: 'string', fnlwgt: 'integer', 'education-num': 'integer', 'hours-per-week': 'integer', label: 'string' });
    expect(types(summarize('csv', readFileSync(datasetPath('iris.csv'))))).toEqual({ sepal_length: 'number', sepal_width: 'number', petal_length: 'number', petal_width: 'number', label: 'integer' });
  });

  it('read headerless CSV (as SageMaker built-in algorithms take it) as data, columns numbered from 0', () => {
    const text = readFileSync(datasetPath('churn/test-dataset.csv'));
    const s = summarize('csv', text) as TabularSummary;
    expect(s.header).toBe(false);
    expect(s.rows).toBe(text.toString().trim().split('\n').length);
    expect(s.columns[0]).toEqual({ name: '0', type: 'integer' });
    const headed = summarize('csv', readFileSync(datasetPath('churn/training-dataset-with-header.csv'))) as TabularSummary;
    expect(headed.header).toBeUndefined();
    expect(headed.columns[0]).toEqual({ name: 'Churn', type: 'integer' });
  });
});

describe('CSV parsing', () => {
  const tricky = 'id,"name, full",note\r\n1,"Smith, ""Jo""","line one\nline two"\r\n\r\n2,Zoë,\r\n3,"naïve café",plain\r\n';

  it('reports text after a closing quote, keeping the row', () => {
    const s = summarize('csv', 'a,b\n"x"y,1\n') as TabularSummary;
    expect(s.rows).toBe(1);
    expect(s.problems!.first[0]).toMatch(/^line 2 \(row 1\): text after the closing quote of field 1/);
  });

  it('gives up on a record longer than the limit (an unclosed quote swallowing the file)', () => {
    const s = summarize('csv', `a,b\n1,"${'x'.repeat(MAX_LINE_CHARS + 1)}`, 4 * 1024 * 1024);
    expect(s).toEqual({ gaveUp: 'the record starting on line 2 is longer than 16 MiB characters (an unclosed quote?); rows and schema are not recorded' });
  });

  it('handles quotes, doubled quotes, CRLF, line breaks inside quotes and blank lines', () => {
    const s = summarize('csv', tricky) as TabularSummary;
    expect(s).toEqual({ format: 'csv', rows: 3, columns: [{ name: 'id', type: 'integer' }, { name: 'name, full', type: 'string' }, { name: 'note', type: 'string' }] });
  });

  it('gives the same answer whatever the chunk boundaries, even inside a UTF-8 character or a doubled quote', () => {
    const whole = summarize('csv', tricky);
    for (const chunk of [1, 2, 3, 5, 7]) expect(summarize('csv', tricky, chunk)).toEqual(whole);
  });

  it('reports ragged rows with their line and row numbers, counts them, and keeps them out of the types', () => {
    const text = 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n"x\ny",8,9\n10,11,12\n';
    const s = summarize('csv', text) as TabularSummary;
    expect(s.rows).toBe(5);
    expect(s.problems).toEqual({ count: 2, first: ['line 3 (row 2): 2 fields, the header has 3', 'line 4 (row 3): 4 fields, the header has 3'] });
    expect(types(s)).toEqual({ a: 'string', b: 'integer', c: 'integer' });
  });

  it('quotes five problem rows and counts the rest', () => {
    const text = 'a,b\n' + Array.from({ length: 12 }, (_, i) => `${i}\n`).join('');
    const s = summarize('csv', text) as TabularSummary;
    expect(s.problems!.count).toBe(12);
    expect(s.problems!.first).toHaveLength(5);
  });

  it('reports a quoted field left open at the end of the file', () => {
    const s = summarize('csv', 'a,b\n0,1\n1,"never closed\n2,3\n') as TabularSummary;
    expect(s.rows).toBe(1);
    expect(s.problems!.first).toEqual(['line 3: a quoted field is not closed before the end of the file']);
  });

  it('reads TSV with tabs', () => {
    expect(summarize('tsv', 'x\ty\n1\ttrue\n2.5\tfalse\n')).toEqual({ format: 'tsv', rows: 2, columns: [{ name: 'x', type: 'number' }, { name: 'y', type: 'boolean' }] });
  });

  it('summarizes an empty file and a header alone as no rows', () => {
    expect(summarize('csv', '')).toEqual({ format: 'csv', rows: 0, columns: [] });
    expect(summarize('csv', 'a,b\n')).toEqual({ format: 'csv', rows: 0, columns: [{ name: 'a', type: 'empty' }, { name: 'b', type: 'empty' }] });
  });
});

describe('JSON Lines', () => {
  it('types each key across rows, nulls not counting, with "mixed" where kinds disagree', () => {
    const text = ['{"id":1,"score":0.5,"tags":["a"],"meta":{"k":1},"label":"spam","v":1}', '', '{"id":2,"score":1,"label":null,"v":"x"}', '{"id":3,"extra":true}\r'].join('\n');
    const s = summarize('jsonl', text) as TabularSummary;
    expect(s.rows).toBe(3);
    expect(types(s)).toEqual({ id: 'integer', score: 'number', tags: 'array', meta: 'object', label: 'string', v: 'mixed', extra: 'boolean' });
  });

  it('names the lines that are not JSON objects, and does not count them as rows', () => {
    const s = summarize('jsonl', '{"a":1}\n{"a":\n[1,2]\n"text"\n{"a":2}', 3) as TabularSummary;
    expect(s.rows).toBe(2);
    expect(s.problems!.count).toBe(3);
    expect(s.problems!.first[0]).toMatch(/^line 2: not valid JSON/);
    expect(s.problems!.first.slice(1)).toEqual(['line 3: a JSON array, not an object', 'line 4: a JSON string, not an object']);
  });

  it('gives up on a line longer than the limit rather than holding it in memory', () => {
    const huge = `{"a":"${'x'.repeat(MAX_LINE_CHARS)}"}\n{"a":1}\n`;
    const s = summarize('jsonl', huge, 4 * 1024 * 1024);
    expect(s).toEqual({ gaveUp: expect.stringMatching(/^line 1 is longer than 16 MiB characters/) });
  });
});

describe('objects', () => {
  it('recognise tabular files by extension', () => {
    expect(['a.CSV', 'b.tsv', 'c.jsonl', 'd.ndjson', 'e.parquet', 'f.csv.gz', 'g'].map(tabularFormatOf)).toEqual(['csv', 'tsv', 'jsonl', 'jsonl', 'parquet', undefined, undefined]);
  });

  it('hash and summarize in one read; Parquet from its footer; a broken Parquet file still gets its hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-tab-'));
    writeFileSync(join(dir, 'part-0.parquet'), await parquetBytes());
    writeFileSync(join(dir, 'broken.parquet'), 'PAR1 this is not parquet at all');
    const src = new LocalSource(dir);
    const { objects } = await src.list();
    const byKey = Object.fromEntries(await Promise.all(objects.map(async (o) => [o.key, await digestObject(src, o)] as const)));
    expect(byKey['part-0.parquet']!.tabular).toEqual({ format: 'parquet', rows: 3, columns: [{ name: 'age', type: 'integer' }, { name: 'income', type: 'number' }, { name: 'label', type: 'string' }] });
    expect(byKey['broken.parquet']!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(byKey['broken.parquet']!.note).toMatch(/^not readable as Parquet \(.+\); rows and schema are not recorded$/);
  });
});
