/**
 * Canonical JSON: the exact bytes a manifest signature covers. It follows RFC 8785 (JSON
 * Canonicalization Scheme) for the values a manifest holds: object keys sorted by UTF-16 code
 * units, no whitespace, strings and numbers as ECMAScript's JSON.stringify writes them (which is
 * what RFC 8785 specifies). Keys whose value is `undefined` are left out, as JSON.stringify does.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

export function canonicalJson(value: Json): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    // NaN and Infinity have no JSON form; a manifest never holds them, so meeting one is a bug.
    if (!Number.isFinite(value)) throw new Error(`canonical JSON cannot represent ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Default sort compares UTF-16 code units, which is RFC 8785's key order.
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as Json)}`).join(',')}}`;
}

/** The canonical text as UTF-8 bytes: what is signed and verified. */
export function canonicalBytes(value: Json): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
