// CloudTrail files loaded into a DuckDB table with the columns of Athena's table, ready for the
// compiled SQL. Files are found as the in-process reader finds them (read/files.ts), recognised
// from their first bytes (sniff.ts), and read by DuckDB a batch at a time; a file DuckDB cannot
// read is retried alone, reported failed with DuckDB's message, and the others are still loaded.

import { resolve } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { trailEntries } from '../../read/files.js';
import type { TrailFormat } from '../../read/json-scanner.js';
import { DEFAULT_TRAIL_LIMITS, type TrailLimits } from '../../read/limits.js';
import type { TrailInput } from '../../read/read-file.js';
import { tableName } from '../sql-text.js';
import { loadDuckDb } from './load.js';
import { sniffTrailFile } from './sniff.js';
import { createTableSql, rowsOf, type SourceFile } from './source.js';

export interface TrailTableOptions {
  limits?: Partial<TrailLimits>;
  /** Keep each whole record in `_json` (term and space-delimited patterns, fields outside the DDL). */
  includeRaw?: boolean;
  /** The table name; default cloudtrail_logs. */
  table?: string;
  /** Files per INSERT (default 64): DuckDB reads the files of one batch in parallel. */
  batchFiles?: number;
  /** DuckDB worker threads (default: DuckDB's, one per core). */
  threads?: number;
  onProgress?: (filesDone: number, filesTotal: number) => void;
}

export interface TrailTable {
  /** Every path's fate, as the in-process reader reports it. */
  inputs: TrailInput[];
  records: number;
  table: string;
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

/** The reader's names of the formats (read/read-file.ts KINDS); other formats keep their own name. */
const KINDS: Partial<Record<TrailFormat, string>> = {
  'json-array': 'cloudtrail-json-array',
  'json-lines': 'cloudtrail-json-lines',
};

/** Loads CloudTrail files and directories into a new in-memory DuckDB table. */
export async function openTrailTable(paths: string[], options: TrailTableOptions = {}): Promise<TrailTable> {
  const duck = await loadDuckDb();
  const limits: TrailLimits = { ...DEFAULT_TRAIL_LIMITS, ...options.limits };
  const table = tableName(options.table ?? 'cloudtrail_logs');
  const includeRaw = options.includeRaw ?? false;
  const instance: DuckDBInstance = await duck.DuckDBInstance.create(':memory:', options.threads ? { threads: String(options.threads) } : {});
  const conn: DuckDBConnection = await instance.connect();
  const close = () => {
    conn.closeSync();
    instance.closeSync();
  };
  try {
    await conn.run(`SET TimeZone = 'UTC'`);
    const inputs: TrailInput[] = [];
    const files: { file: SourceFile; input: TrailInput }[] = [];
    for (const entry of await trailEntries(paths, limits.maxFiles)) {
      if ('input' in entry) {
        inputs.push(entry.input);
        continue;
      }
      const { path, shown, explicit } = entry.file;
      const sniffed = await sniffTrailFile(path, explicit, limits);
      const input: TrailInput = { path: shown, status: sniffed.status, records: 0 };
      if (sniffed.status === 'read') {
        input.kind = KINDS[sniffed.format] ?? sniffed.format;
        files.push({ file: { path: resolve(path), shown, format: sniffed.format, ordinal: files.length, bytes: sniffed.bytes }, input });
      } else if (sniffed.status === 'skipped') {
        input.reason = sniffed.reason;
      } else {
        input.error = { message: sniffed.message, file: shown, ...(sniffed.line !== undefined ? { line: sniffed.line, column: sniffed.column ?? 1 } : {}) };
      }
      inputs.push(input);
    }

    await conn.run(createTableSql(table, includeRaw));
    const insert = (batch: SourceFile[]) => conn.run(`INSERT INTO ${table}\n${rowsOf(batch, limits.maxRecordBytes, includeRaw)}`);
    const size = Math.max(1, options.batchFiles ?? 64);
    for (let i = 0; i < files.length; i += size) {
      const batch = files.slice(i, i + size);
      try {
        await insert(batch.map((b) => b.file));
      } catch {
        // One bad file fails the batch: load them one at a time to tell which.
        for (const b of batch) {
          try {
            await insert([b.file]);
          } catch (e) {
            b.input.status = 'failed';
            b.input.error = { message: `DuckDB could not read it: ${firstLine((e as Error).message)}`, file: b.input.path };
          }
        }
      }
      options.onProgress?.(Math.min(i + size, files.length), files.length);
    }

    const counts = await rows(conn, `SELECT _file AS file, count(*) AS n FROM ${table} GROUP BY _file`);
    const byFile = new Map(counts.map((r) => [String(r['file']), Number(r['n'])]));
    let records = 0;
    for (const { input } of files) {
      input.records = byFile.get(input.path) ?? 0;
      records += input.records;
    }
    return { inputs, records, table, query: (sql) => rows(conn, sql), close };
  } catch (e) {
    close();
    throw e;
  }
}

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
