import type { CaptureInputRecord } from './types.js';

/** A file's warnings, capped: the first few are kept with their line, the rest only counted. */
export class FileWarnings {
  private readonly kept: { message: string; line?: number; column?: number }[] = [];
  private dropped = 0;
  /** Count of every warning added, kept or not. */
  count = 0;

  constructor(private readonly max: number) {}

  add(message: string, line?: number): void {
    this.count++;
    if (this.kept.length < this.max) this.kept.push(line === undefined ? { message } : { message, line, column: 1 });
    else this.dropped++;
  }

  get first(): { message: string; line?: number } | undefined {
    return this.kept[0];
  }

  /** The record with its warnings attached (and a line saying how many more there were). */
  record(base: CaptureInputRecord): CaptureInputRecord {
    if (this.count === 0) return base;
    const warnings = [...this.kept];
    if (this.dropped > 0) warnings.push({ message: `${this.dropped} more warnings not listed` });
    return { ...base, warnings };
  }
}
