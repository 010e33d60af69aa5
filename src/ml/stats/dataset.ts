import { FeatureAccumulator, type FeatureOptions } from './feature.js';
import type { MmStatistics } from './model-monitor.js';

/** Spark's names for the columns of a CSV without a header, which Model Monitor keeps. */
export function defaultColumnName(index: number): string {
  return `_c${index}`;
}

/**
 * Statistics of a whole dataset, row by row. Columns are named up front (a header, or a
 * baseline's features); a row wider than the names adds columns named `_cN`, a shorter row leaves
 * the rest missing. The widths seen are kept, for the missing/extra column checks.
 */
export class DatasetAccumulator {
  readonly features: FeatureAccumulator[] = [];
  rows = 0;
  minWidth = Infinity;
  maxWidth = 0;

  constructor(
    names: readonly string[] = [],
    private readonly options: FeatureOptions = {},
  ) {
    for (const n of names) this.features.push(new FeatureAccumulator(n, options));
  }

  addRow(values: readonly (string | number | null | undefined)[]): void {
    this.rows++;
    if (values.length < this.minWidth) this.minWidth = values.length;
    if (values.length > this.maxWidth) this.maxWidth = values.length;
    while (this.features.length < values.length) this.features.push(new FeatureAccumulator(defaultColumnName(this.features.length), this.options));
    for (let i = 0; i < this.features.length; i++) this.features[i]!.add(values[i]);
  }

  /** statistics.json for the rows added so far. */
  toStatistics(): MmStatistics {
    return { version: 0.0, dataset: { item_count: this.rows }, features: this.features.map((f) => f.toStatistics()) };
  }
}
