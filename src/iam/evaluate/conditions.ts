import { splitArn, compileArnMatcher, type ArnMatcher } from '../arn.js';
import { compileGlob, compileTokens, matchTokens } from '../glob.js';
import { operatorSpec, type OperatorSpec } from '../policy/operators.js';
import type { ConditionClause } from '../policy/types.js';
import { cidrContains, parseCidr, parseIp } from './ip.js';
import type { PreparedRequest } from './request.js';
import { parseTemplate, resolveText, resolveTokens, splitTokensAsArn, type Lookup, type Template } from './variables.js';

/**
 * One condition clause compiled for evaluation (IAM User Guide, "Condition operators" and
 * "Single-valued vs. multivalued context keys"):
 * - several values for one key: any may match (negated operators: none may match, "NOR");
 * - absent key: false, except negated operators and `...IfExists` (true) and `Null`;
 * - `ForAnyValue`: some request value satisfies the operator; false when the key is absent or empty;
 * - `ForAllValues`: every request value satisfies it; true when the key is absent or empty;
 * - a multivalued request value under an unqualified operator satisfies nothing (AWS requires a
 *   set operator for multivalued keys).
 * A value whose policy variable cannot be resolved matches nothing, and makes a negated
 * operator false ("any attempt to match it fails").
 */

/** The result of one clause: true, false, or undefined when its key is unknown (discovery). */
export type ClauseTest = (req: PreparedRequest) => boolean | undefined;

export interface CompiledCondition {
  clause: ConditionClause;
  lowerKey: string;
  test: ClauseTest;
}

/**
 * Request values are parsed once however many policy values compare with them: a small
 * bounded memo per kind (a request carries a handful of values; many requests share them).
 */
class Memo<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly parse: (text: string) => T) {}
  get(text: string): T {
    let v = this.map.get(text);
    if (v === undefined && !this.map.has(text)) {
      if (this.map.size >= 4096) this.map.clear();
      v = this.parse(text);
      this.map.set(text, v);
    }
    return v as T;
  }
}
const ips = new Memo(parseIp);
const dates = new Memo((t: string) => parseDate(t));
const arnParts = new Memo(splitArn);

const NO = 0;
const YES = 1;
/** The policy value could not be compared (unresolvable variable): counts as neither. */
const FAILED = 2;
type ValueResult = typeof NO | typeof YES | typeof FAILED;
type ValueTest = (requestValue: string, lookup: Lookup) => ValueResult;

export function compileCondition(clause: ConditionClause, variables: boolean): CompiledCondition {
  const spec = operatorSpec(clause.base);
  if (!spec) throw new Error(`unknown operator ${clause.base}`);
  const lowerKey = clause.key.toLowerCase();
  if (spec.family === 'Null') return { clause, lowerKey, test: nullTest(lowerKey, clause.values) };

  const templates = variables && spec.variables ? clause.values.map(parseTemplate) : clause.values.map(() => undefined);
  const varKeys = templates.flatMap((t) => t?.keys ?? []);
  const tests = clause.values.map((v, i) => valueTest(spec, v, templates[i]));
  const allStatic = templates.every((t) => t === undefined);
  const equalsSet = allStatic && spec.family === 'String' && spec.comparison === 'equals' ? new Set(clause.values) : undefined;

  const anyMatch = (r: string, lookup: Lookup): boolean => {
    if (equalsSet) return equalsSet.has(r);
    for (const t of tests) if (t(r, lookup) === YES) return true;
    return false;
  };
  const noneMatch = (r: string, lookup: Lookup): boolean => {
    if (equalsSet) return !equalsSet.has(r);
    for (const t of tests) if (t(r, lookup) !== NO) return false;
    return true;
  };
  const op = spec.negated ? noneMatch : anyMatch;
  const { set, ifExists } = clause;

  const test: ClauseTest = (req) => {
    const raw = req.context.get(lowerKey);
    if (raw === undefined) {
      if (req.discovery && req.isUnknown(lowerKey)) return undefined;
      if (set === 'ForAllValues') return true;
      if (set === 'ForAnyValue') return ifExists;
      return ifExists || spec.negated;
    }
    if (varKeys.length > 0 && req.discovery && varKeys.some((k) => req.isUnknown(k))) return undefined;
    const lookup = allStatic ? noLookup : lookupIn(req);
    if (set === undefined) {
      if (typeof raw !== 'string') return false;
      return op(raw, lookup);
    }
    const values = typeof raw === 'string' ? [raw] : raw;
    if (set === 'ForAnyValue') {
      for (const r of values) if (op(r, lookup)) return true;
      return false;
    }
    for (const r of values) if (!op(r, lookup)) return false;
    return true;
  };
  return { clause, lowerKey, test };
}

const noLookup: Lookup = () => undefined;

/** Reads single-valued keys for variable substitution. */
export function lookupIn(req: PreparedRequest): Lookup {
  return (k) => {
    const v = req.context.get(k);
    return typeof v === 'string' ? v : undefined;
  };
}

function nullTest(lowerKey: string, values: string[]): ClauseTest {
  const wanted = values.map((v) => v.toLowerCase());
  return (req) => {
    const present = req.context.has(lowerKey);
    if (!present && req.discovery && req.isUnknown(lowerKey)) return undefined;
    const goal = present ? 'false' : 'true';
    return wanted.includes(goal);
  };
}

/** Compiles one policy value into its comparison with a request value. */
function valueTest(spec: OperatorSpec, value: string, template: Template | undefined): ValueTest {
  switch (spec.family) {
    case 'String':
      return stringTest(spec, value, template);
    case 'Bool': {
      if (template) {
        return (r, lookup) => {
          const p = resolveText(template, lookup);
          return p === undefined ? FAILED : boolEquals(r, p) ? YES : NO;
        };
      }
      return (r) => (boolEquals(r, value) ? YES : NO);
    }
    case 'Numeric': {
      const p = parseNumber(value);
      return (r) => (compare(spec, parseNumber(r), p) ? YES : NO);
    }
    case 'Date': {
      const p = parseDate(value);
      return (r) => (compare(spec, dates.get(r), p) ? YES : NO);
    }
    case 'Binary': {
      const p = decodeBase64(value);
      return (r) => (p !== undefined && decodeBase64(r) === p ? YES : NO);
    }
    case 'Ip': {
      const cidr = parseCidr(value);
      return (r) => {
        const ip = cidr ? ips.get(r) : undefined;
        return ip && cidrContains(cidr!, ip) ? YES : NO;
      };
    }
    case 'Arn': {
      if (template) {
        return (r, lookup) => {
          const tokens = resolveTokens(template, lookup);
          if (!tokens) return FAILED;
          const parts = splitTokensAsArn(tokens).map((t) => compileTokens(t));
          return matchArnTemplate(r, parts) ? YES : NO;
        };
      }
      const m: ArnMatcher = value.startsWith('arn:') ? compileArnMatcher(value) : () => false;
      return (r) => {
        const parts = arnParts.get(r);
        return parts.length === 6 && m(r, parts) ? YES : NO;
      };
    }
    default:
      return () => NO;
  }
}

function stringTest(spec: OperatorSpec, value: string, template: Template | undefined): ValueTest {
  switch (spec.comparison) {
    case 'equals':
      if (!template) return (r) => (r === value ? YES : NO);
      return (r, lookup) => {
        const p = resolveText(template, lookup);
        return p === undefined ? FAILED : r === p ? YES : NO;
      };
    case 'equalsIgnoreCase': {
      if (!template) {
        const lower = value.toLowerCase();
        return (r) => (r.toLowerCase() === lower ? YES : NO);
      }
      return (r, lookup) => {
        const p = resolveText(template, lookup);
        return p === undefined ? FAILED : r.toLowerCase() === p.toLowerCase() ? YES : NO;
      };
    }
    default: {
      if (!template) {
        const m = compileGlob(value);
        return (r) => (m(r) ? YES : NO);
      }
      return (r, lookup) => {
        const tokens = resolveTokens(template, lookup);
        return tokens === undefined ? FAILED : matchTokens(tokens, r) ? YES : NO;
      };
    }
  }
}

function matchArnTemplate(value: string, matchers: ((v: string) => boolean)[]): boolean {
  const v = arnParts.get(value);
  if (v.length !== 6) return false;
  const n = matchers.length;
  for (let i = 0; i < n - 1; i++) if (!matchers[i]!(v[i]!)) return false;
  return matchers[n - 1]!(v.slice(n - 1).join(':'));
}

function boolEquals(r: string, p: string): boolean {
  const pl = p.toLowerCase();
  return (pl === 'true' || pl === 'false') && r.toLowerCase() === pl;
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
export function parseNumber(text: string): number {
  const t = text.trim();
  return NUMBER_RE.test(t) ? Number(t) : NaN;
}

const ISO_RE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
/** ISO 8601 (W3C profile; no zone means UTC) or epoch seconds, as milliseconds. */
export function parseDate(text: string): number {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  if (!ISO_RE.test(t)) return NaN;
  const zoned = /T/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? `${t}Z` : t;
  return Date.parse(zoned);
}

function compare(spec: OperatorSpec, r: number, p: number): boolean {
  if (Number.isNaN(r) || Number.isNaN(p)) return false;
  switch (spec.comparison) {
    case 'equals':
      return r === p;
    case 'lessThan':
      return r < p;
    case 'lessThanEquals':
      return r <= p;
    case 'greaterThan':
      return r > p;
    case 'greaterThanEquals':
      return r >= p;
    default:
      return false;
  }
}

function decodeBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text.trim())) return undefined;
  return Buffer.from(text.trim(), 'base64').toString('base64');
}
