import type {
  CheckKind,
  ComparisonOp,
  DelimitedCondition,
  DelimitedPattern,
  FilterPattern,
  JsonExpr,
  Literal,
  Selector,
  SelectorStep,
  StringLiteral,
  TermPattern,
} from './ast.js';
import { splitFields } from './delimited-fields.js';
import { MAX_DELIMITED_STEPS } from './limits.js';
import { compileRegex } from './regex.js';

// Evaluation, compiled once per pattern into closures. The semantics, where AWS documents them:
// - terms are case-sensitive substrings of the message; `?` terms count only when a pattern has
//   no plain terms; `-` terms must be absent;
// - a JSON pattern applies to messages that are JSON; a selector must reach a value node
//   (string, number, boolean): one that reaches an object, an array, null, or nothing makes every
//   comparison false, `=` and `!=` alike ("the log format doesn't match the filter");
// - `*` at either end of a string is a wildcard, elsewhere a literal character;
// - wildcard selectors (`[*]`, `.*`) match when any reached value matches.
// Where AWS does not say, ringfence's reading: an unquoted number compares numerically with a
// JSON number or a numeric string; a quoted string compares with a number's text.

/** What matched an event: the space-delimited fields by name (`$status`) or position (`$7`). */
export interface PatternMatch {
  extractedValues: Record<string, string>;
  /** The event as parsed JSON, for JSON patterns (metric values read `$.field` from it). */
  json?: unknown;
}

/** An event is a raw message, or a record already parsed (a CloudTrail record read from a file). */
export type LogEventInput = string | object;

export type Matcher = (event: LogEventInput) => PatternMatch | undefined;

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

export function compileMatcher(pattern: FilterPattern): Matcher {
  switch (pattern.kind) {
    case 'match-all':
      return () => ({ extractedValues: {} });
    case 'terms': {
      const test = compileTerms(pattern);
      return (event) => (test(messageOf(event)) ? { extractedValues: {} } : undefined);
    }
    case 'json': {
      const test = compileJson(pattern.expr);
      return (event) => {
        const json = jsonOf(event);
        return json !== undefined && test(json) ? { extractedValues: {}, json } : undefined;
      };
    }
    case 'delimited': {
      const match = compileDelimited(pattern);
      return (event) => {
        const values = match(messageOf(event));
        return values ? { extractedValues: values } : undefined;
      };
    }
  }
}

/** The message CloudWatch Logs would hold for a record: its compact JSON. */
export function messageOf(event: LogEventInput): string {
  return typeof event === 'string' ? event : JSON.stringify(event);
}

/** The event as JSON, or undefined when the message is not a JSON object or array. */
export function jsonOf(event: LogEventInput): unknown {
  if (typeof event !== 'string') return event;
  const t = event.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Terms

function compileTerms(pattern: TermPattern): (message: string) => boolean {
  const tests = pattern.terms.map((t) => ({ mode: t.mode, test: t.value.kind === 'regex' ? regexTest(t.value.source) : (m: string) => m.includes(t.value.kind === 'phrase' ? t.value.text : '') }));
  const required = tests.filter((t) => t.mode === 'required');
  const optional = tests.filter((t) => t.mode === 'optional');
  const excluded = tests.filter((t) => t.mode === 'excluded');
  // Optional terms decide only when nothing is required (observed CloudWatch behaviour: with a
  // plain term present, `?` terms do not widen the match).
  const useOptional = required.length === 0 && optional.length > 0;
  return (m) => required.every((t) => t.test(m)) && !excluded.some((t) => t.test(m)) && (!useOptional || optional.some((t) => t.test(m)));
}

function regexTest(source: string): (text: string) => boolean {
  const re = compileRegex(source, 0, source);
  return (text) => re.test(text);
}

// ---------------------------------------------------------------------------------------------
// JSON

type Test = (root: unknown) => boolean;

function compileJson(expr: JsonExpr): Test {
  switch (expr.kind) {
    case 'group':
      return compileJson(expr.expr);
    case 'and': {
      const l = compileJson(expr.left);
      const r = compileJson(expr.right);
      return (root) => l(root) && r(root);
    }
    case 'or': {
      const l = compileJson(expr.left);
      const r = compileJson(expr.right);
      return (root) => l(root) || r(root);
    }
    case 'check':
      return compileCheck(expr.check, compileSelector(expr.selector));
    case 'compare': {
      const values = compileSelector(expr.selector);
      const cmp = compileComparison(expr.op, expr.value);
      return (root) => values(root).some((v) => isValueNode(v) && cmp(v));
    }
  }
}

/** Checks look at what the selector reaches, containers included: `IS NULL` needs a null. */
const CHECK_TESTS: Record<CheckKind, (values: unknown[]) => boolean> = {
  'not-exists': (values) => values.length === 0,
  'is-null': (values) => values.some((v) => v === null),
  'is-true': (values) => values.some((v) => v === true),
  'is-false': (values) => values.some((v) => v === false),
};

function compileCheck(check: CheckKind, values: (root: unknown) => unknown[]): Test {
  const test = CHECK_TESTS[check];
  return (root) => test(values(root));
}

function isValueNode(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** The values a selector reaches (several for `[*]` / `.*`); empty when the path does not exist. */
export function compileSelector(selector: Selector): (root: unknown) => unknown[] {
  const steps = selector.steps;
  if (steps.every((s) => s.kind === 'member' || s.kind === 'index')) {
    return (root) => {
      let cur: unknown = root;
      for (const s of steps) {
        cur = step(cur, s);
        if (cur === MISSING) return [];
      }
      return [cur];
    };
  }
  return (root) => {
    let current: unknown[] = [root];
    for (const s of steps) {
      const next: unknown[] = [];
      for (const v of current) {
        if (s.kind === 'any-index') {
          if (Array.isArray(v)) next.push(...v);
        } else if (s.kind === 'any-member') {
          if (v !== null && typeof v === 'object') next.push(...Object.values(v));
        } else {
          const r = step(v, s);
          if (r !== MISSING) next.push(r);
        }
      }
      current = next;
      if (current.length === 0) break;
    }
    return current;
  };
}

const MISSING = Symbol('missing');

function step(v: unknown, s: SelectorStep): unknown {
  if (s.kind === 'member') {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, s.name)) return MISSING;
    return (v as Record<string, unknown>)[s.name];
  }
  if (s.kind === 'index') return Array.isArray(v) && s.index < v.length ? v[s.index] : MISSING;
  return MISSING;
}

// ---------------------------------------------------------------------------------------------
// Comparisons shared by JSON values and space-delimited fields

export function compileComparison(op: ComparisonOp, value: Literal): (v: string | number | boolean) => boolean {
  switch (value.kind) {
    case 'string': {
      const m = stringMatcher(value);
      return op === '=' ? (v) => m(String(v)) : (v) => !m(String(v));
    }
    case 'regex': {
      const re = compileRegex(value.source, 0, value.source);
      return op === '=' ? (v) => re.test(String(v)) : (v) => !re.test(String(v));
    }
    case 'number': {
      const cmp = numeric(op, value.value);
      return (v) => {
        const n = typeof v === 'number' ? v : typeof v === 'string' && NUMBER.test(v) ? Number(v) : undefined;
        // A value that is no number is unequal to every number and in no order with one.
        return n === undefined ? op === '!=' : cmp(n);
      };
    }
  }
}

function numeric(op: ComparisonOp, b: number): (a: number) => boolean {
  switch (op) {
    case '=':
      return (a) => a === b;
    case '!=':
      return (a) => a !== b;
    case '<':
      return (a) => a < b;
    case '<=':
      return (a) => a <= b;
    case '>':
      return (a) => a > b;
    case '>=':
      return (a) => a >= b;
  }
}

export function stringMatcher(lit: StringLiteral): (text: string) => boolean {
  const core = lit.core;
  switch (lit.match) {
    case 'any':
      return () => true;
    case 'exact':
      return (t) => t === core;
    case 'starts-with':
      return (t) => t.startsWith(core);
    case 'ends-with':
      return (t) => t.endsWith(core);
    case 'contains':
      return (t) => t.includes(core);
  }
}

// ---------------------------------------------------------------------------------------------
// Space-delimited

function compileDelimited(pattern: DelimitedPattern): (message: string) => Record<string, string> | undefined {
  const slots = pattern.fields;
  const slotOf = new Map<string, number>();
  slots.forEach((s, i) => s.kind === 'slot' && s.name !== undefined && slotOf.set(s.name, i));
  // A condition that reads only its own field is checked as soon as the field is placed.
  const own = slots.map((s) => (s.kind === 'slot' && s.condition && namesIn(s.condition).every((n) => n === s.name) ? compileCondition(s.condition) : undefined));
  const cross = slots.flatMap((s) => (s.kind === 'slot' && s.condition && !namesIn(s.condition).every((n) => n === s.name) ? [compileCondition(s.condition)] : []));
  const hasEllipsis = slots.some((s) => s.kind === 'ellipsis');

  return (message) => {
    const fields = splitFields(message);
    if (!hasEllipsis && fields.length !== slots.length) return undefined;
    const at = new Array<number>(slots.length).fill(-1);
    const valueOf = (name: string): string | undefined => {
      const si = slotOf.get(name);
      return si === undefined || at[si]! < 0 ? undefined : fields[at[si]!];
    };
    let steps = 0;
    const place = (si: number, fi: number): boolean => {
      if (++steps > MAX_DELIMITED_STEPS) return false;
      if (si === slots.length) return fi === fields.length && cross.every((c) => c(valueOf));
      const slot = slots[si]!;
      if (slot.kind === 'ellipsis') {
        // Fewest fields first, so later slots take the earliest fields that satisfy them.
        for (let k = fi; k <= fields.length; k++) if (place(si + 1, k)) return true;
        return false;
      }
      if (fi >= fields.length) return false;
      at[si] = fi;
      if (own[si] && !own[si]!(valueOf)) return false;
      return place(si + 1, fi + 1);
    };
    if (!place(0, 0)) return undefined;
    return extracted(slots, at, fields);
  };
}

function extracted(slots: DelimitedPattern['fields'], at: number[], fields: string[]): Record<string, string> {
  const names = new Map<number, string>();
  slots.forEach((s, i) => s.kind === 'slot' && s.name !== undefined && at[i]! >= 0 && names.set(at[i]!, s.name));
  const out: Record<string, string> = {};
  fields.forEach((f, i) => (out[`$${names.get(i) ?? String(i + 1)}`] = f));
  return out;
}

type FieldTest = (valueOf: (name: string) => string | undefined) => boolean;

function compileCondition(c: DelimitedCondition): FieldTest {
  if (c.kind === 'and' || c.kind === 'or') {
    const l = compileCondition(c.left);
    const r = compileCondition(c.right);
    return c.kind === 'and' ? (v) => l(v) && r(v) : (v) => l(v) || r(v);
  }
  const cmp = compileComparison(c.op, c.value);
  const field = c.field;
  return (valueOf) => {
    const v = valueOf(field);
    return v !== undefined && cmp(v);
  };
}

function namesIn(c: DelimitedCondition): string[] {
  return c.kind === 'compare' ? [c.field] : [...namesIn(c.left), ...namesIn(c.right)];
}
