import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { InputRecord } from '../../core/scan-result.js';
import { readCsvInto } from './csv.js';
import { readJsonLinesInto } from './jsonl.js';
import { readParquetInto } from './parquet.js';
import { isGzip, readHead } from './source.js';
import { TableBuilder, type Table, type TableOptions } from './table.js';

// A dataset is a file, or a directory of part files read as one table, the way a SageMaker
// training channel reads every object under its S3 prefix (s3://bucket/prefix/train/part-*.csv
// mirrored to a local folder). Files are taken in S3's listing order (byte order of the key), so
// row numbers match what the training job sees. Every file is accounted for: read, skipped (why),
// or failed (the error and its position).

export type TabularFormat = 'csv' | 'jsonl' | 'parquet';

type Reader = (builder: TableBuilder, path: string, options: TableOptions) => Promise<InputRecord>;

const READERS: Readonly<Record<TabularFormat, Reader>> = {
  csv: readCsvInto,
  jsonl: readJsonLinesInto,
  parquet: readParquetInto,
};

const EXTENSIONS: readonly [RegExp, TabularFormat][] = [
  [/\.(csv|tsv|txt)(\.gz)?$/i, 'csv'],
  [/\.(jsonl|ndjson|json)(\.gz)?$/i, 'jsonl'],
  [/\.(parquet|pq)$/i, 'parquet'],
];

/** Files a data pipeline leaves beside its part files; never data. */
const NOT_DATA: readonly [RegExp, string][] = [
  [/^\./, 'hidden file'],
  [/^_SUCCESS$|^_committed_|^_started_/, 'job marker file'],
  [/\.crc$/i, 'checksum file'],
  [/\.(manifest|md|yaml|yml|sig|sha256)$/i, 'not a data file'],
];

const MAX_FILES = 100_000;

export interface DatasetOptions extends TableOptions {
  /** Read every file as this format instead of recognising it. */
  format?: TabularFormat;
}

/** Reads a dataset (a file or a directory of part files) into one table. Never throws for bad input. */
export async function readDataset(path: string, options: DatasetOptions = {}): Promise<Table> {
  const builder = new TableBuilder();
  const inputs: InputRecord[] = [];
  const s = await stat(path).catch(() => undefined);
  if (!s) {
    inputs.push({ path, status: 'failed', error: { message: 'no such file or directory', file: path } });
  } else if (s.isDirectory()) {
    const files: string[] = [];
    try {
      await walk(path, files);
      files.sort((a, b) => compareBytes(a, b));
    } catch (e) {
      inputs.push({ path, status: 'failed', error: { message: (e as Error).message, file: path } });
    }
    for (const file of files) inputs.push(await readPart(builder, file, options, true));
    if (files.length === 0 && inputs.length === 0) inputs.push({ path, status: 'failed', error: { message: 'the directory holds no files', file: path } });
  } else {
    inputs.push(await readPart(builder, path, options, false));
  }
  return builder.finish(inputs, options.text);
}

async function readPart(builder: TableBuilder, file: string, options: DatasetOptions, inDirectory: boolean): Promise<InputRecord> {
  if (inDirectory) {
    const name = basename(file);
    const skip = NOT_DATA.find(([pattern]) => pattern.test(name));
    if (skip) return { path: file, status: 'skipped', reason: skip[1] };
  }
  const format = options.format ?? (await recognise(file));
  if (!format) {
    const reason = 'not CSV, JSON Lines or Parquet';
    return inDirectory ? { path: file, status: 'skipped', reason } : { path: file, status: 'failed', error: { message: `${reason} (give --format)`, file } };
  }
  return READERS[format](builder, file, options);
}

/** The format of a file: by its name, else by its first bytes. */
export async function recognise(file: string): Promise<TabularFormat | undefined> {
  const byName = EXTENSIONS.find(([pattern]) => pattern.test(file));
  if (byName) return byName[1];
  const head = await readHead(file, 512).catch(() => undefined);
  if (!head || head.length === 0) return 'csv';
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (isGzip(head)) return 'csv';
  if (head.includes(0)) return undefined;
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') ? 'jsonl' : 'csv';
}

/** Every file under a directory; the caller sorts them in S3 key order (byte order of the path). */
async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) await walk(full, out);
    else if (e.isFile()) out.push(full);
    if (out.length > MAX_FILES) throw new Error(`more than ${MAX_FILES} files`);
  }
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
