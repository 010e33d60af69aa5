import type { Finding } from '../core/finding.js';
import type { Origin } from '../core/resource.js';
import type { InputRecord, ScanError } from '../core/scan-result.js';

/** `file:line:column`, the form editors and terminals turn into links. */
export function position(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  return `${file}:${line}:${column ?? 1}`;
}

/** `account 123456789012 us-east-1 (DescribeTrails)`, for resources read from a live account. */
export function originText(origin: Origin): string {
  const parts = [origin.account ? `account ${origin.account}` : undefined, origin.region, origin.apiCall ? `(${origin.apiCall})` : undefined];
  const text = parts.filter((p) => p !== undefined).join(' ');
  return text || 'live account';
}

/** Where a finding points: its file position, else its origin, else the scan as a whole. */
export function findingWhere(f: Finding): string {
  if (f.location) return position(f.location.file, f.location.line, f.location.column);
  if (f.origin) return originText(f.origin);
  return '(account-level)';
}

/** `file:line:column: message` for a failed input. */
export function inputErrorText(input: InputRecord): string {
  const e = input.error;
  if (!e) return `${input.path}: could not be read`;
  return `${position(e.file || input.path, e.line, e.column)}: ${e.message}`;
}

/** `file:line:column: message` for a scan error, or the bare message when it has no file. */
export function scanErrorText(e: ScanError): string {
  return e.file ? `${position(e.file, e.line, e.column)}: ${e.message}` : e.message;
}
