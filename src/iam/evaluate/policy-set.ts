import type { Policy } from '../policy/types.js';
import { compilePolicy, type CompiledPolicy } from './compile.js';
import type { PolicyType } from './types.js';

/**
 * The policies that apply to one request, by type, as raw or compiled policies; and the same set
 * compiled once for evaluating many requests (who-can, escalation search).
 */

export interface OrgPolicies<P = PolicyInput> {
  /** The root, OU or account the policies are attached to (root first, account last). */
  orgIdentifier: string;
  policies: P[];
}

export type PolicyInput = Policy | CompiledPolicy;

/** Every policy type of AWS's evaluation logic. */
export interface PolicySet {
  identityPolicies?: PolicyInput[];
  resourcePolicy?: PolicyInput;
  /** Policies of the VPC endpoints the request passes through. */
  endpointPolicies?: PolicyInput[];
  /** The permissions boundary (one policy; several are read as one). */
  permissionBoundaries?: PolicyInput[];
  serviceControlPolicies?: OrgPolicies[];
  resourceControlPolicies?: OrgPolicies[];
  sessionPolicy?: PolicyInput;
}

export interface CompiledPolicySet {
  readonly compiledSet: true;
  identity: CompiledPolicy[];
  resource?: CompiledPolicy;
  endpoint: CompiledPolicy[];
  boundary: CompiledPolicy[];
  session?: CompiledPolicy;
  scp?: CompiledPolicy[][];
  rcp?: CompiledPolicy[][];
}

const compiledCache = new WeakMap<Policy, Map<string, CompiledPolicy>>();

function compiled(p: PolicyInput, type: PolicyType, org?: string): CompiledPolicy {
  if ('compiled' in p) return p;
  let byKey = compiledCache.get(p);
  if (!byKey) compiledCache.set(p, (byKey = new Map()));
  const key = `${type}|${org ?? ''}`;
  let c = byKey.get(key);
  if (!c) byKey.set(key, (c = compilePolicy(p, type, org)));
  return c;
}

/** Compiles every policy of a set once, for evaluating many requests against it. */
export function compilePolicySet(set: PolicySet | CompiledPolicySet): CompiledPolicySet {
  if ('compiledSet' in set) return set;
  const levels = (list: OrgPolicies[] | undefined, type: PolicyType) =>
    list?.map((level) => level.policies.map((p) => compiled(p, type, level.orgIdentifier)));
  return {
    compiledSet: true,
    identity: (set.identityPolicies ?? []).map((p) => compiled(p, 'identity')),
    resource: set.resourcePolicy ? compiled(set.resourcePolicy, 'resource') : undefined,
    endpoint: (set.endpointPolicies ?? []).map((p) => compiled(p, 'endpoint')),
    boundary: (set.permissionBoundaries ?? []).map((p) => compiled(p, 'boundary')),
    session: set.sessionPolicy ? compiled(set.sessionPolicy, 'session') : undefined,
    scp: levels(set.serviceControlPolicies, 'scp'),
    rcp: levels(set.resourceControlPolicies, 'rcp'),
  };
}

