import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readParquetInto } from '../../../src/ml/tabular/parquet.js';
import { readDataset } from '../../../src/ml/tabular/dataset.js';
import { TableBuilder } from '../../../src/ml/tabular/table.js';

type Codec = 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'LZ4' | 'ZSTD';

const COLUMNS = () => [
  { name: 'width', data: [1.5, 2.25, null, 4], type: 'DOUBLE' as const },
  { name: 'count', data: [1n, 2n, 3n, 4n], type: 'INT64' as const },
  { name: 'kind', data: ['a', 'b', 'a', null], type: 'STRING' as const },
  { name: 'label', data: ['x', 'y', 'x', 'y'], type: 'STRING' as const },
];

function writeParquet(codec: Codec, extra: Record<string, (input: Uint8Array) => Uint8Array> = {}): string {
  const buffer = parquetWriteBuffer({ columnData: COLUMNS(), codec, compressors: extra, rowGroupSize: 3 });
  const path = join(mkdtempSync(join(tmpdir(), 'rf-pq-')), `data-${codec.toLowerCase()}.parquet`);
  writeFileSync(path, Buffer.from(buffer));
  return path;
}

describe('Parquet reader', () => {
  for (const codec of ['UNCOMPRESSED', 'SNAPPY'] as const) {
    it(`reads ${codec} row groups into typed rows numbered from 1`, async () => {
      const file = writeParquet(codec);
      const table = await readDataset(file, { text: ['label'] });
      expect(table.inputs).toEqual([{ path: file, kind: 'parquet', status: 'read', resources: 4 }]);
      expect(table.columns).toEqual(['width', 'count', 'kind', 'label']);
      expect(table.types).toEqual(['number', 'number', 'string', 'string']);
      expect(table.rows).toEqual([
        [1.5, 1, 'a', 'x'],
        [2.25, 2, 'b', 'y'],
        [null, 3, 'a', 'x'],
        [4, 4, null, 'y'],
      ]);
      expect(table.rowNumbers).toEqual([1, 2, 3, 4]);
      expect(table.lines).toEqual([0, 0, 0, 0]);
    });
  }

  it('reads GZIP through zlib', async () => {
    const file = writeParquet('GZIP', { GZIP: (input) => gzipSync(input) });
    const table = await readDataset(file);
    expect(table.rows.map((r) => r[1])).toEqual([1, 2, 3, 4]);
  });

  for (const codec of ['LZ4', 'ZSTD'] as const) {
    it(`refuses ${codec} up front, naming the file, the column and the codec`, async () => {
      // Written with a stand-in compressor: the file says ZSTD/LZ4, which is all the reader checks first.
      const file = writeParquet(codec, { [codec]: (input) => input });
      const builder = new TableBuilder();
      const input = await readParquetInto(builder, file);
      expect(input.status).toBe('failed');
      expect(input.error).toEqual({
        file,
        message: `column "width" is compressed with ${codec}, which ringfence cannot read (supported: UNCOMPRESSED, SNAPPY, GZIP, BROTLI); rewrite the file with one of them`,
      });
      expect(builder.size).toBe(0);
    });
  }

  it('fails a file that is not Parquet with a clear message', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rf-pq-')), 'fake.parquet');
    writeFileSync(file, 'PAR1 but not really');
    const table = await readDataset(file);
    expect(table.inputs[0]).toMatchObject({ status: 'failed', error: { file, message: expect.stringMatching(/^not a readable Parquet file/) } });
  });
});
