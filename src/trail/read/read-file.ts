import type { InputRecord } from '../../core/scan-result.js';
import type { CloudTrailRecord, SourcedRecord } from '../record.js';
import { TrailScanner, type ScannedElement, type TrailFormat } from './json-scanner.js';
import type { TrailLimits } from './limits.js';
import { gzipProblem, openBytes } from './source.js';

/** How one trail file fared: an InputRecord with the number of records read from it. */
export interface TrailInput extends InputRecord {
  records: number;
}

export interface FileReadOptions {
  limits: TrailLimits;
  /** Named on the command line (a failure) or found in a directory (a skip) when it is no trail. */
  explicit: boolean;
  chunkBytes: number;
  /** Running totals shared by every file of one read. */
  stats: { bytes: number; peakBufferedBytes: number };
}

/** Keys of which a CloudTrail record has at least one; a first object with none means "not a trail". */
const RECORD_KEYS = ['eventVersion', 'eventTime', 'eventSource', 'eventName', 'userIdentity'];
const MAX_WARNINGS = 100;

/**
 * Reads one file, yielding its records one at a time, and fills `input` as it goes: when the
 * generator ends, `input` says whether the file was read, skipped or failed, with positions.
 * Records before a fatal problem (a truncated file, corrupt gzip) are kept.
 */
export async function* readTrailFile(path: string, shown: string, options: FileReadOptions, input: TrailInput): AsyncGenerator<SourcedRecord> {
  const { limits } = options;
  const scanner = new TrailScanner({ maxRecordBytes: limits.maxRecordBytes, maxDepth: limits.maxDepth });
  const warnings: NonNullable<InputRecord['warnings']> = [];
  let extraWarnings = 0;
  let index = 0;
  let bytes = 0;
  let notTrail: string | undefined;
  let fatal: { message: string; line?: number; column?: number } | undefined;

  const warn = (message: string, line?: number, column?: number) => {
    if (warnings.length < MAX_WARNINGS) warnings.push({ message, ...(line !== undefined ? { line, column: column ?? 1 } : {}) });
    else extraWarnings++;
  };

  /** The elements and problems of the last chunk, as records; sets notTrail/fatal to stop. */
  function* drain(): Generator<SourcedRecord> {
    const problems = scanner.problems.splice(0);
    const elements = scanner.elements.splice(0);
    for (const el of elements) {
      if (notTrail) return;
      const rec = toRecord(el);
      if (rec === undefined) continue;
      if (index === 0 && (el.source === 'array' || el.source === 'line') && !RECORD_KEYS.some((k) => k in rec)) {
        notTrail = `JSON, but not CloudTrail records: the first object (${el.line}:${el.column}) has none of ${RECORD_KEYS.join(', ')}`;
        return;
      }
      const source = { file: shown, line: el.line, index: index++ };
      input.records = index;
      yield { record: rec, source };
    }
    for (const p of problems) {
      // Text before any record, even after CloudWatch export timestamps: not a trail at all.
      if (p.kind === 'garbage' && index === 0 && (scanner.format === undefined || scanner.format === 'cloudwatch-logs-export')) {
        notTrail = `not a CloudTrail log: ${p.message} at ${p.line}:${p.column}`;
        return;
      }
      if (p.kind === 'broken') fatal = { message: p.message, line: p.line, column: p.column };
      else warn(`${p.message}; the line was skipped`, p.line, p.column);
    }
  }

  function toRecord(el: ScannedElement): CloudTrailRecord | undefined {
    if (el.rejected) {
      warn(`record ${el.rejected}; skipped`, el.line, el.column);
      return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(el.text);
    } catch (e) {
      const at = jsonErrorPosition(e as Error, el);
      warn(`record is not valid JSON (${(e as Error).message}); skipped`, at.line, at.column);
      return undefined;
    }
    const wrapper = WRAPPERS[el.source];
    if (wrapper) {
      // A CloudWatch Logs event or an Event-history entry: the record is JSON text in one field.
      const inner = isObject(value) ? value[wrapper.field] : undefined;
      if (typeof inner !== 'string') {
        warn(`${wrapper.what} has no "${wrapper.field}" string; skipped`, el.line, el.column);
        return undefined;
      }
      try {
        value = JSON.parse(inner);
      } catch {
        warn(`${wrapper.what} "${wrapper.field}" is not JSON; skipped`, el.line, el.column);
        return undefined;
      }
    }
    if (!isObject(value)) {
      warn(`record is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not an object; skipped`, el.line, el.column);
      return undefined;
    }
    return value as CloudTrailRecord;
  }

  try {
    const { chunks } = await openBytes(path, options.chunkBytes);
    try {
      for await (const chunk of chunks as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        options.stats.bytes += chunk.length;
        if (bytes > limits.maxDecompressedBytes) {
          const at = scanner.position();
          fatal = { message: `the file decompresses to more than the ${limits.maxDecompressedBytes}-byte limit; reading stopped`, ...at };
          break;
        }
        scanner.feed(chunk);
        options.stats.peakBufferedBytes = Math.max(options.stats.peakBufferedBytes, scanner.peakCapturedBytes + chunk.length);
        yield* drain();
        if (notTrail || fatal) break;
      }
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (!err.code?.startsWith('Z_')) throw e;
      fatal = { message: `${gzipProblem(err)} after ${bytes} decompressed bytes`, ...scanner.position() };
    }
    if (!notTrail && !fatal) {
      scanner.finish();
      yield* drain();
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    fatal = { message: err.code === 'ENOENT' ? 'no such file or directory' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'is a directory' : err.message };
  }

  // Warnings of one chunk arrive records first, then lines skipped; report them in file order.
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (extraWarnings) warnings.push({ message: `${extraWarnings} more warnings not listed` });
  Object.assign(input, { kind: kindOf(scanner.format), records: index });
  if (warnings.length) input.warnings = warnings;
  if (fatal) {
    input.status = 'failed';
    input.error = { message: fatal.message, file: shown, ...(fatal.line !== undefined ? { line: fatal.line, column: fatal.column ?? 1 } : {}) };
  } else if (notTrail) {
    input.status = options.explicit ? 'failed' : 'skipped';
    if (options.explicit) input.error = { message: notTrail, file: shown };
    else input.reason = notTrail;
    delete input.kind;
  } else if (index === 0 && scanner.format === undefined) {
    input.status = 'skipped';
    input.reason = 'empty: no records';
    delete input.kind;
  } else {
    input.status = 'read';
  }
}

/** Elements that wrap the record as JSON text in one of their fields. */
const WRAPPERS: Partial<Record<ScannedElement['source'], { field: string; what: string }>> = {
  events: { field: 'message', what: 'log event' },
  'lookup-events': { field: 'CloudTrailEvent', what: 'event-history entry' },
};

const KINDS: Record<TrailFormat, string> = {
  cloudtrail: 'cloudtrail',
  'cloudtrail-lookup-events': 'cloudtrail-lookup-events',
  'cloudwatch-logs-events': 'cloudwatch-logs-events',
  'json-array': 'cloudtrail-json-array',
  'json-lines': 'cloudtrail-json-lines',
  'cloudwatch-logs-export': 'cloudwatch-logs-export',
};

function kindOf(format: TrailFormat | undefined): string | undefined {
  return format ? KINDS[format] : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** JSON.parse says "at position N" (of the record's text); turn it into a line:column of the file. */
function jsonErrorPosition(e: Error, el: ScannedElement): { line: number; column: number } {
  const m = /at position (\d+)/.exec(e.message);
  if (!m) return { line: el.line, column: el.column };
  const pos = Number(m[1]);
  const before = el.text.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  if (nl < 0) return { line: el.line, column: el.column + pos };
  return { line: el.line + (before.split('\n').length - 1), column: pos - nl };
}
