import { InputError } from '../../core/errors.js';
import type { InputRecord } from '../../core/scan-result.js';
import { textChunks } from './source.js';
import { DEFAULT_TABLE_LIMITS, TableBuilder, type Table, type TableOptions } from './table.js';

// RFC 4180 CSV, read as a stream: the text arrives in chunks and records leave one at a time, so
// a file is never one string in memory. Quoted fields may hold delimiters, quotes ("") and line
// breaks; CRLF, LF and CR all end a record; blank lines carry no data and are passed over.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** One record as written: its fields and the line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** Something malformed that did not stop the record from being read (text after a closing quote). */
  problem?: string;
}

export interface CsvOptions {
  /** One character; default: `\t` for .tsv, else sniffed from the first line (`,` `;` `\t` `|`), else `,`. */
  delimiter?: string;
  /** The first record names the columns (default true); without it columns are named 1, 2, … */
  header?: boolean;
  /** Largest file (or decompressed .gz) read, in bytes. */
  maxBytes?: number;
  /** Longest record, in characters: a guard against an unclosed quote swallowing the file. */
  maxRecordChars?: number;
}

/**
 * The CSV state machine. `push` takes any chunk boundary (inside a quoted field, between the two
 * quotes of an escaped quote, between CR and LF); `end` flushes the last record.
 */
export class CsvParser {
  private readonly delim: number;
  private fields: string[] = [];
  private field = '';
  private atFieldStart = true;
  private inQuotes = false;
  /** A quote ended the previous chunk inside a quoted field: escaped quote or closing quote. */
  private quotePending = false;
  private afterQuote = false;
  private recordQuoted = false;
  private skipLF = false;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private recordChars = 0;
  private problem: string | undefined;
  /** A quoted piece ended with CR: a line break, unless the next piece starts with LF. */
  private crAtEnd = false;

  constructor(
    readonly file: string,
    delimiter = ',',
    readonly maxRecordChars: number = DEFAULT_TABLE_LIMITS.maxRecordChars,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new InputError(`the delimiter must be one character other than a quote or a line break, got ${JSON.stringify(delimiter)}`, file);
    }
    this.delim = delimiter.charCodeAt(0);
  }

  push(chunk: string, out: CsvRecord[]): void {
    const n = chunk.length;
    let i = 0;
    if (this.skipLF && n > 0) {
      if (chunk.charCodeAt(0) === LF) i = 1;
      this.skipLF = false;
    }
    if (this.quotePending && i < n) {
      this.quotePending = false;
      if (chunk.charCodeAt(i) === QUOTE) {
        this.append('"');
        i++;
      } else {
        this.inQuotes = false;
        this.afterQuote = true;
      }
    }
    while (i < n) {
      if (this.inQuotes) {
        const q = chunk.indexOf('"', i);
        const end = q === -1 ? n : q;
        if (end > i) {
          const piece = chunk.slice(i, end);
          this.countQuotedBreaks(piece);
          this.append(piece);
        }
        if (q === -1) return;
        this.flushCR();
        if (q + 1 === n) {
          this.quotePending = true;
          return;
        }
        if (chunk.charCodeAt(q + 1) === QUOTE) {
          this.append('"');
          i = q + 2;
        } else {
          this.inQuotes = false;
          this.afterQuote = true;
          i = q + 1;
        }
        continue;
      }
      if (this.atFieldStart && chunk.charCodeAt(i) === QUOTE) {
        this.inQuotes = true;
        this.recordQuoted = true;
        this.atFieldStart = false;
        this.quoteLine = this.line;
        this.grow(1);
        i++;
        continue;
      }
      let j = i;
      while (j < n) {
        const c = chunk.charCodeAt(j);
        if (c === this.delim || c === LF || c === CR) break;
        j++;
      }
      if (j > i) {
        if (this.afterQuote && this.problem === undefined) this.problem = `text after the closing quote of field ${this.fields.length + 1} (kept as part of the field)`;
        this.append(chunk.slice(i, j));
        this.atFieldStart = false;
      }
      if (j === n) return;
      if (chunk.charCodeAt(j) === this.delim) {
        this.fields.push(this.field);
        this.field = '';
        this.atFieldStart = true;
        this.afterQuote = false;
        this.grow(1);
        i = j + 1;
        continue;
      }
      // A line break ends the record; CRLF counts once, even split across chunks.
      const cr = chunk.charCodeAt(j) === CR;
      this.line++;
      this.endRecord(out);
      i = j + 1;
      if (cr) {
        if (i < n) {
          if (chunk.charCodeAt(i) === LF) i++;
        } else {
          this.skipLF = true;
        }
      }
    }
  }

  end(out: CsvRecord[]): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
      this.afterQuote = true;
    }
    if (this.inQuotes) {
      throw new InputError(`the quoted field opened on line ${this.quoteLine} is never closed`, this.file, this.quoteLine);
    }
    if (this.fields.length > 0 || this.field !== '' || this.recordQuoted) this.endRecord(out);
  }

  /** Line breaks inside a quoted field, CR LF counted once even when split between pieces. */
  private countQuotedBreaks(piece: string): void {
    if (this.crAtEnd && piece.charCodeAt(0) !== LF) this.line++;
    this.crAtEnd = piece.charCodeAt(piece.length - 1) === CR;
    this.line += countLineBreaks(this.crAtEnd ? piece.slice(0, -1) : piece);
  }

  /** A quoted piece ended: a CR it ended with was a line break. */
  private flushCR(): void {
    if (this.crAtEnd) this.line++;
    this.crAtEnd = false;
  }

  private append(text: string): void {
    this.field += text;
    this.grow(text.length);
  }

  private grow(chars: number): void {
    this.recordChars += chars;
    if (this.recordChars > this.maxRecordChars) {
      throw new InputError(
        `the record starting on line ${this.recordLine} is longer than ${this.maxRecordChars} characters (an unclosed quote, or not a CSV file?)`,
        this.file,
        this.recordLine,
      );
    }
  }

  private endRecord(out: CsvRecord[]): void {
    this.fields.push(this.field);
    const blank = this.fields.length === 1 && this.fields[0] === '' && !this.recordQuoted;
    if (!blank) out.push({ fields: this.fields, line: this.recordLine, ...(this.problem ? { problem: this.problem } : {}) });
    this.fields = [];
    this.field = '';
    this.atFieldStart = true;
    this.afterQuote = false;
    this.recordQuoted = false;
    this.problem = undefined;
    this.recordChars = 0;
    this.recordLine = this.line;
  }
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}

/** Records of a chunked text, one at a time. */
export async function* parseCsv(chunks: AsyncIterable<string> | Iterable<string>, file: string, options: { delimiter?: string; maxRecordChars?: number } = {}): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(file, options.delimiter ?? ',', options.maxRecordChars ?? DEFAULT_TABLE_LIMITS.maxRecordChars);
  const out: CsvRecord[] = [];
  for await (const chunk of chunks) {
    parser.push(chunk, out);
    for (const r of out) yield r;
    out.length = 0;
  }
  parser.end(out);
  yield* out;
}

/** A data row of a CSV file: its 1-based number in the file (header excluded), line and fields. */
export interface CsvRow {
  row: number;
  line: number;
  fields: string[];
  problem?: string;
}

export interface CsvFile {
  file: string;
  /** From the header, made unique (`name`, `name (2)`); or `1`…`N` without a header. */
  columns: string[];
  delimiter: string;
  /** The data rows, streamed; every record after the header, ragged or not. */
  rows: AsyncGenerator<CsvRow>;
  /** Closes the file when the rows are not read to the end. */
  close(): Promise<void>;
}

const SNIFFED_DELIMITERS = [',', '\t', ';', '|'];

/** Opens a CSV file for streaming: reads just enough to know its columns. */
export async function openCsv(path: string, options: CsvOptions = {}): Promise<CsvFile> {
  const maxBytes = options.maxBytes ?? DEFAULT_TABLE_LIMITS.maxBytes;
  const chunks = textChunks(path, maxBytes);
  const first = await chunks.next();
  const head = first.done ? '' : first.value;
  const delimiter = options.delimiter ?? (/\.tsv(\.gz)?$/i.test(path) ? '\t' : sniffDelimiter(head));
  async function* all(): AsyncGenerator<string> {
    if (head) yield head;
    yield* chunks;
  }
  const records = parseCsv(all(), path, { delimiter, ...(options.maxRecordChars ? { maxRecordChars: options.maxRecordChars } : {}) });
  const header = options.header ?? true;
  const firstRecord = await records.next();
  const close = async (): Promise<void> => {
    await records.return(undefined);
  };
  if (firstRecord.done) return { file: path, columns: [], delimiter, rows: (async function* () {})(), close };
  const columns = header ? uniqueNames(firstRecord.value.fields.map((f) => f.trim())) : firstRecord.value.fields.map((_, k) => String(k + 1));
  async function* rows(): AsyncGenerator<CsvRow> {
    let row = 0;
    if (!header) yield { row: ++row, ...firstRecord.value! };
    for await (const r of records) yield { row: ++row, ...r };
  }
  return { file: path, columns, delimiter, rows: rows(), close };
}

/** The delimiter of the first line: the candidate that occurs most, comma on a tie or none. */
export function sniffDelimiter(text: string): string {
  const nl = text.search(/[\r\n]/);
  const line = nl === -1 ? text : text.slice(0, nl);
  let best = ',';
  let bestCount = 0;
  for (const d of SNIFFED_DELIMITERS) {
    const count = line.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Empty names become `column N`; repeats get ` (2)`, ` (3)`. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, k) => {
    const name = raw === '' ? `column ${k + 1}` : raw;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

/**
 * Reads a CSV file into a builder (one part file of a dataset): a ragged row is left out and
 * recorded with its file:line; an error part-way (an unclosed quote, the size limit) fails the
 * input but keeps the rows read before it. A part file whose columns differ from the dataset's
 * fails as a whole.
 */
export async function readCsvInto(builder: TableBuilder, path: string, options: TableOptions = {}): Promise<InputRecord> {
  const maxRows = options.maxRows ?? DEFAULT_TABLE_LIMITS.maxRows;
  let kept = 0;
  let csv: CsvFile | undefined;
  try {
    csv = await openCsv(path, options);
    if (csv.columns.length === 0) return { path, kind: 'csv', status: 'skipped', reason: 'empty file' };
    const order = columnOrder(builder, csv.columns, path);
    const width = csv.columns.length;
    builder.beginFile(path);
    for await (const r of csv.rows) {
      const row = builder.nextRow();
      if (builder.rowsSeen > maxRows) throw new InputError(`more than ${maxRows} data rows (raise the limit with --max-rows, or audit a sample)`, path, r.line);
      if (r.fields.length !== width) {
        builder.reject({ kind: 'ragged', row, file: path, line: r.line, message: `${r.fields.length} fields where the header has ${width}; the row is left out` });
        continue;
      }
      if (r.problem) builder.note({ kind: 'quoting', row, file: path, line: r.line, message: r.problem });
      const cells: string[] = new Array(builder.columns.length).fill('');
      for (let k = 0; k < width; k++) cells[order[k]!] = r.fields[k]!;
      builder.add(cells, row, r.line);
      kept++;
    }
    return { path, kind: 'csv', status: 'read', resources: kept };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { path, kind: 'csv', status: 'failed', error: { message: e.message, file: e.file, ...(e.line !== undefined ? { line: e.line, column: e.column ?? 1 } : {}) }, resources: kept };
  } finally {
    await csv?.close();
  }
}

/**
 * Where each of a file's columns goes in the dataset: the first file sets the columns, later part
 * files must have the same ones (in any order).
 */
export function columnOrder(builder: TableBuilder, columns: string[], path: string): number[] {
  if (builder.columns.length === 0) return columns.map((c) => builder.columnIndex(c));
  const missing = builder.columns.filter((c) => !columns.includes(c));
  const extra = columns.filter((c) => !builder.hasColumn(c));
  if (missing.length || extra.length) {
    const parts = [missing.length ? `missing ${missing.map((c) => JSON.stringify(c)).join(', ')}` : '', extra.length ? `extra ${extra.map((c) => JSON.stringify(c)).join(', ')}` : ''].filter(Boolean);
    throw new InputError(`its columns differ from the dataset's (${parts.join('; ')}); the file is left out`, path, 1);
  }
  return columns.map((c) => builder.columnIndex(c));
}

/**
 * Reads one CSV file into memory as a table: columns, typed rows, and the input's record. Never
 * throws for a bad file: the problem is in `inputs` (failed, with file:line) and `rejected`.
 */
export async function readTable(path: string, options: TableOptions = {}): Promise<Table> {
  const builder = new TableBuilder();
  const input = await readCsvInto(builder, path, options);
  return builder.finish([input], options.text);
}

/** One CSV field as RFC 4180 writes it: quoted when it holds a comma, quote or line break. */
export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
