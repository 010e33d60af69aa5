// What a trail file is, decided from its first bytes the way the in-process reader decides it
// (read/read-file.ts): its format, or why it is not a trail at all. DuckDB then reads the file in
// the matching way; the verdicts of the two readers on which files hold records stay the same.

import { gzipProblem, openBytes } from '../../read/source.js';
import { TrailScanner, type TrailFormat } from '../../read/json-scanner.js';
import type { TrailLimits } from '../../read/limits.js';

export type Sniffed =
  /** `bytes`: the decompressed size, read to the end (so a damaged gzip is found here). */
  | { status: 'read'; format: TrailFormat; bytes: number }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; message: string; line?: number; column?: number };

/** The reader's test of a first record (RECORD_KEYS in read/read-file.ts). */
const RECORD_KEYS = ['eventVersion', 'eventTime', 'eventSource', 'eventName', 'userIdentity'];
const CHUNK = 64 * 1024;
/** Formats whose elements are the records themselves, so the first must look like one. */
const UNWRAPPED: readonly TrailFormat[] = ['json-array', 'json-lines', 'cloudwatch-logs-export'];

export async function sniffTrailFile(path: string, explicit: boolean, limits: TrailLimits): Promise<Sniffed> {
  const scanner = new TrailScanner({ maxRecordBytes: limits.maxRecordBytes, maxDepth: limits.maxDepth });
  const notTrail = (reason: string): Verdict => (explicit ? { status: 'failed', message: reason } : { status: 'skipped', reason });
  let bytes = 0;
  let verdict: Verdict | undefined;
  try {
    const { chunks } = await openBytes(path, CHUNK);
    for await (const chunk of chunks as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > limits.maxDecompressedBytes) {
        return { status: 'failed', message: `the file decompresses to more than the ${limits.maxDecompressedBytes}-byte limit` };
      }
      // The format is decided from the first bytes; the rest is only counted, which also checks
      // a gzip file to its end (DuckDB does not verify gzip checksums).
      if (verdict) continue;
      scanner.feed(chunk);
      verdict = judge(scanner, notTrail);
      if (verdict && verdict.status !== 'read') return verdict;
      // Past the largest record the reader accepts, the first record is decided either way.
      if (!verdict && bytes > limits.maxRecordBytes + CHUNK && scanner.format) verdict = { status: 'read', format: scanner.format };
    }
    if (!verdict) {
      scanner.finish();
      verdict = judge(scanner, notTrail) ?? (scanner.format ? { status: 'read', format: scanner.format } : { status: 'skipped', reason: 'empty: no records' });
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code?.startsWith('Z_')) return { status: 'failed', message: `${gzipProblem(err)} after ${bytes} decompressed bytes` };
    return { status: 'failed', message: err.code === 'ENOENT' ? 'no such file or directory' : err.code === 'EACCES' ? 'permission denied' : err.message };
  }
  return verdict.status === 'read' ? { ...verdict, bytes } : verdict;
}

type Verdict = { status: 'read'; format: TrailFormat } | Exclude<Sniffed, { status: 'read' }>;

function judge(scanner: TrailScanner, notTrail: (reason: string) => Verdict): Verdict | undefined {
  const first = scanner.elements[0];
  for (const p of scanner.problems) {
    if (first && p.line > first.line) break;
    if (p.kind === 'garbage' && (scanner.format === undefined || scanner.format === 'cloudwatch-logs-export')) return notTrail(`not a CloudTrail log: ${p.message} at ${p.line}:${p.column}`);
    if (p.kind === 'broken' && !first) return { status: 'failed', message: p.message, line: p.line, column: p.column };
  }
  // A wrapper of records ({"Records":[…]}, log events, event history) is a trail whatever it holds.
  if (scanner.format && !UNWRAPPED.includes(scanner.format)) return { status: 'read', format: scanner.format };
  if (!first || !scanner.format) return undefined;
  if (first.source !== 'array' && first.source !== 'line') return { status: 'read', format: scanner.format };
  let value: unknown;
  try {
    value = JSON.parse(first.text);
  } catch {
    return { status: 'read', format: scanner.format };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !RECORD_KEYS.some((k) => k in value)) {
    return notTrail(`JSON, but not CloudTrail records: the first object (${first.line}:${first.column}) has none of ${RECORD_KEYS.join(', ')}`);
  }
  return { status: 'read', format: scanner.format };
}
