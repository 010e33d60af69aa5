// A small incremental CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines
// inside quotes) for Data Capture's CSV payloads and for baseline training files. Text is pushed
// in pieces; complete rows come out with the line they started on.

export interface CsvRow {
  fields: string[];
  /** 1-based line where the row starts. */
  line: number;
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export interface CsvOptions {
  delimiter?: string;
  /** Longest row, in characters; longer is an error (an unterminated quote would read everything). */
  maxRowChars?: number;
  /** Most fields in a row. */
  maxFields?: number;
}

const QUOTE = '"';

export class CsvParser {
  private readonly delimiter: string;
  private readonly maxRowChars: number;
  private readonly maxFields: number;
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  /** Just saw a quote inside a quoted field: either a doubled quote or the end of the field. */
  private quotePending = false;
  private fieldStarted = false;
  private line = 1;
  private column = 1;
  private rowLine = 1;
  private rowChars = 0;
  private pendingCR = false;
  private prevCR = false;

  constructor(options: CsvOptions = {}) {
    this.delimiter = options.delimiter ?? ',';
    this.maxRowChars = options.maxRowChars ?? 16 * 1024 * 1024;
    this.maxFields = options.maxFields ?? 1_000_000;
  }

  /** Feeds text; returns the rows completed by it. */
  push(text: string): CsvRow[] {
    const rows: CsvRow[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.pendingCR) {
        this.pendingCR = false;
        if (ch === '\n') continue;
      }
      if (++this.rowChars > this.maxRowChars) {
        throw new CsvError(`row longer than ${this.maxRowChars} characters${this.inQuotes ? ' (an unterminated quoted field?)' : ''}`, this.rowLine, 1);
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (ch === QUOTE) {
            this.field += QUOTE;
            this.advance(ch);
            continue;
          }
          this.inQuotes = false;
          // fall through: the character after the closing quote is handled unquoted
        } else {
          if (ch === QUOTE) this.quotePending = true;
          else this.field += ch;
          this.advance(ch);
          continue;
        }
      }
      if (ch === this.delimiter) {
        this.endField();
      } else if (ch === '\n' || ch === '\r') {
        rows.push(this.endRow());
        if (ch === '\r') this.pendingCR = true;
      } else if (ch === QUOTE && !this.fieldStarted) {
        this.inQuotes = true;
        this.fieldStarted = true;
      } else {
        // Lenient: text after a closing quote, or a quote inside an unquoted field, is kept as is.
        this.field += ch;
        this.fieldStarted = true;
      }
      this.advance(ch);
    }
    return rows;
  }

  /** Ends the input: the last row, if it had no newline. An open quote is an error. */
  end(): CsvRow[] {
    if (this.inQuotes && !this.quotePending) throw new CsvError('unterminated quoted field', this.rowLine, 1);
    this.inQuotes = false;
    this.quotePending = false;
    if (this.fields.length === 0 && !this.fieldStarted && this.field === '') return [];
    return [this.endRow()];
  }

  private advance(ch: string): void {
    const afterCR = this.prevCR;
    this.prevCR = ch === '\r';
    if (ch === '\r' || (ch === '\n' && !afterCR)) {
      this.line++;
      this.column = 1;
    } else if (ch === '\n') this.column = 1;
    else this.column++;
  }

  private endField(): void {
    this.fields.push(this.field);
    if (this.fields.length > this.maxFields) throw new CsvError(`more than ${this.maxFields} fields in a row`, this.rowLine, this.column);
    this.field = '';
    this.fieldStarted = false;
  }

  private endRow(): CsvRow {
    this.endField();
    const row = { fields: this.fields, line: this.rowLine };
    this.fields = [];
    this.rowChars = 0;
    this.rowLine = this.line + 1;
    return row;
  }
}

/** Parses a whole CSV text; blank lines are dropped. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvRow[] {
  const parser = new CsvParser(options);
  return [...parser.push(text), ...parser.end()].filter((r) => !isBlank(r));
}

/** A line with nothing on it (one empty field). */
export function isBlank(row: CsvRow): boolean {
  return row.fields.length === 1 && row.fields[0] === '';
}
