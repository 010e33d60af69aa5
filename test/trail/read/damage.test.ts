import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readAll, stratusRecords, tempDir } from './support.js';

// Bad input: every file is accounted for, the records before the damage are kept, the position
// of the damage is reported, and the other files are still read.

const records = stratusRecords().slice(0, 20);
const { dir, cleanup } = tempDir();
afterAll(cleanup);

function write(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

const good = () => write(`good-${Math.random()}.json`, JSON.stringify({ Records: records.slice(0, 3) }));

describe('damaged trail files', () => {
  it('keeps the records of a truncated file and reports where it ends', async () => {
    const text = JSON.stringify({ Records: records });
    const cut = text.slice(0, text.indexOf(JSON.stringify(records[5])) + 40);
    const r = await readAll([write('truncated.json', cut), good()]);
    expect(r.records.map((x) => x.record)).toEqual([...records.slice(0, 5), ...records.slice(0, 3)]);
    expect(r.inputs[0]).toMatchObject({
      status: 'failed',
      records: 5,
      error: { message: expect.stringMatching(/unexpected end of input inside the record that starts at 1:\d+: the file is truncated/), line: 1, column: cut.length + 1 },
    });
    expect(r.inputs[1]).toMatchObject({ status: 'read', records: 3 });
  });

  it('keeps the records before a truncated gzip stream', async () => {
    const gz = gzipSync(records.map((x) => JSON.stringify(x)).join('\n'));
    const r = await readAll([write('cut.json.gz', gz.subarray(0, Math.floor(gz.length * 0.6))), good()]);
    const got = r.inputs[0]!;
    expect(got.status).toBe('failed');
    expect(got.error!.message).toMatch(/gzip data ends early: the file is truncated after \d+ decompressed bytes/);
    expect(got.error!.line).toBeGreaterThan(1);
    expect(got.records).toBeGreaterThan(0);
    expect(r.records.slice(0, got.records).map((x) => x.record)).toEqual(records.slice(0, got.records));
    expect(r.inputs[1]).toMatchObject({ status: 'read', records: 3 });
  });

  it('reports corrupt gzip data', async () => {
    const gz = Buffer.from(gzipSync(JSON.stringify({ Records: records })));
    for (let i = 200; i < 260; i++) gz[i] = gz[i]! ^ 0x5a;
    const r = await readAll([write('corrupt.json.gz', gz)]);
    expect(r.inputs[0]).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/gzip data is corrupt|truncated/) } });
  });

  it('stops a gzip bomb at the decompressed-size limit', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"Records":['), Buffer.alloc(8 * 1024 * 1024, 0x20)]));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const r = await readAll([write('bomb.json.gz', bomb)], { limits: { maxDecompressedBytes: 1024 * 1024 } });
    expect(r.inputs[0]).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/more than the 1048576-byte limit/) } });
  });

  it('skips records over the size or depth limit, with their positions, and reads the rest', async () => {
    const big = { eventName: 'Big', eventTime: 't', blob: 'x'.repeat(5000) };
    let deep: unknown = 'bottom';
    for (let i = 0; i < 30; i++) deep = { d: deep };
    const lines = [records[0], big, records[1], { eventName: 'Deep', eventTime: 't', deep }, records[2]].map((x) => JSON.stringify(x));
    const r = await readAll([write('limits.jsonl', lines.join('\n'))], { limits: { maxRecordBytes: 4000, maxDepth: 20 }, chunkBytes: 1000 });
    expect(r.records.map((x) => x.record)).toEqual(records.slice(0, 3));
    expect(r.inputs[0]).toMatchObject({
      status: 'read',
      records: 3,
      warnings: [
        { message: 'record larger than the 4000-byte record limit; skipped', line: 2, column: 1 },
        { message: 'record nested more than 20 levels deep; skipped', line: 4, column: 1 },
      ],
    });
    expect(r.stats.peakBufferedBytes).toBeLessThan(4000 + 1000 + 1);
  });

  it('skips records that are not valid JSON or not objects, saying where', async () => {
    const text = [JSON.stringify(records[0]), '{"eventName": "Bad", "x": tru}', 'garbage line', JSON.stringify(records[1]), '[1, 2]'].join('\n');
    const r = await readAll([write('bad-records.jsonl', text)]);
    expect(r.records.map((x) => x.record)).toEqual(records.slice(0, 2));
    const w = r.inputs[0]!.warnings!;
    expect(r.inputs[0]!.status).toBe('read');
    expect(w[0]).toMatchObject({ message: expect.stringMatching(/not valid JSON/), line: 2 });
    expect(w[1]).toMatchObject({ message: 'expected a JSON record, found "garbage line"; the line was skipped', line: 3, column: 1 });
    expect(w.slice(2).map((x) => x.message)).toEqual(['record is a number, not an object; skipped', 'record is a number, not an object; skipped']);
    // A top-level array of non-records: each element is reported.
    const arr = await readAll([write('mixed-array.json', JSON.stringify([records[0], 7, 'x', null, records[1]]))]);
    expect(arr.records).toHaveLength(2);
    expect(arr.inputs[0]!.warnings!.map((x) => x.message)).toEqual([
      'record is a number, not an object; skipped',
      'record is a string, not an object; skipped',
      'record is null, not an object; skipped',
    ]);
  });

  it('fails a file whose brackets do not match, keeping what came before', async () => {
    const text = `{"Records":[${JSON.stringify(records[0])},${JSON.stringify(records[1])}}]}`;
    const r = await readAll([write('mismatch.json', text)]);
    expect(r.records).toHaveLength(1);
    expect(r.inputs[0]).toMatchObject({ status: 'failed', error: { message: '"}" closes an array', line: 1 } });
  });

  it('accounts for files that are not trails: skipped when found in a folder, failed when named', async () => {
    write('mixed/README.md', '# notes\n');
    write('mixed/package.json', JSON.stringify({ name: 'x', version: '1.0.0' }));
    write('mixed/empty.json', '');
    write('mixed/image.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    write('mixed/trail.json', JSON.stringify({ Records: records.slice(0, 1) }));
    const r = await readAll([join(dir, 'mixed')]);
    const by = Object.fromEntries(r.inputs.map((i) => [i.path.split('/').pop(), i]));
    expect(by['trail.json']).toMatchObject({ status: 'read', records: 1 });
    expect(by['README.md']).toMatchObject({ status: 'skipped', reason: 'not a CloudTrail log: expected a JSON record, found "# notes" at 1:1' });
    expect(by['package.json']).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/not CloudTrail records/) });
    expect(by['empty.json']).toMatchObject({ status: 'skipped', reason: 'empty: no records' });
    expect(by['image.bin']).toMatchObject({ status: 'skipped' });
    const named = await readAll([join(dir, 'mixed', 'README.md'), join(dir, 'nope.json')]);
    expect(named.inputs.map((i) => i.status)).toEqual(['failed', 'failed']);
    expect(named.inputs[0]!.error!.message).toMatch(/not a CloudTrail log/);
    expect(named.inputs[1]!.error!.message).toBe('no such file or directory');
  });

  it('reports a CloudWatch export line whose prefix is no timestamp', async () => {
    const text = `2024-08-02T08:53:24.000Z ${JSON.stringify(records[0])}\nnot-a-time ${JSON.stringify(records[1])}\n2024-08-02T08:53:25Z ${JSON.stringify(records[2])}`;
    const r = await readAll([write('export.log', text)]);
    expect(r.records.map((x) => x.record)).toEqual([records[0], records[2]]);
    expect(r.inputs[0]).toMatchObject({ status: 'read', kind: 'cloudwatch-logs-export', warnings: [{ line: 2, column: 1 }] });
  });
});

describe('files that only look like trails', () => {
  it('skips a CloudWatch export of plain-text application logs', async () => {
    const { dir: d, cleanup: c } = tempDir();
    try {
      mkdirSync(join(d, 'app'));
      writeFileSync(join(d, 'app', '000000'), '2024-08-02T08:53:24.000Z START RequestId: 1\n2024-08-02T08:53:25.000Z END RequestId: 1\n');
      const r = await readAll([d]);
      expect(r.inputs).toEqual([expect.objectContaining({ status: 'skipped', reason: 'not a CloudTrail log: expected a JSON record, found "START RequestId: 1" at 1:26' })]);
    } finally {
      c();
    }
  });

  it('keeps the count of a file left early by the consumer', async () => {
    const { openTrail } = await import('../../../src/trail/read/index.js');
    const t = openTrail([write('early.json', JSON.stringify({ Records: records }))]);
    let n = 0;
    for await (const _ of t.records) if (++n === 4) break;
    expect(t.inputs[0]).toMatchObject({ records: 4 });
  });
});
