import { Expr, isObject, joinPath, Ref, Unknown, type Value, type ValueObject } from '../../core/value.js';

/**
 * Policy documents as inventory values: CloudFormation writes them as objects, Terraform often as
 * JSON strings (`jsonencode(...)`, heredocs) that may embed references. Either way the result is
 * an object whose strings may be `Expr`s, plus the property path of every statement.
 */

export type ParsedDocument = { state: 'parsed'; document: ValueObject } | { state: 'absent' } | { state: 'unknown'; reason: string };

export interface DocumentStatement {
  /** Property path of the statement, e.g. `Policies[0].PolicyDocument.Statement[1]`. */
  path: string;
  statement: ValueObject;
}

// Stands in for a reference inside JSON text while it is parsed; cannot occur in real policies.
const TOKEN = (i: number): string => `@@ringfence-ref-${i}@@`;
const TOKEN_RE = /@@ringfence-ref-(\d+)@@/g;

/** A document from a property value: an object, a JSON string, or a JSON string with references. */
export function parseDocument(v: Value | undefined): ParsedDocument {
  if (v === undefined || v === null || v === '') return { state: 'absent' };
  if (v instanceof Unknown) return { state: 'unknown', reason: v.reason };
  if (isObject(v)) return { state: 'parsed', document: v };
  if (typeof v === 'string') return fromJson(v, []);
  if (v instanceof Expr) {
    const refs: Ref[] = [];
    const text = v.parts.map((p) => (typeof p === 'string' ? p : (refs.push(p), TOKEN(refs.length - 1)))).join('');
    return fromJson(text, refs);
  }
  if (v instanceof Ref) return { state: 'unknown', reason: `policy document comes from ${refName(v)}` };
  return { state: 'unknown', reason: 'policy document is not an object or JSON text' };
}

function refName(r: Ref): string {
  if (r.text !== undefined) return r.text;
  const id = r.target.slice(r.target.lastIndexOf('#') + 1);
  return `\${${id}${r.attribute ? '.' + r.attribute : ''}}`;
}

function fromJson(text: string, refs: Ref[]): ParsedDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { state: 'unknown', reason: refs.length ? 'policy document is JSON text built from references that cannot be parsed before deployment' : 'policy document is not valid JSON' };
  }
  const doc = restore(raw, refs);
  return isObject(doc) ? { state: 'parsed', document: doc } : { state: 'unknown', reason: 'policy document is not a JSON object' };
}

/** Turns parsed JSON back into values, re-inserting references where their tokens stand. */
function restore(raw: unknown, refs: Ref[]): Value {
  if (typeof raw === 'string') {
    if (!refs.length || !raw.includes('@@ringfence-ref-')) return raw;
    const parts: (string | Ref)[] = [];
    let last = 0;
    for (const m of raw.matchAll(TOKEN_RE)) {
      if (m.index! > last) parts.push(raw.slice(last, m.index));
      parts.push(refs[Number(m[1])]!);
      last = m.index! + m[0].length;
    }
    if (last < raw.length) parts.push(raw.slice(last));
    return parts.length === 1 && parts[0] instanceof Ref ? parts[0] : new Expr(parts);
  }
  if (Array.isArray(raw)) return raw.map((x) => restore(x, refs));
  if (raw && typeof raw === 'object') return Object.fromEntries(Object.entries(raw).map(([k, x]) => [k, restore(x, refs)]));
  return raw as Value;
}

/** The statements of a document with their property paths; `Statement` may be one object or a list. */
export function documentStatements(document: ValueObject, documentPath: string): DocumentStatement[] | { unknown: string } {
  const s = document['Statement'];
  const base = joinPath(documentPath, 'Statement');
  if (s === undefined || s === null) return [];
  if (s instanceof Unknown) return { unknown: s.reason };
  if (isObject(s)) return [{ path: base, statement: s }];
  if (Array.isArray(s)) {
    const out: DocumentStatement[] = [];
    for (const [i, x] of s.entries()) {
      if (x instanceof Unknown) return { unknown: x.reason };
      if (isObject(x)) out.push({ path: joinPath(base, i), statement: x });
    }
    return out;
  }
  return { unknown: 'Statement is neither an object nor a list' };
}

/** `Action`, `Resource` and similar fields accept one value or a list. */
export function listOf(v: Value | undefined): Value[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}
