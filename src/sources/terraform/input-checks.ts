import { InputError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';
import { lineColumnAt } from '../../core/text-position.js';
import { jsonErrorOffset } from './json-error.js';

// Checks made before any parsing: size and binary content. A binary file named `.tf` must fail
// with a clear message rather than as a confusing syntax error somewhere in the middle.

const SAMPLE = 8192;

export function checkTextInput(file: string, text: string, limits: Limits): void {
  // Cheap upper bound first: a UTF-16 string never needs more than 3 UTF-8 bytes per unit.
  if (text.length * 3 > limits.maxFileBytes) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > limits.maxFileBytes) throw new InputError(`file is ${bytes} bytes, over the ${limits.maxFileBytes}-byte limit`, file);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const { line, column } = lineColumnAt(text, nul);
    throw new InputError('binary content (NUL byte), not a text file', file, line, column);
  }
  // Undecodable bytes become U+FFFD; a text file has few of those and few control characters.
  let odd = 0;
  const n = Math.min(text.length, SAMPLE);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) odd++;
  }
  if (n > 0 && odd / n > 0.1) throw new InputError('binary content, not a text file', file, 1, 1);
}

/** JSON.parse; a syntax error becomes an InputError at its line and column. */
export function parseJsonText(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text) ?? 0;
    const { line, column } = lineColumnAt(text, offset);
    const what = offset >= text.length ? 'unexpected end of JSON' : `unexpected ${JSON.stringify(text[offset])}`;
    throw new InputError(`invalid JSON: ${what}`, file, line, column);
  }
}
