// A detection predicate (detect/predicate.ts: field-path leaves under all / any / not / some) as a
// SQL condition, with the predicate reading of paths (values.ts): `[*]` on a non-array reads the
// value itself, null is never reached, values compare as text.

import { parsePath, type Step as PathStep } from '../detect/path.js';
import type { Predicate } from '../detect/predicate.js';
import { checkSql } from './checks.js';
import { freshVar, type Dialect } from './dialect.js';
import { and, bool, globToLike, like, not, or, strList } from './sql-text.js';
import { anyReached, reach, reachedJsonList, reachesAny, type Reached, type Step, type ValueContext } from './values.js';

export function pathSteps(path: string): Step[] {
  return parsePath(path).map((s: PathStep): Step => ('key' in s ? { kind: 'member', name: s.key } : 'each' in s ? { kind: 'each' } : { kind: 'index', index: s.index }));
}

/** The values a predicate path reaches, from the record or (inside `some`) from one element. */
export function reachPath(ctx: ValueContext, path: string, element?: string): Reached {
  return reach(ctx, pathSteps(path), element === undefined ? undefined : { form: 'json', base: element, path: [] });
}

export function predicateSql(d: Dialect, p: Predicate, ctx: ValueContext = { d, semantics: 'predicate' }, element?: string): string {
  if ('all' in p) return and(p.all.map((q) => predicateSql(d, q, ctx, element)));
  if ('any' in p) return or(p.any.map((q) => predicateSql(d, q, ctx, element)));
  if ('not' in p) return not(predicateSql(d, p.not, ctx, element));
  if ('some' in p) {
    // One array reached: its elements; otherwise the values reached (evaluate() in predicate.ts).
    const list = reachedJsonList(ctx, reachPath(ctx, p.some, element));
    const items = `(CASE WHEN ${d.length(list)} = 1 AND ${d.is(d.at(list, '1'), ['array'])} THEN ${d.elements(d.at(list, '1'))} ELSE ${list} END)`;
    const v = freshVar('el');
    return bool(d.anyMatch(items, v, predicateSql(d, p.where, ctx, v)));
  }
  const r = reachPath(ctx, p.path, element);
  switch (p.op) {
    case 'present':
      return bool(reachesAny(ctx, r));
    case 'absent':
      return not(bool(reachesAny(ctx, r)));
    case 'in':
      // A column's NULL fails IN and LIKE by itself; JSON values go through anyReached.
      if (r.form === 'text') return bool(`${r.sql} IN (${strList(p.values)})`);
      return bool(anyReached(ctx, r, (v) => `${v.text} IN (${strList(p.values)})`));
    case 'like':
      if (r.form === 'text') return bool(or(p.values.map((g) => like(r.sql, globToLike(g)))));
      return bool(anyReached(ctx, r, (v) => or(p.values.map((g) => like(v.text, globToLike(g))))));
    case 'check':
      return bool(anyReached(ctx, r, (v) => checkSql(d, p.check, v.json)));
  }
}
