import type { Resource } from '../../core/resource.js';
import { isObject, joinPath, Unknown, type Value, type ValueObject } from '../../core/value.js';
import { parsePolicy } from '../policy/parse.js';
import { PolicyError } from '../policy/errors.js';
import type { Policy, PolicyKind } from '../policy/types.js';
import { documentStatements, listOf, parseDocument } from './document-value.js';
import type { SymbolTable } from './symbols.js';

/**
 * A policy from infrastructure code, some of whose values may be unknown until deployment, as two
 * policies the evaluator can run: `lower` grants the least the real policy could (Allow statements
 * with unknown values removed, Deny statements with unknown values widened to apply everywhere
 * they might) and `upper` the most (the reverse). Evaluating both bounds the truth: denied by the
 * upper bound means surely denied; allowed by the lower bound means surely allowed; anything in
 * between depends on what is unknown, and is reported as such. Statements keep their positions, so
 * the evaluator's statement indexes name the statements of the code.
 */

export interface Gap {
  /** Property path of the value (or the document). */
  path: string;
  reason: string;
}

/** Where a policy came from, to point findings and answers at the code. */
export interface PolicyOrigin {
  /** The evaluator's policy id; unique within a world. */
  id: string;
  /** For people: `SageMakerExecutionRole inline policy data-access`. */
  label: string;
  /** The inventory resource that holds the document. */
  resource?: Resource;
  /** Property path of the document within the resource. */
  path?: string;
  /** The AWS-managed policy it is, by name. */
  awsManaged?: string;
  /** Property path of each statement, by index (for AWS-managed policies: `Statement[i]`). */
  statementPaths: string[];
  /** A stand-in for what is not in the code (the own permissions of "any other principal"), not a policy of it. */
  assumed?: true;
}

export interface BoundedPolicy {
  origin: PolicyOrigin;
  kind: PolicyKind;
  lower: Policy;
  upper: Policy;
  /** Everything was known: `lower` and `upper` are the same policy. */
  exact: boolean;
  gaps: Gap[];
}

const UNK = Symbol('unknown');
type Entry = string | typeof UNK;
type PrincipalDraft = '*' | Record<string, Entry[]> | typeof UNK;
interface ClauseDraft {
  operator: string;
  key: string;
  values: Entry[] | typeof UNK;
}
interface Draft {
  sid?: string;
  effect?: 'Allow' | 'Deny';
  fields: Partial<Record<'Action' | 'NotAction' | 'Resource' | 'NotResource', Entry[] | typeof UNK>>;
  principal?: { key: 'Principal' | 'NotPrincipal'; value: PrincipalDraft };
  condition?: ClauseDraft[] | typeof UNK;
  /** Elements IAM does not know, passed through so that the parser names them. */
  extra: Record<string, unknown>;
  known: boolean;
}

/** An action no service has: a statement that can never apply, keeping its position. */
export const NO_ACTION = 'ringfence-none:NoAction';
const NO_RESOURCE = 'arn:aws:ringfence-none:::none';
const NO_PRINCIPAL = 'arn:aws:iam::000000000001:root';
const PRINCIPAL_KINDS: ReadonlySet<PolicyKind> = new Set(['resource', 'rcp', 'endpoint']);

export interface ConvertOptions {
  origin: Omit<PolicyOrigin, 'statementPaths'>;
  kind: PolicyKind;
  symbols: SymbolTable;
  /** Property path of the document, for gaps and statement paths. */
  path: string;
}

/** A policy document value as a bounded policy; undefined when the document is absent. */
export function boundPolicy(value: Value | undefined, options: ConvertOptions): BoundedPolicy | undefined {
  const doc = parseDocument(value);
  if (doc.state === 'absent') return undefined;
  if (doc.state === 'unknown') return unknownPolicy(options, doc.reason);
  return boundDocument(doc.document, options);
}

/** A policy whose content is not known at all: it may deny everything, or allow everything. */
export function unknownPolicy(options: ConvertOptions, reason: string): BoundedPolicy {
  const principal = PRINCIPAL_KINDS.has(options.kind) ? { Principal: '*' } : {};
  const make = (effect: 'Allow' | 'Deny') =>
    parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: '*', Resource: '*', ...principal }] }, { id: options.origin.id, kind: options.kind });
  return {
    origin: { ...options.origin, statementPaths: [options.path] },
    kind: options.kind,
    lower: make('Deny'),
    upper: make('Allow'),
    exact: false,
    gaps: [{ path: options.path, reason }],
  };
}

function boundDocument(document: ValueObject, options: ConvertOptions): BoundedPolicy {
  const sts = documentStatements(document, options.path);
  if (!Array.isArray(sts)) return unknownPolicy(options, `the statements are not known: ${sts.unknown}`);
  if (sts.length === 0) return unknownPolicy(options, 'the policy has no statements');
  const gaps: Gap[] = [];
  const drafts = sts.map(({ path, statement }) => draftStatement(statement, path, options.symbols, gaps));
  const version = options.symbols.text(document['Version']);
  const top = { ...('text' in version ? { Version: version.text } : {}) };
  const principalKind = PRINCIPAL_KINDS.has(options.kind);
  const statementsFor = (mode: 'lower' | 'upper') => drafts.map((d) => materialize(d, mode, principalKind));
  const origin = { ...options.origin, statementPaths: sts.map((s) => s.path) };
  try {
    const lower = parsePolicy({ ...top, Statement: statementsFor('lower') }, { id: origin.id, kind: options.kind });
    const exact = drafts.every((d) => d.known);
    const upper = exact ? lower : parsePolicy({ ...top, Statement: statementsFor('upper') }, { id: origin.id, kind: options.kind });
    return { origin, kind: options.kind, lower, upper, exact, gaps };
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    // IAM would reject the policy at deployment; what it grants is not known.
    const where = e.path ? joinPath(options.path, e.path) : options.path;
    return { ...unknownPolicy(options, e.message), gaps: [{ path: where, reason: `IAM would reject the policy: ${e.message}` }], origin };
  }
}

const LIST_FIELDS = ['Action', 'NotAction', 'Resource', 'NotResource'] as const;

function draftStatement(st: ValueObject, path: string, symbols: SymbolTable, gaps: Gap[]): Draft {
  const draft: Draft = { fields: {}, extra: {}, known: true };
  const unknownAt = (p: string, reason: string): typeof UNK => {
    gaps.push({ path: p, reason });
    draft.known = false;
    return UNK;
  };
  const entries = (v: Value, p: string): Entry[] | typeof UNK => {
    if (v instanceof Unknown) {
      // A pseudo parameter or an ARN known but for its account stands for one value.
      const t = symbols.text(v);
      return 'text' in t ? [t.text] : unknownAt(p, v.reason);
    }
    const list = listOf(v);
    return list.map((x, i) => {
      const t = symbols.text(x);
      return 'text' in t ? t.text : unknownAt(Array.isArray(v) ? joinPath(p, i) : p, t.unknown);
    });
  };
  for (const [key, v] of Object.entries(st)) {
    const at = joinPath(path, key);
    if (key === 'Sid') {
      const t = symbols.text(v);
      if ('text' in t) draft.sid = t.text;
    } else if (key === 'Effect') {
      const t = symbols.text(v);
      if ('text' in t && (t.text === 'Allow' || t.text === 'Deny')) draft.effect = t.text;
      else if ('text' in t) draft.extra['Effect'] = t.text;
      else unknownAt(at, t.unknown);
    } else if ((LIST_FIELDS as readonly string[]).includes(key)) {
      draft.fields[key as (typeof LIST_FIELDS)[number]] = entries(v, at);
    } else if (key === 'Principal' || key === 'NotPrincipal') {
      draft.principal = { key, value: draftPrincipal(v, at, entries, unknownAt) };
    } else if (key === 'Condition') {
      draft.condition = draftCondition(v, at, entries, unknownAt);
    } else {
      draft.extra[key] = v;
    }
  }
  return draft;
}

function draftPrincipal(
  v: Value,
  at: string,
  entries: (v: Value, p: string) => Entry[] | typeof UNK,
  unknownAt: (p: string, reason: string) => typeof UNK,
): PrincipalDraft {
  if (v === '*') return '*';
  if (v instanceof Unknown) return unknownAt(at, v.reason);
  if (!isObject(v)) return unknownAt(at, 'the principal is not "*" or an object');
  const out: Record<string, Entry[]> = {};
  for (const [type, list] of Object.entries(v)) {
    const e = entries(list, joinPath(at, type));
    out[type] = e === UNK ? [UNK] : e;
  }
  return out;
}

function draftCondition(
  v: Value,
  at: string,
  entries: (v: Value, p: string) => Entry[] | typeof UNK,
  unknownAt: (p: string, reason: string) => typeof UNK,
): ClauseDraft[] | typeof UNK {
  if (v instanceof Unknown) return unknownAt(at, v.reason);
  if (!isObject(v)) return unknownAt(at, 'the condition is not an object');
  const clauses: ClauseDraft[] = [];
  for (const [operator, block] of Object.entries(v)) {
    const opAt = joinPath(at, operator);
    if (block instanceof Unknown) {
      clauses.push({ operator, key: '', values: unknownAt(opAt, block.reason) });
      continue;
    }
    if (!isObject(block)) {
      clauses.push({ operator, key: '', values: unknownAt(opAt, 'the condition block is not an object') });
      continue;
    }
    for (const [key, values] of Object.entries(block)) clauses.push({ operator, key, values: entries(values, joinPath(opAt, key)) });
  }
  return clauses;
}

const known = (list: Entry[]): string[] => list.filter((e): e is string => e !== UNK);

/** A statement as the bound needs it: exact, widened to apply wherever it might, or never applying. */
function materialize(d: Draft, mode: 'lower' | 'upper', principalKind: boolean): Record<string, unknown> {
  // Known statements go through as written, so that the parser rejects what IAM would.
  if (d.known) return statementJson(d, 'exact');
  const effect = d.effect ?? (mode === 'lower' ? 'Deny' : 'Allow');
  const widen = (effect === 'Deny') === (mode === 'lower');
  if (!widen) {
    return { ...(d.sid !== undefined ? { Sid: d.sid } : {}), Effect: effect, Action: NO_ACTION, Resource: '*', ...(principalKind ? { Principal: '*' } : {}) };
  }
  return { ...statementJson(d, 'widen'), Effect: effect };
}

function statementJson(d: Draft, mode: 'exact' | 'widen'): Record<string, unknown> {
  const out: Record<string, unknown> = { ...d.extra };
  if (d.sid !== undefined) out['Sid'] = d.sid;
  if (d.effect) out['Effect'] = d.effect;
  for (const field of LIST_FIELDS) {
    const e = d.fields[field];
    if (e === undefined) continue;
    out[field] = mode === 'exact' ? e : widenList(field, e);
  }
  if (d.principal) out[d.principal.key] = widenPrincipal(d.principal.key, d.principal.value);
  if (d.condition !== undefined && d.condition !== UNK) {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const c of d.condition) {
      // A clause with an unknown value is left out: the statement then applies wherever it might.
      if (c.values === UNK || c.values.includes(UNK)) continue;
      (condition[c.operator] ??= {})[c.key] = known(c.values);
    }
    if (Object.keys(condition).length) out['Condition'] = condition;
  }
  return out;
}

/** Positive lists widen to `*`; exclusion lists widen by excluding less. */
function widenList(field: (typeof LIST_FIELDS)[number], e: Entry[] | typeof UNK): string[] {
  const negated = field.startsWith('Not');
  if (e === UNK) return negated ? [field === 'NotAction' ? NO_ACTION : NO_RESOURCE] : ['*'];
  if (!e.includes(UNK)) return e as string[];
  if (!negated) return ['*'];
  const rest = known(e);
  return rest.length ? rest : [field === 'NotAction' ? NO_ACTION : NO_RESOURCE];
}

function widenPrincipal(key: 'Principal' | 'NotPrincipal', p: PrincipalDraft): unknown {
  if (p === '*') return '*';
  const hasUnknown = p === UNK || Object.values(p).some((l) => l.includes(UNK));
  if (!hasUnknown) return p;
  if (key === 'Principal') return '*';
  const rest: Record<string, string[]> = {};
  if (p !== UNK) for (const [t, l] of Object.entries(p)) if (known(l).length) rest[t] = known(l);
  return Object.keys(rest).length ? rest : { AWS: NO_PRINCIPAL };
}

/** A policy known in full, from plain JSON (an AWS-managed policy, a file). */
export function exactPolicy(document: unknown, origin: Omit<PolicyOrigin, 'statementPaths'>, kind: PolicyKind): BoundedPolicy {
  const policy = parsePolicy(document, { id: origin.id, kind });
  const list = Array.isArray((document as { Statement?: unknown }).Statement);
  return {
    origin: { ...origin, statementPaths: policy.statements.map((_, i) => (list ? `Statement[${i}]` : 'Statement')) },
    kind,
    lower: policy,
    upper: policy,
    exact: true,
    gaps: [],
  };
}
