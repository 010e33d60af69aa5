import { valueType } from '../stats/value-type.js';

/** A raw value as read from a CSV field or a captured payload. */
export type RawValue = string | number | null | undefined;

/** How one input column enters the feature space. */
export type ColumnEncoding =
  | { name: string; kind: 'numeric'; mean: number; std: number }
  | { name: string; kind: 'categorical'; categories: string[]; shares: number[] }
  | { name: string; kind: 'dropped'; reason: string };

export interface EncoderOptions {
  /** A column whose present values are numbers at least this often is numeric. */
  numericShare?: number;
  /** Most categories one-hot encoded per text column (the most frequent); rarer ones encode as none. */
  maxCategories?: number;
  /** A category rarer than this share encodes as none (rare values would otherwise dominate every score). */
  minCategoryShare?: number;
  /** A text column with more distinct values than this is an identifier, not a feature: dropped. */
  maxDistinct?: number;
}

const DEFAULTS: Required<EncoderOptions> = { numericShare: 0.95, maxCategories: 30, minCategoryShare: 0.01, maxDistinct: 1000 };

/**
 * Maps rows into a standardised numeric space: numbers as z-scores, text as one-hot indicators
 * centred on their share (left unscaled: the covariance scales them, and shrinkage keeps a rare
 * category from dominating). Missing values encode as the mean (z = 0), so they never look
 * unusual by themselves. `dimFeature` says which column each dimension came from, so scores can
 * be explained per column.
 */
export class Encoder {
  readonly dims: number;
  /** For each dimension, the index of its column. */
  readonly dimFeature: number[] = [];
  private readonly offsets: number[] = [];

  constructor(readonly columns: readonly ColumnEncoding[]) {
    let d = 0;
    columns.forEach((c, i) => {
      this.offsets.push(d);
      const width = c.kind === 'numeric' ? 1 : c.kind === 'categorical' ? c.categories.length : 0;
      for (let k = 0; k < width; k++) this.dimFeature.push(i);
      d += width;
    });
    this.dims = d;
  }

  /** The encoded row; `missing` counts the values that were absent or unreadable. */
  encode(row: readonly RawValue[]): { z: Float64Array; missing: number } {
    const z = new Float64Array(this.dims);
    let missing = 0;
    this.columns.forEach((c, i) => {
      const v = row[i];
      const at = this.offsets[i]!;
      if (c.kind === 'numeric') {
        const x = numberOf(v);
        if (x === undefined) missing++;
        else z[at] = (x - c.mean) / c.std;
      } else if (c.kind === 'categorical') {
        const t = textOf(v);
        if (t === undefined) {
          missing++;
          return;
        }
        const hit = c.categories.indexOf(t);
        c.shares.forEach((p, k) => {
          z[at + k] = (k === hit ? 1 : 0) - p;
        });
      }
    });
    return { z, missing };
  }

  /** Names of the columns that enter the space. */
  get used(): string[] {
    return this.columns.filter((c) => c.kind !== 'dropped').map((c) => c.name);
  }
}

export function numberOf(v: RawValue): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const t = valueType(v);
  if (t !== 'Integral' && t !== 'Fractional') return undefined;
  const x = Number(v.trim());
  return Number.isFinite(x) ? x : undefined;
}

function textOf(v: RawValue): string | undefined {
  if (v === null || v === undefined) return undefined;
  const t = String(v).trim();
  return t === '' ? undefined : t;
}

/** Learns each column's encoding from baseline rows. */
export function fitEncoder(names: readonly string[], rows: readonly (readonly RawValue[])[], options: EncoderOptions = {}): Encoder {
  const o = { ...DEFAULTS, ...options };
  const columns = names.map((name, i): ColumnEncoding => {
    let present = 0;
    let numeric = 0;
    let sum = 0;
    let sumSq = 0;
    const counts = new Map<string, number>();
    for (const row of rows) {
      const v = row[i];
      const t = textOf(v);
      if (t === undefined) continue;
      present++;
      const x = numberOf(v);
      if (x !== undefined) {
        numeric++;
        sum += x;
        sumSq += x * x;
      }
      if (counts.size <= o.maxDistinct) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    if (present === 0) return { name, kind: 'dropped', reason: 'no values in the baseline' };
    if (numeric >= o.numericShare * present) {
      const mean = sum / numeric;
      const std = Math.sqrt(Math.max(0, sumSq / numeric - mean * mean));
      if (!(std > 1e-12 * Math.max(1, Math.abs(mean)))) return { name, kind: 'dropped', reason: `constant in the baseline (${mean})` };
      return { name, kind: 'numeric', mean, std };
    }
    if (counts.size > o.maxDistinct) return { name, kind: 'dropped', reason: `more than ${o.maxDistinct} distinct values (an identifier?)` };
    const top = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, o.maxCategories)
      .filter(([, c]) => c < present && c >= o.minCategoryShare * present);
    if (top.length === 0) return { name, kind: 'dropped', reason: 'a single value in the baseline' };
    return { name, kind: 'categorical', categories: top.map(([v]) => v), shares: top.map(([, c]) => c / present) };
  });
  return new Encoder(columns);
}
