// The fast path for the files CloudTrail itself delivers: `{"Records":[…]}` on one line, gzipped,
// no larger than one record may be (maxRecordBytes). Such a file is parsed in one JSON.parse — the
// floor of any reader — instead of being scanned record by record. Memory stays bounded: the file
// is no larger than the largest record the streaming path would hold anyway.
//
// Anything unusual (the size is unknown or too large, the JSON does not parse, a line break, an
// element that is not an object, nesting deeper than maxDepth, another wrapper key) returns
// undefined, and the streaming scanner reads the file with its exact warnings and positions.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { CloudTrailRecord } from '../record.js';
import type { TrailLimits } from './limits.js';

export interface WholeFile {
  records: CloudTrailRecord[];
  /** Decompressed bytes. */
  bytes: number;
}

/** Wrapper keys the streaming scanner also recognises; a file holding one is left to it. */
const OTHER_WRAPPERS = ['events', 'logEvents', 'Events'];

export function readWholeCloudTrailFile(path: string, limits: TrailLimits): WholeFile | undefined {
  const cap = Math.min(limits.maxRecordBytes, limits.maxDecompressedBytes);
  // Small files are read synchronously, in one read: no event-loop round trips per file.
  let raw: Buffer;
  try {
    raw = readSmallFile(path, cap);
  } catch {
    return undefined; // too large, or unreadable: the streaming path reports it in its own words
  }
  const gzip = raw[0] === 0x1f && raw[1] === 0x8b;
  // A gzip file's ISIZE trailer is its decompressed size (mod 2^32): skip the large ones unopened,
  // and decompress the others into one buffer of that size (no chunks to concatenate).
  const size = gzip && raw.length >= 18 ? raw.readUInt32LE(raw.length - 4) : raw.length;
  if (gzip && (raw.length < 18 || size > cap)) return undefined;
  let bytes: Buffer;
  try {
    bytes = gzip ? gunzipSync(raw, { maxOutputLength: cap, chunkSize: Math.max(size, 16 * 1024) }) : raw;
  } catch {
    return undefined;
  }
  if (bytes.length > cap || bytes[0] !== 0x7b /* { */) return undefined;
  // A line break before the end puts records on other lines: the scanner numbers them.
  const newline = bytes.indexOf(0x0a);
  if (newline >= 0 && !whitespaceFrom(bytes, newline)) return undefined;
  const text = bytes.toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(doc) || !Array.isArray(doc['Records']) || OTHER_WRAPPERS.some((k) => k in doc)) return undefined;
  const records = doc['Records'] as unknown[];
  for (const r of records) if (!isObject(r) || !within(r, limits.maxDepth)) return undefined;
  return { records: records as CloudTrailRecord[], bytes: bytes.length };
}

/** The whole file when it is at most `cap` bytes; throws otherwise. */
function readSmallFile(path: string, cap: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > cap) throw new Error('larger than the cap');
    const buf = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, buf, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === size ? buf : buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

function whitespaceFrom(bytes: Buffer, from: number): boolean {
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Nesting of at most `budget` levels (the record itself is one), as the scanner's maxDepth counts. */
function within(v: object, budget: number): boolean {
  if (budget === 0) return false;
  // Scalars are skipped inline: most values of a record are, and a call each would double the cost.
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && typeof x === 'object' && !within(x, budget - 1)) return false;
    return true;
  }
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== null && typeof x === 'object' && !within(x, budget - 1)) return false;
  }
  return true;
}

/** The records of a whole file as the streaming path would yield them (all on line 1), with its accounting. */
export function* wholeFileRecords(
  whole: WholeFile,
  shown: string,
  input: { records: number; kind?: string; status: string },
  stats: { bytes: number; peakBufferedBytes: number },
): Generator<{ record: CloudTrailRecord; source: { file: string; line: number; index: number } }> {
  stats.bytes += whole.bytes;
  stats.peakBufferedBytes = Math.max(stats.peakBufferedBytes, whole.bytes);
  let index = 0;
  for (const record of whole.records) {
    const source = { file: shown, line: 1, index: index++ };
    input.records = index;
    yield { record, source };
  }
  Object.assign(input, { kind: 'cloudtrail', records: index, status: 'read' });
}
