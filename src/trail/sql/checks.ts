// The named checks of the detection tables (detect/checks.ts) as SQL over one JSON value: policy
// documents read with JSON functions, lifecycle scripts decoded from base64 and matched against
// SCRIPT_PATTERNS. Each follows the check's documented definition step by step.

import type { CheckId } from '../detect/checks.js';
import { RESTRICTIVE_CONDITION_KEYS } from '../detect/policy.js';
import { SCRIPT_PATTERNS } from '../detect/script-patterns.js';
import { freshVar, type Dialect } from './dialect.js';
import { toEngineRegex } from './js-regex.js';
import { and, bool, like, or, strList } from './sql-text.js';

/** SQL true when the JSON value `v` passes the check. */
export function checkSql(d: Dialect, id: CheckId, v: string): string {
  switch (id) {
    case 'policy-admin':
      return anyStatement(d, v, (s) => and([isAllow(d, s), anyString(d, d.extract(s, ['Action']), `IN ('*', '*:*')`), anyString(d, d.extract(s, ['Resource']), `= '*'`)]));
    case 'policy-public':
      return anyStatement(d, v, (s) => and([isAllow(d, s), isPublicPrincipal(d, d.extract(s, ['Principal'])), `NOT ${bool(hasRestrictiveKey(d, d.extract(s, ['Condition'])))}`]));
    case 'script-suspicious':
      return scriptSuspicious(d, v);
  }
}

/** JavaScript's trim(): whitespace and line terminators at either end. */
function trimJs(d: Dialect, text: string): string {
  return d.regexReplaceAll(text, toEngineRegex(String.raw`^\s+|\s+$`), '');
}

/** `test` of the policy document: an object as is, or a JSON string (URL-encoded when it starts with %7B). */
function withPolicyDocument(d: Dialect, v: string, test: (doc: string) => string): string {
  const t = freshVar('txt');
  const doc = freshVar('doc');
  const decoded = `(CASE WHEN ${like(t, '\\%7B%')} OR ${like(t, '\\%7b%')} THEN ${d.urlDecode(t)} ELSE ${t} END)`;
  const parsed = d.bind(trimJs(d, d.scalarText(v)), t, `(CASE WHEN ${d.startsWith(decoded, `'{'`)} THEN ${d.parseJson(decoded)} END)`);
  return d.bind(`(CASE WHEN ${d.is(v, ['object'])} THEN ${v} WHEN ${d.is(v, ['string'])} THEN ${parsed} END)`, doc, test(doc));
}

/** Some object of the document's Statement (an array of statements, or a single one) satisfies `test`. */
function anyStatement(d: Dialect, v: string, test: (statement: string) => string): string {
  return withPolicyDocument(d, v, (doc) => {
    const st = freshVar('sts');
    const s = freshVar('st');
    const list = `(CASE WHEN ${d.is(st, ['array'])} THEN ${d.elements(st)} WHEN ${d.is(st, ['object'])} THEN ${d.list([st], 'JSON')} ELSE ${d.list([], 'JSON')} END)`;
    return d.bind(d.extract(doc, ['Statement']), st, d.anyMatch(list, s, and([d.is(s, ['object']), test(s)])));
  });
}

function isAllow(d: Dialect, s: string): string {
  const effect = d.extract(s, ['Effect']);
  return bool(`${d.scalarText(effect)} = 'Allow' AND ${d.is(effect, ['string'])}`);
}

/** A value or a list of values (policy grammar), as a list. */
function listOf(d: Dialect, x: string): string {
  return `(CASE WHEN ${x} IS NULL THEN ${d.list([], 'JSON')} WHEN ${d.is(x, ['array'])} THEN ${d.elements(x)} ELSE ${d.list([x], 'JSON')} END)`;
}

/** Some string of the value-or-list `x` satisfies `cond` (`= '*'`). */
function anyString(d: Dialect, x: string, cond: string): string {
  const a = freshVar('a');
  return d.anyMatch(listOf(d, x), a, `${d.is(a, ['string'])} AND ${d.scalarText(a)} ${cond}`);
}

/** `"*"`, `{"AWS": "*"}` or `{"AWS": [..., "*"]}`. */
function isPublicPrincipal(d: Dialect, p: string): string {
  return bool(or([`${d.is(p, ['string'])} AND ${d.scalarText(p)} = '*'`, and([d.is(p, ['object']), anyString(d, d.extract(p, ['AWS']), `= '*'`)])]));
}

/** A condition block (an object of operators, each an object of keys) names a key that confines the caller. */
function hasRestrictiveKey(d: Dialect, condition: string): string {
  const b = freshVar('b');
  const k = freshVar('k');
  const blockHasKey = and([d.is(b, ['object']), d.anyMatch(d.keys(b), k, `lower(${k}) IN (${strList(RESTRICTIVE_CONDITION_KEYS)})`)]);
  return and([`${condition} IS NOT NULL`, d.is(condition, ['object']), d.anyMatch(d.memberValues(condition), b, blockHasKey)]);
}

/** Lifecycle scripts are at most 16 KiB base64 (decodeScript's MAX_SCRIPT_CHARS). */
const MAX_SCRIPT_CHARS = 64 * 1024;

function scriptSuspicious(d: Dialect, v: string): string {
  const s = freshVar('scr');
  const stripped = freshVar('b64');
  const script = freshVar('txt');
  const spaces = toEngineRegex(String.raw`\s+`);
  const base64 = d.bind(
    d.regexReplaceAll(s, spaces, ''),
    stripped,
    `(CASE WHEN ${and([d.regexMatch(s, toEngineRegex(String.raw`^[A-Za-z0-9+/=\s]+$`)), `length(${stripped}) % 4 = 0`])} THEN ${d.base64Utf8(stripped)} ELSE ${s} END)`,
  );
  const matches = or(SCRIPT_PATTERNS.map((p) => d.regexMatch(script, toEngineRegex(p.source, { ignoreCase: p.flags === 'i' }))));
  return and([d.is(v, ['string']), bool(d.bind(d.scalarText(v), s, and([`length(${s}) BETWEEN 1 AND ${MAX_SCRIPT_CHARS}`, bool(d.bind(base64, script, matches))])))]);
}
