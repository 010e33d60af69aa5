// A filter-pattern comparison (`= "AccessDenied*"`, `>= 400`, `!= %regex%`) of one value, as SQL,
// with the evaluator's semantics (pattern/evaluate.ts): only strings, numbers and booleans are
// compared; a quoted string compares with the value's text (a number's in JavaScript's shortest
// form); an unquoted number compares numerically with a number or a numeric string, and a value
// that is no number is unequal to every number and in no order with one.

import type { ComparisonOp, Literal, StringLiteral } from '../pattern/ast.js';
import { freshVar, type Dialect } from './dialect.js';
import { toEngineRegex } from './js-regex.js';
import { likeLiteral, like, num, str } from './sql-text.js';
import type { Elem } from './values.js';

/** The evaluator's numeric-string test (`NUMBER` in pattern/evaluate.ts), with its number captured. */
const NUMERIC_TEXT = toEngineRegex(String.raw`^\s*`) + String.raw`([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)` + toEngineRegex(String.raw`\s*$`);

const SQL_OP: Record<ComparisonOp, string> = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Whether the value is one a comparison applies to: a string, a number or a boolean. */
export function isValueNode(e: Elem): string {
  return e.is(['string', 'number', 'boolean']);
}

/** `value op literal` for one value node. */
export function compareSql(d: Dialect, op: ComparisonOp, lit: Literal, e: Elem): string {
  switch (lit.kind) {
    case 'string': {
      const m = stringMatchSql(lit, textAsJavaScript(d, e));
      return op === '=' ? m : `NOT (${m})`;
    }
    case 'regex': {
      const m = d.regexMatch(textAsJavaScript(d, e), toEngineRegex(lit.source, { filterPattern: true }));
      return op === '=' ? m : `NOT (${m})`;
    }
    case 'number': {
      const n = freshVar('n');
      return d.bind(numberOf(d, e), n, `(CASE WHEN ${n} IS NULL THEN ${op === '!=' ? 'TRUE' : 'FALSE'} ELSE ${n} ${SQL_OP[op]} ${num(lit.value)} END)`);
    }
  }
}

/** The string test of a literal: exact, or with `*` at either end. */
export function stringMatchSql(lit: StringLiteral, text: string): string {
  switch (lit.match) {
    case 'any':
      return 'TRUE';
    case 'exact':
      return `${text} = ${str(lit.core)}`;
    case 'starts-with':
      return like(text, `${likeLiteral(lit.core)}%`);
    case 'ends-with':
      return like(text, `%${likeLiteral(lit.core)}`);
    case 'contains':
      return like(text, `%${likeLiteral(lit.core)}%`);
  }
}

/**
 * The value's text as JavaScript's String() gives it: for numbers written `1.0` or `1.50` in the
 * log, the shortest form (`1`, `1.5`); exponents are left as written.
 */
function textAsJavaScript(d: Dialect, e: Elem): string {
  if (e.constKind) return e.text;
  const t = freshVar('num');
  const u = freshVar('num');
  const g = d.groupRef(1);
  const shortest = d.regexReplaceAll(d.regexReplaceAll(t, String.raw`^(-?\d+)\.0+$`, g), String.raw`^(-?\d+\.\d*[1-9])0+$`, g);
  const canonical = d.bind(shortest, u, `(CASE WHEN ${u} = '-0' THEN '0' ELSE ${u} END)`);
  return `(CASE WHEN ${e.is(['number'])} THEN ${d.bind(e.text, t, canonical)} ELSE ${e.text} END)`;
}

/** The value as a number: a JSON number, or a string that reads as one; NULL otherwise. */
function numberOf(d: Dialect, e: Elem): string {
  const t = freshVar('s');
  const fromString = d.bind(e.text, t, `(CASE WHEN ${d.regexMatch(t, NUMERIC_TEXT)} THEN ${d.toDouble(d.regexGroup(t, NUMERIC_TEXT, 1))} END)`);
  if (e.constKind === 'string') return fromString;
  if (e.constKind) return 'CAST(NULL AS DOUBLE)';
  return `(CASE WHEN ${e.is(['number'])} THEN ${d.toDouble(e.text)} WHEN ${e.is(['string'])} THEN ${fromString} END)`;
}
