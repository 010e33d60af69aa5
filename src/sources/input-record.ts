import type { InputRecord } from '../core/scan-result.js';
import type { LoadWarning } from './types.js';

/**
 * Adds a loaded input's warnings to its record. An error-level warning (the input is wrong in a way
 * its own tool would reject) makes the input failed, exit code 2, with the first such warning as
 * the error; what it loaded is still counted and scanned.
 */
export function withWarnings(record: InputRecord, warnings: LoadWarning[]): InputRecord {
  if (!warnings.length) return record;
  const first = warnings.find((w) => w.error);
  const plain = warnings.map(({ message, line, column }) => ({ message, ...(line !== undefined ? { line, column: column ?? 1 } : {}) }));
  if (!first) return { ...record, warnings: plain };
  const error = { message: first.message, file: record.path, ...(first.line !== undefined ? { line: first.line, column: first.column ?? 1 } : {}) };
  return { ...record, status: 'failed', error, warnings: plain };
}
