// A CloudWatch Logs filter pattern (its syntax tree, pattern/ast.ts) as a SQL condition over the
// CloudTrail table, with the evaluator's semantics. JSON patterns read the table's columns (and,
// on DuckDB, the raw record for fields the table has no column for). Term and space-delimited
// patterns read the event's text, which only DuckDB's view keeps: Athena refuses them.

import type { DelimitedCondition, DelimitedPattern, FilterPattern, JsonExpr, Selector, TermPattern } from '../pattern/ast.js';
import { compareSql, isValueNode } from './compare.js';
import { freshVar, SqlCompileError, type Dialect } from './dialect.js';
import { toEngineRegex } from './js-regex.js';
import { and, bool, not, or, str } from './sql-text.js';
import { anyReached, reach, reachesAny, type Reached, type Step, type ValueContext } from './values.js';

export interface PatternCondition {
  condition: string;
  /** Where SQL cannot tell apart what the evaluator does, and what it does instead. */
  notes: string[];
  /** False when a note over-approximates: SQL may match events the evaluator does not. */
  exact: boolean;
  /** The condition reads DuckDB's raw record or message columns. */
  usesRaw: boolean;
}

/** Null and absent are one NULL in a table column; the evaluator tells them apart. */
const NULL_AMBIGUITY =
  'IS NULL and NOT EXISTS on a whole column of the table both match when the field is null or absent: the table stores both as NULL (the evaluator matches IS NULL only for null and NOT EXISTS only for absent)';

export function patternCondition(pattern: FilterPattern, d: Dialect): PatternCondition {
  const ctx: ValueContext = { d, semantics: 'pattern' };
  const notes = new Set<string>();
  let exact = true;
  let usesRaw = false;
  const message = (): string => {
    if (!d.rawMessage) {
      throw new SqlCompileError(
        `${pattern.kind === 'terms' ? 'term' : 'space-delimited'} patterns match the text of the whole event, which the ${d.label} CloudTrail table does not keep; write a JSON pattern ({ $.field = value }) or use --dialect duckdb`,
      );
    }
    usesRaw = true;
    return d.rawMessage;
  };

  let condition: string;
  switch (pattern.kind) {
    case 'match-all':
      condition = 'TRUE';
      break;
    case 'terms':
      condition = termsCondition(pattern, d, message());
      break;
    case 'delimited':
      condition = delimitedCondition(pattern, d, message());
      break;
    case 'json': {
      const json = (e: JsonExpr): string => {
        switch (e.kind) {
          case 'group':
            return json(e.expr);
          case 'and':
            return and([json(e.left), json(e.right)]);
          case 'or':
            return or([json(e.left), json(e.right)]);
          case 'compare': {
            const r = reach(ctx, selectorSteps(e.selector));
            return bool(anyReached(ctx, r, (v) => and([isValueNode(v), compareSql(d, e.op, e.value, v)])));
          }
          case 'check': {
            const r = reach(ctx, selectorSteps(e.selector));
            if (nullAmbiguous(r) && (e.check === 'is-null' || e.check === 'not-exists')) {
              notes.add(NULL_AMBIGUITY);
              exact = false;
              if (r.form === 'text-list') {
                const v = freshVar('t');
                return e.check === 'is-null' ? bool(d.anyMatch(r.sql, v, `${v} IS NULL`)) : not(bool(reachesAny(ctx, r)));
              }
              return `${columnSql(r)} IS NULL`;
            }
            if (e.check === 'not-exists') return not(bool(reachesAny(ctx, r)));
            if (e.check === 'is-null') return bool(anyReached(ctx, r, (v) => v.is(['null'])));
            const b = e.check === 'is-true' ? 'true' : 'false';
            return bool(
              anyReached(ctx, r, (v) =>
                and([v.is(['boolean']), `${v.text} = '${b}'`]),
              ),
            );
          }
        }
      };
      condition = json(pattern.expr);
      usesRaw = usesRaw || Boolean(ctx.usedRaw);
      break;
    }
  }
  return { condition, notes: [...notes], exact, usesRaw };
}

export function selectorSteps(selector: Selector): Step[] {
  return selector.steps.map((s) => (s.kind === 'member' ? { kind: 'member', name: s.name } : s.kind === 'index' ? { kind: 'index', index: s.index } : s.kind === 'any-index' ? { kind: 'each' } : { kind: 'each-member' }));
}

/** A whole column, or a struct's field, where NULL stands for both null and absent. */
function nullAmbiguous(r: Reached): boolean {
  return r.form === 'text' || r.form === 'text-list' || r.form === 'struct' || r.form === 'struct-array' || (r.form === 'json' && r.path.length === 0 && r.column !== undefined);
}

function columnSql(r: Reached): string {
  if (r.form === 'json') return r.base;
  if (r.form === 'text' || r.form === 'struct' || r.form === 'struct-array') return r.sql;
  throw new Error(`no single column for ${r.form}`);
}

// ---------------------------------------------------------------------------------------------
// Terms: case-sensitive substrings (or regexes) of the message.

function termsCondition(pattern: TermPattern, d: Dialect, message: string): string {
  const test = (t: TermPattern['terms'][number]): string => {
    if (t.value.kind === 'regex') return d.regexMatch(message, toEngineRegex(t.value.source, { filterPattern: true }));
    return t.value.text === '' ? 'TRUE' : d.includes(message, str(t.value.text));
  };
  const required = pattern.terms.filter((t) => t.mode === 'required').map(test);
  const optional = pattern.terms.filter((t) => t.mode === 'optional').map(test);
  const excluded = pattern.terms.filter((t) => t.mode === 'excluded').map(test);
  // `?` terms decide only when nothing is required (as the evaluator does).
  const useOptional = required.length === 0 && optional.length > 0;
  return and([...required, ...excluded.map((x) => not(bool(x))), useOptional ? or(optional) : 'TRUE']);
}

// ---------------------------------------------------------------------------------------------
// Space-delimited: the message split into fields as CloudWatch does (delimited-fields.ts), then an
// assignment of the fields to the slots, `...` taking any number of them.

/** One field: a double-quoted run (escapes kept), a [bracketed] run, or a run of non-spaces. */
const FIELD = String.raw`"(?:[^"\\]|\\[\s\S]|\\$)*"?|\[[^\]]*\]?|[^ \t\n\r"\[][^ \t\n\r]*`;

function delimitedCondition(pattern: DelimitedPattern, d: Dialect, message: string): string {
  const f = freshVar('f');
  const unwrap = `(CASE WHEN ${d.startsWith(f, `'"'`)} THEN ${d.regexGroup(f, String.raw`^"((?:[^"\\]|\\[\s\S]|\\$)*)"?$`, 1)} WHEN ${d.startsWith(f, `'['`)} THEN ${d.regexGroup(f, String.raw`^\[([^\]]*)\]?$`, 1)} ELSE ${f} END)`;
  // The fields are split once and bound to a name; every slot and existential reads that name.
  const fields = freshVar('fields');
  const n = d.length(fields);

  // Slots in segments between the ellipses; segment i starts at start[i] (1-based field index).
  const segments: { slots: { name?: string; condition?: DelimitedCondition; index: number }[] }[] = [{ slots: [] }];
  pattern.fields.forEach((s, index) => {
    if (s.kind === 'ellipsis') segments.push({ slots: [] });
    else segments[segments.length - 1]!.slots.push({ ...(s.name !== undefined ? { name: s.name } : {}), ...(s.condition ? { condition: s.condition } : {}), index });
  });
  const lengths = segments.map((s) => s.slots.length);
  const total = lengths.reduce((a, b) => a + b, 0);
  const k = segments.length - 1;
  const starts: string[] = new Array<string>(segments.length);
  starts[0] = '1';
  if (k > 0) starts[k] = `(${n} - ${lengths[k]} + 1)`;
  const middleVars = segments.slice(1, k).map(() => freshVar('p'));
  middleVars.forEach((v, i) => (starts[i + 1] = v));

  const position = new Map<string, string>();
  const segmentOf = new Map<string, number>();
  segments.forEach((seg, si) =>
    seg.slots.forEach((slot, j) => {
      if (slot.name === undefined) return;
      position.set(slot.name, `(${starts[si]} + ${j})`);
      segmentOf.set(slot.name, si);
    }),
  );
  const fieldAt = (pos: string) => d.at(fields, pos);
  const condition = (c: DelimitedCondition): string => {
    if (c.kind === 'and') return and([condition(c.left), condition(c.right)]);
    if (c.kind === 'or') return or([condition(c.left), condition(c.right)]);
    const v = fieldAt(position.get(c.field)!);
    return bool(`${v} IS NOT NULL AND ${compareSql(d, c.op, c.value, { is: (kinds) => (kinds.includes('string') ? 'TRUE' : 'FALSE'), constKind: 'string', text: v, json: d.textToJson(v) })}`);
  };
  // Each condition is tested as soon as the segments it reads are placed (the anchored first and
  // last segments count as placed from the start), so impossible placements are cut early.
  const byLevel: string[][] = segments.map(() => []);
  for (const seg of segments) {
    for (const slot of seg.slots) {
      if (!slot.condition) continue;
      const level = Math.max(0, ...namesOf(slot.condition).map((name) => middleLevel(segmentOf.get(name)!, k)));
      byLevel[level]!.push(condition(slot.condition));
    }
  }

  const split = d.transform(d.regexAll(message, FIELD), f, unwrap);
  if (k === 0) return bool(d.bind(split, fields, and([`${n} = ${total}`, ...byLevel[0]!])));
  // Nest one existential per middle segment, lowest start first; the last segment is anchored at the end.
  let body = 'TRUE';
  for (let i = k - 1; i >= 1; i--) {
    const v = middleVars[i - 1]!;
    const lo = `(${starts[i - 1]} + ${lengths[i - 1]})`;
    const rest = lengths.slice(i).reduce((a, b) => a + b, 0);
    const hi = `(${n} - ${rest} + 1)`;
    const inner = and([...byLevel[i]!, body]);
    body = d.anyMatch(d.range(lo, hi), v, inner);
  }
  return bool(d.bind(split, fields, and([`${n} >= ${total}`, ...byLevel[0]!, body])));
}

/** Middle segments are levels 1 … k-1; the anchored first (0) and last (k) are known at level 0. */
function middleLevel(segment: number, k: number): number {
  return segment === k ? 0 : segment;
}

function namesOf(c: DelimitedCondition): string[] {
  return c.kind === 'compare' ? [c.field] : [...namesOf(c.left), ...namesOf(c.right)];
}
