import type { Inventory } from '../../core/inventory.js';
import { fail, pass, unknown, type CheckResult, type Rule } from '../../core/rule.js';
import type { Resource } from '../../core/resource.js';
import { asString } from '../../core/value.js';
import { evaluateAccess } from '../../iam/inventory/access.js';
import type { BoundedPolicy } from '../../iam/inventory/bounded-policy.js';
import { OTHER_ACCOUNT } from '../../iam/inventory/placeholders.js';
import { iamWorld, type IamWorld, type WorldPrincipal } from '../../iam/inventory/world.js';
import type { EvaluationResult } from '../../iam/evaluate/types.js';
import { grantedOnlyWithin, restrictingLeaves, type BucketIdentity, type Tri } from '../lib/iam-match.js';
import { bucketIdentity, trainingDataReaders } from '../lib/training-data.js';

export const rule: Rule = {
  id: 's3-training-data-bucket-lockdown',
  title: 'Training-data bucket is not locked down to named VPC endpoints or principals',
  ring: 'data',
  severity: 'high',
  resourceTypes: ['AWS::S3::Bucket'],
  rationale:
    'Whoever can read or replace training data can steal it or poison the next model. IAM policies elsewhere in the account (or in ' +
    'other accounts) can grant s3:GetObject on the bucket; only a Deny in the bucket policy makes the bucket itself refuse every ' +
    'request that does not come through your VPC endpoints or from the principals you name.',
  remediation:
    'Add an AWS::S3::BucketPolicy (Terraform: aws_s3_bucket_policy) with a statement Effect: Deny, Principal: "*", Action: s3:GetObject ' +
    '(or s3:*), Resource: the bucket ARN + "/*", and a Condition StringNotEquals on aws:SourceVpce (your S3 VPC endpoint ids) or ' +
    'ArnNotEquals on aws:PrincipalArn (the SageMaker execution roles and the pipeline that writes the data).',
  references: {
    nist80053: ['AC-3', 'AC-4', 'AC-6', 'SC-7'],
    atlas: ['AML.T0020', 'AML.T0035', 'AML.T0025', 'AML.M0005', 'AML.M0025'],
    owaspMl: ['ML02:2023', 'ML10:2023'],
    docs: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce',
    ],
  },
  check(bucket, inventory) {
    const readers = trainingDataReaders(bucket, inventory);
    if (readers.length === 0) return [];
    const id = bucketIdentity(bucket);
    const who = `${readers[0]!.by.type} ${readers[0]!.by.id}${readers.length > 1 ? ` and ${readers.length - 1} more` : ''}`;
    const policies = bucketPolicies(bucket, id, inventory);
    if (policies.length === 0) {
      return [fail(undefined, `training-data bucket ${bucket.id} (read by ${who}) has no bucket policy: any principal granted s3:GetObject anywhere can read it, from anywhere`)];
    }
    const world = iamWorld(inventory);
    return policies.map((p) => ({ ...judgePolicy(world, bucket, p, who), resource: p }));
  },
};

/** Only these keys may stand between an outsider and the objects: where the request comes from, or who makes it. */
const LOCKDOWN_KEYS = ['aws:SourceVpce', 'aws:PrincipalArn'] as const;

function bucketPolicies(bucket: Resource, id: BucketIdentity, inventory: Inventory): Resource[] {
  const byRef = inventory.referrers(bucket, 'Bucket', 'AWS::S3::BucketPolicy');
  const byName = id.name ? inventory.ofType('AWS::S3::BucketPolicy').filter((p) => asString(p.properties['Bucket']) === id.name) : [];
  return [...new Set([...byRef, ...byName])];
}

/**
 * Principals nobody named, each with any permission of its own: a role and a user of this account,
 * a role of another account, anonymous callers. The bucket is locked down when none of them can
 * read an object unless the request comes through a named endpoint or from a named principal.
 */
function outsiders(world: IamWorld): WorldPrincipal[] {
  const allow = world.principals.find((p) => p.kind === 'any-in-account')!.identity;
  const account = world.placeholders.account;
  const make = (arn: string, label: string, identity = allow): WorldPrincipal => ({ kind: 'any-in-account', arn, label, identity, boundary: [] });
  return [
    make(`arn:aws:iam::${account}:role/{any-other-role}`, 'another role of this account'),
    make(`arn:aws:iam::${account}:user/{any-other-user}`, 'another user of this account'),
    make(`arn:aws:iam::${OTHER_ACCOUNT}:role/{any-role}`, 'a role of another account'),
    { kind: 'anonymous', arn: '*', label: 'anonymous callers', identity: [], boundary: [] },
  ];
}

function judgePolicy(world: IamWorld, bucket: Resource, policyResource: Resource, who: string): CheckResult {
  const policy = world.policyAt(policyResource, 'PolicyDocument');
  if (!policy) return fail('PolicyDocument', `the policy of training-data bucket ${bucket.id} is empty`);
  const name = world.symbols.nameOf(bucket);
  const object = `arn:aws:s3:::${'text' in name ? name.text : bucket.id}/ringfence-probe-object`;
  const verdicts = outsiders(world).map((p) => judgeOutsider(world, p, policy, object));
  const open = verdicts.find((v) => v.verdict === 'no');
  if (open) {
    return fail(
      'PolicyDocument',
      `training-data bucket ${bucket.id} (read by ${who}): ${open.principal.label} can read its objects${open.when ? ` when ${open.when}` : ''}: there is no Deny of s3:GetObject to Principal "*" on its objects unless the request comes through named VPC endpoints (aws:SourceVpce) or from named principals (aws:PrincipalArn)`,
    );
  }
  const undecided = verdicts.find((v) => v.verdict === 'unknown');
  if (undecided) {
    const gap = policy.gaps[0];
    return unknown('PolicyDocument', `cannot tell whether the policy locks training-data bucket ${bucket.id} down: ${gap ? `${gap.path}: ${gap.reason}` : 'a condition is too complex to expand'}`);
  }
  const leaves = verdicts.flatMap((v) => v.leaves);
  const statement = leaves[0]?.statement.statementIndex ?? verdicts.flatMap((v) => v.denying)[0];
  const named = [...new Set(leaves.map((l) => `${l.key} ${l.values.join(', ')}`))].join('; ');
  return pass(
    statement === undefined ? 'PolicyDocument' : policy.origin.statementPaths[statement],
    `training-data bucket ${bucket.id} denies object reads to everyone ${named ? `except requests with ${named}` : ''}`.trimEnd(),
  );
}

interface Verdict {
  principal: WorldPrincipal;
  /** Whether reads are locked down for this principal. */
  verdict: Tri;
  when?: string;
  leaves: ReturnType<typeof restrictingLeaves>;
  denying: number[];
}

/** Locked down for sure when even the most permissive reading of the policy is; open when even the least permissive is not. */
function judgeOutsider(world: IamWorld, principal: WorldPrincipal, policy: BoundedPolicy, object: string): Verdict {
  const answer = evaluateAccess(world, principal, { action: 's3:GetObject', resource: object, resourcePolicy: policy });
  const upper = grantedOnlyWithin(answer.upper, LOCKDOWN_KEYS);
  const lower = grantedOnlyWithin(answer.lower, LOCKDOWN_KEYS);
  const verdict: Tri = upper === 'yes' ? 'yes' : lower === 'no' ? 'no' : 'unknown';
  const decided: EvaluationResult = verdict === 'no' ? answer.lower : answer.upper;
  return {
    principal,
    verdict,
    ...(verdict === 'no' && decided.conditionsText ? { when: decided.conditionsText } : {}),
    leaves: verdict === 'yes' ? restrictingLeaves(decided, LOCKDOWN_KEYS) : [],
    denying: decided.decision === 'Allowed' ? [] : decided.decidingStatements.filter((s) => s.policyType === 'resource').map((s) => s.statementIndex),
  };
}
