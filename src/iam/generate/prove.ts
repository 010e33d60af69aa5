import { evaluate } from '../evaluate/evaluate.js';
import { compilePolicy } from '../evaluate/compile.js';
import { compilePolicySet } from '../evaluate/policy-set.js';
import { parsePrincipal } from '../evaluate/request.js';
import type { Decision } from '../evaluate/types.js';
import { parsePolicy } from '../policy/parse.js';
import type { PolicyDocument } from './build.js';
import type { ObservedCall, RoleRef } from './observe.js';

/**
 * The proof that a generated policy allows every observed call: each request of each call is
 * replayed through the evaluator with the generated policy as the role's only identity policy.
 * Resource policies are taken to delegate to the role's account (as a default KMS key policy
 * does), so the proof is about what the identity policy itself must grant.
 */

export interface ProofFailure {
  eventName: string;
  eventTime: string;
  action: string;
  resource: string;
  decision: Decision;
}

export interface Proof {
  /** Requests replayed. */
  checked: number;
  allowed: number;
  failures: ProofFailure[];
}

export function proveAllowed(doc: PolicyDocument, calls: readonly ObservedCall[], role: RoleRef): Proof {
  const policy = compilePolicy(parsePolicy(doc, { id: 'generated least-privilege policy' }), 'identity');
  const delegation = compilePolicy(
    parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:${role.partition}:iam::${role.account}:root` }, Action: '*', Resource: '*' }] }, { id: 'resource policy delegating to the account', kind: 'resource' }),
    'resource',
  );
  const set = compilePolicySet({ identityPolicies: [policy], resourcePolicy: delegation });
  const proof: Proof = { checked: 0, allowed: 0, failures: [] };
  // A trail repeats the same requests: each distinct one is evaluated once.
  const decided = new Map<string, Decision>();
  for (const call of calls) {
    const principal = usablePrincipal(call.principal) ?? role.arn;
    for (const r of call.requests) {
      proof.checked++;
      const key = `${principal}\u0000${r.action}\u0000${r.resource}\u0000${r.context ? JSON.stringify(r.context) : ''}`;
      let decision = decided.get(key);
      if (decision === undefined) {
        decision = evaluate({ principal, action: r.action, resource: r.resource, resourceAccount: role.account, context: r.context }, set).decision;
        decided.set(key, decision);
      }
      if (decision === 'Allowed') proof.allowed++;
      else proof.failures.push({ eventName: call.eventName, eventTime: call.eventTime, action: r.action, resource: r.resource, decision });
    }
  }
  return proof;
}

function usablePrincipal(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  try {
    parsePrincipal(arn);
    return arn;
  } catch {
    return undefined;
  }
}
