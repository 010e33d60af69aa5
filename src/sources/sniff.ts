import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { extname, basename } from 'node:path';

/** Extensions whose files we expect to be infrastructure code; anything else is sniffed. */
export const CANDIDATE_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.template', '.cfn', '.tf', '.tfvars']);

/** How a file is handled before its content is read. */
export type FileClass = 'terraform' | 'tfvars' | 'terraform-json' | 'structured' | 'other';

const BY_EXTENSION: Record<string, FileClass> = {
  '.tf': 'terraform',
  '.tfvars': 'tfvars',
  '.json': 'structured',
  '.yaml': 'structured',
  '.yml': 'structured',
  '.template': 'structured',
  '.cfn': 'structured',
};

export function classifyByName(path: string): FileClass {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.tfvars.json')) return 'tfvars';
  if (name.endsWith('.tf.json')) return 'terraform-json';
  return BY_EXTENSION[extname(name)] ?? 'other';
}

/** Reads the first bytes of a file, to tell text from binary without reading it whole. */
export async function readHead(path: string, bytes = 8192): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The 1-based line and column of the first NUL byte or invalid UTF-8 sequence, if any. */
export function findBinary(buf: Buffer): { line: number; column: number } | undefined {
  let bad = buf.indexOf(0);
  if (bad < 0 && isUtf8(buf)) return undefined; // the common case, without decoding the text
  if (bad < 0) {
    const text = buf.toString('utf8');
    const replacement = text.indexOf('\uFFFD');
    // A multi-byte character cut at the end of a head read is not binary.
    if (replacement >= 0 && replacement < text.length - 3 && !buf.includes(Buffer.from('\uFFFD'))) bad = Buffer.byteLength(text.slice(0, replacement));
  }
  if (bad < 0) return undefined;
  const before = buf.subarray(0, bad).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
