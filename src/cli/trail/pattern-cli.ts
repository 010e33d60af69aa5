import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { UsageError } from '../../core/errors.js';
import type { InputRecord } from '../../core/scan-result.js';
import type { FilterPatternError, PatternWarning } from '../../trail/pattern/index.js';

// Shared by `trail filter` and `trail test-pattern`: pattern errors as usage errors with a caret
// under the position, lint warnings, streamed output, and the accounting of inputs on stderr.

/** Runs `compile`; an invalid pattern becomes a UsageError showing where it went wrong. */
export function patternOrUsageError<T>(compile: () => T, pattern: string): T {
  try {
    return compile();
  } catch (e) {
    if ((e as Error).name !== 'FilterPatternError') throw e;
    const err = e as FilterPatternError;
    const lineText = pattern.split('\n')[err.line - 1] ?? '';
    throw new UsageError(`invalid filter pattern at ${err.line}:${err.column}: ${err.message}\n  ${lineText}\n  ${' '.repeat(Math.max(0, err.column - 1))}^`);
  }
}

export function warnLints(warnings: PatternWarning[]): void {
  for (const w of warnings) process.stderr.write(`ringfence: warning: pattern character ${w.span.start + 1}: ${w.message}\n`);
}

export interface Sink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** stdout, or a file (its folder created), written with backpressure so output never piles up in memory. */
export async function openSink(output: string | undefined): Promise<Sink> {
  if (!output || output === '-') {
    return {
      write: (text) => (text ? new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve()))) : Promise.resolve()),
      close: async () => {},
    };
  }
  await mkdir(dirname(output), { recursive: true });
  const stream: WriteStream = createWriteStream(output);
  return {
    write: async (text) => {
      if (text && !stream.write(text)) await once(stream, 'drain');
    },
    close: () => new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve()))),
  };
}

/** Logs failed inputs (and, unless quiet, a summary) to stderr; 2 when any input failed, else 0. */
export function reportInputs(inputs: InputRecord[], summary: string | undefined): number {
  let failed = 0;
  for (const i of inputs) {
    if (i.status !== 'failed' || !i.error) continue;
    failed++;
    const pos = i.error.line !== undefined ? `:${i.error.line}:${i.error.column ?? 1}` : '';
    process.stderr.write(`ringfence: error: ${i.error.file}${pos}: ${i.error.message}\n`);
  }
  if (summary !== undefined) {
    const read = inputs.filter((i) => i.status === 'read').length;
    const skipped = inputs.filter((i) => i.status === 'skipped').length;
    const warned = inputs.reduce((n, i) => n + (i.warnings?.length ?? 0), 0);
    const parts = [`${read} file${read === 1 ? '' : 's'} read`, skipped ? `${skipped} skipped` : '', failed ? `${failed} failed` : '', warned ? `${warned} warning${warned === 1 ? '' : 's'}` : ''];
    process.stderr.write(`ringfence: ${summary}; ${parts.filter(Boolean).join(', ')}\n`);
  }
  return failed ? 2 : 0;
}
