import { InputError } from '../../core/errors.js';
import type { InputRecord } from '../../core/scan-result.js';
import { textChunks } from './source.js';
import { DEFAULT_TABLE_LIMITS, TableBuilder, type RawCell, type TableOptions } from './table.js';

// JSON Lines: one JSON object per line; the columns are the keys, in the order first seen. A line
// that is not an object is left out and recorded with its line; a nested value (an object or an
// array) cannot be a feature and is recorded as a wrong type, the cell then missing.

/** Lines of a chunked text with their 1-based numbers, never holding more than one line. */
export async function* textLines(chunks: AsyncIterable<string>, file: string, maxLineChars: number): AsyncGenerator<{ text: string; line: number }> {
  let pending = '';
  let line = 1;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl === -1) break;
      const text = pending + chunk.slice(start, nl);
      pending = '';
      yield { text: text.endsWith('\r') ? text.slice(0, -1) : text, line: line++ };
      start = nl + 1;
    }
    pending += chunk.slice(start);
    if (pending.length > maxLineChars) throw new InputError(`line ${line} is longer than ${maxLineChars} characters (not JSON Lines?)`, file, line);
  }
  if (pending !== '') yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, line };
}

/** Reads a JSON Lines file into a builder (one part file of a dataset). */
export async function readJsonLinesInto(builder: TableBuilder, path: string, options: TableOptions = {}): Promise<InputRecord> {
  const maxRows = options.maxRows ?? DEFAULT_TABLE_LIMITS.maxRows;
  const maxChars = options.maxRecordChars ?? DEFAULT_TABLE_LIMITS.maxRecordChars;
  // Part files after the first must not bring new columns: the dataset's schema is the first file's.
  const fixed = builder.columns.length > 0;
  let kept = 0;
  let started = false;
  try {
    for await (const { text, line } of textLines(textChunks(path, options.maxBytes ?? DEFAULT_TABLE_LIMITS.maxBytes), path, maxChars)) {
      if (text.trim() === '') continue;
      if (!started) {
        builder.beginFile(path);
        started = true;
      }
      const row = builder.nextRow();
      if (builder.rowsSeen > maxRows) throw new InputError(`more than ${maxRows} data rows (raise the limit with --max-rows, or audit a sample)`, path, line);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        builder.reject({ kind: 'parse', row, file: path, line, message: `not valid JSON (${(e as Error).message}); the row is left out` });
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        builder.reject({ kind: 'parse', row, file: path, line, message: `a JSON ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}, not an object; the row is left out` });
        continue;
      }
      const record = value as Record<string, unknown>;
      const unknownKeys = fixed ? Object.keys(record).filter((k) => !builder.hasColumn(k)) : [];
      if (unknownKeys.length) {
        builder.reject({ kind: 'ragged', row, file: path, line, message: `keys not in the dataset's columns: ${unknownKeys.map((k) => JSON.stringify(k)).join(', ')}; the row is left out` });
        continue;
      }
      const cells: RawCell[] = [];
      for (const [key, v] of Object.entries(record)) {
        const c = builder.columnIndex(key);
        while (cells.length <= c) cells.push(null);
        if (v !== null && typeof v === 'object') {
          builder.note({ kind: 'type', row, file: path, line, column: key, message: `column "${key}": a nested ${Array.isArray(v) ? 'array' : 'object'} is not a feature value; treated as missing` });
          cells[c] = null;
        } else {
          cells[c] = typeof v === 'boolean' ? String(v) : (v as string | number | null);
        }
      }
      builder.add(cells, row, line);
      kept++;
    }
    if (!started) return { path, kind: 'jsonl', status: 'skipped', reason: 'empty file' };
    return { path, kind: 'jsonl', status: 'read', resources: kept };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { path, kind: 'jsonl', status: 'failed', error: { message: e.message, file: e.file, ...(e.line !== undefined ? { line: e.line, column: e.column ?? 1 } : {}) }, resources: kept };
  }
}
