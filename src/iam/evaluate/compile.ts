import { compileArnMatcher, type ArnMatcher } from '../arn.js';
import { compileGlob, compileTokens, matchTokens, type Matcher } from '../glob.js';
import type { Policy, Statement } from '../policy/types.js';
import { compileCondition, lookupIn, type CompiledCondition } from './conditions.js';
import { compilePrincipal, type CompiledPrincipal } from './principal.js';
import type { PreparedRequest } from './request.js';
import type { PolicyType, StatementRef } from './types.js';
import { parseTemplate, resolveTokens, splitTokensAsArn } from './variables.js';

/**
 * A policy compiled for evaluation: every action and resource pattern becomes a matcher once,
 * conditions become closures, and statements are indexed by the services their actions name,
 * so a request only visits the statements that can apply to its action (a 10,000-statement
 * policy costs what its relevant statements cost).
 */

export interface CompiledStatement {
  ref: StatementRef;
  statement: Statement;
  effect: 'Allow' | 'Deny';
  /** Lower-case service and action name. */
  matchAction(service: string, name: string): boolean;
  matchResource(req: PreparedRequest): boolean;
  principal?: CompiledPrincipal;
  notPrincipal?: CompiledPrincipal;
  conditions: CompiledCondition[];
}

export interface CompiledPolicy {
  readonly compiled: true;
  policy: Policy;
  id: string;
  type: PolicyType;
  orgIdentifier?: string;
  statements: CompiledStatement[];
  /** The statements whose actions can name this (lower-case) service, in policy order. */
  candidates(service: string): readonly CompiledStatement[];
}

export function compilePolicy(policy: Policy, type: PolicyType = policy.kind, orgIdentifier?: string): CompiledPolicy {
  const variables = policy.version === '2012-10-17';
  const statements = policy.statements.map((s) => compileStatement(s, policy, type, orgIdentifier, variables));
  const anyService: CompiledStatement[] = [];
  const byService = new Map<string, CompiledStatement[]>();
  statements.forEach((c) => {
    const services = servicesOf(c.statement);
    if (services === undefined) anyService.push(c);
    else for (const s of services) (byService.get(s) ?? byService.set(s, []).get(s)!).push(c);
  });
  const cache = new Map<string, readonly CompiledStatement[]>();
  const candidates = (service: string): readonly CompiledStatement[] => {
    let hit = cache.get(service);
    if (!hit) {
      const own = byService.get(service);
      hit = !own ? anyService : anyService.length === 0 ? own : [...own, ...anyService].sort((a, b) => a.ref.statementIndex - b.ref.statementIndex);
      cache.set(service, hit);
    }
    return hit;
  };
  return { compiled: true, policy, id: policy.id, type, orgIdentifier, statements, candidates };
}

/** Lower-case services named by `Action`; undefined when any service may match (`*`, NotAction). */
function servicesOf(s: Statement): Set<string> | undefined {
  if (!s.action) return undefined;
  const out = new Set<string>();
  for (const a of s.action) {
    if (a === '*') return undefined;
    out.add(a.slice(0, a.indexOf(':')).toLowerCase());
  }
  return out;
}

function compileStatement(s: Statement, policy: Policy, type: PolicyType, orgIdentifier: string | undefined, variables: boolean): CompiledStatement {
  const ref: StatementRef = { policyType: type, policyId: policy.id, statementIndex: s.index, effect: s.effect };
  if (s.sid !== undefined) ref.sid = s.sid;
  if (orgIdentifier !== undefined) ref.orgIdentifier = orgIdentifier;
  const actions = compileActions((s.action ?? s.notAction)!);
  const negateAction = s.action === undefined;
  const resources = s.resource ?? s.notResource;
  const resourceMatch = resources ? compileResources(resources, variables) : undefined;
  const negateResource = s.resource === undefined && s.notResource !== undefined;
  return {
    ref,
    statement: s,
    effect: s.effect,
    matchAction: negateAction ? (svc, name) => !actions(svc, name) : actions,
    matchResource: !resourceMatch
      ? () => true
      : negateResource
        ? (req) => {
            const r = resourceMatch(req);
            // An unresolvable variable in NotResource leaves the statement unable to apply.
            return r === false;
          }
        : (req) => resourceMatch(req) === true,
    principal: s.principal ? compilePrincipal(s.principal) : undefined,
    notPrincipal: s.notPrincipal ? compilePrincipal(s.notPrincipal) : undefined,
    conditions: s.conditions.map((c) => compileCondition(c, variables)),
  };
}

/** Actions match ignoring case ("action names are case-insensitive"). */
function compileActions(patterns: string[]): (service: string, name: string) => boolean {
  if (patterns.includes('*')) return () => true;
  const byService = new Map<string, Matcher[]>();
  for (const p of patterns) {
    const lower = p.toLowerCase();
    const colon = lower.indexOf(':');
    const service = lower.slice(0, colon);
    (byService.get(service) ?? byService.set(service, []).get(service)!).push(compileGlob(lower.slice(colon + 1)));
  }
  return (service, name) => {
    const ms = byService.get(service);
    if (!ms) return false;
    for (const m of ms) if (m(name)) return true;
    return false;
  };
}

/**
 * Resource patterns: true when one matches, false when none does, undefined when none matched
 * and one could not be resolved (a policy variable whose key is absent).
 */
function compileResources(patterns: string[], variables: boolean): (req: PreparedRequest) => boolean | undefined {
  const statics: ArnMatcher[] = [];
  const templated: ((req: PreparedRequest) => boolean | undefined)[] = [];
  for (const p of patterns) {
    const t = variables ? parseTemplate(p) : undefined;
    if (!t) {
      statics.push(compileArnMatcher(p));
      continue;
    }
    const isArn = p.startsWith('arn:');
    templated.push((req) => {
      const tokens = resolveTokens(t, lookupIn(req));
      if (!tokens) return undefined;
      if (!isArn) return matchTokens(tokens, req.resource);
      const parts = splitTokensAsArn(tokens).map((x) => compileTokens(x));
      const v = req.resourceParts;
      if (v.length !== 6) return false;
      const n = parts.length;
      for (let i = 0; i < n - 1; i++) if (!parts[i]!(v[i]!)) return false;
      return parts[n - 1]!(v.slice(n - 1).join(':'));
    });
  }
  return (req) => {
    for (const m of statics) if (m(req.resource, req.resourceParts)) return true;
    let unresolved = false;
    for (const t of templated) {
      const r = t(req);
      if (r === true) return true;
      if (r === undefined) unresolved = true;
    }
    return unresolved ? undefined : false;
  };
}
