import type { InputRecord } from '../../core/scan-result.js';

/** One value of a table after reading: a number, a text, or missing. */
export type Cell = number | string | null;

/** What a column holds, inferred from its values: `number`, `string` (categorical), or nothing at all. */
export type ColumnType = 'number' | 'string' | 'empty';

/** Why a row, or a cell of it, could not be used as read. */
export type ProblemKind = 'ragged' | 'type' | 'parse' | 'quoting' | 'label';

/** A problem with one row, named by its 1-based data row number and its file position. */
export interface RowProblem {
  kind: ProblemKind;
  /** 1-based data row number in the dataset (header excluded; across part files in order). */
  row: number;
  file: string;
  /** Line of the row in its file, where the format has lines. */
  line?: number;
  /** The column, for a problem with one cell. */
  column?: string;
  message: string;
}

/** Where a row of a table came from. */
export interface RowOrigin {
  row: number;
  file: string;
  line?: number;
}

/**
 * A dataset read into memory: the rows that could be used, each traceable to its file and line,
 * plus every row that could not (`rejected`) and every cell that did not fit its column
 * (`problems`, the cell is then missing). rows + rejected = every data row read.
 */
export interface Table {
  columns: string[];
  types: ColumnType[];
  rows: Cell[][];
  /** Per row: its 1-based data row number in the dataset. */
  rowNumbers: number[];
  /** Per row: its line in its file, 0 where the format has no lines (Parquet). */
  lines: number[];
  /** Per row: index into `files`. */
  fileIndex: number[];
  files: string[];
  /** Rows read but left out of `rows`, each with why. */
  rejected: RowProblem[];
  /** Cells of kept rows that did not fit their column's type; they are missing in `rows`. */
  problems: RowProblem[];
  /** Every input file: read, skipped (why) or failed (the error with its position). */
  inputs: InputRecord[];
}

export interface TableOptions {
  /** Largest dataset read, in bytes (on disk, and decompressed for .gz). */
  maxBytes?: number;
  /** Most data rows read. */
  maxRows?: number;
  /** Longest record (a CSV record or a JSON line), in characters. */
  maxRecordChars?: number;
  /** CSV: the first record names the columns (default true); without it columns are named 1, 2, … */
  header?: boolean;
  /** CSV: the field delimiter (default `,`; `\t` for .tsv). */
  delimiter?: string;
  /** Columns kept as text whatever they look like (a label column of class codes). */
  text?: string[];
}

export const DEFAULT_TABLE_LIMITS = {
  maxBytes: 256 * 1024 * 1024,
  maxRows: 5_000_000,
  maxRecordChars: 1024 * 1024,
} as const;

/** Texts that mean "no value" in the datasets people train on (UCI uses `?`, pandas writes `NaN`). */
const MISSING_TOKENS = new Set(['', '?', 'NA', 'N/A', 'n/a', 'na', 'NaN', 'nan', 'NULL', 'null', 'None', 'none']);

/** A column is numeric when at least this share of its present values are numbers. */
const NUMERIC_SHARE = 0.95;

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function isMissing(value: string): boolean {
  return MISSING_TOKENS.has(value.trim());
}

/** A decimal number written as text, or undefined (no hex, no `Infinity`, no empty string). */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER_PATTERN.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** The origin of row `i` of a table. */
export function rowOrigin(table: Table, i: number): RowOrigin {
  const line = table.lines[i]!;
  return { row: table.rowNumbers[i]!, file: table.files[table.fileIndex[i]!]!, ...(line > 0 ? { line } : {}) };
}

/** `file:line` (or `file row N` where the format has no lines), for messages. */
export function originText(origin: RowOrigin): string {
  return origin.line ? `${origin.file}:${origin.line}` : `${origin.file} row ${origin.row}`;
}

/** Raw cells as readers produce them, before the column types are known. */
export type RawCell = string | number | null;

/**
 * Collects rows from one or more files, then infers each column's type and converts the cells.
 * Columns may grow (JSON Lines objects name their own keys); short rows are padded with missing.
 */
export class TableBuilder {
  readonly columns: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly raw: RawCell[][] = [];
  private readonly rowNumbers: number[] = [];
  private readonly lines: number[] = [];
  private readonly fileIndex: number[] = [];
  readonly files: string[] = [];
  readonly rejected: RowProblem[] = [];
  /** Problems with rows that were kept (a malformed quote): reported, the row is still used. */
  private readonly notes: RowProblem[] = [];
  /** Data rows seen so far in the dataset, kept or not: the next row's number is this + 1. */
  rowsSeen = 0;

  constructor(columns: readonly string[] = []) {
    for (const c of columns) this.columnIndex(c);
  }

  /** The index of a column, adding it when new. */
  columnIndex(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.columns.length;
      this.columns.push(name);
      this.index.set(name, i);
    }
    return i;
  }

  hasColumn(name: string): boolean {
    return this.index.has(name);
  }

  /** Starts the rows of another file; returns its index. */
  beginFile(path: string): number {
    this.files.push(path);
    return this.files.length - 1;
  }

  /** The number the next data row gets. */
  nextRow(): number {
    return ++this.rowsSeen;
  }

  add(cells: RawCell[], row: number, line: number): void {
    this.raw.push(cells);
    this.rowNumbers.push(row);
    this.lines.push(line);
    this.fileIndex.push(this.files.length - 1);
  }

  reject(problem: RowProblem): void {
    this.rejected.push(problem);
  }

  note(problem: RowProblem): void {
    this.notes.push(problem);
  }

  get size(): number {
    return this.raw.length;
  }

  /** Infers column types and converts the cells; `text` columns stay text. */
  finish(inputs: InputRecord[], text: readonly string[] = []): Table {
    const width = this.columns.length;
    const keepText = new Set(text);
    const types: ColumnType[] = [];
    const problems: RowProblem[] = [...this.notes];
    const rows = this.raw.map((r) => {
      const out = r.slice(0, width) as Cell[];
      while (out.length < width) out.push(null);
      return out;
    });
    for (let c = 0; c < width; c++) {
      const type = keepText.has(this.columns[c]!) ? textType(rows, c) : inferType(rows, c);
      types.push(type);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const converted = convert(row[c]!, type);
        if (converted.problem) {
          const line = this.lines[i]!;
          problems.push({
            kind: 'type',
            row: this.rowNumbers[i]!,
            file: this.files[this.fileIndex[i]!]!,
            ...(line > 0 ? { line } : {}),
            column: this.columns[c]!,
            message: `column "${this.columns[c]}": ${converted.problem}`,
          });
        }
        row[c] = converted.value;
      }
    }
    problems.sort((a, b) => a.row - b.row);
    return {
      columns: [...this.columns],
      types,
      rows,
      rowNumbers: this.rowNumbers,
      lines: this.lines,
      fileIndex: this.fileIndex,
      files: this.files,
      rejected: [...this.rejected].sort((a, b) => a.row - b.row),
      problems,
      inputs,
    };
  }
}

function inferType(rows: Cell[][], c: number): ColumnType {
  let present = 0;
  let numeric = 0;
  for (const row of rows) {
    const v = row[c];
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') {
      present++;
      numeric++;
    } else if (!isMissing(v)) {
      present++;
      if (parseNumber(v) !== undefined) numeric++;
    }
  }
  if (present === 0) return 'empty';
  return numeric >= NUMERIC_SHARE * present ? 'number' : 'string';
}

function textType(rows: Cell[][], c: number): ColumnType {
  return rows.some((r) => r[c] !== null && r[c] !== undefined && !(typeof r[c] === 'string' && isMissing(r[c] as string))) ? 'string' : 'empty';
}

function convert(v: Cell, type: ColumnType): { value: Cell; problem?: string } {
  if (v === null || v === undefined) return { value: null };
  if (type === 'number') {
    if (typeof v === 'number') return { value: v };
    if (isMissing(v)) return { value: null };
    const n = parseNumber(v);
    if (n !== undefined) return { value: n };
    return { value: null, problem: `${JSON.stringify(v)} is not a number (the column is numeric); treated as missing` };
  }
  if (type === 'string') {
    if (typeof v === 'number') return { value: String(v) };
    return { value: isMissing(v) ? null : v.trim() };
  }
  return { value: null };
}
