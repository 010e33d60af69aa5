import { childPath, pathSteps, PolicyError } from '../policy/errors.js';
import { locateJsonPath, parseJsonText } from '../policy/json-text.js';
import { parsePolicy } from '../policy/parse.js';
import type { Policy, PolicyKind } from '../policy/types.js';
import { evaluate, type EvaluateOptions } from '../evaluate/evaluate.js';
import type { OrgPolicies, PolicySet } from '../evaluate/policy-set.js';
import { prepareRequest, RequestError, type AccessRequest, type ContextValue } from '../evaluate/request.js';
import type { EvaluationResult } from '../evaluate/types.js';

/**
 * A simulation case, the input of `ringfence iam simulate`: one request and the policies that
 * apply to it.
 *
 *   { "request": { "principal", "action", "resource", "resourceAccount"?, "context"?, "unknownContext"? },
 *     "identityPolicies": [...], "resourcePolicy"?, "endpointPolicies"?: [...],
 *     "permissionBoundaries"?: [...], "serviceControlPolicies"?: [{ "orgIdentifier", "policies": [...] }],
 *     "resourceControlPolicies"?: [same shape], "sessionPolicy"? }
 *
 * A policy is a policy document, or `{ "name": "...", "policy": {...} }` to give it a name.
 * Every error names the JSON path (`identityPolicies[1].Statement[0].Condition.StringEqualz`).
 */

export interface SimulationCase {
  request: AccessRequest;
  policies: PolicySet;
}

const CASE_KEYS = new Set([
  'request',
  'identityPolicies',
  'resourcePolicy',
  'endpointPolicies',
  'permissionBoundaries',
  'serviceControlPolicies',
  'resourceControlPolicies',
  'sessionPolicy',
]);
const REQUEST_KEYS = new Set(['principal', 'action', 'resource', 'resourceAccount', 'context', 'unknownContext']);

export function parseCase(doc: unknown): SimulationCase {
  const obj = asObject(doc, '', 'a simulation case');
  for (const key of Object.keys(obj)) {
    if (!CASE_KEYS.has(key)) throw new PolicyError(`unknown field "${key}" (expected ${[...CASE_KEYS].join(', ')})`, childPath('', key));
  }
  if (obj.request === undefined) throw new PolicyError('the case has no "request"', '');
  const request = parseRequest(obj.request);
  const policies: PolicySet = {
    identityPolicies: policyList(obj.identityPolicies, 'identityPolicies', 'identity'),
  };
  if (obj.resourcePolicy !== undefined) policies.resourcePolicy = policyOf(obj.resourcePolicy, 'resourcePolicy', 'resource');
  if (obj.endpointPolicies !== undefined) policies.endpointPolicies = policyList(obj.endpointPolicies, 'endpointPolicies', 'endpoint');
  if (obj.permissionBoundaries !== undefined) policies.permissionBoundaries = policyList(obj.permissionBoundaries, 'permissionBoundaries', 'boundary');
  if (obj.sessionPolicy !== undefined) policies.sessionPolicy = policyOf(obj.sessionPolicy, 'sessionPolicy', 'session');
  if (obj.serviceControlPolicies !== undefined) policies.serviceControlPolicies = orgLevels(obj.serviceControlPolicies, 'serviceControlPolicies', 'scp');
  if (obj.resourceControlPolicies !== undefined) policies.resourceControlPolicies = orgLevels(obj.resourceControlPolicies, 'resourceControlPolicies', 'rcp');
  // Reject a request the evaluator cannot read now, with its path, rather than at evaluation.
  try {
    prepareRequest(request);
  } catch (e) {
    if (e instanceof RequestError) throw new PolicyError(e.message, childPath('request', e.path.split('.')[0]!));
    throw e;
  }
  return { request, policies };
}

/** Reads a case from JSON text: errors carry the file, line and column. */
export function parseCaseText(text: string, source?: string): SimulationCase {
  const doc = parseJsonText(text, source);
  try {
    return parseCase(doc);
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    throw e.within('', locateJsonPath(text, pathSteps(e.path)), source);
  }
}

export function simulate(c: SimulationCase, options: EvaluateOptions = {}): EvaluationResult {
  return evaluate(c.request, c.policies, options);
}

function parseRequest(value: unknown): AccessRequest {
  const r = asObject(value, 'request', 'the request');
  for (const key of Object.keys(r)) {
    if (!REQUEST_KEYS.has(key)) throw new PolicyError(`unknown request field "${key}" (expected ${[...REQUEST_KEYS].join(', ')})`, childPath('request', key));
  }
  const str = (key: string, required: boolean): string | undefined => {
    const v = r[key];
    if (v === undefined) {
      if (required) throw new PolicyError(`the request has no "${key}"`, 'request');
      return undefined;
    }
    if (typeof v !== 'string') throw new PolicyError(`"${key}" must be a string`, childPath('request', key));
    return v;
  };
  const request: AccessRequest = { principal: str('principal', true)!, action: str('action', true)!, resource: str('resource', true)! };
  const account = str('resourceAccount', false);
  if (account !== undefined) request.resourceAccount = account;
  if (r.context !== undefined) {
    const ctx = asObject(r.context, 'request.context', 'the context');
    const context: Record<string, ContextValue> = {};
    for (const [k, v] of Object.entries(ctx)) {
      const path = childPath('request.context', k);
      const scalar = (x: unknown, p: string) => {
        if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
        throw new PolicyError('a context value must be a string, number, boolean, or a list of them', p);
      };
      context[k] = Array.isArray(v) ? v.map((x, i) => scalar(x, `${path}[${i}]`)) : scalar(v, path);
    }
    request.context = context;
  }
  if (r.unknownContext !== undefined) {
    const u = r.unknownContext;
    if (!Array.isArray(u) || u.some((x) => typeof x !== 'string')) throw new PolicyError('unknownContext must be a list of context key names', 'request.unknownContext');
    request.unknownContext = u as string[];
  }
  return request;
}

function policyList(value: unknown, path: string, kind: PolicyKind): Policy[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new PolicyError(`${path} must be a list of policies`, path);
  return value.map((p, i) => policyOf(p, `${path}[${i}]`, kind));
}

function policyOf(value: unknown, path: string, kind: PolicyKind): Policy {
  const obj = asObject(value, path, 'a policy');
  // `{ "name", "policy" }` names a policy; anything else is the document itself.
  const named = 'policy' in obj && !('Statement' in obj);
  if (named && obj.name !== undefined && typeof obj.name !== 'string') throw new PolicyError('"name" must be a string', childPath(path, 'name'));
  const id = named && typeof obj.name === 'string' ? obj.name : path;
  const docPath = named ? childPath(path, 'policy') : path;
  try {
    return parsePolicy(named ? obj.policy : obj, { id, kind });
  } catch (e) {
    if (e instanceof PolicyError) throw e.within(docPath);
    throw e;
  }
}

function orgLevels(value: unknown, path: string, kind: PolicyKind): OrgPolicies<Policy>[] {
  if (!Array.isArray(value)) throw new PolicyError(`${path} must be a list of {"orgIdentifier", "policies"}`, path);
  return value.map((level, i) => {
    const p = `${path}[${i}]`;
    const obj = asObject(level, p, 'an organization level');
    if (typeof obj.orgIdentifier !== 'string') throw new PolicyError('"orgIdentifier" must be a string (the root, OU or account id)', childPath(p, 'orgIdentifier'));
    return { orgIdentifier: obj.orgIdentifier, policies: policyList(obj.policies ?? [], childPath(p, 'policies'), kind) };
  });
}

function asObject(value: unknown, path: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PolicyError(`${what} must be a JSON object`, path);
  }
  return value as Record<string, unknown>;
}
