/**
 * The shape of a JSON value: object keys (sorted) with their shapes, arrays as the shape of their
 * first element, scalars as their type. Two files with equal shapes have the same structure.
 */
export function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? ['(empty)'] : [shape(v[0])];
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, shape((v as Record<string, unknown>)[k])]),
    );
  }
  return v === null ? 'null' : typeof v;
}
