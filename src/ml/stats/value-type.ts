/** What one value is, judged the way Model Monitor (Deequ) judges a CSV field's text. */
export type ValueType = 'Integral' | 'Fractional' | 'String' | 'Missing';

/** A column's type in statistics.json / constraints.json. */
export type InferredType = 'Integral' | 'Fractional' | 'String' | 'Unknown';

export const INFERRED_TYPES: readonly InferredType[] = ['Integral', 'Fractional', 'String', 'Unknown'];

const INTEGRAL = /^[+-]?\d+$/;
const FRACTIONAL = /^[+-]?(?:\d+\.\d*|\.\d+|\d+(?=[eE]))(?:[eE][+-]?\d+)?$/;

export function valueType(v: string | number | null | undefined): ValueType {
  if (v === null || v === undefined) return 'Missing';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'Missing';
    return Number.isInteger(v) ? 'Integral' : 'Fractional';
  }
  const t = v.trim();
  if (t === '') return 'Missing';
  if (INTEGRAL.test(t)) return 'Integral';
  if (FRACTIONAL.test(t)) return 'Fractional';
  return 'String';
}

/** A column's type from its value counts: any text makes it String, any fraction Fractional. */
export function inferType(counts: { integral: number; fractional: number; string: number }): InferredType {
  if (counts.string > 0) return 'String';
  if (counts.fractional > 0) return 'Fractional';
  if (counts.integral > 0) return 'Integral';
  return 'Unknown';
}

/**
 * Whether a value of type `actual` satisfies a column declared `expected`. An integer is a valid
 * Fractional (`3` for a price); any present value is a valid String.
 */
export function satisfiesType(expected: InferredType, actual: ValueType): boolean {
  if (actual === 'Missing') return false;
  if (expected === 'String' || expected === 'Unknown') return true;
  if (expected === 'Fractional') return actual === 'Fractional' || actual === 'Integral';
  return actual === 'Integral';
}
