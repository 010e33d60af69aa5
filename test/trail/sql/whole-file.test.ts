import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { DEFAULT_TRAIL_LIMITS, openTrail } from '../../../src/trail/read/index.js';
import { readTrailFile, type TrailInput } from '../../../src/trail/read/read-file.js';
import { readWholeCloudTrailFile } from '../../../src/trail/read/whole-file.js';
import type { SourcedRecord } from '../../../src/trail/record.js';
import { SQL_TRAIL, tempDir } from './support.js';

// The reader's fast path for CloudTrail's own files (read/whole-file.ts, made for the throughput
// benchmark) must give exactly what the streaming scanner gives, and step aside for anything else.

const { dir, cleanup } = tempDir();
afterAll(cleanup);

function filesUnder(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(d, e.name)) : [join(d, e.name)])).sort();
}

async function streamed(file: string, limits = DEFAULT_TRAIL_LIMITS) {
  const input: TrailInput = { path: file, status: 'read', records: 0 };
  const stats = { bytes: 0, peakBufferedBytes: 0 };
  const records: SourcedRecord[] = [];
  for await (const r of readTrailFile(file, file, { limits, explicit: true, chunkBytes: 4096, stats }, input)) records.push(r);
  return { records, input, stats };
}

async function opened(file: string, limits = DEFAULT_TRAIL_LIMITS) {
  const t = openTrail([file], { limits, chunkBytes: 4096 });
  const records: SourcedRecord[] = [];
  for await (const r of t.records) records.push(r);
  return { records, input: t.inputs[0]!, stats: t.stats };
}

it('reads CloudTrail files exactly as the streaming scanner does, each in one piece', async () => {
  const files = filesUnder(SQL_TRAIL);
  expect(files.length).toBeGreaterThan(20);
  for (const file of files) {
    expect(readWholeCloudTrailFile(file, DEFAULT_TRAIL_LIMITS)).toBeDefined();
    const fast = await opened(file);
    const slow = await streamed(file);
    expect(fast.records).toEqual(slow.records.map((r) => ({ ...r, source: { ...r.source, file: fast.input.path } })));
    expect(fast.input).toEqual({ ...slow.input, path: fast.input.path });
    expect(fast.stats.bytes).toBe(slow.stats.bytes);
    // One piece: the whole file was held, no more.
    expect(fast.stats.peakBufferedBytes).toBe(slow.stats.bytes);
  }
});

it('steps aside for what the scanner must judge: line breaks, deep nesting, files larger than a record', async () => {
  const record = { eventVersion: '1.09', eventTime: '2024-09-02T08:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', requestParameters: { a: 1 } };
  let deep: unknown = 'bottom';
  for (let i = 0; i < DEFAULT_TRAIL_LIMITS.maxDepth + 2; i++) deep = { d: deep };
  const cases: Record<string, string> = {
    'pretty.json': JSON.stringify({ Records: [record, record] }, null, 2),
    'deep.json.gz': JSON.stringify({ Records: [record, { ...record, requestParameters: deep }, record] }),
    'not-object.json': JSON.stringify({ Records: [record, null, record] }),
    'wrapper.json': JSON.stringify({ Records: [record], events: [] }),
    'garbage.json': `${JSON.stringify({ Records: [record] })} trailing`,
  };
  for (const [name, text] of Object.entries(cases)) {
    const file = join(dir, name);
    writeFileSync(file, name.endsWith('.gz') ? gzipSync(text) : text);
    expect({ name, fast: readWholeCloudTrailFile(file, DEFAULT_TRAIL_LIMITS) }).toEqual({ name, fast: undefined });
    const fast = await opened(file);
    const slow = await streamed(file);
    expect(fast.records.map((r) => r.source.index)).toEqual(slow.records.map((r) => r.source.index));
    expect(fast.input.warnings ?? []).toEqual(slow.input.warnings ?? []);
    expect(fast.input.status).toBe(slow.input.status);
  }
  // A file larger than one record may be streams, holding one chunk and one record at a time.
  const big = join(dir, 'big.json');
  writeFileSync(big, JSON.stringify({ Records: Array.from({ length: 200 }, () => record) }));
  const limits = { ...DEFAULT_TRAIL_LIMITS, maxRecordBytes: 10_000 };
  expect(readWholeCloudTrailFile(big, limits)).toBeUndefined();
  const r = await opened(big, limits);
  expect(r.records).toHaveLength(200);
  expect(r.stats.peakBufferedBytes).toBeLessThan(4096 + 1000);
});
