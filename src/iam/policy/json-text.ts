import { PolicyError } from './errors.js';
import { lineColumnAt } from '../../core/text-position.js';

/**
 * JSON text with positions. `JSON.parse` does the parsing (fast, and it copes with any nesting);
 * this module adds what it lacks: a nesting limit checked before parsing (so no later walk can
 * overflow the stack), the line and column of a syntax error, and the position of a JSON path
 * for errors found after parsing.
 */

export interface JsonTextLimits {
  /** Deepest nesting of arrays and objects accepted. */
  maxDepth: number;
  /** Largest text accepted, in bytes (UTF-16 code units, close enough for a limit). */
  maxBytes: number;
}

export const JSON_TEXT_LIMITS: JsonTextLimits = { maxDepth: 64, maxBytes: 20 * 1024 * 1024 };

/** 1-based line and column of an offset (the core helper, under this module's name). */
export const lineColumn = lineColumnAt;

export function parseJsonText(text: string, source?: string, limits: JsonTextLimits = JSON_TEXT_LIMITS): unknown {
  if (text.length > limits.maxBytes) {
    throw new PolicyError(`input is larger than ${limits.maxBytes} bytes`, '', undefined, undefined, source);
  }
  const deep = findTooDeep(text, limits.maxDepth);
  if (deep !== undefined) {
    const { line, column } = lineColumnAt(text, deep);
    throw new PolicyError(`JSON nested deeper than ${limits.maxDepth} levels`, '', line, column, source);
  }
  try {
    return JSON.parse(text);
  } catch {
    const { offset, message } = locateSyntaxError(text);
    const { line, column } = lineColumnAt(text, offset);
    throw new PolicyError(`malformed JSON: ${message}`, '', line, column, source);
  }
}

/** Offset of the first bracket that opens level `maxDepth + 1`, skipping strings. */
function findTooDeep(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = endOfString(text, i) - 1;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > maxDepth) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
    }
  }
  return undefined;
}

/** Offset just past the string starting at `start` (its opening quote), or the text's end. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i += 2;
    else if (c === 34) return i + 1;
    else i++;
  }
  return text.length;
}

/**
 * A validating scan that stops at the first error, for the message and position that
 * `JSON.parse` does not give on Node 20. Only runs on text that failed to parse.
 */
export function locateSyntaxError(text: string): { offset: number; message: string } {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw { offset: at, message };
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const describe = () => (i >= text.length ? 'end of input' : `'${text[i]}'`);
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ':' after a property name, found ${describe()}`);
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail(`expected ',' or '}' after a property value, found ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        fail(`expected ',' or ']' after an array element, found ${describe()}`);
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    fail(`unexpected ${describe()}`);
  };
  const string = () => {
    const start = i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) return void i++;
      if (c < 32) fail('control character in a string (escape it)');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in a string');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`bad escape '\\${e ?? ''}' in a string`);
      } else i++;
    }
    fail('unterminated string', start);
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-') fail('bad number');
    i += m![0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the document`);
    // JSON.parse failed but the scan did not: report the start rather than nothing.
    return { offset: 0, message: 'not valid JSON' };
  } catch (e) {
    if (e && typeof e === 'object' && 'offset' in e) return e as { offset: number; message: string };
    throw e;
  }
}

/**
 * The position of the value at a JSON path (object keys and array indexes), or of the deepest
 * part of the path that exists. Used only to place errors, so it re-reads the text lazily.
 */
export function locateJsonPath(text: string, steps: readonly (string | number)[]): { line: number; column: number } | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  /** Skips one value without recursion (bracket counting outside strings). */
  const skip = () => {
    ws();
    let depth = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') i = endOfString(text, i);
      else if (c === '[' || c === '{') {
        depth++;
        i++;
      } else if (c === ']' || c === '}') {
        if (depth === 0) return;
        depth--;
        i++;
        if (depth === 0) return;
      } else if (c === ',' && depth === 0) return;
      else i++;
    }
  };
  ws();
  let found = i;
  for (const step of steps) {
    ws();
    if (typeof step === 'number') {
      if (text[i] !== '[') break;
      i++;
      let ok = true;
      for (let k = 0; k < step; k++) {
        skip();
        ws();
        if (text[i] !== ',') {
          ok = false;
          break;
        }
        i++;
      }
      if (!ok) break;
      ws();
    } else {
      if (text[i] !== '{') break;
      i++;
      let hit = false;
      for (;;) {
        ws();
        if (text[i] !== '"') break;
        const end = endOfString(text, i);
        let key: unknown;
        try {
          key = JSON.parse(text.slice(i, end));
        } catch {
          break;
        }
        const keyAt = i;
        i = end;
        ws();
        if (text[i] !== ':') break;
        i++;
        if (key === step) {
          hit = true;
          found = keyAt;
          break;
        }
        skip();
        ws();
        if (text[i] !== ',') break;
        i++;
      }
      if (!hit) break;
      ws();
      continue;
    }
    found = i;
  }
  return i <= text.length ? lineColumnAt(text, found) : undefined;
}
