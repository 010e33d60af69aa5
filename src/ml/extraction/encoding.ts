/**
 * Turns input rows of mixed values (numbers, category strings) into numeric vectors, using the
 * columns of a baseline: numeric columns stay as numbers, categorical columns become one-hot
 * groups over the categories the baseline has. The detectors work on these vectors.
 */

export type RawValue = string | number | null | undefined;

export type ColumnSpec =
  | { name: string; kind: 'numeric'; mean: number }
  | { name: string; kind: 'categorical'; categories: string[] };

export interface FeatureEncoder {
  readonly columns: readonly ColumnSpec[];
  /** Length of an encoded row. */
  readonly width: number;
  /** Which encoded positions are one-hot indicators (distances treat them differently). */
  readonly oneHot: Uint8Array;
  /**
   * Encodes a row into `out`; returns how many of its values the baseline never saw (a category
   * it does not have, text in a numeric column): those count as out of range. A missing numeric
   * value takes the baseline mean. Throws a RangeError when the row has the wrong length.
   */
  encode(row: readonly RawValue[], out?: Float64Array): { x: Float64Array; unseen: number };
  /** Back to raw values: numbers, and the most likely category of each one-hot group. */
  decode(x: ArrayLike<number>): (string | number)[];
}

/** More distinct values than this and a text column is an identifier, not a category: refused. */
export const MAX_CATEGORIES = 1000;

/**
 * Infers the columns from baseline rows: a column whose present values are all numbers is
 * numeric; any other is categorical. `null`/`undefined`/'' are missing.
 */
export function fitEncoder(names: readonly string[], rows: readonly (readonly RawValue[])[]): FeatureEncoder {
  const columns: ColumnSpec[] = names.map((name, j) => {
    let numeric = true;
    let sum = 0;
    let count = 0;
    const seen = new Set<string>();
    for (const row of rows) {
      const v = row[j];
      if (isMissing(v)) continue;
      if (typeof v === 'number' && Number.isFinite(v)) {
        sum += v;
        count++;
      } else numeric = false;
      if (seen.size <= MAX_CATEGORIES) seen.add(String(v));
    }
    if (numeric) return { name, kind: 'numeric', mean: count ? sum / count : 0 };
    if (seen.size > MAX_CATEGORIES) {
      throw new RangeError(`column "${name}" has more than ${MAX_CATEGORIES} distinct text values: an identifier, not a feature; drop it from the baseline`);
    }
    return { name, kind: 'categorical', categories: [...seen].sort() };
  });
  return encoderFor(columns);
}

export function encoderFor(columns: readonly ColumnSpec[]): FeatureEncoder {
  const offsets: number[] = [];
  const lookups: (Map<string, number> | undefined)[] = [];
  let width = 0;
  for (const c of columns) {
    offsets.push(width);
    if (c.kind === 'numeric') {
      lookups.push(undefined);
      width += 1;
    } else {
      lookups.push(new Map(c.categories.map((v, i) => [v, i])));
      width += c.categories.length;
    }
  }
  const oneHot = new Uint8Array(width);
  columns.forEach((c, j) => {
    if (c.kind === 'categorical') oneHot.fill(1, offsets[j]!, offsets[j]! + c.categories.length);
  });
  return {
    columns,
    width,
    oneHot,
    encode(row, out = new Float64Array(width)) {
      if (row.length !== columns.length) throw new RangeError(`${row.length} features, the baseline has ${columns.length}`);
      let unseen = 0;
      for (let j = 0; j < columns.length; j++) {
        const c = columns[j]!;
        const v = row[j];
        const at = offsets[j]!;
        if (c.kind === 'numeric') {
          if (typeof v === 'number' && Number.isFinite(v)) out[at] = v;
          else {
            out[at] = c.mean;
            if (!isMissing(v)) unseen++;
          }
          continue;
        }
        out.fill(0, at, at + c.categories.length);
        if (isMissing(v)) continue;
        const k = lookups[j]!.get(String(v));
        if (k === undefined) unseen++;
        else out[at + k] = 1;
      }
      return { x: out, unseen };
    },
    decode(x) {
      return columns.map((c, j) => {
        const at = offsets[j]!;
        if (c.kind === 'numeric') return x[at]!;
        let best = 0;
        for (let k = 1; k < c.categories.length; k++) if (x[at + k]! > x[at + best]!) best = k;
        return c.categories[best]!;
      });
    },
  };
}

function isMissing(v: RawValue): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}
