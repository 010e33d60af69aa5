import { childPath, pathSteps, PolicyError } from './errors.js';
import { locateJsonPath, parseJsonText, type JsonTextLimits, JSON_TEXT_LIMITS } from './json-text.js';
import { operatorName, parseOperator } from './operators.js';
import {
  PRINCIPAL_KINDS,
  PRINCIPAL_TYPES,
  type ConditionClause,
  type Effect,
  type Policy,
  type PolicyKind,
  type PrincipalElement,
  type Statement,
} from './types.js';

/**
 * Validates an IAM policy document (already parsed from JSON) into our model. Everything IAM
 * would reject is an error naming the JSON path: unknown elements, a missing Effect, Action and
 * NotAction together, unknown condition operators, nested values where strings belong. Element
 * names are case-sensitive, as in IAM; operator names are not.
 */

export interface ParseOptions {
  /** Our name for the policy. */
  id?: string;
  kind?: PolicyKind;
  /** The file or input it came from, for messages. */
  source?: string;
}

export const POLICY_VERSIONS = ['2012-10-17', '2008-10-17'] as const;
const TOP_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
/** `service:action` with wildcards allowed only in the action part. */
const ACTION_RE = /^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+$/;

export function parsePolicy(doc: unknown, options: ParseOptions = {}): Policy {
  const kind = options.kind ?? 'identity';
  const id = options.id ?? 'policy';
  if (!isPlainObject(doc)) throw new PolicyError(`a policy must be a JSON object, not ${kindOf(doc)}`, '');
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.has(key)) throw new PolicyError(`unknown policy element "${key}" (expected Version, Id, Statement)`, childPath('', key));
  }
  const version = doc.Version;
  if (version !== undefined && !(POLICY_VERSIONS as readonly unknown[]).includes(version)) {
    throw new PolicyError(`Version must be "2012-10-17" or "2008-10-17", not ${show(version)}`, 'Version');
  }
  if (doc.Id !== undefined && typeof doc.Id !== 'string') throw new PolicyError(`Id must be a string, not ${kindOf(doc.Id)}`, 'Id');
  const raw = doc.Statement;
  if (raw === undefined) throw new PolicyError('the policy has no Statement', '');
  const list = Array.isArray(raw) ? raw : [raw];
  const statements = list.map((s, i) => parseStatement(s, i, Array.isArray(raw) ? `Statement[${i}]` : 'Statement', kind));
  return { id, kind, version: version as string | undefined, policyId: doc.Id as string | undefined, statements };
}

/** Reads a policy from JSON text; errors carry the line and column of the offending element. */
export function parsePolicyText(text: string, options: ParseOptions = {}, limits: JsonTextLimits = JSON_TEXT_LIMITS): Policy {
  const doc = parseJsonText(text, options.source, limits);
  try {
    return parsePolicy(doc, options);
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    const at = locateJsonPath(text, pathSteps(e.path));
    throw e.within('', at, options.source);
  }
}

function parseStatement(s: unknown, index: number, path: string, kind: PolicyKind): Statement {
  if (!isPlainObject(s)) throw new PolicyError(`a statement must be a JSON object, not ${kindOf(s)}`, path);
  for (const key of Object.keys(s)) {
    if (!STATEMENT_KEYS.has(key)) throw new PolicyError(`unknown statement element "${key}"`, childPath(path, key));
  }
  const at = (key: string) => childPath(path, key);
  if (s.Sid !== undefined && typeof s.Sid !== 'string') throw new PolicyError(`Sid must be a string, not ${kindOf(s.Sid)}`, at('Sid'));
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
    throw new PolicyError(s.Effect === undefined ? 'the statement has no Effect' : `Effect must be "Allow" or "Deny", not ${show(s.Effect)}`, s.Effect === undefined ? path : at('Effect'));
  }
  const statement: Statement = { index, effect: s.Effect as Effect, conditions: [] };
  if (s.Sid !== undefined) statement.sid = s.Sid as string;

  const pair = (a: string, b: string, required: boolean): 'a' | 'b' | undefined => {
    if (s[a] !== undefined && s[b] !== undefined) throw new PolicyError(`a statement cannot have both ${a} and ${b}`, at(b));
    if (s[a] !== undefined) return 'a';
    if (s[b] !== undefined) return 'b';
    if (required) throw new PolicyError(`the statement needs ${a} or ${b}`, path);
    return undefined;
  };

  const actionWhich = pair('Action', 'NotAction', true);
  const actionKey = actionWhich === 'a' ? 'Action' : 'NotAction';
  const actions = stringList(s[actionKey], at(actionKey));
  actions.forEach((a, i) => {
    if (a !== '*' && !ACTION_RE.test(a)) {
      throw new PolicyError(`"${a}" is not an action: expected "service:Action" (wildcards only after the colon) or "*"`, listPath(s[actionKey], at(actionKey), i));
    }
  });
  if (actionWhich === 'a') statement.action = actions;
  else statement.notAction = actions;

  const principalKind = PRINCIPAL_KINDS.has(kind);
  const resourceWhich = pair('Resource', 'NotResource', !principalKind);
  if (resourceWhich) {
    const key = resourceWhich === 'a' ? 'Resource' : 'NotResource';
    const resources = stringList(s[key], at(key));
    if (resourceWhich === 'a') statement.resource = resources;
    else statement.notResource = resources;
  }

  const principalWhich = pair('Principal', 'NotPrincipal', principalKind);
  if (principalWhich && !principalKind) {
    const key = principalWhich === 'a' ? 'Principal' : 'NotPrincipal';
    throw new PolicyError(`${key} is not allowed in ${describeKind(kind)}`, at(key));
  }
  // AWS Organizations, "RCP syntax": the principal is always "*" (conditions narrow it), and
  // NotPrincipal is not supported ("IAM JSON policy elements: NotPrincipal").
  if (kind === 'rcp' && principalWhich === 'b') throw new PolicyError('NotPrincipal is not supported in resource control policies', at('NotPrincipal'));
  if (kind === 'rcp' && principalWhich === 'a' && s.Principal !== '*') throw new PolicyError('the Principal of a resource control policy must be "*" (narrow it with conditions)', at('Principal'));
  if (principalWhich === 'a') statement.principal = parsePrincipal(s.Principal, at('Principal'));
  if (principalWhich === 'b') statement.notPrincipal = parsePrincipal(s.NotPrincipal, at('NotPrincipal'));

  if (s.Condition !== undefined) statement.conditions = parseConditions(s.Condition, at('Condition'));
  return statement;
}

function parsePrincipal(value: unknown, path: string): PrincipalElement {
  const element: PrincipalElement = { wildcard: false, AWS: [], Service: [], Federated: [], CanonicalUser: [] };
  if (value === '*') {
    element.wildcard = true;
    return element;
  }
  if (!isPlainObject(value)) throw new PolicyError(`a principal must be "*" or an object such as {"AWS": [...]}, not ${kindOf(value)}`, path);
  const keys = Object.keys(value);
  if (keys.length === 0) throw new PolicyError('the principal names no one', path);
  for (const key of keys) {
    if (!(PRINCIPAL_TYPES as readonly string[]).includes(key)) {
      throw new PolicyError(`unknown principal type "${key}" (expected ${PRINCIPAL_TYPES.join(', ')})`, childPath(path, key));
    }
    const type = key as (typeof PRINCIPAL_TYPES)[number];
    // Account ids are sometimes written as numbers; IAM reads them as the account.
    const list = stringList(value[key], childPath(path, key), true);
    element[type] = list;
    if (type === 'AWS' && list.includes('*')) element.wildcard = true;
  }
  return element;
}

function parseConditions(value: unknown, path: string): ConditionClause[] {
  if (!isPlainObject(value)) throw new PolicyError(`Condition must be an object of operators, not ${kindOf(value)}`, path);
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const opPath = childPath(path, operator);
    const parsed = parseOperator(operator);
    if (!parsed) throw new PolicyError(`unknown condition operator "${operator}"`, opPath);
    if (!isPlainObject(block)) throw new PolicyError(`${operator} must map condition keys to values, not ${kindOf(block)}`, opPath);
    for (const [key, raw] of Object.entries(block)) {
      const keyPath = childPath(opPath, key);
      if (key === '') throw new PolicyError('empty condition key', keyPath);
      const values = stringList(raw, keyPath, true, true);
      clauses.push({
        operator: operatorName(parsed),
        base: parsed.spec.name,
        set: parsed.set,
        ifExists: parsed.ifExists,
        key,
        values,
        path: keyPath,
      });
    }
  }
  return clauses;
}

/** A string or a list of strings (numbers and booleans as text where IAM accepts them). */
function stringList(value: unknown, path: string, scalars = false, allowEmpty = false): string[] {
  const one = (v: unknown, p: string): string => {
    if (typeof v === 'string') return v;
    if (scalars && (typeof v === 'number' || typeof v === 'boolean')) return String(v);
    throw new PolicyError(`expected a string${scalars ? ' (or number, boolean)' : ''}, not ${kindOf(v)}`, p);
  };
  if (Array.isArray(value)) {
    if (value.length === 0 && !allowEmpty) throw new PolicyError('the list is empty', path);
    return value.map((v, i) => one(v, `${path}[${i}]`));
  }
  return [one(value, path)];
}

function listPath(raw: unknown, path: string, i: number): string {
  return Array.isArray(raw) ? `${path}[${i}]` : path;
}

function describeKind(kind: PolicyKind): string {
  const names: Record<PolicyKind, string> = {
    identity: 'an identity policy',
    boundary: 'a permissions boundary',
    session: 'a session policy',
    scp: 'a service control policy',
    resource: 'a resource policy',
    rcp: 'a resource control policy',
    endpoint: 'a VPC endpoint policy',
  };
  return names[kind];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The type of a value for messages; never its content (which could be huge or deep). */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${show(v)}`;
  return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return kindOf(v);
}
