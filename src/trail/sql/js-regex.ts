// JavaScript regular expressions (CloudWatch's `%regex%` subset, and the RE2-safe patterns of the
// lifecycle-script check) rewritten for RE2 (DuckDB) and Java-style engines (Athena), so that they
// match what the in-process engine matches: `.` and `\s` as JavaScript defines them, `$` only at
// the very end, unknown escapes as literal characters, `{` literal unless it is a repetition.

import { SqlCompileError } from './dialect.js';

/** JavaScript's `\s`: ASCII whitespace plus the Unicode spaces and line terminators. */
const JS_SPACE = String.raw`\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}`;
/** JavaScript's `.` without the `s` flag: anything but a line terminator. */
const JS_DOT = String.raw`[^\n\r\x{2028}\x{2029}]`;
const CONTROL: Record<string, string> = { n: String.raw`\n`, r: String.raw`\r`, t: String.raw`\t`, f: String.raw`\f`, v: String.raw`\x{0B}`, '0': String.raw`\x{00}` };
/** RE2 refuses larger repetition counts. */
const MAX_REPEAT = 1000;
const QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;

export interface RegexOptions {
  /** JavaScript `i` flag. */
  ignoreCase?: boolean;
  /**
   * Read as the filter-pattern evaluator does (pattern/regex.ts): inside a class `\b` is the
   * letter b, and in an expression that repeats something (its automaton) a `]` right after `[`
   * is a literal; without repetition JavaScript's RegExp decides (`[]` matches nothing).
   */
  filterPattern?: boolean;
}

/** The regex for RE2 and Java engines; throws SqlCompileError for what they cannot express. */
export function toEngineRegex(source: string, options: RegexOptions = {}): string {
  const classOptions = { ...options, leadingBracketLiteral: Boolean(options.filterPattern) && repeats(source) };
  let out = options.ignoreCase ? '(?i)' : '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const [text, used] = escapeOutside(source, i);
      out += text;
      i += used;
    } else if (c === '[') {
      const [text, end] = characterClass(source, i, classOptions);
      out += text;
      i = end;
    } else if (c === '.') {
      out += JS_DOT;
      i++;
    } else if (c === '$') {
      out += String.raw`\z`;
      i++;
    } else if (c === '{') {
      const m = QUANTIFIER.exec(source.slice(i));
      if (m) {
        if (Number(m[1]) > MAX_REPEAT || (m[3] !== undefined && m[3] !== '' && Number(m[3]) > MAX_REPEAT)) {
          throw new SqlCompileError(`the regex repeats ${m[0]}; SQL engines allow at most ${MAX_REPEAT} repetitions`);
        }
        out += m[0];
        i += m[0].length;
      } else {
        out += String.raw`\{`;
        i++;
      }
    } else if (c === '}' || c === ']') {
      out += `\\${c}`;
      i++;
    } else if (c === '(') {
      if (source[i + 1] === '?' && source[i + 2] !== ':') throw new SqlCompileError('look-around assertions ((?= (?! (?<) have no equivalent in RE2');
      out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function escapeOutside(source: string, at: number): [string, number] {
  const e = source[at + 1];
  if (e === undefined) return ['\\\\', 1];
  if ('dDwWbB'.includes(e)) return [`\\${e}`, 2];
  if (e === 's') return [`[${JS_SPACE}]`, 2];
  if (e === 'S') return [`[^${JS_SPACE}]`, 2];
  const code = codeEscape(source, at);
  if (code) return code;
  return [literal(e), 2];
}

/** `\n`, `\t`, `\xHH`, `\uHHHH` and friends as RE2/Java hex escapes. */
function codeEscape(source: string, at: number): [string, number] | undefined {
  const e = source[at + 1]!;
  if (CONTROL[e]) return [CONTROL[e]!, 2];
  const hex = e === 'x' ? /^[0-9a-fA-F]{2}/.exec(source.slice(at + 2)) : e === 'u' ? /^[0-9a-fA-F]{4}/.exec(source.slice(at + 2)) : null;
  if (hex) return [`\\x{${hex[0]}}`, 2 + hex[0].length];
  return undefined;
}

/** A character matched literally, escaped when the engines give it a meaning. */
function literal(c: string): string {
  return /[A-Za-z0-9_ ]/.test(c) ? c : /[\x21-\x7e]/.test(c) ? `\\${c}` : c;
}

/** Whether the expression has a repetition (`*`, `+`, `?`, `{m,n}` other than {1}), outside classes and escapes. */
function repeats(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (c === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if (c === '*' || c === '+' || c === '?') return true;
    else if (c === '{') {
      const m = QUANTIFIER.exec(source.slice(i));
      if (m && !(m[1] === '1' && (m[2] === undefined || m[3] === '1'))) return true;
    }
  }
  return false;
}

function characterClass(source: string, open: number, options: RegexOptions & { leadingBracketLiteral: boolean }): [string, number] {
  let i = open + 1;
  let out = '[';
  if (source[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  while (i < source.length && (source[i] !== ']' || (first && options.leadingBracketLiteral))) {
    const c = source[i]!;
    first = false;
    if (c === '\\' && i + 1 < source.length) {
      const e = source[i + 1]!;
      if ('dDwW'.includes(e)) {
        out += `\\${e}`;
        i += 2;
      } else if (e === 's') {
        out += JS_SPACE;
        i += 2;
      } else if (e === 'S') {
        throw new SqlCompileError('\\S inside a character class has no exact RE2 equivalent (write [^\\s…] instead)');
      } else if (e === 'b') {
        out += options.filterPattern ? 'b' : String.raw`\x{08}`;
        i += 2;
      } else {
        const code = codeEscape(source, i);
        if (code) {
          out += code[0];
          i += code[1];
        } else {
          out += classLiteral(e);
          i += 2;
        }
      }
      continue;
    }
    out += c === '-' ? '-' : classLiteral(c);
    i++;
  }
  if (i >= source.length) throw new SqlCompileError('unterminated character class in the regex');
  // JavaScript's empty classes: [] matches nothing, [^] any character; RE2 has neither spelling.
  if (out === '[') return [String.raw`[^\x{0}-\x{10FFFF}]`, i + 1];
  if (out === '[^') return [String.raw`[\x{0}-\x{10FFFF}]`, i + 1];
  return [out + ']', i + 1];
}

function classLiteral(c: string): string {
  return '[]\\^'.includes(c) ? `\\${c}` : c;
}
