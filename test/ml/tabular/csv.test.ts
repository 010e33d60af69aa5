import { mkdtempSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { CsvParser, openCsv, parseCsv, readTable, sniffDelimiter, uniqueNames, type CsvRecord } from '../../../src/ml/tabular/csv.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'ml', 'poisoning');

function parseWhole(text: string, chunkSize?: number): CsvRecord[] {
  const parser = new CsvParser('t.csv');
  const out: CsvRecord[] = [];
  if (!chunkSize) parser.push(text, out);
  else for (let i = 0; i < text.length; i += chunkSize) parser.push(text.slice(i, i + chunkSize), out);
  parser.end(out);
  return out;
}

function tmp(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'rf-csv-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('CsvParser (RFC 4180)', () => {
  const text = 'a,b,c\r\n1,"x, y",3\r\n"say ""hi""",,"two\r\nlines"\r\n\r\nlast,row,here';

  it('reads quoted delimiters, escaped quotes, empty fields and line breaks inside quotes', () => {
    const records = parseWhole(text);
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', '3'],
      ['say "hi"', '', 'two\r\nlines'],
      ['last', 'row', 'here'],
    ]);
  });

  it('numbers each record by the line it starts on, counting breaks inside quotes', () => {
    expect(parseWhole(text).map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it('gives the same records whatever the chunk boundaries (inside quotes, between "" and CR LF)', () => {
    const whole = parseWhole(text);
    for (let size = 1; size <= text.length; size++) expect(parseWhole(text, size)).toEqual(whole);
  });

  it('accepts LF and lone CR line ends and a missing final newline', () => {
    expect(parseWhole('a,b\n1,2\r3,4').map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  it('keeps text after a closing quote but says so', () => {
    const [r] = parseWhole('"ab"c,d\n');
    expect(r!.fields).toEqual(['abc', 'd']);
    expect(r!.problem).toMatch(/after the closing quote of field 1/);
  });

  it('rejects an unclosed quote, naming the line it opened on', () => {
    expect(() => parseWhole('a,b\n1,"never closed\n2,3\n')).toThrow(InputError);
    try {
      parseWhole('a,b\n1,"never closed\n2,3\n');
    } catch (e) {
      expect((e as InputError).line).toBe(2);
      expect((e as InputError).message).toMatch(/opened on line 2 is never closed/);
    }
  });

  it('stops a record longer than the limit instead of buffering the file', () => {
    const parser = new CsvParser('big.csv', ',', 100);
    expect(() => parser.push('a,b\n' + 'x'.repeat(200), [])).toThrow(/record starting on line 2 is longer than 100 characters/);
  });

  it('refuses a delimiter that cannot work', () => {
    expect(() => new CsvParser('t.csv', '"')).toThrow(/delimiter/);
    expect(() => new CsvParser('t.csv', ';;')).toThrow(/delimiter/);
  });

  it('streams records from an async source', async () => {
    async function* chunks() {
      yield 'a;b\n1;';
      yield '2\n';
    }
    const out: string[][] = [];
    for await (const r of parseCsv(chunks(), 'x.csv', { delimiter: ';' })) out.push(r.fields);
    expect(out).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('openCsv and readTable', () => {
  it('reads a real dataset with inferred types', async () => {
    const table = await readTable(join(FIXTURES, 'iris.csv'));
    expect(table.columns).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'label']);
    expect(table.types).toEqual(['number', 'number', 'number', 'number', 'number']);
    expect(table.rows).toHaveLength(150);
    expect(table.rows[0]).toEqual([5.1, 3.5, 1.4, 0.2, 0]);
    expect(table.rowNumbers[149]).toBe(150);
    expect(table.lines[149]).toBe(151);
    expect(table.inputs).toEqual([{ path: join(FIXTURES, 'iris.csv'), kind: 'csv', status: 'read', resources: 150 }]);
  });

  it('keeps text columns as text when asked (class codes as labels)', async () => {
    const table = await readTable(join(FIXTURES, 'iris.csv'), { text: ['label'] });
    expect(table.types[4]).toBe('string');
    expect(table.rows[0]![4]).toBe('0');
  });

  it('reports ragged rows with file:line and counts them, wrong types by row and column', async () => {
    const file = join(FIXTURES, 'bad-rows.csv');
    const table = await readTable(file, { text: ['label'] });
    // 22 data rows: 2 ragged ones are left out, every other one is kept.
    expect(table.rows.length + table.rejected.length).toBe(22);
    expect(table.rejected).toEqual([
      { kind: 'ragged', row: 4, file, line: 5, message: '6 fields where the header has 5; the row is left out' },
      { kind: 'ragged', row: 8, file, line: 10, message: '4 fields where the header has 5; the row is left out' },
    ]);
    expect(table.types[2]).toBe('number');
    expect(table.problems).toEqual([{ kind: 'type', row: 5, file, line: 6, column: 'sepal_width', message: 'column "sepal_width": "abc" is not a number (the column is numeric); treated as missing' }]);
    const row6 = table.rows[table.rowNumbers.indexOf(6)]!;
    expect(row6[3]).toBe('spans\ntwo lines');
    expect(table.lines[table.rowNumbers.indexOf(9)]).toBe(11);
    // The missing label is a missing value here; the audit reports it.
    expect(table.rows[table.rowNumbers.indexOf(7)]![4]).toBeNull();
    expect(table.rows[1]![3]).toBe('has, a comma');
    expect(table.rows[2]![3]).toBe('has "quotes"');
  });

  it('reads gzip, a byte-order mark and a sniffed semicolon delimiter', async () => {
    const file = tmp('data.csv.gz', gzipSync(Buffer.from('\uFEFFx;y;label\n1;2;a\n3;4;b\n')));
    const table = await readTable(file);
    expect(table.columns).toEqual(['x', 'y', 'label']);
    expect(table.rows).toEqual([
      [1, 2, 'a'],
      [3, 4, 'b'],
    ]);
  });

  it('names columns 1..N without a header and keeps the first record as data', async () => {
    const file = tmp('noheader.csv', '0,1.5,2\n1,2.5,3\n');
    const csv = await openCsv(file, { header: false });
    expect(csv.columns).toEqual(['1', '2', '3']);
    const rows = [];
    for await (const r of csv.rows) rows.push(r);
    expect(rows.map((r) => [r.row, r.line, r.fields])).toEqual([
      [1, 1, ['0', '1.5', '2']],
      [2, 2, ['1', '2.5', '3']],
    ]);
  });

  it('makes header names unique and names empty ones', () => {
    expect(uniqueNames(['a', '', 'a', 'a'])).toEqual(['a', 'column 2', 'a (2)', 'a (3)']);
    expect(sniffDelimiter('a\tb\tc\n1,2')).toBe('\t');
    expect(sniffDelimiter('single')).toBe(',');
  });

  it('refuses a 2 GB file at once, naming it and the limit, without reading it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rf-big-')), 'huge.csv');
    const handle = await open(file, 'w');
    await handle.truncate(2 * 1024 ** 3); // sparse: no disk used
    await handle.close();
    const table = await readTable(file);
    expect(table.inputs[0]!.status).toBe('failed');
    expect(table.inputs[0]!.error).toEqual({ message: 'the file is 2.0 GiB, over the 256 MiB limit (raise it with --max-bytes, or audit a sample)', file });
    // With the size limit raised, the record limit still stops a file that is not CSV at all.
    const raised = await readTable(file, { maxBytes: 3 * 1024 ** 3 });
    expect(raised.inputs[0]!.status).toBe('failed');
    expect(raised.inputs[0]!.error).toMatchObject({ file, line: 1, message: expect.stringMatching(/longer than 1048576 characters/) });
  });

  it('fails an unclosed quote but keeps the rows read before it', async () => {
    const file = tmp('unclosed.csv', 'a,b\n1,2\n3,"4\n5,6\n');
    const table = await readTable(file);
    expect(table.rows).toEqual([[1, 2]]);
    expect(table.inputs[0]).toMatchObject({ status: 'failed', resources: 1, error: { file, line: 3, message: 'the quoted field opened on line 3 is never closed' } });
  });

  it('stops at the row limit with the line where it stopped', async () => {
    const file = tmp('many.csv', 'a\n1\n2\n3\n');
    const table = await readTable(file, { maxRows: 2 });
    expect(table.inputs[0]).toMatchObject({ status: 'failed', error: { line: 4, message: expect.stringMatching(/more than 2 data rows/) } });
  });
});
