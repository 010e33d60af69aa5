import type { DelimitedCondition, DelimitedField, DelimitedPattern } from './ast.js';
import type { Cursor } from './cursor.js';
import { checkOperand, OPERATORS } from './parse-json.js';

// `[ip, user, ..., status_code = 4* && bytes > 1000, size]`: one slot per space-delimited field
// of the event, `...` for any number of fields; conditions join with && (tighter) and ||.

const NAME = /[A-Za-z0-9_]+/y;
/** An unquoted value in a slot stops at these (and at whitespace). */
const VALUE_STOP = ',[]()"&|=!<>%';

export function parseDelimitedPattern(c: Cursor): DelimitedPattern {
  c.skipSpace();
  const start = c.pos;
  c.expect('[');
  const fields: DelimitedField[] = [];
  for (;;) {
    c.skipSpace();
    const fieldStart = c.pos;
    if (c.at('...')) {
      c.pos += 3;
      fields.push({ kind: 'ellipsis', span: c.span(fieldStart) });
    } else if (c.peek() === ',' || c.peek() === ']') {
      fields.push({ kind: 'slot', span: c.span(fieldStart) });
    } else {
      fields.push(slot(c, fieldStart));
    }
    c.skipSpace();
    if (c.peek() === ',') {
      c.pos++;
      continue;
    }
    if (c.peek() === ']') {
      c.pos++;
      break;
    }
    c.error(c.done ? 'expected "]" before the end of the pattern' : `expected "," or "]", found ${c.describeHere()}`);
  }
  checkNames(c, fields);
  return { kind: 'delimited', fields, span: c.span(start) };
}

function slot(c: Cursor, start: number): DelimitedField {
  const name = c.take(NAME);
  if (!name) c.error(`expected a field name, "..." or a condition such as status=404, found ${c.describeHere()}`);
  c.skipSpace();
  const hasCondition = OPERATORS.some((o) => c.at(o));
  if (!hasCondition) {
    if (c.at('&&') || c.at('||')) c.error(`field ${name} needs an operator before ${c.peek()}${c.peek()}`);
    return { kind: 'slot', name, span: c.span(start) };
  }
  c.pos = start;
  const condition = orCondition(c);
  return { kind: 'slot', name, condition, span: c.span(start) };
}

function orCondition(c: Cursor): DelimitedCondition {
  let left = andCondition(c);
  for (c.skipSpace(); c.at('||'); c.skipSpace()) {
    c.pos += 2;
    const right = andCondition(c);
    left = { kind: 'or', left, right, span: { start: left.span.start, end: right.span.end } };
  }
  return left;
}

function andCondition(c: Cursor): DelimitedCondition {
  let left = comparison(c);
  for (c.skipSpace(); c.at('&&'); c.skipSpace()) {
    c.pos += 2;
    const right = comparison(c);
    left = { kind: 'and', left, right, span: { start: left.span.start, end: right.span.end } };
  }
  return left;
}

function comparison(c: Cursor): DelimitedCondition {
  c.skipSpace();
  const start = c.pos;
  const field = c.take(NAME);
  if (!field) c.error(`expected a field name, found ${c.describeHere()}`);
  c.skipSpace();
  const op = OPERATORS.find((o) => c.at(o));
  if (!op) c.error(`expected =, !=, <, <=, > or >= after ${field}, found ${c.describeHere()}`);
  c.pos += op.length;
  const value = c.literal(VALUE_STOP);
  checkOperand(c, op, value);
  return { kind: 'compare', field, op, value, span: c.span(start) };
}

/** Slot names are unique, and a condition may only test a field the pattern names. */
function checkNames(c: Cursor, fields: DelimitedField[]): void {
  const names = new Set<string>();
  for (const f of fields) {
    if (f.kind !== 'slot' || f.name === undefined) continue;
    if (names.has(f.name)) c.error(`field name ${f.name} is used twice`, f.span.start);
    names.add(f.name);
  }
  const visit = (cond: DelimitedCondition): void => {
    if (cond.kind === 'compare') {
      if (!names.has(cond.field)) c.error(`condition on ${cond.field}, which is not a named field of the pattern`, cond.span.start);
      return;
    }
    visit(cond.left);
    visit(cond.right);
  };
  for (const f of fields) if (f.kind === 'slot' && f.condition) visit(f.condition);
}
