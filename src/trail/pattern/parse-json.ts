import type { CheckKind, ComparisonOp, JsonExpr, JsonPattern, Literal, Selector, SelectorStep } from './ast.js';
import type { Cursor } from './cursor.js';
import { MAX_PATTERN_DEPTH } from './limits.js';

// `{ SELECTOR OP VALUE }` joined by && and || with parentheses; && binds tighter than ||, as AWS
// documents ("standard order of operations () > && > ||").

/** Longest first, so `!=` is not read as `!` and `<=` not as `<`. */
export const OPERATORS: readonly ComparisonOp[] = ['!=', '<=', '>=', '=', '<', '>'];
const NUMERIC_ONLY: readonly ComparisonOp[] = ['<', '<=', '>', '>='];
/** An unquoted JSON value stops at these (and at whitespace). */
const VALUE_STOP = '(){}[]"&|=!<>%,';

const CHECKS: Record<string, Record<string, CheckKind>> = {
  IS: { NULL: 'is-null', TRUE: 'is-true', FALSE: 'is-false' },
  NOT: { EXISTS: 'not-exists' },
};

export function parseJsonPattern(c: Cursor): JsonPattern {
  c.skipSpace();
  const start = c.pos;
  c.expect('{');
  const expr = orExpr(c, 0);
  c.skipSpace();
  if (c.peek() !== '}') c.error(c.done ? 'expected "}" before the end of the pattern' : `expected &&, || or "}", found ${c.describeHere()}`);
  c.pos++;
  return { kind: 'json', expr, span: c.span(start) };
}

function orExpr(c: Cursor, depth: number): JsonExpr {
  let left = andExpr(c, depth);
  for (c.skipSpace(); c.at('||'); c.skipSpace()) {
    c.pos += 2;
    const right = andExpr(c, depth);
    left = { kind: 'or', left, right, span: { start: left.span.start, end: right.span.end } };
  }
  return left;
}

function andExpr(c: Cursor, depth: number): JsonExpr {
  let left = unary(c, depth);
  for (c.skipSpace(); c.at('&&'); c.skipSpace()) {
    c.pos += 2;
    const right = unary(c, depth);
    left = { kind: 'and', left, right, span: { start: left.span.start, end: right.span.end } };
  }
  return left;
}

function unary(c: Cursor, depth: number): JsonExpr {
  c.skipSpace();
  const start = c.pos;
  if (c.peek() === '(') {
    if (depth >= MAX_PATTERN_DEPTH) c.error(`parentheses nested more than ${MAX_PATTERN_DEPTH} deep`);
    c.pos++;
    const expr = orExpr(c, depth + 1);
    c.expect(')', '")" (or && / ||)');
    return { kind: 'group', expr, span: c.span(start) };
  }
  if (c.peek() !== '$') c.error(`expected a selector such as $.eventName, or "(", found ${c.describeHere()}`);
  const selector = parseSelector(c);
  c.skipSpace();
  const word = c.keyword();
  const checks = CHECKS[word];
  if (checks) {
    c.pos += word.length;
    c.skipSpace();
    const next = c.keyword();
    const check = checks[next];
    if (!check) c.error(`expected ${Object.keys(checks).join(', ')} after ${word}`);
    c.pos += next.length;
    return { kind: 'check', selector, check, span: c.span(start) };
  }
  const op = OPERATORS.find((o) => c.at(o));
  if (!op) c.error(`expected =, !=, <, <=, >, >=, IS NULL, IS TRUE, IS FALSE or NOT EXISTS after ${selector.text}, found ${c.describeHere()}`);
  c.pos += op.length;
  const value = c.literal(VALUE_STOP);
  checkOperand(c, op, value);
  return { kind: 'compare', selector, op, value, span: c.span(start) };
}

/** `<`, `>`, `<=`, `>=` compare numbers; a regex only makes sense with `=` or `!=`. */
export function checkOperand(c: Cursor, op: ComparisonOp, value: Literal): void {
  if (NUMERIC_ONLY.includes(op) && value.kind !== 'number') c.error(`${op} compares numbers: expected an unquoted number`, value.span.start);
}

/** `$.a.b`, `$.a[0]`, `$.a[*]`, `$.*`, `$.['key.with.dots']`, `$['key']`. */
export function parseSelector(c: Cursor): Selector {
  const start = c.pos;
  c.expect('$');
  const steps: SelectorStep[] = [];
  for (;;) {
    if (c.peek() === '.') {
      c.pos++;
      if (c.peek() === '*') {
        c.pos++;
        steps.push({ kind: 'any-member' });
      } else if (c.peek() === '[') {
        steps.push(bracket(c, true));
      } else {
        const name = c.take(/[A-Za-z0-9_-]+/y);
        if (!name) c.error(`expected a property name after "." (letters, digits, - and _; quote other keys as $.['key'])`);
        steps.push({ kind: 'member', name });
      }
    } else if (c.peek() === '[') {
      steps.push(bracket(c, steps.length > 0));
    } else {
      break;
    }
  }
  if (steps.length === 0) c.error('the selector "$" names no property (write $.name)', start);
  return { text: c.text.slice(start, c.pos), steps, span: c.span(start) };
}

/** `[0]`, `[*]`, `['key']` or `["key"]`; the cursor is on `[`. */
function bracket(c: Cursor, afterProperty: boolean): SelectorStep {
  const open = c.pos;
  c.pos++;
  const q = c.peek();
  let step: SelectorStep;
  if (q === "'" || q === '"') {
    const close = c.text.indexOf(q, c.pos + 1);
    if (close < 0) c.error(`unterminated key: no closing ${q}`, c.pos);
    const name = c.text.slice(c.pos + 1, close);
    if (name === '') c.error('empty key in selector', c.pos);
    c.pos = close + 1;
    step = { kind: 'member', name };
  } else {
    if (!afterProperty) c.error('an array index must follow a property (write $.name[0])', open);
    if (c.peek() === '*') {
      c.pos++;
      step = { kind: 'any-index' };
    } else {
      const digits = c.take(/\d+/y);
      if (!digits) c.error('expected an array index (a number or *) or a quoted key', c.pos);
      step = { kind: 'index', index: Number(digits) };
    }
  }
  if (c.peek() !== ']') c.error(`expected "]" to close the selector, found ${c.describeHere()}`);
  c.pos++;
  return step;
}
