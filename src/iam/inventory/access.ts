import { evaluate } from '../evaluate/evaluate.js';
import type { ConditionExpression } from '../evaluate/formula.js';
import type { PolicySet } from '../evaluate/policy-set.js';
import { prepareRequest, type ContextValue } from '../evaluate/request.js';
import type { EvaluationResult, StatementRef } from '../evaluate/types.js';
import { splitArn } from '../arn.js';
import { unknownPolicy, type BoundedPolicy } from './bounded-policy.js';
import type { IamWorld, WorldPrincipal } from './world.js';

/**
 * One access question over the world, evaluated against both bounds of every policy involved
 * (see bounded-policy.ts): the answer is `denied` when even the most permissive reading denies,
 * `allowed` or `conditional` when even the least permissive reading allows, and `unknown` when it
 * depends on values the code does not fix.
 */

export interface AccessQuestion {
  action: string;
  /** A concrete ARN (or `*` for actions without resources). */
  resource: string;
  /** The account owning the resource; default the stack's account. */
  resourceAccount?: string;
  context?: Record<string, ContextValue>;
  /** Context keys whose values are not known: the answer says under which values access is granted. Default `*`. */
  unknownContext?: readonly string[];
  /** The resource policy to use; default the world's for this resource; `null` for none. */
  resourcePolicy?: BoundedPolicy | null;
  endpointPolicies?: readonly BoundedPolicy[];
  /** Identity policies to use instead of the principal's own. */
  identity?: readonly BoundedPolicy[];
}

export type AccessStatus = 'allowed' | 'conditional' | 'denied' | 'unknown';

export interface AccessAnswer {
  status: AccessStatus;
  /** Under which conditions access is granted (conditional), or may be (unknown). */
  conditions?: ConditionExpression;
  conditionsText?: string;
  /** The statements that decided, in the bound that decided. */
  deciding: StatementRef[];
  /** For a denial: the policy type that blocked it. */
  blockedBy?: string;
  lower: EvaluationResult;
  upper: EvaluationResult;
}

/** TLS is the norm (SDKs and the console use it); a question may say otherwise with its context. */
export const DEFAULT_CONTEXT: Readonly<Record<string, ContextValue>> = { 'aws:SecureTransport': 'true' };

export function evaluateAccess(world: IamWorld, principal: WorldPrincipal, q: AccessQuestion): AccessAnswer {
  const resourcePolicy = q.resourcePolicy === null ? undefined : (q.resourcePolicy ?? world.resourcePolicy(q.resource) ?? outsidePolicy(world, q));
  const identity = q.identity ?? principal.identity;
  const endpoint = q.endpointPolicies ?? [];
  const all = [...identity, ...principal.boundary, ...endpoint, ...(resourcePolicy ? [resourcePolicy] : [])];
  const set = (bound: 'lower' | 'upper'): PolicySet => ({
    identityPolicies: identity.map((p) => p[bound]),
    permissionBoundaries: principal.boundary.map((p) => p[bound]),
    endpointPolicies: endpoint.map((p) => p[bound]),
    ...(resourcePolicy ? { resourcePolicy: resourcePolicy[bound] } : {}),
  });
  const req = prepareRequest({
    principal: principal.arn,
    action: q.action,
    resource: q.resource,
    resourceAccount: q.resourceAccount ?? world.placeholders.account,
    context: { ...DEFAULT_CONTEXT, ...q.context },
    unknownContext: q.unknownContext ?? ['*'],
  });
  const lower = evaluate(req, set('lower'));
  const upper = all.every((p) => p.exact) ? lower : evaluate(req, set('upper'));
  const from = (r: EvaluationResult, status: AccessStatus): AccessAnswer => ({
    status,
    ...(r.conditions && status !== 'allowed' ? { conditions: r.conditions, conditionsText: r.conditionsText } : {}),
    deciding: r.decidingStatements,
    ...(r.blockedBy ? { blockedBy: r.blockedBy } : {}),
    lower,
    upper,
  });
  if (upper.decision !== 'Allowed') return from(upper, 'denied');
  if (lower.decision === 'Allowed') return from(lower, lower.conditions ? 'conditional' : 'allowed');
  return from(upper, 'unknown');
}

/**
 * A KMS key or a role that is not in the code: its key policy or trust policy decides, and it is
 * not known. Other resources outside the code are taken to have no resource policy.
 */
function outsidePolicy(world: IamWorld, q: AccessQuestion): BoundedPolicy | undefined {
  const parts = splitArn(q.resource);
  if (parts.length !== 6 || world.resourceOf(q.resource)) return undefined;
  const key = parts[2] === 'kms' && parts[5]!.startsWith('key/');
  const trust = parts[2] === 'iam' && parts[5]!.startsWith('role/') && q.action.toLowerCase().startsWith('sts:');
  if (!key && !trust) return undefined;
  const reason = `${q.resource} is not in the scanned code, and its ${key ? 'key' : 'trust'} policy decides`;
  return unknownPolicy({ origin: { id: `outside:${q.resource}`, label: `the ${key ? 'key' : 'trust'} policy of ${q.resource}` }, kind: 'resource', symbols: world.symbols, path: q.resource }, reason);
}

/** Statuses from most to least access, to summarise several answers by the most permissive. */
export const STATUS_ORDER: readonly AccessStatus[] = ['allowed', 'conditional', 'unknown', 'denied'];

export function mostPermissive(statuses: readonly AccessStatus[]): AccessStatus {
  return STATUS_ORDER.find((s) => statuses.includes(s)) ?? 'denied';
}
