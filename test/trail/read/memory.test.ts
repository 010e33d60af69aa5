import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openTrail } from '../../../src/trail/read/index.js';
import { stratusRecords, tempDir } from './support.js';

// Memory stays flat: whatever the size of the input, the reader holds one chunk plus the record
// it is in the middle of. Asserted on the reader's own high-water mark, not on time.

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const sample = stratusRecords();

async function generate(file: string, count: number, gzip: boolean): Promise<number> {
  let bytes = 0;
  function* parts(): Generator<string> {
    yield '{"Records":[';
    for (let i = 0; i < count; i++) {
      const r = { ...sample[i % sample.length]!, eventID: `id-${i}` };
      const text = (i ? ',' : '') + JSON.stringify(r);
      bytes += text.length;
      yield text;
    }
    yield ']}';
  }
  const source = Readable.from(parts());
  if (gzip) await pipeline(source, createGzip({ level: 1 }), createWriteStream(file));
  else await pipeline(source, createWriteStream(file));
  return bytes;
}

describe('flat memory on large inputs', () => {
  it('reads a 40 MB trail holding at most one chunk and one record', async () => {
    const file = join(dir, 'large.json.gz');
    const count = 40_000;
    const bytes = await generate(file, count, true);
    expect(bytes).toBeGreaterThan(40 * 1024 * 1024);
    const chunkBytes = 256 * 1024;
    const t = openTrail([file], { chunkBytes });
    let n = 0;
    let last = '';
    for await (const r of t.records) {
      n++;
      last = String(r.record.eventID);
    }
    expect(n).toBe(count);
    expect(last).toBe(`id-${count - 1}`);
    expect(t.inputs).toEqual([expect.objectContaining({ status: 'read', records: count, kind: 'cloudtrail' })]);
    const largest = Math.max(...sample.map((r) => JSON.stringify(r).length)) + 64;
    expect(t.stats.peakBufferedBytes).toBeLessThanOrEqual(chunkBytes + largest);
    expect(t.stats.peakBufferedBytes).toBeLessThan(bytes / 100);
  }, 60_000);
});
