import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { InputError } from '../../core/errors.js';
import type { InputRecord } from '../../core/scan-result.js';
import { checkSize } from './source.js';
import { DEFAULT_TABLE_LIMITS, TableBuilder, type RawCell, type TableOptions } from './table.js';
import { columnOrder } from './csv.js';

// Parquet through hyparquet (pure JavaScript), loaded only when a Parquet file is read. hyparquet
// decodes UNCOMPRESSED and SNAPPY itself; GZIP and BROTLI are Node's zlib. Any other codec (ZSTD,
// LZ4, LZO) is refused up front, naming the file, the column and the codec, rather than failing
// half-way through a row group.

type Decompress = (input: Uint8Array, outputLength: number) => Uint8Array;

const DECOMPRESSORS: Readonly<Record<string, Decompress>> = {
  GZIP: (input) => gunzipSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
};

export const PARQUET_CODECS = ['UNCOMPRESSED', 'SNAPPY', ...Object.keys(DECOMPRESSORS)] as const;

/** Reads a Parquet file into a builder (one part file of a dataset), a row group at a time. */
export async function readParquetInto(builder: TableBuilder, path: string, options: TableOptions = {}): Promise<InputRecord> {
  const maxRows = options.maxRows ?? DEFAULT_TABLE_LIMITS.maxRows;
  let kept = 0;
  try {
    await checkSize(path, options.maxBytes ?? DEFAULT_TABLE_LIMITS.maxBytes);
    const { asyncBufferFromFile, parquetMetadataAsync, parquetSchema, parquetRead } = await import('hyparquet');
    const file = await asyncBufferFromFile(path);
    let metadata;
    try {
      metadata = await parquetMetadataAsync(file);
    } catch (e) {
      throw new InputError(`not a readable Parquet file: ${(e as Error).message}`, path);
    }
    for (const group of metadata.row_groups) {
      for (const chunk of group.columns) {
        const codec = chunk.meta_data?.codec;
        if (codec && !(PARQUET_CODECS as readonly string[]).includes(codec)) {
          const column = chunk.meta_data?.path_in_schema.join('.') ?? '?';
          throw new InputError(`column "${column}" is compressed with ${codec}, which ringfence cannot read (supported: ${PARQUET_CODECS.join(', ')}); rewrite the file with one of them`, path);
        }
      }
    }
    const total = Number(metadata.num_rows);
    if (builder.rowsSeen + total > maxRows) throw new InputError(`${total} rows would pass the limit of ${maxRows} data rows (raise it with --max-rows, or audit a sample)`, path);
    const columns = parquetSchema(metadata).children.map((c) => c.element.name);
    if (columns.length === 0) return { path, kind: 'parquet', status: 'skipped', reason: 'no columns' };
    const order = columnOrder(builder, columns, path);
    builder.beginFile(path);
    let start = 0;
    for (const group of metadata.row_groups) {
      const end = start + Number(group.num_rows);
      let rows: unknown[][] = [];
      try {
        await parquetRead({ file, metadata, rowStart: start, rowEnd: end, columns, compressors: DECOMPRESSORS, rowFormat: 'array', onComplete: (r: unknown[][]) => (rows = r) });
      } catch (e) {
        throw new InputError(`rows ${start + 1}–${end} could not be decoded: ${(e as Error).message}`, path);
      }
      for (const values of rows) {
        const row = builder.nextRow();
        const cells: RawCell[] = new Array(builder.columns.length).fill(null);
        for (let k = 0; k < columns.length; k++) {
          const v = values[k];
          const cell = toCell(v);
          if (cell === undefined) {
            builder.note({ kind: 'type', row, file: path, column: columns[k]!, message: `column "${columns[k]}": a nested or binary value is not a feature value; treated as missing` });
          } else {
            cells[order[k]!] = cell;
          }
        }
        builder.add(cells, row, 0);
        kept++;
      }
      start = end;
    }
    return { path, kind: 'parquet', status: 'read', resources: kept };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { path, kind: 'parquet', status: 'failed', error: { message: e.message, file: e.file }, resources: kept };
  }
}

/** A Parquet value as a cell; undefined for what cannot be one (a struct, a list, bytes). */
function toCell(v: unknown): RawCell | undefined {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'bigint':
      return Number(v);
    case 'string':
      return v;
    case 'boolean':
      return String(v);
    default:
      return v instanceof Date ? v.getTime() : undefined;
  }
}
