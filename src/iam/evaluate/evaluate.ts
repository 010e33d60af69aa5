import { defaultCatalog } from '../catalog/index.js';
import type { CompiledPolicy, CompiledStatement } from './compile.js';
import { explain } from './explain.js';
import { and2, formulaJson, formulaText, leaf, not, or2, type Formula } from './formula.js';
import { compilePolicySet, type CompiledPolicySet, type PolicySet } from './policy-set.js';
import type { PrincipalMatch } from './principal.js';
import { prepareRequest, type AccessRequest, type PrepareOptions, type PreparedRequest } from './request.js';
import type { EvaluationResult, PolicyType, StatementRef } from './types.js';

/**
 * AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic", "Cross-account
 * policy evaluation logic", "Permissions boundaries", "Session policies"; AWS Organizations,
 * "SCP evaluation" and "RCP evaluation"), as a pure function of a request and the policies
 * that apply to it:
 *
 * 1. An applicable Deny in any policy decides: ExplicitlyDenied.
 * 2. SCPs (for principals of member accounts, not service-linked roles): every level of the
 *    organization, from the root to the account, must have an Allow.
 * 3. RCPs (for resources of services that support them): only their Denies matter, because
 *    `RCPFullAWSAccess` is attached to every level and cannot be detached.
 * 4. VPC endpoint policies: each endpoint the request passes through must allow it.
 * 5. The grant. In one account, an Allow in the identity policies or in the resource policy
 *    suffices, but: an identity Allow must also be allowed by the permissions boundary and
 *    the session policy; a resource Allow naming the role (not the session) is limited by the
 *    boundary and session policy; one naming the user or the session itself is not limited;
 *    one for everyone (`*`) is not limited by the boundary but is by the session policy, which
 *    yields only to grants that "specifically reference" the session (STS API Reference,
 *    GetFederationToken); one naming the account only delegates to the identity policies. KMS key policies
 *    and role trust policies must allow in every case (naming the account delegates). Across
 *    accounts both sides must allow: the resource policy (naming the caller, its role or its
 *    account) and the caller's identity policies within its boundary and session policy.
 *    Service principals and anonymous callers have only the resource policy.
 *
 * Conditions on context keys marked unknown make the answer a condition (discovery mode).
 */

export interface EvaluateOptions extends PrepareOptions {
  /** Services whose resources RCPs govern (default: the catalog's list). */
  rcpServices?: ReadonlySet<string>;
  /** Add `explanation`, one line per policy type (costs text building on every call). */
  explain?: boolean;
}

/** Principals that carry identity policies (and may have boundaries and session policies). */
const IDENTITY_KINDS = new Set(['user', 'role', 'role-session', 'federated-user']);
/** Actions decided by a role's trust policy, which must allow them in every case. */
const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

/** A statement that applies (or may, in discovery mode) and how. */
export interface Hit {
  st: CompiledStatement;
  truth: Formula;
  grant?: PrincipalMatch;
}

export function evaluate(request: AccessRequest | PreparedRequest, policies: PolicySet | CompiledPolicySet, options: EvaluateOptions = {}): EvaluationResult {
  const req = 'principal' in request && typeof request.principal === 'object' ? (request as PreparedRequest) : prepareRequest(request as AccessRequest, options);
  const set = compilePolicySet(policies);
  const p = req.principal;
  const hasIdentity = IDENTITY_KINDS.has(p.kind);
  const hasBoundary = hasIdentity && set.boundary.length > 0;
  const scpApplies = set.scp !== undefined && (hasIdentity || p.kind === 'root') && !p.serviceLinked;
  const rcpServices = options.rcpServices ?? defaultCatalog().rcpServices();
  const rcpApplies = set.rcp !== undefined && rcpServices.has(req.service) && !p.serviceLinked;

  // The policies that apply to this caller and resource, by type.
  const identity = hasIdentity ? set.identity : [];
  const boundary = hasIdentity ? set.boundary : [];
  const session = hasIdentity && set.session ? [set.session] : [];
  const resource = set.resource ? [set.resource] : [];
  const scpLevels = scpApplies ? set.scp! : [];
  const rcpLevels = rcpApplies ? set.rcp! : [];

  const collect = (policy: CompiledPolicy, effect: 'Allow' | 'Deny', into: Hit[]) => {
    for (const st of policy.candidates(req.service)) {
      if (st.effect !== effect) continue;
      const hit = statementHit(st, req, policy.type === 'resource' && hasBoundary);
      if (hit) into.push(hit);
    }
  };

  // Denies first: a Deny that surely applies decides without a look at any Allow.
  const denies: Hit[] = [];
  for (const pol of [...identity, ...boundary, ...session, ...resource, ...set.endpoint]) collect(pol, 'Deny', denies);
  for (const level of scpLevels) for (const pol of level) collect(pol, 'Deny', denies);
  for (const level of rcpLevels) for (const pol of level) collect(pol, 'Deny', denies);

  const allowsOf = (policies: readonly CompiledPolicy[]) => {
    const hits: Hit[] = [];
    for (const pol of policies) collect(pol, 'Allow', hits);
    return hits;
  };
  const decided = !options.explain && denies.some((h) => h.truth === true);
  const identityAllows = decided ? [] : allowsOf(identity);
  const boundaryAllows = decided ? [] : allowsOf(boundary);
  const sessionAllows = decided ? [] : allowsOf(session);
  const resourceAllows = decided ? [] : allowsOf(resource);
  const endpointAllows = decided ? [] : set.endpoint.map((pol) => allowsOf([pol]));
  const scpAllows = decided ? [] : scpLevels.map(allowsOf);

  const strength = (g: PrincipalMatch): Formula => {
    let f: Formula = false;
    for (const h of resourceAllows) if (h.grant === g) f = or2(f, h.truth);
    return f;
  };

  const deny = anyOf(denies);
  let scpOk: Formula = true;
  for (const level of scpAllows) scpOk = and2(scpOk, anyOf(level));
  let endpointOk: Formula = true;
  for (const hits of endpointAllows) endpointOk = and2(endpointOk, anyOf(hits));
  const identityAllow = p.kind === 'root' ? true : hasIdentity ? anyOf(identityAllows) : false;
  const boundaryOk: Formula = hasBoundary ? anyOf(boundaryAllows) : true;
  // A federated-user session without a session policy has no permissions of its own.
  const sessionOk: Formula = !hasIdentity ? true : set.session ? anyOf(sessionAllows) : p.kind !== 'federated-user';
  const byPrincipal = resourceAllows.length ? strength('principal') : false;
  const byWildcard = resourceAllows.length ? strength('wildcard') : false;
  const byRole = resourceAllows.length ? strength('role') : false;
  const byAccount = resourceAllows.length ? strength('account') : false;

  const sameAccount = p.account !== undefined && p.account === req.resourceAccount;
  const resourceRequired = requiresResourcePolicy(req);
  const identitySide = and2(identityAllow, and2(boundaryOk, sessionOk));
  let grant: Formula;
  let resourceSideRequired: boolean;
  if (sameAccount) {
    const viaIdentity = resourceRequired ? and2(byAccount, identitySide) : identitySide;
    grant = or2(or2(byPrincipal, and2(byWildcard, sessionOk)), or2(and2(byRole, and2(boundaryOk, sessionOk)), viaIdentity));
    resourceSideRequired = resourceRequired;
  } else if (hasIdentity || p.kind === 'root') {
    grant = and2(or2(or2(byPrincipal, byWildcard), or2(byRole, byAccount)), identitySide);
    resourceSideRequired = true;
  } else {
    grant = or2(byPrincipal, byWildcard);
    resourceSideRequired = true;
  }
  const final = and2(and2(not(deny), scpOk), and2(endpointOk, grant));

  const result: EvaluationResult = {
    decision: 'ImplicitlyDenied',
    decidingStatements: [],
    crossAccount: !sameAccount,
  };
  if (req.resourceAccountAssumed) result.resourceAccountAssumed = true;

  const trueHits = (hits: readonly Hit[]) => hits.filter((h) => h.truth !== false).map((h) => h.st.ref);
  if (deny === true) {
    result.decision = 'ExplicitlyDenied';
    result.decidingStatements = denies.filter((h) => h.truth === true).map((h) => h.st.ref);
    result.blockedBy = result.decidingStatements[0]!.policyType;
    result.blockedByAll = [...new Set(result.decidingStatements.map((r) => r.policyType))];
  } else if (final !== false) {
    result.decision = 'Allowed';
    const deciding: StatementRef[] = [];
    for (const level of scpAllows) deciding.push(...trueHits(level));
    for (const hits of endpointAllows) deciding.push(...trueHits(hits));
    // Name the grant that carried the decision: the resource policy alone, or with the identity side.
    const allowsBy = (g: PrincipalMatch) => trueHits(resourceAllows.filter((h) => h.grant === g));
    const identityPath = () => deciding.push(...trueHits(identityAllows), ...trueHits(boundaryAllows), ...trueHits(sessionAllows));
    // The path that carried it: one that surely holds if there is one, else the first that may.
    const pick = <T>(paths: [T, Formula][]): T | undefined => (paths.find(([, f]) => f === true) ?? paths.find(([, f]) => f !== false))?.[0];
    if (sameAccount) {
      const path = pick<PrincipalMatch | 'identity'>([
        ['principal', byPrincipal],
        ['wildcard', and2(byWildcard, sessionOk)],
        ['role', and2(byRole, and2(boundaryOk, sessionOk))],
        ['identity', resourceRequired ? and2(byAccount, identitySide) : identitySide],
      ]);
      if (path === 'identity' && resourceRequired) result.resourceGrant = 'account';
      else if (path !== 'identity') result.resourceGrant = path;
      if (result.resourceGrant) deciding.push(...allowsBy(result.resourceGrant));
      if (path === 'wildcard') deciding.push(...trueHits(sessionAllows));
      else if (path === 'role') deciding.push(...trueHits(boundaryAllows), ...trueHits(sessionAllows));
      else if (path === 'identity') identityPath();
    } else {
      result.resourceGrant = pick((['principal', 'wildcard', 'role', 'account'] as const).map((g) => [g, strength(g)]));
      if (result.resourceGrant) deciding.push(...allowsBy(result.resourceGrant));
      if (hasIdentity) identityPath();
    }
    result.decidingStatements = deciding;
    if (final !== true) {
      result.conditions = formulaJson(final);
      result.conditionsText = formulaText(final);
    }
  } else {
    const blocked: PolicyType[] = [];
    if (scpOk === false) blocked.push('scp');
    if (endpointOk === false) blocked.push('endpoint');
    if (grant === false) {
      const identityCapable = hasIdentity || p.kind === 'root';
      const resourceSide = identityCapable ? or2(or2(byPrincipal, byWildcard), or2(byRole, byAccount)) : or2(byPrincipal, byWildcard);
      if ((resourceSideRequired || !identityCapable) && resourceSide === false) blocked.push('resource');
      if (identityCapable) {
        // In one account a resource grant to the caller or its role stands in for the identity policies,
        // and one to the caller itself also for the boundary and session policy.
        const direct = sameAccount && byPrincipal !== false;
        const everyone = sameAccount && byWildcard !== false;
        const viaRole = sameAccount && byRole !== false;
        if (identityAllow === false && !direct && !everyone && !viaRole) blocked.push('identity');
        if (boundaryOk === false && !direct && !everyone) blocked.push('boundary');
        if (sessionOk === false && !direct) blocked.push('session');
      }
      if (!blocked.some((b) => b !== 'scp' && b !== 'endpoint')) blocked.push(identityCapable ? 'identity' : 'resource');
    }
    result.blockedBy = blocked[0];
    result.blockedByAll = blocked;
  }
  if (options.explain) result.explanation = explain({ req, denies, identityAllows, boundaryAllows, sessionAllows, resourceAllows, scpAllows, endpointAllows, set, sameAccount, hasIdentity, hasBoundary, scpApplies, rcpApplies });
  return result;
}

function anyOf(hits: readonly Hit[]): Formula {
  let f: Formula = false;
  for (const h of hits) {
    f = or2(f, h.truth);
    if (f === true) return true;
  }
  return f;
}

/** Whether a statement applies to the request: false, true, or a formula over unknown conditions. */
function statementHit(st: CompiledStatement, req: PreparedRequest, principalHasBoundary: boolean): Hit | undefined {
  if (!st.matchAction(req.service, req.actionName)) return undefined;
  if (!st.matchResource(req)) return undefined;
  let grant: PrincipalMatch | undefined;
  if (st.principal) {
    grant = st.principal.match(req);
    if (!grant) return undefined;
  } else if (st.notPrincipal) {
    // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a
    // permissions boundary policy attached" (IAM User Guide, Permissions boundaries).
    const forcedDeny = st.effect === 'Deny' && principalHasBoundary;
    if (!forcedDeny && st.notPrincipal.excludes(req)) return undefined;
    // "Everyone except…" names no one in particular: it grants as `*` does.
    grant = 'wildcard';
  }
  let truth: Formula = true;
  for (const c of st.conditions) {
    const r = c.test(req);
    if (r === false) return undefined;
    if (r === undefined) truth = and2(truth, leaf(c.clause, st.ref));
  }
  return { st, truth, grant };
}

/** KMS key policies and IAM role trust policies must allow access themselves. */
function requiresResourcePolicy(req: PreparedRequest): boolean {
  const parts = req.resourceParts;
  if (parts.length !== 6) return false;
  if (parts[2] === 'kms' && parts[5]!.startsWith('key/')) return true;
  return parts[2] === 'iam' && parts[5]!.startsWith('role/') && TRUST_ACTIONS.has(req.action);
}
