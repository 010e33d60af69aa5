import { Expr, Ref, Unknown, asString, isObject, referencedKeys, type Value } from '../../../core/value.js';

// Helpers for values during Terraform evaluation.

/**
 * An expression Terraform itself would reject (a missing attribute, a type mismatch). It is
 * Unknown to rules, but `try()` and `can()` can tell it apart from a value merely not known yet.
 */
export class EvalFailure extends Unknown {}

export const isFailure = (v: unknown): v is EvalFailure => v instanceof EvalFailure;

/** An Unknown carrying the resource references of the values it was derived from. */
export function unknownFrom(reason: string, ...from: (Value | undefined)[]): Unknown {
  const refs = new Set<string>();
  for (const v of from) referencedKeys(v, refs);
  return new Unknown(reason, [...refs]);
}

export function failure(reason: string, ...from: (Value | undefined)[]): EvalFailure {
  const refs = new Set<string>();
  for (const v of from) referencedKeys(v, refs);
  return new EvalFailure(reason, [...refs]);
}

/** No Unknown, Ref or Expr anywhere inside. */
export function isConcrete(v: Value | undefined): boolean {
  if (v instanceof Unknown || v instanceof Ref || v instanceof Expr) return false;
  if (Array.isArray(v)) return v.every(isConcrete);
  if (isObject(v)) return Object.values(v).every(isConcrete);
  return true;
}

export function deepEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a instanceof Ref && b instanceof Ref) return a.target === b.target && a.attribute === b.attribute && a.text === b.text;
  if (a instanceof Expr && b instanceof Expr) return a.parts.length === b.parts.length && a.parts.every((p, i) => deepEqual(p, b.parts[i]));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

export function typeName(v: Value | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Ref || v instanceof Expr) return 'string';
  if (v instanceof Unknown) return 'unknown';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/** A string, or a string assembled with references: what a template produces. */
export function isStringLike(v: Value | undefined): v is string | Ref | Expr {
  return typeof v === 'string' || v instanceof Ref || v instanceof Expr;
}

/** Concatenates strings and references, merging adjacent text; plain strings stay strings. */
export function concatParts(parts: readonly (string | Ref | Expr)[]): string | Ref | Expr {
  const flat: (string | Ref)[] = [];
  for (const p of parts) {
    if (p instanceof Expr) flat.push(...p.parts);
    else if (p instanceof Ref) flat.push(p);
    else if (p !== '') {
      const last = flat[flat.length - 1];
      if (typeof last === 'string') flat[flat.length - 1] = last + p;
      else flat.push(p);
    }
  }
  const merged: (string | Ref)[] = [];
  for (const p of flat) {
    const last = merged[merged.length - 1];
    if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
    else merged.push(p);
  }
  if (merged.length === 0) return '';
  if (merged.length === 1) return merged[0]!;
  return new Expr(merged);
}

/** A JSON value (from JSON.parse) as a Value. */
export function fromJSON(v: unknown): Value {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(fromJSON);
  if (typeof v === 'object') {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) setProp(out, k, fromJSON(x));
    return out;
  }
  return null;
}

/** A concrete Value as plain JSON data (callers check isConcrete first). */
export function toPlain(v: Value): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
  return v;
}

/** Sets a key safely: `__proto__` from user input must become a plain property, not a prototype. */
export function setProp(o: Record<string, Value>, key: string, value: Value): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/**
 * References whose text is known (a bucket with a fixed name) replaced by that text, deep.
 * For functions that compute a new value, where only the text matters.
 */
export function withKnownText(v: Value): Value {
  if (v instanceof Ref || v instanceof Expr) return asString(v) ?? v;
  if (Array.isArray(v)) return v.map(withKnownText);
  if (isObject(v)) {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) setProp(out, k, withKnownText(x));
    return out;
  }
  return v;
}
