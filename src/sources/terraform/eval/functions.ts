import { Expr, Ref, Unknown, isObject, type Value, type ValueObject } from '../../../core/value.js';
import { concatParts, deepEqual, failure, fromJSON, isConcrete, isStringLike, setProp, toPlain, typeName, unknownFrom, withKnownText } from './values.js';

// Terraform's built-in functions that IaC for ML stacks actually uses, evaluated purely. Anything
// not in the table evaluates to Unknown (never to a guess). `try` and `can` need their arguments
// unevaluated and live in the evaluator.

export interface FunctionEnv {
  /** Reads a file relative to the module directory; undefined when it cannot or may not. */
  readFile(path: string): string | undefined;
}

type Fn = (args: Value[], env: FunctionEnv, name: string) => Value;

/** Arguments must not be Unknown at the top level; Unknown in → Unknown out (refs kept). */
const known =
  (fn: Fn): Fn =>
  (args, env, name) =>
    args.some((a) => a instanceof Unknown) ? unknownFrom(`${name}() of a value not known until apply`, ...args) : fn(args, env, name);

/** Arguments must be fully concrete: no Unknown, Ref or Expr anywhere inside. */
const concrete =
  (fn: Fn): Fn =>
  (args, env, name) => {
    const plain = args.map(withKnownText);
    return plain.every(isConcrete) ? fn(plain, env, name) : unknownFrom(`${name}() of a value not known until apply`, ...args);
  };

const str = (v: Value, fn: string): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw failure(`${fn}() expects a string, got ${typeName(v)}`);
};
const num = (v: Value, fn: string): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw failure(`${fn}() expects a number, got ${typeName(v)}`);
};
const list = (v: Value, fn: string): Value[] => {
  if (Array.isArray(v)) return v;
  throw failure(`${fn}() expects a list, got ${typeName(v)}`);
};
const obj = (v: Value, fn: string): ValueObject => {
  if (isObject(v)) return v;
  throw failure(`${fn}() expects a map or object, got ${typeName(v)}`);
};

function distinct(values: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of values) if (!out.some((o) => deepEqual(o, v))) out.push(v);
  return out;
}

function flatten(values: Value[], out: Value[] = []): Value[] {
  for (const v of values) {
    if (Array.isArray(v)) flatten(v, out);
    else out.push(v);
  }
  return out;
}

/**
 * `jsonencode`: concrete values become the JSON text. A value holding references (a policy
 * with `aws_s3_bucket.data.arn` inside) has no text yet; we return the object itself, since
 * CloudFormation accepts policy documents as objects too and the references stay edges.
 */
function jsonencode(args: Value[]): Value {
  const v = args[0] ?? null;
  if (isConcrete(v)) return JSON.stringify(toPlain(v));
  if (Array.isArray(v) || isObject(v)) return v;
  return unknownFrom('jsonencode() of a value not known until apply', v);
}

function jsondecode(args: Value[]): Value {
  const v = args[0] ?? null;
  if (Array.isArray(v) || isObject(v)) return v; // the object form jsonencode() keeps for references
  if (typeof v !== 'string') return unknownFrom('jsondecode() of a value not known until apply', v);
  try {
    return fromJSON(JSON.parse(v));
  } catch {
    return failure('jsondecode(): invalid JSON');
  }
}

/** `format` verbs: %s %v %d %q %t %f %e %g %x %o %b and %%, with flags, width and precision. */
function format(args: Value[]): Value {
  const [fmt, ...rest] = args;
  if (typeof fmt !== 'string') return unknownFrom('format() with an unknown format string', fmt);
  const parts: (string | Ref | Expr)[] = [];
  let argi = 0;
  let text = '';
  const re = /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;
  let last = 0;
  for (const m of fmt.matchAll(re)) {
    text += fmt.slice(last, m.index);
    last = m.index! + m[0].length;
    const [, flags = '', width, prec, verb] = m;
    if (verb === '%') {
      text += '%';
      continue;
    }
    const arg = rest[argi++];
    if (arg === undefined) return failure('format(): not enough arguments');
    if (arg instanceof Unknown) return unknownFrom('format() of a value not known until apply', ...args);
    if (arg instanceof Ref || arg instanceof Expr) {
      if (verb !== 's' && verb !== 'v') return unknownFrom('format() of a value not known until apply', arg);
      parts.push(text, arg);
      text = '';
      continue;
    }
    let s: string;
    switch (verb) {
      case 's':
      case 'v':
        s = typeof arg === 'string' ? arg : JSON.stringify(toPlain(arg));
        break;
      case 'q':
        s = JSON.stringify(typeof arg === 'string' ? arg : toPlain(arg));
        break;
      case 'd':
        s = String(Math.trunc(num(arg, 'format')));
        break;
      case 't':
        s = String(arg === true || arg === 'true');
        break;
      case 'f':
      case 'F':
        s = num(arg, 'format').toFixed(prec === undefined ? 6 : Number(prec));
        break;
      case 'e':
        s = num(arg, 'format').toExponential(prec === undefined ? 6 : Number(prec));
        break;
      case 'g':
        s = String(num(arg, 'format'));
        break;
      case 'x':
        s = Math.trunc(num(arg, 'format')).toString(16);
        break;
      case 'X':
        s = Math.trunc(num(arg, 'format')).toString(16).toUpperCase();
        break;
      case 'o':
        s = Math.trunc(num(arg, 'format')).toString(8);
        break;
      case 'b':
        s = Math.trunc(num(arg, 'format')).toString(2);
        break;
      default:
        return failure(`format(): unsupported verb %${verb}`);
    }
    if (flags.includes('+') && typeof arg === 'number' && arg >= 0 && 'dfFeg'.includes(verb!)) s = '+' + s;
    if (width !== undefined && s.length < Number(width)) {
      const pad = (flags.includes('0') && !flags.includes('-') ? '0' : ' ').repeat(Number(width) - s.length);
      s = flags.includes('-') ? s + pad : pad + s;
    }
    text += s;
  }
  text += fmt.slice(last);
  parts.push(text);
  return concatParts(parts);
}

function join(args: Value[]): Value {
  const [sep, ...lists] = args;
  if (typeof sep !== 'string') return unknownFrom('join() with an unknown separator', sep);
  const parts: (string | Ref | Expr)[] = [];
  for (const l of lists) {
    if (l instanceof Unknown) return unknownFrom('join() of a list not known until apply', ...args);
    for (const item of list(l, 'join')) {
      if (item instanceof Unknown) return unknownFrom('join() of a value not known until apply', ...args);
      if (parts.length > 0) parts.push(sep);
      if (isStringLike(item)) parts.push(item);
      else if (typeof item === 'number' || typeof item === 'boolean') parts.push(String(item));
      else return failure(`join() expects strings, got ${typeName(item)}`);
    }
  }
  return concatParts(parts);
}

function replace(args: Value[]): Value {
  const [s, sub, repl] = args.map((a) => str(a, 'replace'));
  if (sub!.length > 2 && sub!.startsWith('/') && sub!.endsWith('/')) {
    try {
      return s!.replace(new RegExp(sub!.slice(1, -1), 'g'), repl!);
    } catch {
      return failure('replace(): invalid regular expression');
    }
  }
  return s!.split(sub!).join(repl!);
}

function coalesce(args: Value[]): Value {
  for (const a of args) {
    if (a instanceof Unknown) return unknownFrom('coalesce() of a value not known until apply', ...args);
    if (a !== null && a !== '') return a;
  }
  return failure('coalesce(): no non-null, non-empty argument');
}

function lookup(args: Value[]): Value {
  const [m, k, dflt] = args;
  const key = str(k!, 'lookup');
  const map = obj(m!, 'lookup');
  if (Object.prototype.hasOwnProperty.call(map, key)) return map[key]!;
  if (dflt !== undefined) return dflt;
  return failure(`lookup(): no key "${key}"`);
}

function element(args: Value[]): Value {
  const l = list(args[0]!, 'element');
  const i = Math.trunc(num(args[1]!, 'element'));
  if (l.length === 0) return failure('element() of an empty list');
  return l[((i % l.length) + l.length) % l.length]!;
}

function length(args: Value[]): Value {
  const v = args[0] ?? null;
  if (Array.isArray(v)) return v.length;
  if (isObject(v)) return Object.keys(v).length;
  if (typeof v === 'string') return [...v].length;
  if (v instanceof Ref || v instanceof Expr) {
    const text = withKnownText(v);
    return typeof text === 'string' ? [...text].length : unknownFrom('length() of a string not known until apply', v);
  }
  return failure(`length() of ${typeName(v)}`);
}

function tostring(args: Value[]): Value {
  const v = args[0] ?? null;
  if (v === null || isStringLike(v)) return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return failure(`tostring() of ${typeName(v)}`);
}

function tonumber(args: Value[]): Value {
  const v = args[0] ?? null;
  if (v === null) return null;
  if (v instanceof Ref || v instanceof Expr) return unknownFrom('tonumber() of a value not known until apply', v);
  return num(v, 'tonumber');
}

function tobool(args: Value[]): Value {
  const v = args[0] ?? null;
  if (v === null || typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return failure(`tobool() of ${typeName(v)}`);
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

const intToIpv4 = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

/** `cidrsubnet(prefix, newbits, netnum)` for IPv4; IPv6 prefixes stay Unknown. */
function cidrsubnet(args: Value[]): Value {
  const prefix = str(args[0]!, 'cidrsubnet');
  const newbits = num(args[1]!, 'cidrsubnet');
  const netnum = num(args[2]!, 'cidrsubnet');
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(prefix);
  if (!m) return prefix.includes(':') ? new Unknown('cidrsubnet() of an IPv6 prefix is not evaluated') : failure(`cidrsubnet(): invalid prefix "${prefix}"`);
  const base = ipv4ToInt(m[1]!);
  const bits = Number(m[2]);
  const newLen = bits + newbits;
  if (base === undefined || bits > 32 || newLen > 32 || newbits < 0) return failure(`cidrsubnet(): cannot extend ${prefix} by ${newbits} bits`);
  if (netnum < 0 || netnum >= 2 ** newbits) return failure(`cidrsubnet(): netnum ${netnum} does not fit in ${newbits} bits`);
  const size = 2 ** (32 - newLen);
  const network = Math.floor(base / 2 ** (32 - bits)) * 2 ** (32 - bits);
  return `${intToIpv4(network + netnum * size)}/${newLen}`;
}

function range(args: Value[]): Value {
  const n = args.map((a) => num(a, 'range'));
  const [start, end, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? (n[1]! >= n[0]! ? 1 : -1)];
  if (step === 0) return failure('range(): step must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < end : i > end; i += step) {
    out.push(i);
    if (out.length > 1024) return failure('range(): more than 1024 elements');
  }
  return out;
}

const FUNCTIONS: Record<string, Fn> = {
  jsonencode: (args) => jsonencode(args),
  jsondecode: (args) => jsondecode(args),
  format: (args) => format(args),
  join: (args) => join(args),
  split: concrete((args) => str(args[1]!, 'split').split(str(args[0]!, 'split'))),
  concat: known((args) => args.flatMap((a) => list(a, 'concat'))),
  merge: known((args) => {
    const out: ValueObject = {};
    for (const a of args) if (a !== null) for (const [k, v] of Object.entries(obj(a, 'merge'))) setProp(out, k, v);
    return out;
  }),
  lookup: known(lookup),
  element: known(element),
  length: known(length),
  lower: concrete((args) => str(args[0]!, 'lower').toLowerCase()),
  upper: concrete((args) => str(args[0]!, 'upper').toUpperCase()),
  title: concrete((args) => str(args[0]!, 'title').replace(/\b\w/g, (c) => c.toUpperCase())),
  replace: concrete(replace),
  trimspace: concrete((args) => str(args[0]!, 'trimspace').trim()),
  trimprefix: concrete((args) => {
    const [s, p] = [str(args[0]!, 'trimprefix'), str(args[1]!, 'trimprefix')];
    return s.startsWith(p) ? s.slice(p.length) : s;
  }),
  trimsuffix: concrete((args) => {
    const [s, p] = [str(args[0]!, 'trimsuffix'), str(args[1]!, 'trimsuffix')];
    return p !== '' && s.endsWith(p) ? s.slice(0, -p.length) : s;
  }),
  startswith: concrete((args) => str(args[0]!, 'startswith').startsWith(str(args[1]!, 'startswith'))),
  endswith: concrete((args) => str(args[0]!, 'endswith').endsWith(str(args[1]!, 'endswith'))),
  substr: concrete((args) => {
    const chars = [...str(args[0]!, 'substr')];
    const off = num(args[1]!, 'substr');
    const len = num(args[2]!, 'substr');
    const start = off < 0 ? chars.length + off : off;
    return chars.slice(start, len < 0 ? undefined : start + len).join('');
  }),
  tostring: known(tostring),
  tonumber: known(tonumber),
  tobool: known(tobool),
  tolist: known((args) => list(args[0]!, 'tolist')),
  toset: known((args) => distinct(list(args[0]!, 'toset'))),
  tomap: known((args) => obj(args[0]!, 'tomap')),
  coalesce: (args) => coalesce(args),
  coalescelist: known((args) => args.find((a) => list(a, 'coalescelist').length > 0) ?? failure('coalescelist(): all lists are empty')),
  keys: known((args) => Object.keys(obj(args[0]!, 'keys')).sort()),
  values: known((args) => {
    const m = obj(args[0]!, 'values');
    return Object.keys(m)
      .sort()
      .map((k) => m[k]!);
  }),
  contains: concrete((args) => list(args[0]!, 'contains').some((x) => deepEqual(x, args[1]))),
  distinct: known((args) => distinct(list(args[0]!, 'distinct'))),
  flatten: known((args) => flatten(list(args[0]!, 'flatten'))),
  compact: known((args) => list(args[0]!, 'compact').filter((x) => x !== null && x !== '')),
  reverse: known((args) => [...list(args[0]!, 'reverse')].reverse()),
  sort: concrete((args) => [...list(args[0]!, 'sort')].map((x) => str(x, 'sort')).sort()),
  slice: known((args) => list(args[0]!, 'slice').slice(num(args[1]!, 'slice'), num(args[2]!, 'slice'))),
  zipmap: known((args) => {
    const ks = list(args[0]!, 'zipmap');
    const vs = list(args[1]!, 'zipmap');
    const out: ValueObject = {};
    ks.forEach((k, i) => setProp(out, str(k, 'zipmap'), vs[i] ?? null));
    return out;
  }),
  one: known((args) => {
    const l = list(args[0]!, 'one');
    return l.length === 0 ? null : l.length === 1 ? l[0]! : failure('one() of a list with more than one element');
  }),
  range: concrete(range),
  min: concrete((args) => Math.min(...args.map((a) => num(a, 'min')))),
  max: concrete((args) => Math.max(...args.map((a) => num(a, 'max')))),
  abs: concrete((args) => Math.abs(num(args[0]!, 'abs'))),
  ceil: concrete((args) => Math.ceil(num(args[0]!, 'ceil'))),
  floor: concrete((args) => Math.floor(num(args[0]!, 'floor'))),
  sum: concrete((args) => list(args[0]!, 'sum').reduce<number>((s, x) => s + num(x, 'sum'), 0)),
  alltrue: concrete((args) => list(args[0]!, 'alltrue').every((x) => x === true || x === 'true')),
  anytrue: concrete((args) => list(args[0]!, 'anytrue').some((x) => x === true || x === 'true')),
  base64encode: concrete((args) => Buffer.from(str(args[0]!, 'base64encode'), 'utf8').toString('base64')),
  base64decode: concrete((args) => Buffer.from(str(args[0]!, 'base64decode'), 'base64').toString('utf8')),
  cidrsubnet: concrete(cidrsubnet),
  file: concrete((args, env) => {
    const path = str(args[0]!, 'file');
    return env.readFile(path) ?? new Unknown(`file("${path}") is not in the module directory or cannot be read`);
  }),
  templatefile: (args) => unknownFrom('templatefile() is not evaluated', ...args),
};

export function hasFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

/** Calls a built-in; type errors become EvalFailure values, unsupported functions Unknown. */
export function callFunction(name: string, args: Value[], env: FunctionEnv): Value {
  const fn = hasFunction(name) ? FUNCTIONS[name] : undefined;
  if (!fn) return unknownFrom(`function ${name}() is not evaluated`, ...args);
  try {
    return fn(args, env, name);
  } catch (e) {
    if (e instanceof Unknown) return e;
    throw e;
  }
}
