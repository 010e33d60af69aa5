import { fail, pass, unknown, type CheckResult, type Rule } from '../../core/rule.js';
import type { Resource } from '../../core/resource.js';
import { getPath, isObject, joinPath } from '../../core/value.js';
import type { LintPolicyType } from '../../iam/lint/lint.js';
import { iamWorld } from '../../iam/inventory/world.js';

/** The lint checks load only when a scan runs this (strict-profile) rule; see Rule.prepare. */
let lint: typeof import('../../iam/lint/inventory.js') | undefined;

export const rule: Rule = {
  id: 'iam-policy-lint',
  title: 'IAM policy has errors or risky constructs (strict profile)',
  ring: 'identity',
  severity: 'medium',
  resourceTypes: [
    'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy',
    'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy', 'AWS::S3::BucketPolicy', 'AWS::KMS::Key', 'AWS::EC2::VPCEndpoint',
    'AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy',
  ],
  profiles: ['strict'],
  rationale:
    'A policy that names actions or resources that do not exist grants less than its author believes, and hides the grant that ' +
    'was meant; NotAction, NotResource, iam:PassRole on every role, Principal "*" without conditions and trust policies without ' +
    'aws:SourceAccount grant more. These are the mistakes IAM Access Analyzer policy validation reports, found before deployment.',
  remediation:
    'Fix each finding where it points: correct the action or ARN, replace NotAction/NotResource with the actions and resources ' +
    'needed, restrict iam:PassRole to named roles with iam:PassedToService, add aws:SourceAccount/aws:SourceArn conditions for ' +
    'service principals, and drop redundant statements. `ringfence iam lint POLICY.json` runs the same checks on a policy file.',
  references: {
    nist80053: ['AC-6', 'AC-3', 'CM-6'],
    cfnNag: ['F38', 'F39'],
    cdkNag: ['AwsSolutions-IAM5'],
    docs: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    ],
  },
  async prepare() {
    lint = await import('../../iam/lint/inventory.js');
  },
  check(resource, inventory) {
    if (!lint) throw new Error('the lint checks were not loaded (call rule.prepare() first)');
    const { lintInventoryDocument } = lint;
    const world = iamWorld(inventory);
    const out: CheckResult[] = [];
    let documents = 0;
    for (const { path, type } of documentsOf(resource)) {
      const value = getPath(resource.properties, path);
      if (value === undefined || value === null || value === '') continue;
      const found = lintInventoryDocument(value, path, world.symbols, { type });
      if (!Array.isArray(found)) {
        out.push(unknown(path, `the policy at ${path} cannot be read: ${found.unknown}`));
        continue;
      }
      documents++;
      for (const f of found) {
        const aa = f.accessAnalyzer ? ` (IAM Access Analyzer: "${f.accessAnalyzer}")` : '';
        out.push(fail(f.property, `${f.severity} ${f.check}${aa}: ${f.message}`));
      }
    }
    if (out.length === 0 && documents > 0) out.push(pass(undefined, `${documents} policy document(s) of ${resource.id} pass every lint check`));
    return out;
  },
};

const DOCUMENT_PROPERTY: Readonly<Record<string, { path: string; type: LintPolicyType }[]>> = {
  'AWS::IAM::Role': [{ path: 'AssumeRolePolicyDocument', type: 'trust' }],
  'AWS::IAM::Policy': [{ path: 'PolicyDocument', type: 'identity' }],
  'AWS::IAM::ManagedPolicy': [{ path: 'PolicyDocument', type: 'identity' }],
  'AWS::IAM::RolePolicy': [{ path: 'PolicyDocument', type: 'identity' }],
  'AWS::IAM::UserPolicy': [{ path: 'PolicyDocument', type: 'identity' }],
  'AWS::IAM::GroupPolicy': [{ path: 'PolicyDocument', type: 'identity' }],
  'AWS::S3::BucketPolicy': [{ path: 'PolicyDocument', type: 'resource' }],
  'AWS::KMS::Key': [{ path: 'KeyPolicy', type: 'resource' }],
  'AWS::EC2::VPCEndpoint': [{ path: 'PolicyDocument', type: 'resource' }],
  'AWS::SQS::QueuePolicy': [{ path: 'PolicyDocument', type: 'resource' }],
  'AWS::SNS::TopicPolicy': [{ path: 'PolicyDocument', type: 'resource' }],
};

/** The policy documents a resource holds: its document properties and its inline `Policies`. */
function documentsOf(resource: Resource): { path: string; type: LintPolicyType }[] {
  const out = [...(DOCUMENT_PROPERTY[resource.type] ?? [])];
  const inline = resource.properties['Policies'];
  if (Array.isArray(inline)) inline.forEach((p, i) => isObject(p) && out.push({ path: joinPath(joinPath('Policies', i), 'PolicyDocument'), type: 'identity' }));
  return out;
}
