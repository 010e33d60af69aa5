// The values a field path reaches in a CloudTrail record, as SQL. A path starts at a column of the
// table (schema.ts) and walks into structs, arrays of structs and JSON text; wildcards turn one
// value into a list. Two readings of paths exist and both are kept exact:
//
//  - `pattern` (CloudWatch filter patterns): `[*]` reads arrays only, `.*` the members of an object
//    (or the elements of an array), and a JSON null counts as reached;
//  - `predicate` (detection tables, path.ts): `[*]` on a non-array reads the value itself, and
//    null is never reached.
//
// A path into a field the table has no column for is refused for Athena; DuckDB's view keeps the
// whole record (`_json`) and reads such paths from it.

import { freshVar, SqlCompileError, type Dialect, type JsonKind, type PathStep } from './dialect.js';
import { CLOUDTRAIL_COLUMNS, type FieldSchema } from './schema.js';

export type Step = { kind: 'member'; name: string } | { kind: 'index'; index: number } | { kind: 'each' } | { kind: 'each-member' };
export type Semantics = 'pattern' | 'predicate';

type Fields = Readonly<Record<string, FieldSchema>>;

/** What a path reaches: nothing, one value, or a list of values (after a wildcard). */
export type Reached =
  | { form: 'none' }
  /** One string (or boolean-as-text) column value; SQL NULL means nothing. */
  | { form: 'text'; sql: string; type: 'string' | 'boolean' }
  /** One JSON value; SQL NULL means nothing. `column` when it is a whole json-text column. */
  | { form: 'json'; base: string; path: PathStep[]; column?: string }
  /** One struct (an object); NULL means nothing. */
  | { form: 'struct'; sql: string; fields: Fields; column?: string }
  /** One array of structs. */
  | { form: 'struct-array'; sql: string; fields: Fields }
  /** Several values. */
  | { form: 'text-list'; sql: string }
  | { form: 'struct-list'; sql: string; fields: Fields }
  | { form: 'json-list'; sql: string };

export interface ValueContext {
  d: Dialect;
  semantics: Semantics;
  /** Set when the record's raw JSON was needed (DuckDB only). */
  usedRaw?: boolean;
}

const NONE: Reached = { form: 'none' };

/** `$.a.b[0]` / `a.b[*]` for messages. */
export function pathText(steps: readonly Step[]): string {
  return steps.map((s, i) => (s.kind === 'member' ? `${i ? '.' : ''}${s.name}` : s.kind === 'index' ? `[${s.index}]` : s.kind === 'each' ? '[*]' : `${i ? '.' : ''}*`)).join('');
}

/** The values `steps` reach from a record of the table (or, with `from`, from a JSON value). */
export function reach(ctx: ValueContext, steps: readonly Step[], from?: Reached): Reached {
  let cur: Reached;
  let rest = steps;
  if (from) {
    cur = from;
  } else if (insideSchema(steps, ctx.semantics)) {
    const first = steps[0] as { kind: 'member'; name: string };
    cur = ofField(CLOUDTRAIL_COLUMNS[first.name]!, '', true);
    rest = steps.slice(1);
  } else if (ctx.d.rawRecord) {
    ctx.usedRaw = true;
    cur = { form: 'json', base: ctx.d.rawRecord, path: [] };
  } else {
    throw new SqlCompileError(
      `${pathText(steps) || '$'} is not a column of the Athena CloudTrail table (see \`ringfence trail sql --ddl\`); only DuckDB, which keeps each whole record, can read it`,
    );
  }
  for (const s of rest) cur = step(ctx, cur, s);
  return cur;
}

/** Whether the table's columns can answer the path exactly (no key outside the DDL). */
function insideSchema(steps: readonly Step[], semantics: Semantics): boolean {
  const first = steps[0];
  if (!first || first.kind !== 'member' || !Object.prototype.hasOwnProperty.call(CLOUDTRAIL_COLUMNS, first.name)) return false;
  let f: FieldSchema | 'done' = CLOUDTRAIL_COLUMNS[first.name]!;
  for (const s of steps.slice(1)) {
    if (f === 'done') return true; // below a scalar or nothing: the steps reach nothing, whatever they are
    switch (f.kind) {
      case 'json-text':
        return true;
      case 'text':
      case 'boolean-text':
        f = 'done';
        break;
      case 'struct':
        if (s.kind === 'member') {
          if (!Object.prototype.hasOwnProperty.call(f.fields, s.name)) return false;
          f = f.fields[s.name]!;
        } else if (s.kind === 'each-member') {
          return false; // the members the DDL leaves out are not in the table
        } else if (!(s.kind === 'each' && semantics === 'predicate')) {
          f = 'done';
        }
        break;
      case 'struct-list':
        f = s.kind === 'member' ? 'done' : { kind: 'struct', column: '', fields: f.fields };
        break;
    }
  }
  return true;
}

function ofField(f: FieldSchema, parent: string, top: boolean): Reached {
  const sql = parent ? `${parent}.${f.column}` : f.column;
  switch (f.kind) {
    case 'text':
      return { form: 'text', sql, type: 'string' };
    case 'boolean-text':
      return { form: 'text', sql, type: 'boolean' };
    case 'json-text':
      return { form: 'json', base: sql, path: [], ...(top ? { column: f.column } : {}) };
    case 'struct':
      return { form: 'struct', sql, fields: f.fields, ...(top ? { column: f.column } : {}) };
    case 'struct-list':
      return { form: 'struct-array', sql, fields: f.fields };
  }
}

function step(ctx: ValueContext, cur: Reached, s: Step): Reached {
  const { d, semantics } = ctx;
  const lenient = semantics === 'predicate';
  switch (cur.form) {
    case 'none':
      return NONE;
    case 'text':
    case 'text-list':
      // A scalar has no members or elements; the predicate reading takes `x[*]` as x.
      return s.kind === 'each' && lenient ? cur : NONE;
    case 'struct':
      if (s.kind === 'member') {
        const f = cur.fields[s.name];
        return f ? ofField(f, cur.sql, false) : NONE;
      }
      return s.kind === 'each' && lenient ? cur : NONE;
    case 'struct-array':
      if (s.kind === 'index') return { form: 'struct', sql: d.at(cur.sql, String(s.index + 1)), fields: cur.fields };
      if (s.kind === 'each' || s.kind === 'each-member') return { form: 'struct-list', sql: cur.sql, fields: cur.fields };
      return NONE;
    case 'struct-list': {
      if (s.kind !== 'member') return s.kind === 'each' && lenient ? cur : NONE;
      const f = cur.fields[s.name];
      if (!f || (f.kind !== 'text' && f.kind !== 'boolean-text')) return NONE;
      const v = freshVar('r');
      return { form: 'text-list', sql: d.transform(cur.sql, v, `${v}.${f.column}`) };
    }
    case 'json':
      if (s.kind === 'member' || s.kind === 'index') return { form: 'json', base: cur.base, path: [...cur.path, s.kind === 'member' ? s.name : s.index] };
      return { form: 'json-list', sql: expand(ctx, jsonSql(d, cur), s.kind) };
    case 'json-list': {
      const v = freshVar('j');
      if (s.kind === 'member' || s.kind === 'index') {
        const picked = d.transform(cur.sql, v, d.extract(v, [s.kind === 'member' ? s.name : s.index]));
        const w = freshVar('j');
        return { form: 'json-list', sql: d.filter(picked, w, `${w} IS NOT NULL`) };
      }
      return { form: 'json-list', sql: d.flatten(d.transform(cur.sql, v, expand(ctx, v, s.kind))) };
    }
  }
}

/** The values one wildcard step yields from one JSON value. */
function expand(ctx: ValueContext, json: string, kind: 'each' | 'each-member'): string {
  const { d } = ctx;
  if (kind === 'each-member') return d.memberValues(json);
  if (ctx.semantics === 'pattern') return d.elements(json);
  // Predicate reading: an array gives its elements, anything else itself (once).
  return `(CASE WHEN ${json} IS NULL THEN ${d.list([], 'JSON')} WHEN ${d.is(json, ['array'])} THEN ${d.elements(json)} ELSE ${d.list([json], 'JSON')} END)`;
}

export function jsonSql(d: Dialect, r: { base: string; path: PathStep[] }): string {
  return d.extract(r.base, r.path);
}

/** One reached value, as a leaf sees it: its kind, its text and its JSON, as SQL. */
export interface Elem {
  /** SQL: the value is of one of these kinds. */
  is(kinds: readonly JsonKind[]): string;
  /** Set when the column's type decides the kind. */
  constKind?: 'string' | 'boolean' | 'object' | 'array';
  /** SQL text of a scalar (NULL for null, objects, arrays). */
  text: string;
  /** SQL of the value as JSON, for checks that look inside. */
  json: string;
}

function jsonElem(d: Dialect, v: string): Elem {
  return { is: (kinds) => d.is(v, kinds), text: d.scalarText(v), json: v };
}

function textElem(d: Dialect, v: string, type: 'string' | 'boolean'): Elem {
  return { is: (kinds) => (kinds.includes(type) ? 'TRUE' : 'FALSE'), constKind: type, text: v, json: type === 'boolean' ? d.parseJson(v) : d.textToJson(v) };
}

function structElem(d: Dialect): Elem {
  return { is: (kinds) => (kinds.includes('object') ? 'TRUE' : 'FALSE'), constKind: 'object', text: 'CAST(NULL AS VARCHAR)', json: d.jsonNull };
}

/**
 * A condition true when some reached value satisfies `test`. In the predicate reading null is
 * never reached, so JSON nulls are skipped before `test` sees them.
 */
export function anyReached(ctx: ValueContext, r: Reached, test: (e: Elem) => string): string {
  const { d } = ctx;
  const skipNull = ctx.semantics === 'predicate';
  switch (r.form) {
    case 'none':
      return 'FALSE';
    case 'text':
      return `(${r.sql} IS NOT NULL AND ${test(textElem(d, r.sql, r.type))})`;
    case 'text-list': {
      const v = freshVar('t');
      return d.anyMatch(r.sql, v, `${v} IS NOT NULL AND ${test(textElem(d, v, 'string'))}`);
    }
    case 'struct':
      return `(${r.sql} IS NOT NULL AND ${test(structElem(d))})`;
    case 'struct-array':
      return `(${r.sql} IS NOT NULL AND ${test({ is: (kinds) => (kinds.includes('array') ? 'TRUE' : 'FALSE'), constKind: 'array', text: 'CAST(NULL AS VARCHAR)', json: d.jsonNull })})`;
    case 'struct-list': {
      const v = freshVar('s');
      return d.anyMatch(r.sql, v, `${v} IS NOT NULL AND ${test(structElem(d))}`);
    }
    case 'json': {
      // The value is bound once, so its tests do not extract it again and again.
      const v = freshVar('v');
      const e = jsonElem(d, v);
      return d.bind(jsonSql(d, r), v, `${v} IS NOT NULL${skipNull ? ` AND NOT ${e.is(['null'])}` : ''} AND ${test(e)}`);
    }
    case 'json-list': {
      const v = freshVar('j');
      const e = jsonElem(d, v);
      return d.anyMatch(r.sql, v, `${skipNull ? `NOT ${e.is(['null'])} AND ` : ''}${test(e)}`);
    }
  }
}

/** A condition true when the path reaches at least one value (null counts only in the pattern reading). */
export function reachesAny(ctx: ValueContext, r: Reached): string {
  if (r.form === 'text' || r.form === 'struct' || r.form === 'struct-array') return `${r.sql} IS NOT NULL`;
  return anyReached(ctx, r, () => 'TRUE');
}

/** The reached values as a SQL list of JSON (predicate reading: nulls dropped), for `some`. */
export function reachedJsonList(ctx: ValueContext, r: Reached): string {
  const { d } = ctx;
  const skipNull = ctx.semantics === 'predicate';
  switch (r.form) {
    case 'none':
      return d.list([], 'JSON');
    case 'json': {
      const v = jsonSql(d, r);
      return `(CASE WHEN ${v} IS NULL${skipNull ? ` OR ${d.is(v, ['null'])}` : ''} THEN ${d.list([], 'JSON')} ELSE ${d.list([v], 'JSON')} END)`;
    }
    case 'json-list': {
      if (!skipNull) return r.sql;
      const v = freshVar('j');
      return d.filter(r.sql, v, `NOT ${d.is(v, ['null'])}`);
    }
    default:
      throw new SqlCompileError(`a list quantifier over a typed column (${r.form}) is not supported`);
  }
}

/** The first reached scalar's text (predicate reading), for names of resources and keys. */
export function firstText(ctx: ValueContext, r: Reached): string {
  const { d } = ctx;
  switch (r.form) {
    case 'none':
    case 'struct':
    case 'struct-array':
    case 'struct-list':
      return 'CAST(NULL AS VARCHAR)';
    case 'text':
      return r.sql;
    case 'text-list': {
      const v = freshVar('t');
      return d.at(d.filter(r.sql, v, `${v} IS NOT NULL`), '1');
    }
    case 'json':
      return d.scalarAt(r.base, r.path);
    case 'json-list': {
      const v = freshVar('j');
      const texts = d.transform(r.sql, v, d.scalarText(v));
      const w = freshVar('t');
      return d.at(d.filter(texts, w, `${w} IS NOT NULL`), '1');
    }
  }
}
