// The two SQL engines the compiler writes for, as one small table of differences: JSON paths and
// functions, list functions and lambdas, regular expressions, time. Everything else (the logic
// of patterns and detections) is written once, in terms of these.
//
// JSON values in generated SQL are of the engine's JSON type; SQL NULL means "not there". Lists
// of JSON values never hold SQL NULL: a JSON null element is kept as the JSON value null.

import { str } from './sql-text.js';

export const DIALECTS = ['duckdb', 'athena'] as const;
export type DialectName = (typeof DIALECTS)[number];

export type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
const KINDS: readonly JsonKind[] = ['string', 'number', 'boolean', 'null', 'object', 'array'];

/** `expr IN (codes of kinds)`, with numbers written as "none of the other kinds" (their codes vary). */
function kindTest(expr: string, kinds: readonly JsonKind[], codes: Record<Exclude<JsonKind, 'number'>, string[]>): string {
  const codesOf = (ks: readonly JsonKind[]) => ks.flatMap((k) => (k === 'number' ? [] : codes[k]));
  if (!kinds.includes('number')) return `${expr} IN (${codesOf(kinds).map(str).join(', ')})`;
  const others = KINDS.filter((k) => !kinds.includes(k));
  return others.length ? `${expr} NOT IN (${codesOf(others).map(str).join(', ')})` : `${expr} IS NOT NULL`;
}

/** One step of a JSON path that needs no wildcard: a key or an array index. */
export type PathStep = string | number;

export interface Dialect {
  name: DialectName;
  label: string;
  /** The JSON value at a path, or NULL when the path reaches nothing. */
  extract(json: string, steps: readonly PathStep[]): string;
  /** Whether a JSON value is of one of these kinds (NULL for SQL NULL). */
  is(json: string, kinds: readonly JsonKind[]): string;
  /** The text of a string, number or boolean (`true`, `42`); NULL for null, objects, arrays. */
  scalarText(json: string): string;
  /** scalarText of the value at a path. */
  scalarAt(json: string, steps: readonly PathStep[]): string;
  /** The elements of an array (JSON nulls kept as JSON null); an empty list for anything else. */
  elements(json: string): string;
  /** The values of an object's members (or an array's elements); an empty list for anything else. */
  memberValues(json: string): string;
  /** The keys of an object as a list of VARCHAR; empty for anything else. */
  keys(json: string): string;
  /**
   * The children of a JSON value as a list of (k, v, u): an object's members (k its key, u is
   * `under` or `flag(k)`), an array's elements (k NULL, u is `under`); empty for a scalar.
   */
  children(json: string, under: string, flag: (key: string) => string): string;
  /** Text parsed as JSON, or NULL when it is not JSON. */
  parseJson(text: string): string;
  /** A VARCHAR as a JSON string value. */
  textToJson(text: string): string;
  /** The JSON value null. */
  jsonNull: string;
  /** `[a, b]` / `ARRAY[a, b]`; `type` (VARCHAR, JSON) only matters for an empty list. */
  list(items: readonly string[], type: 'VARCHAR' | 'JSON' | 'BIGINT'): string;
  /** `body` with `v` bound to the value of `expr`, which is computed once. */
  bind(expr: string, v: string, body: string): string;
  anyMatch(list: string, v: string, body: string): string;
  filter(list: string, v: string, body: string): string;
  transform(list: string, v: string, body: string): string;
  flatten(listOfLists: string): string;
  length(list: string): string;
  /** Element `i` (1-based) or NULL when out of range. */
  at(list: string, i: string): string;
  contains(list: string, value: string): string;
  /** The distinct values of a list, sorted. */
  sortedDistinct(list: string): string;
  /** A list of VARCHAR joined with `sep`. */
  join(list: string, sep: string): string;
  /** Whether `pattern` (this engine's regex syntax) matches anywhere in `text`. */
  regexMatch(text: string, pattern: string): string;
  /** Every match of `pattern` in `text`, as a list of VARCHAR. */
  regexAll(text: string, pattern: string): string;
  /** Group `group` of the first match, or '' / NULL when none. */
  regexGroup(text: string, pattern: string, group: number): string;
  /** Replaces every match; `replacement` refers to groups with groupRef. */
  regexReplaceAll(text: string, pattern: string, replacement: string): string;
  groupRef(n: number): string;
  /** The integers lo..hi (inclusive) as a list; empty when hi < lo. */
  range(lo: string, hi: string): string;
  /** Whether `sub` occurs in `text`. */
  includes(text: string, sub: string): string;
  /** Engine regex syntax for the end of the text (Java's `$` also matches before a final newline). */
  endOfText: string;
  urlDecode(text: string): string;
  /** Base64 text decoded and read as UTF-8, or NULL when either step fails. */
  base64Utf8(text: string): string;
  toDouble(text: string): string;
  /** Milliseconds since the epoch of a CloudTrail eventTime, NULL when it is not a time. */
  epochMs(time: string): string;
  /** `YYYY-MM-DDTHH:MM:SSZ` of milliseconds since the epoch. */
  isoSeconds(ms: string): string;
  startsWith(text: string, prefix: string): string;
  /** The order records arrived in, as one comparable value per record. */
  seq: string;
  /** Where a record came from: file, 0-based index in the file, line. */
  source: { file: string; index: string; line: string };
  /** The whole record as JSON, for what the table has no column for (DuckDB's view keeps it). */
  rawRecord?: string;
  /** The whole record as CloudWatch Logs would hold it (compact JSON text). */
  rawMessage?: string;
  /** The row-sequence logic of one-alert-then-quiet (see chain.ts) differs by engine. */
  chain: 'recursive' | 'match-recognize';
}

let lambdaCounter = 0;
/** A fresh lambda variable name, so nested lambdas never shadow each other. */
export function freshVar(prefix = 'x'): string {
  lambdaCounter = (lambdaCounter + 1) % 1_000_000;
  return `${prefix}${lambdaCounter}`;
}

function checkKey(key: string): void {
  if (/["\\]/.test(key)) throw new SqlCompileError(`the JSON key ${JSON.stringify(key)} holds a quote or backslash, which no JSON path of the SQL engines can name`);
}

/** A pattern or detection that cannot be expressed in SQL for an engine. */
export class SqlCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlCompileError';
  }
}

const DUCKDB_TYPES = { string: ['VARCHAR'], boolean: ['BOOLEAN'], null: ['NULL'], object: ['OBJECT'], array: ['ARRAY'] };

export const DUCKDB: Dialect = {
  name: 'duckdb',
  label: 'DuckDB',
  extract: (json, steps) => {
    if (steps.length === 0) return json;
    const path = steps.map((s) => (typeof s === 'number' ? `[${s}]` : (checkKey(s), `."${s}"`))).join('');
    return `json_extract(${json}, ${str('$' + path)})`;
  },
  is: (json, kinds) => kindTest(`json_type(${json})`, kinds, DUCKDB_TYPES),
  scalarText: (json) => `(CASE WHEN json_type(${json}) NOT IN ('OBJECT', 'ARRAY', 'NULL') THEN json_extract_string(${json}, '$') END)`,
  scalarAt: (json, steps) => DUCKDB.scalarText(DUCKDB.extract(json, steps)),
  elements: (json) => `coalesce(list_transform(TRY_CAST(${json} AS JSON[]), lambda e: coalesce(e, 'null'::JSON)), []::JSON[])`,
  memberValues: (json) =>
    `coalesce(list_transform(map_values(TRY_CAST(${json} AS MAP(VARCHAR, JSON))), lambda e: coalesce(e, 'null'::JSON)), list_transform(TRY_CAST(${json} AS JSON[]), lambda e: coalesce(e, 'null'::JSON)), []::JSON[])`,
  keys: (json) => `coalesce(map_keys(TRY_CAST(${json} AS MAP(VARCHAR, JSON))), []::VARCHAR[])`,
  children: (json, under, flag) =>
    `(CASE json_type(${json}) WHEN 'OBJECT' THEN list_transform(map_entries(TRY_CAST(${json} AS MAP(VARCHAR, JSON))), lambda m: {'k': m.key, 'v': coalesce(m.value, 'null'::JSON), 'u': (${under}) OR (${flag('m.key')})}) ` +
    `WHEN 'ARRAY' THEN list_transform(TRY_CAST(${json} AS JSON[]), lambda e: {'k': NULL::VARCHAR, 'v': coalesce(e, 'null'::JSON), 'u': ${under}}) ` +
    `ELSE []::STRUCT(k VARCHAR, v JSON, u BOOLEAN)[] END)`,
  parseJson: (text) => `(CASE WHEN json_valid(${text}) THEN CAST(${text} AS JSON) END)`,
  textToJson: (text) => `to_json(${text})`,
  jsonNull: `'null'::JSON`,
  list: (items, type) => (items.length ? `[${items.join(', ')}]` : `[]::${type}[]`),
  bind: (expr, v, body) => `list_extract(list_transform([${expr}], lambda ${v}: (${body})), 1)`,
  anyMatch: (list, v, body) => `(len(list_filter(${list}, lambda ${v}: (${body}))) > 0)`,
  filter: (list, v, body) => `list_filter(${list}, lambda ${v}: (${body}))`,
  transform: (list, v, body) => `list_transform(${list}, lambda ${v}: (${body}))`,
  flatten: (l) => `flatten(${l})`,
  length: (l) => `len(${l})`,
  at: (l, i) => `list_extract(${l}, ${i})`,
  contains: (l, v) => `list_contains(${l}, ${v})`,
  sortedDistinct: (l) => `list_sort(list_distinct(${l}))`,
  join: (l, sep) => `array_to_string(${l}, ${str(sep)})`,
  regexMatch: (text, pattern) => `regexp_matches(${text}, ${str(pattern)})`,
  regexAll: (text, pattern) => `regexp_extract_all(${text}, ${str(pattern)})`,
  regexGroup: (text, pattern, group) => `regexp_extract(${text}, ${str(pattern)}, ${group})`,
  regexReplaceAll: (text, pattern, replacement) => `regexp_replace(${text}, ${str(pattern)}, ${str(replacement)}, 'g')`,
  groupRef: (n) => `\\${n}`,
  range: (lo, hi) => `range(${lo}, (${hi}) + 1)`,
  includes: (text, sub) => `contains(${text}, ${sub})`,
  endOfText: '\\z',
  urlDecode: (text) => `url_decode(${text})`,
  base64Utf8: (text) => `try(decode(from_base64(${text})))`,
  toDouble: (text) => `TRY_CAST(${text} AS DOUBLE)`,
  epochMs: (time) => `epoch_ms(TRY_CAST(${time} AS TIMESTAMPTZ))`,
  isoSeconds: (ms) => `strftime(make_timestamp(CAST(${ms} AS BIGINT) * 1000), '%Y-%m-%dT%H:%M:%SZ')`,
  startsWith: (text, prefix) => `starts_with(${text}, ${prefix})`,
  seq: '_seq',
  source: { file: '_file', index: '_index', line: '_line' },
  rawRecord: '_json',
  rawMessage: 'json(_json)',
  chain: 'recursive',
};

/** The first character of a JSON text tells its kind. */
function trinoPath(steps: readonly PathStep[]): string {
  return steps.map((s) => (typeof s === 'number' ? `[${s}]` : (checkKey(s), `["${s}"]`))).join('');
}

const TRINO_FIRST = { string: ['"'], boolean: ['t', 'f'], null: ['n'], object: ['{'], array: ['['] };

export const ATHENA: Dialect = {
  name: 'athena',
  label: 'Athena (Trino)',
  // json_extract parses a VARCHAR (the table's JSON-text columns) into the JSON type.
  extract: (json, steps) => `json_extract(${json}, ${str('$' + trinoPath(steps))})`,
  is: (json, kinds) => kindTest(`substr(json_format(${json}), 1, 1)`, kinds, TRINO_FIRST),
  scalarText: (json) => `json_extract_scalar(${json}, '$')`,
  scalarAt: (json, steps) => `json_extract_scalar(${json}, ${str('$' + trinoPath(steps))})`,
  elements: (json) => `coalesce(transform(TRY_CAST(${json} AS ARRAY(JSON)), e -> coalesce(e, JSON 'null')), CAST(ARRAY[] AS ARRAY(JSON)))`,
  memberValues: (json) =>
    `coalesce(transform(map_values(TRY_CAST(${json} AS MAP(VARCHAR, JSON))), e -> coalesce(e, JSON 'null')), transform(TRY_CAST(${json} AS ARRAY(JSON)), e -> coalesce(e, JSON 'null')), CAST(ARRAY[] AS ARRAY(JSON)))`,
  keys: (json) => `coalesce(map_keys(TRY_CAST(${json} AS MAP(VARCHAR, JSON))), CAST(ARRAY[] AS ARRAY(VARCHAR)))`,
  children: (json, under, flag) => {
    const row = (k: string, v: string, u: string) => `CAST(ROW(${k}, ${v}, ${u}) AS ROW(k VARCHAR, v JSON, u BOOLEAN))`;
    const m = freshVar('m');
    const key = freshVar('key');
    const e = freshVar('e');
    const members = `element_at(transform(ARRAY[TRY_CAST(${json} AS MAP(VARCHAR, JSON))], ${m} -> transform(map_keys(${m}), ${key} -> ${row(key, `coalesce(element_at(${m}, ${key}), JSON 'null')`, `(${under}) OR (${flag(key)})`)})), 1)`;
    const elements = `transform(TRY_CAST(${json} AS ARRAY(JSON)), ${e} -> ${row('CAST(NULL AS VARCHAR)', `coalesce(${e}, JSON 'null')`, under)})`;
    return `(CASE substr(json_format(${json}), 1, 1) WHEN '{' THEN ${members} WHEN '[' THEN ${elements} ELSE CAST(ARRAY[] AS ARRAY(ROW(k VARCHAR, v JSON, u BOOLEAN))) END)`;
  },
  parseJson: (text) => `TRY(json_parse(${text}))`,
  textToJson: (text) => `CAST(${text} AS JSON)`,
  jsonNull: `JSON 'null'`,
  list: (items, type) => (items.length ? `ARRAY[${items.join(', ')}]` : `CAST(ARRAY[] AS ARRAY(${type}))`),
  bind: (expr, v, body) => `element_at(transform(ARRAY[${expr}], ${v} -> ${body}), 1)`,
  anyMatch: (list, v, body) => `any_match(${list}, ${v} -> coalesce(${body}, FALSE))`,
  filter: (list, v, body) => `filter(${list}, ${v} -> coalesce(${body}, FALSE))`,
  transform: (list, v, body) => `transform(${list}, ${v} -> ${body})`,
  flatten: (l) => `flatten(${l})`,
  length: (l) => `cardinality(${l})`,
  at: (l, i) => `element_at(${l}, ${i})`,
  contains: (l, v) => `contains(${l}, ${v})`,
  sortedDistinct: (l) => `array_sort(array_distinct(${l}))`,
  join: (l, sep) => `array_join(${l}, ${str(sep)})`,
  regexMatch: (text, pattern) => `regexp_like(${text}, ${str(pattern)})`,
  regexAll: (text, pattern) => `regexp_extract_all(${text}, ${str(pattern)})`,
  regexGroup: (text, pattern, group) => `regexp_extract(${text}, ${str(pattern)}, ${group})`,
  regexReplaceAll: (text, pattern, replacement) => `regexp_replace(${text}, ${str(pattern)}, ${str(replacement)})`,
  groupRef: (n) => `$${n}`,
  range: (lo, hi) => `(CASE WHEN (${hi}) >= (${lo}) THEN sequence(${lo}, ${hi}) ELSE CAST(ARRAY[] AS ARRAY(BIGINT)) END)`,
  includes: (text, sub) => `(strpos(${text}, ${sub}) > 0)`,
  endOfText: '\\z',
  urlDecode: (text) => `TRY(url_decode(${text}))`,
  base64Utf8: (text) => `TRY(from_utf8(from_base64(${text})))`,
  toDouble: (text) => `TRY_CAST(${text} AS DOUBLE)`,
  epochMs: (time) => `TRY(date_diff('millisecond', from_iso8601_timestamp('1970-01-01T00:00:00Z'), from_iso8601_timestamp(${time})))`,
  isoSeconds: (ms) => `format_datetime(from_unixtime(${ms} / 1000), 'yyyy-MM-dd''T''HH:mm:ss''Z''')`,
  startsWith: (text, prefix) => `starts_with(${text}, ${prefix})`,
  // Athena has no delivery order: event time, then event id, as one sortable text.
  seq: `concat(eventtime, coalesce(eventid, ''))`,
  source: { file: '"$path"', index: 'CAST(NULL AS BIGINT)', line: 'CAST(NULL AS BIGINT)' },
  chain: 'match-recognize',
};

export function dialectOf(name: DialectName): Dialect {
  return name === 'duckdb' ? DUCKDB : ATHENA;
}
