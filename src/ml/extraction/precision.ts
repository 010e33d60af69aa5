import type { FeatureEncoder } from './encoding.js';

/**
 * The precision a numeric feature is recorded at. Real inputs come from the same kind of source
 * as the training rows — a length measured to 0.1 cm, an amount in cents, a count — so their
 * values sit on the grid the training values sit on. Programs that generate queries (uniform
 * probes, gradient steps, bisections) produce full double-precision values between the grid's
 * points unless they round on purpose.
 *
 * A value is on the grid when it has at most `decimals` digits after the point, or at most
 * `digits` significant digits: the first fits data printed to fixed decimals, the second data
 * printed to significant figures (0.006399 and 0.1184 in one column), where a new smaller value
 * has more decimals but no more digits.
 */
export interface FeaturePrecision {
  /** Encoded position of the feature. */
  position: number;
  name: string;
  decimals: number;
  digits: number;
  /** The decimals most values have: what documentation would give, and what an attacker who rounds rounds to. */
  typical: number;
}

/** More significant digits than this in the training values and they are computed doubles, not recorded values: no grid. */
const MAX_RECORDED_DIGITS = 12;

/** Digits after the decimal point (0 for integers) and significant digits of a number's shortest decimal form. */
export function recordedDigits(value: number): { decimals: number; digits: number } {
  const text = String(Math.abs(value));
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const fraction = point < 0 ? 0 : mantissa.length - point - 1;
  const significant = mantissa.replace('.', '').replace(/^0+/, '');
  return { decimals: Math.max(0, fraction - exponent), digits: Math.max(1, significant.length) };
}

/** Largest |n| for which n and n ± 1 are distinct doubles: beyond, every double is an integer. */
const EXACT = 2 ** 52;

/**
 * Whether v, a double parsed from decimal text, is that text's integer: the parse and one
 * multiplication by a power of ten each err by half an ulp, so an integer n comes back within
 * about 2.3e-16·|n| of n, while a value off the grid misses by a fraction of a unit.
 */
function nearInteger(v: number): boolean {
  const a = Math.abs(v);
  if (!(a < EXACT)) return true; // also NaN and ±Infinity: not for this test to judge
  return Math.abs(v - Math.round(v)) <= 4.5e-16 * a;
}

/** v × 10^k, exact-rounded either way (negative powers of ten are not doubles: divide instead). */
function shift(v: number, k: number): number {
  return k >= 0 ? v * 10 ** k : v / 10 ** -k;
}

/** Whether a value sits on the feature's recorded grid (see FeaturePrecision). */
export function onGrid(value: number, p: FeaturePrecision): boolean {
  return nearInteger(shift(value, p.decimals)) || onDigitGrid(value, p.digits);
}

/** Whether a value has at most `digits` significant digits (0 and non-finite values do). */
function onDigitGrid(value: number, digits: number): boolean {
  if (value === 0 || !Number.isFinite(value)) return true;
  // A power of ten's log10 can come out a hair low: the exponent is then one too small, the test one digit looser.
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  return nearInteger(shift(value, digits - 1 - exponent));
}

/**
 * The grids of a list of features, ready for the per-query check: positions, and powers of ten
 * computed once (the decimal test, which settles every on-grid value of fixed-decimal data, is
 * then one multiplication).
 */
export class GridCheck {
  private readonly positions: Int32Array;
  private readonly factors: Float64Array;
  private readonly digits: Int32Array;
  constructor(readonly features: readonly FeaturePrecision[]) {
    this.positions = Int32Array.from(features, (p) => p.position);
    this.factors = Float64Array.from(features, (p) => 10 ** p.decimals);
    this.digits = Int32Array.from(features, (p) => p.digits);
  }

  /** Index (into `features`) of the first feature of x off its grid, or −1. */
  offGridFeature(x: Float64Array): number {
    for (let i = 0; i < this.positions.length; i++) {
      const value = x[this.positions[i]!]!;
      if (!nearInteger(value * this.factors[i]!) && !onDigitGrid(value, this.digits[i]!)) return i;
    }
    return -1;
  }
}

/**
 * Each numeric feature's recorded precision, from benign rows: the most decimals and the most
 * significant digits the rows have — unless one row alone is finer than every other in both
 * (real data has such one-offs: wine's colour intensity holds one 9.899999 among values of two
 * decimals), when the grid is the one the other rows define and that row lies off it. Returned
 * with `offGrid`, how many rows lie off the grid in some feature: a leave-one-out count (only a
 * row holding a maximum alone can fall off the grid of the others), so offGrid / rows estimates
 * how often a new benign row does. Values recorded at full precision (more than 12 significant
 * digits: computed, not measured) have no grid. Missing values, encoded as the column mean, are
 * not evidence and are skipped.
 */
export function learnPrecision(encoder: FeatureEncoder, rows: readonly Float64Array[]): { features: FeaturePrecision[]; offGrid: number } {
  const features: FeaturePrecision[] = [];
  const off = new Set<number>();
  let at = 0;
  for (const column of encoder.columns) {
    if (column.kind === 'categorical') {
      at += column.categories.length;
      continue;
    }
    const position = at++;
    const seen: { row: number; decimals: number; digits: number }[] = [];
    rows.forEach((r, row) => {
      const v = r[position]!;
      if (v !== column.mean && Number.isFinite(v)) seen.push({ row, ...recordedDigits(v) });
    });
    if (seen.length < 2) continue;
    const decimals = topTwo(seen.map((s) => s.decimals));
    const digits = topTwo(seen.map((s) => s.digits));
    const oneOff = seen.find((s) => s.decimals > decimals.without(s.decimals) && s.digits > digits.without(s.digits));
    const grid = oneOff ? { decimals: decimals.without(oneOff.decimals), digits: digits.without(oneOff.digits) } : { decimals: decimals.max, digits: digits.max };
    if (grid.digits > MAX_RECORDED_DIGITS) continue;
    if (oneOff) off.add(oneOff.row);
    features.push({ position, name: column.name, ...grid, typical: mostCommon(seen.map((s) => s.decimals)) });
  }
  return { features, offGrid: off.size };
}

/**
 * Half the typical recording unit of each encoded position (0 where there is no grid): how far a
 * value rounded to the data's usual decimals may lie from the value computed.
 */
export function halfUnits(width: number, features: readonly FeaturePrecision[]): Float64Array {
  const h = new Float64Array(width);
  for (const p of features) h[p.position] = 0.5 * 10 ** -p.typical;
  return h;
}

/** The most common value (the smallest of those tied). */
export function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = Infinity;
  let most = 0;
  for (const [v, n] of counts) if (n > most || (n === most && v < best)) [best, most] = [v, n];
  return best;
}

/** The maximum of a list, and the maximum without one element of a given value. */
function topTwo(values: readonly number[]): { max: number; without: (v: number) => number } {
  let max = -Infinity;
  let count = 0;
  let second = -Infinity;
  for (const v of values) {
    if (v > max) {
      second = max;
      max = v;
      count = 1;
    } else if (v === max) count++;
    else if (v > second) second = v;
  }
  return { max, without: (v) => (v === max && count === 1 ? second : max) };
}
