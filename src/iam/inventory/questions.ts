import { locate, type Location } from '../../core/resource.js';
import type { ContextValue } from '../evaluate/request.js';
import type { StatementRef } from '../evaluate/types.js';
import { evaluateAccess, mostPermissive, type AccessAnswer, type AccessStatus } from './access.js';
import type { ResolvedResource, Target } from './resolve.js';
import type { IamWorld, WorldEndpoint, WorldPrincipal } from './world.js';

/**
 * `can` and `who-can` over an inventory: every principal of the world (or one) asked whether it
 * may perform an action on each target of a resource, directly and through each VPC endpoint
 * whose policy could restrict it, with the statements that decided pointed back at the code.
 */

export interface QuestionOptions {
  context?: Record<string, ContextValue>;
  /** Context keys left unknown (default every key not given): answers say under which values access is granted. */
  unknownContext?: readonly string[];
}

/** A statement that decided, located in the code. */
export interface DecidingStatement {
  ref: StatementRef;
  /** `SageMakerExecutionRole inline policy data-access`, `AWS-managed policy AmazonS3FullAccess (v2)`. */
  policy: string;
  /** Resource and property path of the statement, when it is in the code. */
  resource?: string;
  path?: string;
  location?: Location;
}

export interface EndpointAnswer {
  endpoint: string;
  answer: AccessAnswer;
}

export interface TargetAnswer {
  target: Target;
  answer: AccessAnswer;
  deciding: DecidingStatement[];
  /** Requests through each VPC endpoint of the action's service that has a policy. */
  endpoints: EndpointAnswer[];
}

export interface PrincipalAnswer {
  principal: WorldPrincipal;
  /** The most permissive status over the targets. */
  status: AccessStatus;
  targets: TargetAnswer[];
}

export function can(world: IamWorld, principal: WorldPrincipal, action: string, resource: ResolvedResource, options: QuestionOptions = {}): PrincipalAnswer {
  const endpoints = endpointsFor(world, action);
  const targets = resource.targets.map((target) => {
    const q = { action, resource: target.arn, ...(options.context ? { context: options.context } : {}), ...(options.unknownContext ? { unknownContext: options.unknownContext } : {}) };
    const answer = evaluateAccess(world, principal, q);
    const through = endpoints.map((e) => ({
      endpoint: e.resource.id,
      answer: evaluateAccess(world, principal, { ...q, context: { ...q.context, 'aws:SourceVpce': e.id }, endpointPolicies: [e.policy!] }),
    }));
    return { target, answer, deciding: locateStatements(world, decisive(world, answer)), endpoints: through };
  });
  return { principal, status: mostPermissive(targets.map((t) => t.answer.status)), targets };
}

export function whoCan(world: IamWorld, action: string, resource: ResolvedResource, options: QuestionOptions = {}): PrincipalAnswer[] {
  return world.principals.map((p) => can(world, p, action, resource, options));
}

/**
 * For access granted without conditions, the statements that grant it without conditions of their
 * own (a conditional Allow beside an unconditional one did not decide anything).
 */
function decisive(world: IamWorld, answer: AccessAnswer): StatementRef[] {
  if (answer.status !== 'allowed') return answer.deciding;
  const plain = answer.deciding.filter((r) => {
    const st = world.policy(r.policyId)?.lower.statements[r.statementIndex];
    return !st || st.conditions.length === 0;
  });
  return plain.length ? plain : answer.deciding;
}

/** Endpoints whose policy may restrict requests for this action's service. */
function endpointsFor(world: IamWorld, action: string): WorldEndpoint[] {
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  return world.endpoints.filter((e) => e.policy && (e.service === undefined || e.service === service));
}

/** The statements of the code that decided (stand-in policies of hypothetical principals are left out). */
export function locateStatements(world: IamWorld, refs: readonly StatementRef[]): DecidingStatement[] {
  return refs.filter((ref) => !world.origins.get(ref.policyId)?.assumed).map((ref) => {
    const origin = world.origins.get(ref.policyId);
    if (!origin) return { ref, policy: ref.policyId };
    const path = origin.statementPaths[ref.statementIndex];
    const out: DecidingStatement = { ref, policy: origin.label };
    if (origin.resource) {
      out.resource = origin.resource.id;
      if (path) out.path = path;
      const loc = locate(origin.resource, path);
      if (loc) out.location = loc;
    } else if (path) out.path = path;
    return out;
  });
}

/** An answer as plain JSON for `--format json`. */
export function principalAnswerJson(a: PrincipalAnswer): Record<string, unknown> {
  const p = a.principal;
  return {
    principal: { kind: p.kind, arn: p.arn, label: p.label, ...(p.resource ? { resource: p.resource.id } : {}), ...(p.trustedBy ? { trustedBy: p.trustedBy } : {}) },
    status: a.status,
    targets: a.targets.map((t) => ({
      target: t.target,
      status: t.answer.status,
      ...(t.answer.conditionsText ? { conditionsText: t.answer.conditionsText, conditions: t.answer.conditions } : {}),
      ...(t.answer.blockedBy ? { blockedBy: t.answer.blockedBy } : {}),
      deciding: t.deciding.map((d) => ({ policy: d.policy, effect: d.ref.effect, policyType: d.ref.policyType, ...(d.resource ? { resource: d.resource } : {}), ...(d.path ? { path: d.path } : {}), ...(d.location ? { location: d.location } : {}) })),
      ...(t.endpoints.length ? { endpoints: t.endpoints.map((e) => ({ endpoint: e.endpoint, status: e.answer.status, ...(e.answer.conditionsText ? { conditionsText: e.answer.conditionsText } : {}) })) } : {}),
    })),
  };
}
