import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openTrail } from '../../../src/trail/read/index.js';
import type { CloudTrailRecord } from '../../../src/trail/record.js';
import { openTrailTable } from '../../../src/trail/sql/index.js';
import { DUCKDB, STRATUS, tempDir } from './support.js';
import { readFileSync, readdirSync } from 'node:fs';

// DuckDB reads the same files the in-process reader reads, in every format, accounts for every
// path the same way, and puts each record in the row with the same position. A file DuckDB cannot
// read fails alone; the others are still loaded.

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const records = readdirSync(STRATUS)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(join(STRATUS, f), 'utf8')) as CloudTrailRecord[]);
const iso = (r: CloudTrailRecord) => new Date(r.eventTime).toISOString();

function write(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

async function inProcess(paths: string[]) {
  const t = openTrail(paths);
  const ids: string[] = [];
  for await (const r of t.records) ids.push(`${r.source.file} #${r.source.index} ${String(r.record.eventID)}`);
  return { ids, inputs: t.inputs };
}

const jsonl = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const FORMATS: [string, string | Buffer][] = [
  ['AWSLogs/123456789012/CloudTrail/us-east-1/2024/08/02/123456789012_CloudTrail_us-east-1_20240802T0855Z_abc.json.gz', gzipSync(JSON.stringify({ Records: records }))],
  ['s3/pretty.json', JSON.stringify({ Records: records }, null, 2)],
  ['lines/trail.jsonl', jsonl],
  ['lines/concatenated.json', records.map((r) => JSON.stringify(r, null, 1)).join('')],
  ['export/000000.gz', gzipSync(records.map((r) => `${iso(r)} ${JSON.stringify(r)}`).join('\n'))],
  ['cli/filter-log-events.json', JSON.stringify({ events: records.map((r, i) => ({ logStreamName: 's', timestamp: i, message: JSON.stringify(r) })) })],
  ['firehose/payload.gz', gzipSync(JSON.stringify({ messageType: 'DATA_MESSAGE', logEvents: records.map((r, i) => ({ id: String(i), timestamp: i, message: JSON.stringify(r) })) }))],
  ['array/records.json', JSON.stringify(records)],
  ['history/lookup-events.json', JSON.stringify({ Events: records.map((r, i) => ({ EventId: String(i), CloudTrailEvent: JSON.stringify(r) })), NextToken: 'x' })],
];

describe.skipIf(!DUCKDB)('loading trail files into DuckDB', () => {
  it('reads every format into the same rows as the in-process reader', async () => {
    const paths = FORMATS.map(([name, content]) => write(name, content));
    const expected = await inProcess(paths);
    const table = await openTrailTable(paths);
    try {
      const rows = await table.query(`SELECT _file, _index, eventid FROM ${table.table} ORDER BY _seq`);
      expect(rows.map((r) => `${String(r['_file'])} #${Number(r['_index'])} ${String(r['eventid'])}`)).toEqual(expected.ids);
      expect(table.records).toBe(records.length * FORMATS.length);
      const shape = (inputs: typeof table.inputs) => inputs.map((i) => ({ path: i.path, status: i.status, kind: i.kind, records: i.records }));
      expect(shape(table.inputs)).toEqual(shape(expected.inputs));
    } finally {
      table.close();
    }
  });

  it('accounts for files that are no trail or cannot be read, and still loads the rest', async () => {
    const good = write('mixed/AWSLogs/good.json.gz', gzipSync(JSON.stringify({ Records: records.slice(0, 5) })));
    write('mixed/AWSLogs/README.md', '# not a log\n');
    write('mixed/AWSLogs/other.json', JSON.stringify([{ name: 'not a record' }]));
    write('mixed/AWSLogs/empty.json', '');
    const corrupt = gzipSync(JSON.stringify({ Records: records }));
    corrupt[corrupt.length >> 1] ^= 0xff;
    write('mixed/AWSLogs/corrupt.json.gz', corrupt);
    const explicit = write('mixed/explicit.json', JSON.stringify({ hello: 'world' }));
    const missing = join(dir, 'mixed', 'missing.json.gz');
    const table = await openTrailTable([join(dir, 'mixed', 'AWSLogs'), explicit, missing]);
    try {
      const byName = Object.fromEntries(table.inputs.map((i) => [i.path.split('/').pop(), i]));
      expect(byName['good.json.gz']).toMatchObject({ status: 'read', kind: 'cloudtrail', records: 5 });
      expect(byName['README.md']).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/not a CloudTrail log/) });
      expect(byName['other.json']).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/none of eventVersion/) });
      expect(byName['empty.json']).toMatchObject({ status: 'skipped', reason: 'empty: no records' });
      expect(byName['corrupt.json.gz']).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/gzip|DuckDB could not read it/) } });
      expect(byName['explicit.json']).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/not CloudTrail records/) } });
      expect(byName['missing.json.gz']).toMatchObject({ status: 'failed', error: { message: 'no such file or directory' } });
      expect(table.records).toBe(5);
      expect(good).toBeTruthy();
      // The in-process reader says the same of each path (it keeps the records before the damage).
      const reader = await inProcess([join(dir, 'mixed', 'AWSLogs'), explicit, missing]);
      expect(table.inputs.map((i) => [i.path, i.status])).toEqual(reader.inputs.map((i) => [i.path, i.status]));
    } finally {
      table.close();
    }
  });
});
