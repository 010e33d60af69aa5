import { Expr, Ref, Unknown, asBoolean, asNumber, isObject, type Value, type ValueObject } from '../../../core/value.js';
import type { Expression, ForExpr, Pos, TemplateExpr, TemplatePart } from '../hcl/ast.js';
import { callFunction, type FunctionEnv } from './functions.js';
import { concatParts, deepEqual, failure, isFailure, isStringLike, setProp, typeName, unknownFrom } from './values.js';

// Evaluates HCL expressions to Values in one cheap pass. Whatever cannot be known before apply
// (an unset variable, a generated ARN) becomes Unknown, carrying the resource references it was
// derived from; references to resources become Ref values. The meaning of names (`var`,
// `aws_s3_bucket`, `module`) belongs to the Scope; this file knows only the expression language.

/** One step of a reference after its root: `.name` or `[key]`. */
export type Step = { kind: 'attr'; name: string } | { kind: 'index'; key: Value };

export interface EvalContext {
  scope: Scope;
  /** `count.index` of the resource being evaluated. */
  count?: Value;
  /** `each.key` / `each.value` of the resource being evaluated. */
  each?: { key: Value; value: Value };
  /** For-expression variables, dynamic-block iterators and the splat element. */
  symbols?: ReadonlyMap<string, Value>;
  /** The file being evaluated, for warnings. */
  file?: string;
}

export interface Scope {
  /** Resolves a reference root and as many of the following steps as it understands. */
  resolve(root: string, steps: readonly Step[], ctx: EvalContext, pos: Pos): { value: Value; consumed: number };
  /** Attribute of a value this scope produced (a resource object); undefined when not its own. */
  getAttr(value: Value, name: string): Value | undefined;
  /** Index into a value this scope produced; undefined when not its own. */
  index(value: Value, key: Value): Value | undefined;
  /** Elements of a value this scope produced, for splats; undefined when not its own. */
  splat(value: Value): Value[] | Unknown | undefined;
  env: FunctionEnv;
}

const SPLAT_ITEM = ' splat';

export function evaluate(e: Expression, ctx: EvalContext): Value {
  switch (e.type) {
    case 'literal':
      return e.value;
    case 'template':
      return evalTemplate(e, ctx);
    case 'tuple':
      return e.items.map((x) => evaluate(x, ctx));
    case 'object':
      return evalObject(e.items, ctx);
    case 'paren':
      return evaluate(e.expr, ctx);
    case 'variable':
    case 'getattr':
    case 'index':
      return evalTraversal(e, ctx);
    case 'splat-item':
      return ctx.symbols?.get(SPLAT_ITEM) ?? null;
    case 'splat':
      return evalSplat(e.source, e.each, ctx);
    case 'call':
      return evalCall(e.name, e.args, e.expandFinal, ctx);
    case 'unary':
      return evalUnary(e.op, evaluate(e.operand, ctx));
    case 'binary':
      return evalBinary(e.op, e.left, e.right, ctx);
    case 'conditional':
      return evalConditional(e.cond, e.then, e.else, ctx);
    case 'for':
      return evalFor(e, ctx);
  }
}

function evalObject(items: { key: Expression; value: Expression }[], ctx: EvalContext): Value {
  const out: ValueObject = {};
  for (const item of items) {
    const k = evaluate(item.key, ctx);
    if (k instanceof Unknown || k instanceof Ref || k instanceof Expr) return unknownFrom('object key not known until apply', k);
    if (typeof k !== 'string' && typeof k !== 'number' && typeof k !== 'boolean') return failure(`object key must be a string, got ${typeName(k)}`);
    setProp(out, String(k), evaluate(item.value, ctx));
  }
  return out;
}

// --- references ------------------------------------------------------------------------------

function evalTraversal(e: Expression, ctx: EvalContext): Value {
  const steps: Step[] = [];
  let cur = e;
  while (cur.type === 'getattr' || cur.type === 'index') {
    steps.unshift(cur.type === 'getattr' ? { kind: 'attr', name: cur.name } : { kind: 'index', key: evaluate(cur.key, ctx) });
    cur = cur.object;
  }
  let value: Value;
  let rest: Step[] = steps;
  if (cur.type === 'variable') {
    const local = ctx.symbols?.get(cur.name);
    if (local !== undefined) value = local;
    else {
      const r = ctx.scope.resolve(cur.name, steps, ctx, cur.pos);
      value = r.value;
      rest = steps.slice(r.consumed);
    }
  } else value = evaluate(cur, ctx);
  for (const step of rest) value = applyStep(value, step, ctx.scope);
  return value;
}

function applyStep(v: Value, step: Step, scope: Scope): Value {
  if (v instanceof Unknown) return v;
  if (step.kind === 'attr') {
    const own = scope.getAttr(v, step.name);
    if (own !== undefined) return own;
    if (isObject(v)) return Object.prototype.hasOwnProperty.call(v, step.name) ? v[step.name]! : failure(`no attribute "${step.name}"`);
    if (v instanceof Ref || v instanceof Expr) return unknownFrom(`attribute "${step.name}" of a value not known until apply`, v);
    return failure(`cannot read attribute "${step.name}" of ${typeName(v)}`);
  }
  const key = step.key;
  if (key instanceof Unknown || key instanceof Ref || key instanceof Expr) return unknownFrom('index not known until apply', v, key);
  const own = scope.index(v, key);
  if (own !== undefined) return own;
  if (Array.isArray(v)) {
    const i = asNumber(key);
    if (i === undefined || !Number.isInteger(i)) return failure(`list index must be a whole number, got ${typeName(key)}`);
    return i >= 0 && i < v.length ? v[i]! : failure(`index ${i} out of range for a list of ${v.length}`);
  }
  if (isObject(v)) {
    const k = String(key);
    return Object.prototype.hasOwnProperty.call(v, k) ? v[k]! : failure(`no key "${k}"`);
  }
  if (v instanceof Ref || v instanceof Expr) return unknownFrom('element of a value not known until apply', v);
  return failure(`cannot index ${typeName(v)}`);
}

function evalSplat(sourceExpr: Expression, each: Expression, ctx: EvalContext): Value {
  const source = evaluate(sourceExpr, ctx);
  if (source instanceof Unknown) return source;
  const own = ctx.scope.splat(source);
  let items: Value[];
  if (own instanceof Unknown) return own;
  else if (own) items = own;
  else if (source === null) return [];
  else if (Array.isArray(source)) items = source;
  else items = [source]; // a splat on a single value treats it as a one-element list
  return items.map((item) => evaluate(each, withSymbols(ctx, [[SPLAT_ITEM, item]])));
}

/** A context with extra local names bound (for-expression variables, dynamic-block iterators). */
export function withSymbols(ctx: EvalContext, entries: [string, Value][]): EvalContext {
  const symbols = new Map(ctx.symbols ?? []);
  for (const [k, v] of entries) symbols.set(k, v);
  return { ...ctx, symbols };
}

// --- calls -----------------------------------------------------------------------------------

function evalCall(name: string, argExprs: Expression[], expandFinal: boolean, ctx: EvalContext): Value {
  if (name === 'try') {
    let last: Value = failure('try(): no argument succeeded');
    for (const a of argExprs) {
      const v = evaluate(a, ctx);
      if (!isFailure(v)) return v;
      last = v;
    }
    return last;
  }
  if (name === 'can') {
    const v = argExprs[0] ? evaluate(argExprs[0], ctx) : null;
    if (isFailure(v)) return false;
    return v instanceof Unknown ? unknownFrom('can() of a value not known until apply', v) : true;
  }
  let args = argExprs.map((a) => evaluate(a, ctx));
  if (expandFinal && args.length > 0) {
    const last = args[args.length - 1]!;
    if (last instanceof Unknown) return unknownFrom(`${name}() of a value not known until apply`, last);
    if (!Array.isArray(last)) return failure(`${name}(): only a list can be expanded with ...`);
    args = [...args.slice(0, -1), ...last];
  }
  const failed = args.find(isFailure);
  if (failed) return failed;
  return callFunction(name, args, ctx.scope.env);
}

// --- operators -------------------------------------------------------------------------------

function evalUnary(op: '!' | '-', v: Value): Value {
  if (v instanceof Unknown || v instanceof Ref || v instanceof Expr) return unknownFrom(`${op} of a value not known until apply`, v);
  if (op === '!') {
    const b = asBoolean(v);
    return b === undefined ? failure(`! expects a bool, got ${typeName(v)}`) : !b;
  }
  const n = asNumber(v);
  return n === undefined ? failure(`- expects a number, got ${typeName(v)}`) : -n;
}

const ARITHMETIC: Record<string, (a: number, b: number) => number | boolean> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
};

const isSymbolic = (v: Value): boolean => v instanceof Unknown || v instanceof Ref || v instanceof Expr;

function evalBinary(op: string, leftExpr: Expression, rightExpr: Expression, ctx: EvalContext): Value {
  const left = evaluate(leftExpr, ctx);
  if (op === '&&' || op === '||') {
    // A known left side can decide alone; otherwise both sides are needed.
    const l = asBoolean(left);
    if (l === false && op === '&&') return false;
    if (l === true && op === '||') return true;
    const right = evaluate(rightExpr, ctx);
    const r = asBoolean(right);
    if (r === false && op === '&&') return false;
    if (r === true && op === '||') return true;
    if (l !== undefined && r !== undefined) return op === '&&' ? l && r : l || r;
    if (isSymbolic(left) || isSymbolic(right)) return unknownFrom(`${op} of a value not known until apply`, left, right);
    return failure(`${op} expects bools`);
  }
  const right = evaluate(rightExpr, ctx);
  if (op === '==' || op === '!=') {
    if (isSymbolic(left) || isSymbolic(right)) {
      // A reference is never null, whatever its runtime text.
      if ((left === null && (right instanceof Ref || right instanceof Expr)) || (right === null && (left instanceof Ref || left instanceof Expr))) return op === '!=';
      return unknownFrom(`comparison with a value not known until apply`, left, right);
    }
    const eq = deepEqual(left, right);
    return op === '==' ? eq : !eq;
  }
  if (isSymbolic(left) || isSymbolic(right)) return unknownFrom(`${op} of a value not known until apply`, left, right);
  const a = asNumber(left);
  const b = asNumber(right);
  if (a === undefined || b === undefined) return failure(`${op} expects numbers, got ${typeName(left)} and ${typeName(right)}`);
  if ((op === '/' || op === '%') && b === 0) return failure('division by zero');
  return ARITHMETIC[op]!(a, b);
}

function evalConditional(condExpr: Expression, thenExpr: Expression, elseExpr: Expression, ctx: EvalContext): Value {
  const cond = evaluate(condExpr, ctx);
  const c = asBoolean(cond);
  if (c !== undefined) return evaluate(c ? thenExpr : elseExpr, ctx);
  if (!isSymbolic(cond)) return failure(`condition must be a bool, got ${typeName(cond)}`);
  const a = evaluate(thenExpr, ctx);
  const b = evaluate(elseExpr, ctx);
  return deepEqual(a, b) ? a : unknownFrom('condition not known until apply', cond, a, b);
}

// --- for expressions and templates -----------------------------------------------------------

/** The (key, value) pairs a for expression iterates, or the value that stops it. */
function entriesOf(coll: Value, what: string): { pairs: [Value, Value][] } | { stop: Value } {
  if (isSymbolic(coll)) return { stop: unknownFrom(`${what} over a collection not known until apply`, coll) };
  if (Array.isArray(coll)) return { pairs: coll.map((v, i) => [i, v]) };
  if (isObject(coll)) {
    return {
      pairs: Object.keys(coll)
        .sort()
        .map((k) => [k, coll[k]!]),
    };
  }
  return { stop: failure(`${what} over ${typeName(coll)}`) };
}

function evalFor(e: ForExpr, ctx: EvalContext): Value {
  const entries = entriesOf(evaluate(e.collection, ctx), 'for expression');
  if ('stop' in entries) return entries.stop;
  const pairs = entries.pairs;
  const tuple: Value[] = [];
  const object: ValueObject = {};
  for (const [k, v] of pairs) {
    const bound: [string, Value][] = [[e.valueVar, v]];
    if (e.keyVar) bound.push([e.keyVar, k]);
    const inner = withSymbols(ctx, bound);
    if (e.cond) {
      const c = evaluate(e.cond, inner);
      const b = asBoolean(c);
      if (b === undefined) return isSymbolic(c) ? unknownFrom('for expression condition not known until apply', c) : failure('for expression condition must be a bool');
      if (!b) continue;
    }
    const value = evaluate(e.valueExpr, inner);
    if (!e.keyExpr) {
      tuple.push(value);
      continue;
    }
    const key = evaluate(e.keyExpr, inner);
    if (isSymbolic(key)) return unknownFrom('for expression key not known until apply', key);
    if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') return failure('for expression key must be a string');
    const ks = String(key);
    const exists = Object.prototype.hasOwnProperty.call(object, ks);
    if (e.grouping) setProp(object, ks, [...(exists ? (object[ks] as Value[]) : []), value]);
    else if (exists) return failure(`duplicate key "${ks}" in for expression`);
    else setProp(object, ks, value);
  }
  return e.keyExpr ? object : tuple;
}

function evalTemplate(t: TemplateExpr, ctx: EvalContext): Value {
  // "${x}" alone yields x itself, unconverted (HCL: template with a single interpolation).
  if (t.parts.length === 1 && t.parts[0]!.kind === 'interp') return evaluate(t.parts[0]!.expr, ctx);
  const r = templatePieces(t.parts, ctx);
  return 'stop' in r ? r.stop : concatParts(r.pieces);
}

type Pieces = { pieces: (string | Ref | Expr)[] } | { stop: Value };

/** The pieces of a template, or the Unknown/failure that stops it. */
function templatePieces(parts: TemplatePart[], ctx: EvalContext): Pieces {
  const out: (string | Ref | Expr)[] = [];
  const unknowns: Value[] = [];
  const append = (inner: Pieces): Value | undefined => {
    if ('stop' in inner) {
      if (isFailure(inner.stop)) return inner.stop;
      unknowns.push(inner.stop);
    } else out.push(...inner.pieces);
    return undefined;
  };
  for (const p of parts) {
    if (p.kind === 'text') out.push(p.value);
    else if (p.kind === 'interp') {
      const v = evaluate(p.expr, ctx);
      if (isFailure(v)) return { stop: v };
      if (v instanceof Unknown) unknowns.push(v);
      else if (isStringLike(v)) out.push(v);
      else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
      else return { stop: failure(`cannot include ${typeName(v)} in a string template`) };
    } else if (p.kind === 'if') {
      const c = evaluate(p.cond, ctx);
      const b = asBoolean(c);
      if (b === undefined) {
        if (isFailure(c)) return { stop: c };
        unknowns.push(c);
        continue;
      }
      const stop = append(templatePieces(b ? p.then : p.else, ctx));
      if (stop) return { stop };
    } else {
      const entries = entriesOf(evaluate(p.collection, ctx), 'template for directive');
      if ('stop' in entries) {
        const stop = append(entries);
        if (stop) return { stop };
        continue;
      }
      for (const [k, v] of entries.pairs) {
        const bound: [string, Value][] = [[p.valueVar, v]];
        if (p.keyVar) bound.push([p.keyVar, k]);
        const stop = append(templatePieces(p.body, withSymbols(ctx, bound)));
        if (stop) return { stop };
      }
    }
  }
  if (unknowns.length > 0) return { stop: unknownFrom('string built from a value not known until apply', ...unknowns, ...out.filter((x) => typeof x !== 'string')) };
  return { pieces: out };
}
