import { InputError } from '../../core/errors.js';
import type { InputRecord } from '../../core/scan-result.js';
import { openCsv } from '../tabular/csv.js';
import { defaultColumnName } from './dataset.js';
import { valueType } from './value-type.js';

export interface TrainingCsvOptions {
  /** true: the first row names the columns; false: it is data; undefined: decide from the rows. */
  header?: boolean;
  /** Most warnings kept (the rest are counted). */
  maxWarnings?: number;
  /** Largest file read, in bytes. */
  maxBytes?: number;
}

export interface TrainingCsv {
  /** The header's names, or `_c0`, `_c1`, … (Spark's and so Model Monitor's names) without one. */
  names: string[];
  /** Whether the first row was taken as a header. */
  header: boolean;
  /** Data rows used. */
  rows: number;
  input: InputRecord;
}

/** Receives the columns once they are known (before any row), then each row's fields as text. */
export interface TrainingCsvSink {
  columns(names: string[], header: boolean): void;
  row(fields: string[], line: number): void;
}

/**
 * Streams the rows of a training CSV to a sink. A row whose width differs from the first row's is
 * reported with its file:line and left out; a file that cannot be read is a failed input, with the
 * rows read before the problem kept.
 */
export async function readTrainingCsv(path: string, display: string, options: TrainingCsvOptions, sink: TrainingCsvSink): Promise<TrainingCsv> {
  const maxWarnings = options.maxWarnings ?? 50;
  const warnings: { message: string; line?: number; column?: number }[] = [];
  let dropped = 0;
  const warn = (message: string, line: number): void => {
    if (warnings.length < maxWarnings) warnings.push({ message, line, column: 1 });
    else dropped++;
  };
  let names: string[] = [];
  let header = false;
  let rows = 0;
  let skipped = 0;
  const onRow = (fields: string[], line: number): void => sink.row(fields, line);
  const decide = (first: string[], isHeader: boolean): void => {
    header = isHeader;
    names = header ? headerNames(first) : first.map((_, i) => defaultColumnName(i));
    sink.columns(names, header);
  };
  try {
    const csv = await openCsv(path, { header: false, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) });
    let first: string[] | undefined;
    let firstLine = 0;
    for await (const r of csv.rows) {
      if (first === undefined) {
        first = r.fields;
        firstLine = r.line;
        if (options.header !== undefined) {
          decide(first, options.header);
          if (!header) {
            onRow(first, firstLine);
            rows++;
          }
        }
        continue;
      }
      if (names.length === 0) {
        // Undecided: the second row tells whether the first was a header.
        decide(first, looksLikeHeader(first, r.fields));
        if (!header) {
          onRow(first, firstLine);
          rows++;
        }
      }
      if (r.fields.length !== names.length) {
        skipped++;
        warn(`${r.fields.length} fields where the ${header ? 'header' : 'first row'} has ${names.length}; row left out`, r.line);
        continue;
      }
      onRow(r.fields, r.line);
      rows++;
    }
    if (first !== undefined && names.length === 0) {
      // A single row: a header when every field is text.
      decide(first, looksLikeHeader(first, undefined));
      if (!header) {
        onRow(first, firstLine);
        rows++;
      }
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const error = { message: e.message, file: display, ...(e.line !== undefined ? { line: e.line, column: e.column ?? 1 } : {}) };
    return { names, header, rows, input: { path: display, kind: 'csv', status: 'failed', error, resources: rows } };
  }
  if (dropped > 0) warnings.push({ message: `${dropped} more warnings not listed` });
  const input: InputRecord = { path: display, kind: 'csv', status: 'read', resources: rows, ...(warnings.length ? { warnings } : {}) };
  if (rows === 0) return { names, header, rows, input: { ...input, status: 'failed', error: { message: skipped ? 'no usable data row' : 'no data rows', file: display } } };
  return { names, header, rows, input };
}

/** A first row of text only above a row with a number in it is a header. */
function looksLikeHeader(first: string[], second: string[] | undefined): boolean {
  const allText = first.every((f) => valueType(f) === 'String');
  if (!allText) return false;
  if (!second) return true;
  return second.some((f) => {
    const t = valueType(f);
    return t === 'Integral' || t === 'Fractional';
  });
}

function headerNames(fields: string[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((raw, i) => {
    const name = raw.trim() === '' ? defaultColumnName(i) : raw.trim();
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}
