import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { InputError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';

// Reading a template: size first (a 100 MB file is rejected by its size, never read), then bytes
// that must be UTF-8 text. The text checks run again in parseTemplate for callers that read the
// file themselves.

function tooLarge(file: string, bytes: number, limits: Limits): InputError {
  return new InputError(`file is ${bytes} bytes, larger than the ${limits.maxFileBytes}-byte limit`, file);
}

/** Throws an InputError when the file at `path` is larger than `limits.maxFileBytes`. */
export async function checkFileSize(path: string, limits: Limits): Promise<void> {
  const { size } = await stat(path);
  if (size > limits.maxFileBytes) throw tooLarge(path, size, limits);
}

/** Reads a template as text: size checked before reading, binary content rejected. */
export async function readTemplateFile(path: string, limits: Limits): Promise<string> {
  await checkFileSize(path, limits);
  return decodeTemplate(path, await readFile(path), limits);
}

/** The synchronous twin of readTemplateFile, for loaders that walk a directory of their own. */
export function readTemplateFileSync(path: string, limits: Limits): string {
  const { size } = statSync(path);
  if (size > limits.maxFileBytes) throw tooLarge(path, size, limits);
  return decodeTemplate(path, readFileSync(path), limits);
}

/** UTF-8 bytes → text; NUL bytes or invalid UTF-8 → InputError "binary content" with position. */
export function decodeTemplate(file: string, bytes: Uint8Array, limits: Limits): string {
  if (bytes.length > limits.maxFileBytes) throw tooLarge(file, bytes.length, limits);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw binaryAt(file, bytes, nul, 'a NUL byte');
  if (!isUtf8(bytes)) throw binaryAt(file, bytes, firstInvalidUtf8(bytes), 'invalid UTF-8');
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function binaryAt(file: string, bytes: Uint8Array, offset: number, what: string): InputError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Column in characters: count the UTF-8 lead bytes between the line start and the offset.
  let column = 1;
  for (let i = lineStart; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  return new InputError(`binary content (${what} at byte ${offset}); not a text template`, file, line, column);
}

/** Well-formed UTF-8 lead bytes: [first, last, sequence length, second-byte min, second-byte max]. */
const UTF8_LEADS: readonly (readonly [number, number, number, number, number])[] = [
  [0x00, 0x7f, 1, 0, 0],
  [0xc2, 0xdf, 2, 0x80, 0xbf],
  [0xe0, 0xe0, 3, 0xa0, 0xbf], // no overlong forms
  [0xe1, 0xec, 3, 0x80, 0xbf],
  [0xed, 0xed, 3, 0x80, 0x9f], // no UTF-16 surrogates
  [0xee, 0xef, 3, 0x80, 0xbf],
  [0xf0, 0xf0, 4, 0x90, 0xbf], // no overlong forms
  [0xf1, 0xf3, 4, 0x80, 0xbf],
  [0xf4, 0xf4, 4, 0x80, 0x8f], // nothing above U+10FFFF
];

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const lead = UTF8_LEADS.find(([lo, hi]) => c >= lo && c <= hi);
    if (!lead) return i;
    const [, , len, min, max] = lead;
    if (len > 1) {
      const second = b[i + 1];
      if (second === undefined || second < min || second > max) return i;
      for (let k = 2; k < len; k++) if (b[i + k] === undefined || (b[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += len;
  }
  return b.length;
}
