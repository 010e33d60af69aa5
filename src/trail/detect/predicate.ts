// Per-record conditions as data, so the same table runs here and compiles to SQL (DuckDB, Athena).
//
// Leaves compare the values a field path reaches (see path.ts); with `[*]` in a path a leaf holds
// when ANY reached value satisfies it, and `absent` holds when the path reaches nothing (missing or
// null). Values compare as text (`false` matches the JSON boolean and the string), case-sensitive.
// `like` patterns use `*` for any run of characters, as CloudWatch filter patterns do. `some` is a
// correlated quantifier: one element of the array at `some` must satisfy `where`, whose paths are
// relative to that element. `check` names a function of one value that is not expressible as a
// comparison (decode base64, parse a policy document); CHECKS documents each one for SQL engines.

import { CHECKS, type CheckId } from './checks.js';
import { scalarText, valuesAt } from './path.js';

export type Leaf =
  | { path: string; op: 'in'; values: readonly string[] }
  | { path: string; op: 'like'; values: readonly string[] }
  | { path: string; op: 'present' }
  | { path: string; op: 'absent' }
  | { path: string; op: 'check'; check: CheckId };

export type Predicate =
  | Leaf
  | { all: readonly Predicate[] }
  | { any: readonly Predicate[] }
  | { not: Predicate }
  | { some: string; where: Predicate };

export const eq = (path: string, value: string): Leaf => ({ path, op: 'in', values: [value] });
export const oneOf = (path: string, ...values: string[]): Leaf => ({ path, op: 'in', values });
export const like = (path: string, ...patterns: string[]): Leaf => ({ path, op: 'like', values: patterns });
export const present = (path: string): Leaf => ({ path, op: 'present' });
export const absent = (path: string): Leaf => ({ path, op: 'absent' });
export const check = (path: string, id: CheckId): Leaf => ({ path, op: 'check', check: id });
export const all = (...predicates: Predicate[]): Predicate => ({ all: predicates });
export const any = (...predicates: Predicate[]): Predicate => ({ any: predicates });
export const not = (predicate: Predicate): Predicate => ({ not: predicate });
export const some = (path: string, where: Predicate): Predicate => ({ some: path, where });

const globs = new Map<string, RegExp>();

/** `*`-wildcard pattern as an anchored regular expression (cached: tables reuse few patterns). */
export function globRegExp(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    const body = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*');
    re = new RegExp(`^${body}$`);
    globs.set(pattern, re);
  }
  return re;
}

/**
 * Evaluates a predicate on a record (or, inside `some`, an element). When `evidence` is given,
 * the leaves that made it true append what they saw: `requestParameters.rootAccess = Enabled`.
 */
export function evaluate(p: Predicate, root: unknown, evidence?: string[]): boolean {
  if ('all' in p) {
    const mark = evidence?.length ?? 0;
    for (const q of p.all) {
      if (!evaluate(q, root, evidence)) {
        if (evidence) evidence.length = mark;
        return false;
      }
    }
    return true;
  }
  if ('any' in p) {
    let hit = false;
    // Every true branch reports, so a message names each reason (e.g. two flags turned off).
    for (const q of p.any) if (evaluate(q, root, evidence)) hit = true;
    return hit;
  }
  if ('not' in p) {
    if (evaluate(p.not, root)) return false;
    evidence?.push(negationEvidence(p.not, root));
    return true;
  }
  if ('some' in p) {
    const items = valuesAt(root, p.some);
    const list = items.length === 1 && Array.isArray(items[0]) ? (items[0] as unknown[]) : items;
    for (let i = 0; i < list.length; i++) {
      const inner = evidence ? [] : undefined;
      if (evaluate(p.where, list[i], inner)) {
        if (evidence && inner) evidence.push(...inner.map((e) => `${p.some}[${i}].${e}`));
        return true;
      }
    }
    return false;
  }
  return evaluateLeaf(p, root, evidence);
}

function evaluateLeaf(leaf: Leaf, root: unknown, evidence: string[] | undefined): boolean {
  const values = valuesAt(root, leaf.path);
  switch (leaf.op) {
    case 'absent':
      if (values.length > 0) return false;
      evidence?.push(`${leaf.path} absent`);
      return true;
    case 'present': {
      if (values.length === 0) return false;
      const t = scalarText(values[0]);
      evidence?.push(t === undefined ? `${leaf.path} present` : `${leaf.path} = ${show(t)}`);
      return true;
    }
    case 'in':
      for (const v of values) {
        const t = scalarText(v);
        if (t !== undefined && leaf.values.includes(t)) {
          evidence?.push(`${leaf.path} = ${show(v)}`);
          return true;
        }
      }
      return false;
    case 'like':
      for (const v of values) {
        const t = scalarText(v);
        if (t !== undefined && leaf.values.some((pattern) => globRegExp(pattern).test(t))) {
          evidence?.push(`${leaf.path} = ${show(v)}`);
          return true;
        }
      }
      return false;
    case 'check':
      for (const v of values) {
        const found = CHECKS[leaf.check].test(v);
        if (found !== undefined) {
          evidence?.push(`${leaf.path}: ${found}`);
          return true;
        }
      }
      return false;
  }
}

/** What a false predicate looked like, for `not`: the actual value rather than the negated rule. */
function negationEvidence(p: Predicate, root: unknown): string {
  if ('path' in p && (p.op === 'in' || p.op === 'like' || p.op === 'present')) {
    const values = valuesAt(root, p.path);
    return values.length === 0 ? `${p.path} absent` : `${p.path} = ${show(values[0])}`;
  }
  if ('some' in p) return `no ${p.some}[*] has (${describe(p.where)})`;
  return `not (${describe(p)})`;
}

/** Short, JSON-like text of a value for messages; long values are cut. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The predicate as readable text: `eventName in (StopLogging) and errorCode absent`. */
export function describe(p: Predicate): string {
  if ('all' in p) return p.all.map((q) => wrap(q, 'all')).join(' and ');
  if ('any' in p) return p.any.map((q) => wrap(q, 'any')).join(' or ');
  if ('not' in p) return `not ${wrap(p.not, 'not')}`;
  if ('some' in p) return `some ${p.some}[*] has (${describe(p.where)})`;
  switch (p.op) {
    case 'absent':
      return `${p.path} absent`;
    case 'present':
      return `${p.path} present`;
    case 'in':
      return p.values.length === 1 ? `${p.path} = ${JSON.stringify(p.values[0])}` : `${p.path} in (${p.values.map((v) => JSON.stringify(v)).join(', ')})`;
    case 'like':
      return `${p.path} like ${p.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'check':
      return `${p.check}(${p.path})`;
  }
}

function wrap(p: Predicate, parent: 'all' | 'any' | 'not'): string {
  const text = describe(p);
  const compound = 'all' in p || 'any' in p;
  return compound && (parent !== 'all' || 'any' in p) ? `(${text})` : text;
}
