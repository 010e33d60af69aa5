import type { Cell, Table } from './table.js';

// Features as numbers, for models and distances. Numeric columns: missing values take the
// median, then the column is standardised (mean 0, standard deviation 1). Categorical columns:
// one-hot over the most frequent categories, the rest in one `(other)` column, a missing value
// its own `(missing)` column. Columns that cannot inform a model are left out and say why.
// A second, compact view keeps one column per feature (the numeric value, or the category's
// frequency) for methods that split on one feature at a time (isolation forests).

export interface EncodeOptions {
  /** The label column; rows without a label are left out (and listed). */
  label: string;
  /** Columns not to use as features. */
  ignore?: string[];
  /** One-hot at most this many categories of a column; the rest share one column. */
  maxCategories?: number;
}

export interface NumericFeature {
  kind: 'number';
  column: string;
  /** The column's index in the table. */
  source: number;
  /** Its column in the one-hot matrix. */
  start: number;
  mean: number;
  std: number;
  median: number;
}

export interface CategoricalFeature {
  kind: 'category';
  column: string;
  source: number;
  start: number;
  /** One-hot columns in order: the kept categories, then `(other)` and `(missing)` where present. */
  categories: string[];
  /** Share of rows with each category value (all values, not only the kept ones). */
  frequency: Map<string, number>;
  /** Share of rows where the value is missing. */
  missingShare: number;
}

export type Feature = NumericFeature | CategoricalFeature;

export interface Encoded {
  /** Rows (with a label) × one-hot columns, row-major. */
  X: Float64Array;
  n: number;
  d: number;
  /** Name of each one-hot column: `age`, `workclass=Private`. */
  names: string[];
  /** Rows × features, one column per feature (numeric value, or category frequency), row-major. */
  compact: Float64Array;
  p: number;
  features: Feature[];
  /** Class index of each row. */
  y: Int32Array;
  classes: string[];
  /** For each encoded row, its index in the table's rows. */
  rows: number[];
  /** Table rows without a label. */
  unlabelled: number[];
  /** Columns left out, each with why. */
  excluded: { column: string; reason: string }[];
  labelColumn: number;
}

export const OTHER = '(other)';
export const MISSING = '(missing)';
const DEFAULT_MAX_CATEGORIES = 50;
/** A text column whose every value is different names rows, not a property of them. */
const ID_MIN_ROWS = 20;
const ID_NAME = /(^|[^a-z])(id|idx|index|row|uuid|key)$|^unnamed: ?0$/i;

export function encode(table: Table, options: EncodeOptions): Encoded {
  const labelColumn = table.columns.indexOf(options.label);
  if (labelColumn === -1) throw new Error(`no column named "${options.label}" (columns: ${table.columns.join(', ')})`);
  const ignore = new Set(options.ignore ?? []);
  const maxCategories = options.maxCategories ?? DEFAULT_MAX_CATEGORIES;

  const rows: number[] = [];
  const unlabelled: number[] = [];
  for (let i = 0; i < table.rows.length; i++) {
    const v = table.rows[i]![labelColumn];
    if (v === null || v === undefined || v === '') unlabelled.push(i);
    else rows.push(i);
  }
  const labels = rows.map((i) => String(table.rows[i]![labelColumn]));
  const classes = sortClasses([...new Set(labels)]);
  const classIndex = new Map(classes.map((c, k) => [c, k]));
  const y = Int32Array.from(labels, (l) => classIndex.get(l)!);

  const excluded: Encoded['excluded'] = [];
  const features: Feature[] = [];
  let d = 0;
  for (let c = 0; c < table.columns.length; c++) {
    const column = table.columns[c]!;
    if (c === labelColumn) continue;
    if (ignore.has(column)) {
      excluded.push({ column, reason: 'ignored as asked' });
      continue;
    }
    const values = rows.map((i) => table.rows[i]![c] ?? null);
    const why = exclusionReason(column, table.types[c]!, values);
    if (why) {
      excluded.push({ column, reason: why });
      continue;
    }
    const feature = table.types[c] === 'number' ? numericFeature(column, c, d, values as (number | null)[]) : categoricalFeature(column, c, d, values, maxCategories);
    features.push(feature);
    d += feature.kind === 'number' ? 1 : feature.categories.length;
  }

  const n = rows.length;
  const p = features.length;
  const X = new Float64Array(n * d);
  const compact = new Float64Array(n * p);
  const names: string[] = [];
  for (const f of features) {
    if (f.kind === 'number') names.push(f.column);
    else names.push(...f.categories.map((cat) => `${f.column}=${cat}`));
  }
  features.forEach((f, k) => {
    if (f.kind === 'number') {
      for (let r = 0; r < n; r++) {
        const raw = table.rows[rows[r]!]![f.source];
        const v = typeof raw === 'number' ? raw : f.median;
        X[r * d + f.start] = (v - f.mean) / f.std;
        compact[r * p + k] = v;
      }
    } else {
      const slot = new Map(f.categories.map((cat, j) => [cat, j]));
      const other = slot.get(OTHER);
      for (let r = 0; r < n; r++) {
        const raw = table.rows[rows[r]!]![f.source];
        const key = raw === null || raw === undefined ? MISSING : String(raw);
        const j = slot.get(key) ?? other!;
        X[r * d + f.start + j] = 1;
        compact[r * p + k] = key === MISSING ? f.missingShare : (f.frequency.get(key) ?? 0);
      }
    }
  });
  return { X, n, d, names, compact, p, features, y, classes, rows, unlabelled, excluded, labelColumn };
}

function exclusionReason(column: string, type: Table['types'][number], values: Cell[]): string | undefined {
  if (type === 'empty') return 'no values';
  const present = values.filter((v) => v !== null);
  if (present.length === 0) return 'no values in labelled rows';
  const distinct = new Set(present);
  if (distinct.size === 1) return 'one value only';
  if (type === 'string' && distinct.size === present.length && present.length >= ID_MIN_ROWS) return 'every value differs (an identifier)';
  if (type === 'number' && ID_NAME.test(column) && distinct.size === present.length && present.every((v) => Number.isInteger(v))) return 'a distinct integer per row named like an identifier';
  return undefined;
}

function numericFeature(column: string, source: number, start: number, values: (number | null)[]): NumericFeature {
  const present = values.filter((v): v is number => v !== null);
  const median = quantileSorted(Float64Array.from(present).sort(), 0.5);
  let sum = 0;
  for (const v of values) sum += v ?? median;
  const mean = sum / values.length;
  let ss = 0;
  for (const v of values) ss += ((v ?? median) - mean) ** 2;
  const std = Math.sqrt(ss / values.length) || 1;
  return { kind: 'number', column, source, start, mean, std, median };
}

function categoricalFeature(column: string, source: number, start: number, values: Cell[], maxCategories: number): CategoricalFeature {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const v of values) {
    if (v === null) missing++;
    else counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  }
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const categories = byCount.slice(0, maxCategories).map(([c]) => c);
  if (byCount.length > maxCategories) categories.push(OTHER);
  if (missing > 0) categories.push(MISSING);
  const frequency = new Map([...counts.entries()].map(([c, k]) => [c, k / values.length]));
  return { kind: 'category', column, source, start, categories, frequency, missingShare: missing / values.length };
}

/** Numeric class names in numeric order (`2` before `10`), others in code-unit order. */
export function sortClasses(classes: string[]): string[] {
  const numeric = classes.every((c) => c.trim() !== '' && Number.isFinite(Number(c)));
  return numeric ? classes.sort((a, b) => Number(a) - Number(b)) : classes.sort();
}

/** The q-quantile of sorted values, by linear interpolation. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
