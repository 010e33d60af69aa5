import type { Inventory } from '../../core/inventory.js';
import { fail, pass, unknown, type CheckResult, type Rule } from '../../core/rule.js';
import type { Resource } from '../../core/resource.js';
import { asString, joinPath } from '../../core/value.js';
import { locksDownObjectReads, type BucketIdentity } from '../lib/iam-match.js';
import { parseDocument, statements } from '../lib/policy-document.js';
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
    return policies.flatMap((p) => judgePolicy(p, id, bucket.id, who));
  },
};

function bucketPolicies(bucket: Resource, id: BucketIdentity, inventory: Inventory): Resource[] {
  const byRef = inventory.referrers(bucket, 'Bucket', 'AWS::S3::BucketPolicy');
  const byName = id.name ? inventory.ofType('AWS::S3::BucketPolicy').filter((p) => asString(p.properties['Bucket']) === id.name) : [];
  return [...new Set([...byRef, ...byName])];
}

function judgePolicy(policy: Resource, id: BucketIdentity, bucketId: string, who: string): CheckResult[] {
  const on = (r: CheckResult): CheckResult => ({ ...r, resource: policy });
  const doc = parseDocument(policy.properties['PolicyDocument']);
  if (doc.state === 'unknown') return [on(unknown('PolicyDocument', `the policy of training-data bucket ${bucketId} cannot be read: ${doc.reason}`))];
  if (doc.state === 'absent') return [on(fail('PolicyDocument', `the policy of training-data bucket ${bucketId} is empty`))];
  const sts = statements(doc.document, 'PolicyDocument');
  if (!Array.isArray(sts)) return [on(unknown(joinPath('PolicyDocument', 'Statement'), `the statements cannot be read: ${sts.unknown}`))];
  let undecided: string | undefined;
  for (const { path, statement } of sts) {
    const r = locksDownObjectReads(statement, id);
    if (r.result === 'yes') return [on(pass(path, `training-data bucket ${bucketId} denies object reads to everyone except the VPC endpoints or principals named here`))];
    if (r.result === 'unknown') undecided ??= `${path}: ${r.why ?? 'a value is not known'}`;
  }
  if (undecided) return [on(unknown('PolicyDocument', `cannot tell whether the policy locks training-data bucket ${bucketId} down (${undecided})`))];
  return [
    on(
      fail(
        'PolicyDocument',
        `training-data bucket ${bucketId} (read by ${who}) has no Deny of s3:GetObject to Principal "*" on its objects with a StringNotEquals/ArnNotEquals condition on aws:SourceVpce or aws:PrincipalArn: any principal granted read elsewhere can read or exfiltrate the data`,
      ),
    ),
  ];
}
