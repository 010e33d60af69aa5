import type { InputRecord } from '../../core/scan-result.js';
import type { CaptureInputRecord } from './types.js';

/**
 * Lines for people about the inputs that did not go well: each failed input with its position,
 * and per file the number of records skipped as malformed (with the first one's line).
 */
export function inputProblems(inputs: readonly (InputRecord | CaptureInputRecord)[]): string[] {
  const lines: string[] = [];
  for (const i of inputs) {
    if (i.status === 'failed' && i.error) {
      const pos = i.error.line !== undefined ? `:${i.error.line}:${i.error.column ?? 1}` : '';
      lines.push(`error: ${i.error.file}${pos}: ${i.error.message}`);
      continue;
    }
    const malformed = (i as CaptureInputRecord).malformed ?? 0;
    if (i.status === 'read' && malformed > 0) {
      const first = i.warnings?.find((w) => w.line !== undefined);
      lines.push(`warning: ${i.path}: ${malformed} malformed record(s) skipped${first ? `; first at line ${first.line}: ${first.message}` : ''}`);
    }
  }
  return lines;
}

/** Read, skipped and failed inputs, counted. */
export function countInputs(inputs: readonly InputRecord[]): { read: number; skipped: number; failed: number } {
  const out = { read: 0, skipped: 0, failed: 0 };
  for (const i of inputs) out[i.status]++;
  return out;
}
