import type { Location } from './resource.js';

/**
 * An input that could not be read: malformed, too large, too deep. Always names the input and,
 * where there is one, the position. Loaders throw it; the scan records it and goes on.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'InputError';
  }
  get location(): Location | undefined {
    return this.line === undefined ? undefined : { file: this.file, line: this.line, column: this.column ?? 1 };
  }
  /** `file:line:column: message` */
  override toString(): string {
    const pos = this.line === undefined ? '' : `:${this.line}:${this.column ?? 1}`;
    return `${this.file}${pos}: ${this.message}`;
  }
}

/** A usage mistake: an unknown rule id, a bad --param. Exit code 2, no report. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
