import type { CompiledPolicy } from '../evaluate/compile.js';
import type { CompiledPolicySet } from '../evaluate/policy-set.js';

/**
 * Who decides a condition key's value when an attacker tries a technique. This decides how the
 * escalation search evaluates a condition it cannot know:
 *
 * - `request`: the attacker writes the request (tags on the new resource, the region, the
 *   instance type, the service's own request parameters). Unknown, and a grant that depends only
 *   on such keys is exploitable: the attacker sends the values the policy asks for.
 * - `environment`: where and how the call is made (source IP, VPC endpoint, MFA, time). Unknown;
 *   a grant that depends on them is reported as conditional, with the condition.
 * - `principal`: facts about the caller (its ARN, tags, account). Known from the world: a key the
 *   principal does not have is absent, so a condition that needs it fails.
 * - `resource`: facts about an existing resource (its tags). Known when the world knows the tags.
 */
export type KeyClass = 'request' | 'environment' | 'principal' | 'resource';

const PRINCIPAL_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:userid',
  'aws:username',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:principalservicenameslist',
]);
/** Principal facts the world may not know: unknown unless given. */
const ORG_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths']);
const ENVIRONMENT_KEYS = new Set([
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:vpcsourceip',
  'aws:sourcevpcarn',
  'aws:multifactorauthpresent',
  'aws:multifactorauthage',
  'aws:securetransport',
  'aws:currenttime',
  'aws:epochtime',
  'aws:useragent',
  'aws:referer',
  'aws:viaawsservice',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:tokenissuetime',
  'aws:sourceidentity',
  'aws:federatedprovider',
  'aws:ec2instancesourcevpc',
  'aws:ec2instancesourceprivateipv4',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  'sts:externalid',
]);

export function keyClass(lowerKey: string): KeyClass {
  if (PRINCIPAL_KEYS.has(lowerKey) || lowerKey.startsWith('aws:principaltag/')) return 'principal';
  if (ORG_KEYS.has(lowerKey)) return 'environment';
  if (lowerKey.startsWith('aws:resourcetag/') || /^[a-z0-9-]+:resourcetag\//.test(lowerKey) || lowerKey === 'aws:resourceaccount') return 'resource';
  if (ENVIRONMENT_KEYS.has(lowerKey)) return 'environment';
  return 'request';
}

const policyKeyCache = new WeakMap<CompiledPolicy, readonly string[]>();
const setKeyCache = new WeakMap<CompiledPolicySet, readonly string[]>();

/** Every condition key (lower-case) a policy tests. */
export function policyConditionKeys(policy: CompiledPolicy): readonly string[] {
  let hit = policyKeyCache.get(policy);
  if (!hit) {
    const keys = new Set<string>();
    for (const st of policy.statements) for (const c of st.statement.conditions) keys.add(c.key.toLowerCase());
    hit = [...keys];
    policyKeyCache.set(policy, hit);
  }
  return hit;
}

/** Every condition key (lower-case) the policies of a set test. */
export function conditionKeysOf(set: CompiledPolicySet): readonly string[] {
  let hit = setKeyCache.get(set);
  if (hit) return hit;
  const keys = new Set<string>();
  const policies = [...set.identity, ...set.boundary, ...set.endpoint, ...(set.resource ? [set.resource] : []), ...(set.session ? [set.session] : []), ...(set.scp ?? []).flat(), ...(set.rcp ?? []).flat()];
  for (const p of policies) for (const k of policyConditionKeys(p)) keys.add(k);
  hit = [...keys];
  setKeyCache.set(set, hit);
  return hit;
}
