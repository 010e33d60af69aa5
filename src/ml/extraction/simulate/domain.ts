import type { Random } from '../../models/random.js';
import type { FeatureEncoder } from '../encoding.js';
import { mostCommon, recordedDigits } from '../precision.js';

/**
 * What an attacker is assumed to know about the input space: each numeric feature's range and
 * each categorical feature's categories (public documentation of an API usually says as much).
 * Attack queries are always valid encodings: numbers inside the ranges, one category per group.
 * The decimals each feature is recorded to are public too (documentation says "in cm, to one
 * decimal": the decimals most values have): an attacker can round to them (`round`), and then
 * looks no more precise than real data.
 */
export interface FeatureDomain {
  width: number;
  /** Encoded positions of numeric features, with their ranges. */
  numeric: number[];
  min: Float64Array;
  max: Float64Array;
  /** One-hot groups: the encoded positions of each categorical feature. */
  groups: number[][];
  /** A uniformly random valid row. */
  sample(random: Random): Float64Array;
  /** Clamps numeric values into their ranges (in place). */
  clamp(x: Float64Array): Float64Array;
  /** The decimals most values of each numeric feature have (by encoded position; 0 elsewhere). */
  decimals: Int32Array;
  /** Rounds numeric values to their feature's decimals (in place). */
  round(x: Float64Array): Float64Array;
}

export function featureDomain(encoder: FeatureEncoder, rows: readonly Float64Array[]): FeatureDomain {
  const width = encoder.width;
  const numeric: number[] = [];
  const groups: number[][] = [];
  let at = 0;
  for (const c of encoder.columns) {
    if (c.kind === 'numeric') numeric.push(at++);
    else {
      groups.push(Array.from({ length: c.categories.length }, (_, k) => at + k));
      at += c.categories.length;
    }
  }
  const min = new Float64Array(width).fill(Infinity);
  const max = new Float64Array(width).fill(-Infinity);
  for (const r of rows) {
    for (const j of numeric) {
      if (r[j]! < min[j]!) min[j] = r[j]!;
      if (r[j]! > max[j]!) max[j] = r[j]!;
    }
  }
  const decimals = new Int32Array(width);
  for (const j of numeric) decimals[j] = mostCommon(rows.map((r) => recordedDigits(r[j]!).decimals));
  return {
    width,
    numeric,
    min,
    max,
    groups,
    sample(random) {
      const x = new Float64Array(width);
      for (const j of numeric) x[j] = random.uniform(min[j]!, max[j]!);
      for (const g of groups) x[g[random.int(g.length)]!] = 1;
      return x;
    },
    clamp(x) {
      for (const j of numeric) x[j] = Math.min(max[j]!, Math.max(min[j]!, x[j]!));
      return x;
    },
    decimals,
    round(x) {
      // n / 10^k rounds to the double nearest the k-decimal number, which prints with ≤ k decimals.
      for (const j of numeric) x[j] = Math.round(x[j]! * 10 ** decimals[j]!) / 10 ** decimals[j]!;
      return x;
    },
  };
}
