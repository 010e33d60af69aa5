import type { ColumnType, TabularColumn, TabularFormat, TabularSummary } from './manifest.js';

/**
 * Row count and schema of a CSV, TSV or JSON Lines object, computed from the same chunks that are
 * hashed, so a file is read once however large it is. Only counts and per-column types are kept,
 * never the rows (ml/tabular's readers build whole tables for auditing, which a 2 GB object must
 * not need). Parquet keeps both in its footer and is read separately (parquet-summary.ts).
 */

/** A streaming summarizer: `write` every chunk, then `end` once. */
export interface TabularSink {
  write(chunk: Uint8Array): void;
  /** The summary, or why the object could not be summarized (its hash is still recorded). */
  end(): TabularSummary | { gaveUp: string };
}

/** Tabular formats by file extension; compressed objects are hashed but not summarized. */
const EXTENSIONS: Readonly<Record<string, TabularFormat>> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
};

export function tabularFormatOf(key: string): TabularFormat | undefined {
  const lower = key.toLowerCase();
  const dot = lower.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[lower.slice(dot)];
}

export function createTabularSink(format: Exclude<TabularFormat, 'parquet'>): TabularSink {
  return format === 'jsonl' ? new JsonLinesSink() : new DelimitedSink(format, format === 'tsv' ? '\t' : ',');
}

/** How many problem rows are quoted in the manifest; all of them are counted. */
export const MAX_QUOTED_PROBLEMS = 5;
/** Longest JSON line or CSV record summarized; a longer one stops the summary (the object is still hashed). */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;
/** Longer fields are strings whatever they hold (no number has this many digits). */
const MAX_FIELD_CHARS = 256;

class Problems {
  count = 0;
  readonly first: string[] = [];
  add(message: string): void {
    this.count++;
    if (this.first.length < MAX_QUOTED_PROBLEMS) this.first.push(message);
  }
  get summary(): TabularSummary['problems'] | undefined {
    return this.count ? { count: this.count, first: this.first } : undefined;
  }
}

// ---------------------------------------------------------------- types

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:nan|inf|infinity)$/i;
const BOOLEAN = /^(?:true|false)$/i;

/** A first record of numbers only is data, not a header. */
function isNumericRecord(fields: readonly string[]): boolean {
  return fields.length > 0 && fields.every((f) => {
    const t = classifyText(f);
    return t === 'integer' || t === 'number';
  });
}

/** What a CSV field holds, read as text; surrounding spaces do not count. */
function classifyText(raw: string): ColumnType {
  const v = raw.charCodeAt(0) === 32 || raw.charCodeAt(raw.length - 1) === 32 ? raw.trim() : raw;
  if (v === '') return 'empty';
  if (v.length > MAX_FIELD_CHARS) return 'string';
  // Most values of a numeric dataset are plain integers: tell them by their digits.
  let i = v.charCodeAt(0) === 43 || v.charCodeAt(0) === 45 ? 1 : 0;
  if (i < v.length) {
    for (; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c < 48 || c > 57) break;
    }
    if (i === v.length) return 'integer';
  }
  if (NUMBER.test(v)) return 'number';
  if (BOOLEAN.test(v)) return 'boolean';
  return 'string';
}

function classifyJson(v: unknown): ColumnType {
  if (v === null) return 'empty';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  return Array.isArray(v) ? 'array' : 'object';
}

/** Two observations of one column: integers widen to numbers; other disagreements to `fallback`. */
function widen(a: ColumnType, b: ColumnType, fallback: ColumnType): ColumnType {
  if (a === b || b === 'empty') return a;
  if (a === 'empty') return b;
  if ((a === 'integer' || a === 'number') && (b === 'integer' || b === 'number')) return 'number';
  return fallback;
}

// ---------------------------------------------------------------- CSV / TSV

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** A record being read character by character: one with quotes, possibly across lines and chunks. */
interface QuotedRecord {
  fields: string[];
  field: string;
  atFieldStart: boolean;
  inQuotes: boolean;
  /** A quote was just read inside quotes: the next character tells a doubled quote from the closing one. */
  quotePending: boolean;
  afterQuote: boolean;
  startLine: number;
  chars: number;
  problem?: string;
}

/**
 * RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks; CRLF or LF
 * end a record; blank lines are passed over. Lines without a quote (nearly all of a typical
 * dataset) are split natively, which keeps the summary near the speed of hashing; only records
 * with quotes go through the character-by-character reader. The first record is the header,
 * unless every field of it is a number: then the file has none (as SageMaker's built-in
 * algorithms read CSV) and columns are numbered from 0. A record whose field count differs from
 * the header's is counted as a row and reported as a problem, and its values do not vote on the
 * column types.
 */
class DelimitedSink implements TabularSink {
  private readonly decoder = new TextDecoder('utf-8');
  /** The start of a line without a quote that the next chunk completes. */
  private carry = '';
  private line = 1;
  private quoted: QuotedRecord | undefined;
  private header: string[] | undefined;
  private headerless = false;
  private types: ColumnType[] = [];
  private readonly problems = new Problems();
  private rows = 0;
  private gaveUp: string | undefined;

  constructor(
    private readonly format: 'csv' | 'tsv',
    private readonly delimiter: string,
  ) {}

  write(chunk: Uint8Array): void {
    if (!this.gaveUp) this.feed(this.decoder.decode(chunk, { stream: true }), false);
  }

  end(): TabularSummary | { gaveUp: string } {
    if (!this.gaveUp) this.feed(this.decoder.decode(), true);
    if (this.gaveUp) return { gaveUp: this.gaveUp };
    const columns: TabularColumn[] = (this.header ?? []).map((name, i) => ({ name, type: this.types[i] ?? 'empty' }));
    const problems = this.problems.summary;
    return { format: this.format, ...(this.headerless ? { header: false } : {}), rows: this.rows, columns, ...(problems ? { problems } : {}) };
  }

  private feed(s: string, last: boolean): void {
    const text = this.carry + s;
    this.carry = '';
    const n = text.length;
    let pos = 0;
    // Where the next quote is, found once per stretch: searching per line would rescan the chunk.
    let quote = -1;
    while (pos < n && !this.gaveUp) {
      if (this.quoted) {
        pos = this.readQuoted(text, pos);
        continue;
      }
      const nl = text.indexOf('\n', pos);
      const end = nl < 0 ? n : nl;
      if (quote !== n && quote < pos) {
        quote = text.indexOf('"', pos);
        if (quote < 0) quote = n;
      }
      if (quote < end) {
        this.quoted = { fields: [], field: '', atFieldStart: true, inQuotes: false, quotePending: false, afterQuote: false, startLine: this.line, chars: 0 };
        continue;
      }
      if (nl < 0 && !last) {
        if (n - pos > MAX_LINE_CHARS) this.giveUp(this.line);
        else this.carry = text.slice(pos);
        return;
      }
      const stop = end > pos && text.charCodeAt(end - 1) === CR ? end - 1 : end;
      if (stop > pos) {
        if (this.header) this.plainRow(text, pos, stop);
        else this.record(text.slice(pos, stop).split(this.delimiter), this.line);
      }
      this.line++;
      pos = end + 1;
    }
    if (last && this.quoted && !this.gaveUp) {
      const q = this.quoted;
      this.quoted = undefined;
      if (q.inQuotes && !q.quotePending) this.problems.add(`line ${q.startLine}: a quoted field is not closed before the end of the file`);
      else if (q.fields.length || q.field || !q.atFieldStart) this.record([...q.fields, q.field], q.startLine, q.problem);
    }
  }

  /** Reads a record with quotes from `pos`; returns where it stopped (the record's end, or the text's). */
  private readQuoted(text: string, pos: number): number {
    const q = this.quoted!;
    const n = text.length;
    while (pos < n) {
      if (q.inQuotes) {
        if (q.quotePending) {
          q.quotePending = false;
          if (text.charCodeAt(pos) === QUOTE) {
            this.append(q, '"');
            pos++;
          } else {
            q.inQuotes = false;
            q.afterQuote = true;
          }
          continue;
        }
        const close = text.indexOf('"', pos);
        const stop = close < 0 ? n : close;
        const piece = text.slice(pos, stop);
        for (let k = piece.indexOf('\n'); k >= 0; k = piece.indexOf('\n', k + 1)) this.line++;
        this.append(q, piece);
        if (close < 0) return n;
        q.quotePending = true;
        pos = close + 1;
        continue;
      }
      const c = text.charCodeAt(pos);
      if (c === LF) {
        q.fields.push(q.field);
        this.quoted = undefined;
        this.record(q.fields, q.startLine, q.problem);
        this.line++;
        return pos + 1;
      }
      if (c === CR) {
        pos++;
        continue;
      }
      if (text.startsWith(this.delimiter, pos)) {
        q.fields.push(q.field);
        q.field = '';
        q.atFieldStart = true;
        q.afterQuote = false;
        pos++;
        continue;
      }
      if (c === QUOTE && q.atFieldStart) {
        q.inQuotes = true;
        q.atFieldStart = false;
        pos++;
        continue;
      }
      let j = pos + 1;
      while (j < n && text.charCodeAt(j) !== LF && text.charCodeAt(j) !== CR && !text.startsWith(this.delimiter, j)) j++;
      if (q.afterQuote) q.problem ??= `text after the closing quote of field ${q.fields.length + 1} (kept as part of the field)`;
      this.append(q, text.slice(pos, j));
      q.atFieldStart = false;
      pos = j;
    }
    return n;
  }

  private append(q: QuotedRecord, piece: string): void {
    q.field += piece;
    q.chars += piece.length;
    // An unclosed quote would otherwise gather the rest of the file into one field.
    if (q.chars > MAX_LINE_CHARS) this.giveUp(q.startLine);
  }

  private giveUp(line: number): void {
    this.gaveUp = `the record starting on line ${line} is longer than ${MAX_LINE_CHARS / 1024 / 1024} MiB characters (an unclosed quote?); rows and schema are not recorded`;
    this.quoted = undefined;
    this.carry = '';
  }

  /**
   * A data line without quotes, read in place: fields are found with indexOf and only the values
   * of columns whose type is still open are looked at (no array, no string for the others).
   */
  private plainRow(text: string, start: number, stop: number): void {
    const header = this.header!;
    const width = header.length;
    const d = this.delimiter;
    this.rows++;
    let count = 1;
    for (let p = text.indexOf(d, start); p >= 0 && p < stop; p = text.indexOf(d, p + 1)) count++;
    if (count !== width) {
      this.problems.add(`line ${this.line} (row ${this.rows}): ${count} field${count === 1 ? '' : 's'}, the header has ${width}`);
      return;
    }
    let from = start;
    for (let k = 0; k < width; k++) {
      let to = k === width - 1 ? stop : text.indexOf(d, from);
      if (to < 0 || to > stop) to = stop;
      const t = this.types[k]!;
      if (t !== 'string') this.types[k] = widen(t, classifyText(text.slice(from, to)), 'string');
      from = to + 1;
    }
  }

  private record(fields: string[], line: number, problem?: string): void {
    if (!this.header) {
      this.headerless = isNumericRecord(fields);
      this.header = this.headerless ? fields.map((_, i) => String(i)) : fields.map((f) => f.trim());
      this.types = this.header.map(() => 'empty');
      if (!this.headerless) return;
    }
    this.rows++;
    if (problem) this.problems.add(`line ${line} (row ${this.rows}): ${problem}`);
    if (fields.length !== this.header.length) {
      this.problems.add(`line ${line} (row ${this.rows}): ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${this.header.length}`);
      return;
    }
    for (let k = 0; k < fields.length; k++) {
      const t = this.types[k]!;
      // A column already known to be text cannot change; skip classifying its values.
      if (t !== 'string') this.types[k] = widen(t, classifyText(fields[k]!), 'string');
    }
  }
}

// ---------------------------------------------------------------- JSON Lines

/** One JSON object per line; blank lines are skipped, anything else is a problem naming its line. */
class JsonLinesSink implements TabularSink {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  private line = 0;
  private rows = 0;
  private readonly columns = new Map<string, ColumnType>();
  private readonly problems = new Problems();
  private gaveUp: string | undefined;

  write(chunk: Uint8Array): void {
    if (this.gaveUp) return;
    this.feed(this.decoder.decode(chunk, { stream: true }), false);
  }

  end(): TabularSummary | { gaveUp: string } {
    if (!this.gaveUp) this.feed(this.decoder.decode(), true);
    if (this.gaveUp) return { gaveUp: this.gaveUp };
    const problems = this.problems.summary;
    return {
      format: 'jsonl',
      rows: this.rows,
      columns: [...this.columns].map(([name, type]) => ({ name, type })),
      ...(problems ? { problems } : {}),
    };
  }

  private feed(s: string, last: boolean): void {
    let start = 0;
    // Only the new text is searched for line ends; a long line is not rescanned chunk after chunk.
    for (let nl = s.indexOf('\n'); nl >= 0 && !this.gaveUp; nl = s.indexOf('\n', start)) {
      this.onLine(this.pending + s.slice(start, nl));
      this.pending = '';
      start = nl + 1;
    }
    if (this.gaveUp) return;
    const rest = s.slice(start);
    if (last) {
      if (this.pending.length + rest.length) this.onLine(this.pending + rest);
      this.pending = '';
    } else if (this.pending.length + rest.length > MAX_LINE_CHARS) this.giveUp(this.line + 1);
    else this.pending += rest;
  }

  private giveUp(line: number): void {
    this.gaveUp = `line ${line} is longer than ${MAX_LINE_CHARS / 1024 / 1024} MiB characters; rows and schema are not recorded`;
    this.pending = '';
  }

  private onLine(raw: string): void {
    this.line++;
    if (raw.length > MAX_LINE_CHARS) return this.giveUp(this.line);
    const text = raw.trim();
    if (text === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.problems.add(`line ${this.line}: not valid JSON (${(e as Error).message})`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problems.add(`line ${this.line}: a JSON ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}, not an object`);
      return;
    }
    this.rows++;
    for (const [k, v] of Object.entries(value)) {
      const seen = this.columns.get(k);
      const t = classifyJson(v);
      this.columns.set(k, seen === undefined ? t : widen(seen, t, 'mixed'));
    }
  }
}
