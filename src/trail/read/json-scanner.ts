// A streaming scanner over the bytes of a trail file. It does not build values: it finds where
// each record's JSON text begins and ends, so the reader can JSON.parse one record at a time and
// memory stays flat however large the file. It recognises, in any mix:
//   {"Records":[ {…}, {…} ]}                      CloudTrail's S3 log files
//   {"events":[…]} / {…,"logEvents":[…]}           `aws logs` output, subscription payloads
//   {"Events":[{"CloudTrailEvent":"…"}]}          `aws cloudtrail lookup-events` output
//   [ {…}, {…} ]                                  plain arrays (Stratus Red Team logs)
//   {…}\n{…}\n                                    JSON Lines, concatenated JSON
//   2024-01-01T00:00:00.000Z {…}\n               CloudWatch Logs exports (timestamp prefix)

/** Where a scanned element came from: which wrapper held it. */
export type ElementSource = 'records' | 'events' | 'lookup-events' | 'array' | 'line';

/** The JSON text of one element (a record, or a log event wrapping one), with its position. */
export interface ScannedElement {
  text: string;
  line: number;
  column: number;
  source: ElementSource;
  /** Set when the element was too large or too deep to keep; `text` is then empty. */
  rejected?: string;
}

/** `garbage`: text that is no JSON value; `broken`: the structure cannot be followed any further. */
export interface ScanProblem {
  kind: 'garbage' | 'broken';
  message: string;
  line: number;
  column: number;
}

export interface ScannerLimits {
  maxRecordBytes: number;
  maxDepth: number;
}

/** What the file looked like, decided by the first structure seen. */
export type TrailFormat = 'cloudtrail' | 'cloudwatch-logs-events' | 'cloudtrail-lookup-events' | 'json-array' | 'json-lines' | 'cloudwatch-logs-export';

const CONTAINER_KEYS = new Map<string, ElementSource>([
  ['Records', 'records'],
  ['events', 'events'],
  ['logEvents', 'events'],
  ['Events', 'lookup-events'],
]);
const CONTAINER_FORMATS: Record<'records' | 'events' | 'lookup-events' | 'array' | 'line', TrailFormat> = {
  records: 'cloudtrail',
  events: 'cloudwatch-logs-events',
  'lookup-events': 'cloudtrail-lookup-events',
  array: 'json-array',
  line: 'json-lines',
};
const LONGEST_KEY = 9;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;
const MAX_PREFIX = 40;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const OBJECT = 1;
const ARRAY = 2;

export class TrailScanner {
  /** Elements and problems found by the last `feed`/`finish`; the caller drains them. */
  readonly elements: ScannedElement[] = [];
  readonly problems: ScanProblem[] = [];
  format: TrailFormat | undefined;
  /** The most bytes held for one unfinished record at any time. */
  peakCapturedBytes = 0;
  /** Set once the structure is broken; the rest of the input is ignored. */
  broken = false;

  // Position.
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  private atLineStart = true;

  // Structure.
  private depth = 0;
  private readonly kinds: Uint8Array;
  private inString = false;
  private escapeNext = false;
  private skipLine = false;
  private prefix: string | undefined;

  // Keys of the top-level object, to find a "Records" array in it.
  private expectKey = false;
  private keyText: string | undefined;
  private keyFrom = 0;
  private lastKey = '';
  private containerKey: ElementSource | undefined;

  // The array whose elements are records, if any.
  private container: ElementSource | undefined;
  private elemDepth = 0;

  // The element being captured.
  private elemActive = false;
  private elemLine = 0;
  private elemColumn = 0;
  private elemSource: ElementSource = 'line';
  private pieces: Buffer[] = [];
  private pieceFrom = 0;
  private captured = 0;
  private rejected: string | undefined;

  constructor(private readonly limits: ScannerLimits) {
    this.kinds = new Uint8Array(limits.maxDepth + 16);
  }

  /** Where the scanner is: the line and column of the next byte. */
  position(): { line: number; column: number } {
    return { line: this.line, column: this.offset - this.lineStart + 1 };
  }

  feed(buf: Buffer): void {
    if (this.broken) return;
    const n = buf.length;
    let i = 0;
    this.pieceFrom = 0;
    while (i < n && !this.broken) {
      if (this.inString) {
        i = this.scanString(buf, i);
        continue;
      }
      const c = buf[i]!;
      if (c === NEWLINE) {
        this.line++;
        this.lineStart = this.offset + i + 1;
        this.atLineStart = true;
        this.skipLine = false;
        if (this.prefix !== undefined) this.endPrefix(buf, i);
        i++;
        continue;
      }
      if (this.skipLine) {
        i++;
        continue;
      }
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        if (this.prefix !== undefined) this.endPrefix(buf, i);
        i++;
        continue;
      }
      if (this.prefix !== undefined) {
        if (this.prefix.length >= MAX_PREFIX) this.endPrefix(buf, i);
        else this.prefix += String.fromCharCode(c);
        i++;
        continue;
      }
      const lineStart = this.atLineStart;
      this.atLineStart = false;
      if (this.container !== undefined && this.depth === this.elemDepth && !this.elemActive && c !== COMMA && c !== RBRACKET) this.startElement(i, this.container);
      switch (c) {
        case QUOTE:
          if (this.depth === 0) {
            this.garbage(buf, i);
            break;
          }
          if (this.depth === 1 && this.container === undefined && this.expectKey) {
            this.keyText = '';
            this.keyFrom = i + 1;
          } else {
            this.valueAtTop(c);
          }
          this.inString = true;
          this.escapeNext = false;
          i++;
          continue;
        case LBRACE:
        case LBRACKET:
          this.open(c, i);
          break;
        case RBRACE:
        case RBRACKET:
          this.close(c, buf, i);
          break;
        case COMMA:
          if (this.container !== undefined && this.depth === this.elemDepth) {
            if (this.elemActive) this.endElement(buf, i);
            else this.fail('broken', 'a "," with no record before it', i);
          } else if (this.depth === 1) {
            this.expectKey = true;
          } else if (this.depth === 0) {
            this.garbage(buf, i);
          }
          break;
        case COLON:
          if (this.depth === 1 && this.container === undefined) this.containerKey = CONTAINER_KEYS.get(this.lastKey);
          else if (this.depth === 0) this.garbage(buf, i);
          break;
        default:
          if (this.depth === 0) {
            if (lineStart && c >= 0x30 && c <= 0x39) this.prefix = String.fromCharCode(c);
            else this.garbage(buf, i);
          } else {
            this.valueAtTop(c);
          }
      }
      i++;
    }
    if (this.elemActive && this.rejected === undefined) this.keep(buf.subarray(this.pieceFrom));
    if (this.inString && this.keyText !== undefined && this.keyText.length <= LONGEST_KEY) this.keyText += buf.toString('latin1', this.keyFrom, n);
    this.keyFrom = 0;
    this.offset += n;
  }

  /** Reports a truncated input: a record, a string or the Records array left open at the end. */
  finish(): void {
    if (this.broken) return;
    if (this.prefix !== undefined) {
      this.fail('garbage', `a line with only "${this.prefix}" and no record`, 0, this.position());
      return;
    }
    if (this.depth > 0 || this.inString) {
      const where = this.elemActive ? ` inside the record that starts at ${this.elemLine}:${this.elemColumn}` : this.container ? ' inside the array of records' : '';
      this.fail('broken', `unexpected end of input${where}: the file is truncated`, 0, this.position());
    }
  }

  // -------------------------------------------------------------------------------------------

  /** Finds the end of a string; `\"` (an odd run of backslashes before a quote) does not end it. */
  private scanString(buf: Buffer, from: number): number {
    let carry = this.escapeNext && from === 0;
    this.escapeNext = false;
    let start = from;
    for (;;) {
      const q = buf.indexOf(QUOTE, start);
      if (q < 0) {
        let k = buf.length - 1;
        while (k >= start && buf[k] === BACKSLASH) k--;
        let run = buf.length - 1 - k;
        if (k < start && carry) run++;
        this.escapeNext = run % 2 === 1;
        return buf.length;
      }
      let k = q - 1;
      while (k >= start && buf[k] === BACKSLASH) k--;
      let run = q - 1 - k;
      if (k < start && carry) run++;
      carry = false;
      if (run % 2 === 1) {
        start = q + 1;
        continue;
      }
      this.inString = false;
      if (this.keyText !== undefined) {
        if (this.keyText.length <= LONGEST_KEY) this.keyText += buf.toString('latin1', this.keyFrom, q);
        this.lastKey = this.keyText;
        this.keyText = undefined;
        this.expectKey = false;
      }
      return q + 1;
    }
  }

  /** A value token at depth 1 of the top-level object ends the chance that it is a Records array. */
  private valueAtTop(c: number): void {
    if (this.depth !== 1 || this.container !== undefined) return;
    if (c !== LBRACKET) this.containerKey = undefined;
  }

  private open(c: number, i: number): void {
    if (this.depth === 0) {
      if (c === LBRACKET) {
        this.container = 'array';
        this.elemDepth = 1;
        this.format ??= 'json-array';
      } else {
        this.startElement(i, 'line');
        this.expectKey = true;
        this.containerKey = undefined;
        this.lastKey = '';
      }
    } else if (this.depth === 1 && this.container === undefined && c === LBRACKET && this.containerKey) {
      // {"Records":[ — the object is a wrapper, not a record: its array holds the records.
      this.container = this.containerKey;
      this.elemDepth = 2;
      this.format ??= CONTAINER_FORMATS[this.containerKey];
      this.elemActive = false;
      this.pieces = [];
      this.captured = 0;
      this.rejected = undefined;
    } else if (this.depth === 1) {
      this.containerKey = undefined;
    }
    this.depth++;
    if (this.depth < this.kinds.length) this.kinds[this.depth] = c === LBRACE ? OBJECT : ARRAY;
    if (this.elemActive && this.rejected === undefined && this.depth - this.elemDepth > this.limits.maxDepth) {
      this.rejected = `nested more than ${this.limits.maxDepth} levels deep`;
      this.pieces = [];
    }
  }

  private close(c: number, buf: Buffer, i: number): void {
    if (this.depth === 0) {
      this.fail('broken', `"${String.fromCharCode(c)}" closes nothing`, i);
      return;
    }
    const want = c === RBRACE ? OBJECT : ARRAY;
    if (this.depth < this.kinds.length && this.kinds[this.depth] !== want) {
      this.fail('broken', `"${String.fromCharCode(c)}" closes a${want === OBJECT ? 'n array' : 'n object'}`, i);
      return;
    }
    if (this.container !== undefined && this.depth === this.elemDepth && c === RBRACKET) {
      // The end of the array of records.
      if (this.elemActive) this.endElement(buf, i);
      this.container = undefined;
      this.depth--;
      this.expectKey = false;
      this.elemDepth = 0;
      return;
    }
    this.depth--;
    if (this.depth === 0 && this.elemActive && this.container === undefined) {
      this.format ??= 'json-lines';
      this.endElement(buf, i + 1);
    }
  }

  private startElement(i: number, source: ElementSource): void {
    this.elemActive = true;
    this.elemSource = source;
    this.elemLine = this.line;
    this.elemColumn = this.offset + i - this.lineStart + 1;
    this.pieces = [];
    this.pieceFrom = i;
    this.captured = 0;
    this.rejected = undefined;
  }

  /** Holds the part of the current chunk that belongs to the unfinished element. */
  private keep(piece: Buffer): void {
    this.captured += piece.length;
    if (this.captured > this.limits.maxRecordBytes) {
      this.rejected = `larger than the ${this.limits.maxRecordBytes}-byte record limit`;
      this.pieces = [];
      return;
    }
    this.pieces.push(piece);
    if (this.captured > this.peakCapturedBytes) this.peakCapturedBytes = this.captured;
  }

  private endElement(buf: Buffer, end: number): void {
    this.elemActive = false;
    const base = { line: this.elemLine, column: this.elemColumn, source: this.elemSource };
    if (this.rejected === undefined && this.captured + (end - this.pieceFrom) > this.limits.maxRecordBytes) {
      this.rejected = `larger than the ${this.limits.maxRecordBytes}-byte record limit`;
    }
    if (this.rejected !== undefined) {
      this.elements.push({ ...base, text: '', rejected: this.rejected });
    } else if (this.pieces.length === 0) {
      this.elements.push({ ...base, text: buf.toString('utf8', this.pieceFrom, end) });
    } else {
      this.pieces.push(buf.subarray(0, end));
      this.elements.push({ ...base, text: Buffer.concat(this.pieces).toString('utf8') });
    }
    this.pieces = [];
    this.captured = 0;
    this.rejected = undefined;
  }

  /** A timestamp prefix ended at `i`: a CloudWatch Logs export line, or text that is no record. */
  private endPrefix(buf: Buffer, i: number): void {
    const prefix = this.prefix!;
    this.prefix = undefined;
    if (TIMESTAMP.test(prefix)) {
      this.format ??= 'cloudwatch-logs-export';
      return;
    }
    this.problems.push({ kind: 'garbage', message: `expected a JSON record, found "${prefix.slice(0, 20)}"`, line: this.line, column: this.offset + i - prefix.length - this.lineStart + 1 });
    this.skipLine = buf[i] !== NEWLINE;
  }

  private garbage(buf: Buffer, i: number): void {
    const shown = buf.toString('latin1', i, Math.min(buf.length, i + 20)).split('\n')[0]!.replace(/[^\x20-\x7e]/g, '?');
    this.problems.push({ kind: 'garbage', message: `expected a JSON record, found "${shown}"`, line: this.line, column: this.offset + i - this.lineStart + 1 });
    this.skipLine = true;
  }

  private fail(kind: ScanProblem['kind'], message: string, i: number, at?: { line: number; column: number }): void {
    const pos = at ?? { line: this.line, column: this.offset + i - this.lineStart + 1 };
    this.problems.push({ kind, message, ...pos });
    if (kind === 'broken') {
      this.broken = true;
      this.elemActive = false;
      this.pieces = [];
    }
  }
}
