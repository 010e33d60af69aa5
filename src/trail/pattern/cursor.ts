import type { Literal, Span, StringLiteral, StringMatch } from './ast.js';
import { FilterPatternError } from './errors.js';
import { MAX_REGEX_PER_PATTERN } from './limits.js';
import { compileRegex } from './regex.js';

/** `400`, `-1.5`, `+1000`, `10e-3`: what AWS documents as a NUMBER. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Characters an unquoted value may not contain: AWS requires double quotes around them. */
const NEEDS_QUOTES = /[@$\\]|[^\x20-\x7e]/;

/** A position in the pattern text with the helpers every sub-parser shares. */
export class Cursor {
  pos = 0;
  /** Regular expressions seen so far (AWS allows two per JSON or space-delimited pattern). */
  regexCount = 0;

  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(ahead = 0): string | undefined {
    return this.text[this.pos + ahead];
  }

  at(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  error(message: string, at = this.pos): never {
    throw new FilterPatternError(message, at, this.text);
  }

  expect(s: string, what = `"${s}"`): void {
    this.skipSpace();
    if (!this.at(s)) this.error(`expected ${what}${this.done ? ' before the end of the pattern' : `, found ${this.describeHere()}`}`);
    this.pos += s.length;
  }

  /** A run of characters matching `re` (a sticky regex), or '' when none. */
  take(re: RegExp): string {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return '';
    this.pos += m[0].length;
    return m[0];
  }

  /** An uppercase keyword (`IS`, `NOT`, …) at the cursor, as a whole word. */
  keyword(): string {
    const m = /[A-Za-z]+/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.text);
    return r ? r[0] : '';
  }

  span(start: number): Span {
    return { start, end: this.pos };
  }

  describeHere(): string {
    const c = this.peek();
    return c === undefined ? 'the end of the pattern' : `"${this.text.slice(this.pos, this.pos + 12).split('\n')[0]}"`;
  }

  /**
   * A value after an operator: `"quoted"` (with `\` escapes), `%regex%`, or an unquoted token
   * that stops at whitespace or any of `stop`. Unquoted numbers become number literals.
   */
  literal(stop: string): Literal {
    this.skipSpace();
    const start = this.pos;
    const c = this.peek();
    if (c === undefined) this.error('expected a value before the end of the pattern');
    if (c === '"') return this.quoted(start);
    if (c === '%') return this.regex(start);
    while (!this.done && !isSpace(this.text.charCodeAt(this.pos)) && !stop.includes(this.text[this.pos]!)) this.pos++;
    const raw = this.text.slice(start, this.pos);
    if (raw === '') this.error(`expected a value, found ${this.describeHere()}`);
    if (NUMBER.test(raw)) return { kind: 'number', value: Number(raw), text: raw, span: this.span(start) };
    const bad = NEEDS_QUOTES.exec(raw);
    if (bad) this.error(`the value ${raw} must be in double quotes: it contains "${bad[0]}"`, start + bad.index);
    return stringLiteral(raw, [], false, this.span(start));
  }

  /** A double-quoted string; the cursor is on the opening quote. */
  quotedText(start: number): { text: string; escaped: number[] } {
    this.pos++;
    let text = '';
    const escaped: number[] = [];
    while (!this.done && this.peek() !== '"') {
      if (this.peek() === '\\' && this.pos + 1 < this.text.length) {
        this.pos++;
        escaped.push(text.length);
      }
      text += this.text[this.pos];
      this.pos++;
    }
    if (this.done) this.error('unterminated string: no closing "', start);
    this.pos++;
    return { text, escaped };
  }

  private quoted(start: number): StringLiteral {
    const { text, escaped } = this.quotedText(start);
    return stringLiteral(text, escaped, true, this.span(start));
  }

  /** `%…%`; the cursor is on the opening `%`. */
  regex(start: number, limit = true): Literal {
    const end = this.text.indexOf('%', start + 1);
    if (end < 0) this.error('unterminated regular expression: no closing %', start);
    const source = this.text.slice(start + 1, end);
    compileRegex(source, start + 1, this.text);
    if (limit && ++this.regexCount > MAX_REGEX_PER_PATTERN) {
      this.error(`more than ${MAX_REGEX_PER_PATTERN} regular expressions in one pattern (the CloudWatch Logs limit)`, start);
    }
    this.pos = end + 1;
    return { kind: 'regex', source, span: this.span(start) };
  }
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 11 || code === 12;
}

/**
 * A string literal with its wildcard reading. Only an unescaped `*` at the very start or end is
 * a wildcard; AWS documents that `Ev*ent` matches only the literal text `Ev*ent`.
 */
export function stringLiteral(text: string, escaped: number[], quoted: boolean, span: Span): StringLiteral {
  const isWild = (i: number) => text[i] === '*' && !escaped.includes(i);
  const lead = text.length > 0 && isWild(0);
  const trail = text.length > 1 && isWild(text.length - 1);
  const core = text.slice(lead ? 1 : 0, trail ? text.length - 1 : text.length);
  const match: StringMatch = lead && (trail || core === '') ? (core === '' ? 'any' : 'contains') : lead ? 'ends-with' : trail ? 'starts-with' : 'exact';
  return { kind: 'string', text, core, match, quoted, span };
}
