import type { Inventory } from '../../core/inventory.js';
import { fail, pass, unknown, type CheckResult, type Rule } from '../../core/rule.js';
import type { Resource } from '../../core/resource.js';
import { getPath, joinPath } from '../../core/value.js';
import { executionRoleEvidence, managedPolicyAttachments, rolePolicyDocuments } from '../lib/execution-roles.js';
import { awsManagedPolicyName, broadGrants, BROAD_MANAGED_POLICIES } from '../lib/iam-match.js';
import { parseDocument, statements, type PolicySource } from '../lib/policy-document.js';

export const rule: Rule = {
  id: 'sagemaker-role-broad-permissions',
  title: 'SageMaker execution role has broad permissions',
  ring: 'identity',
  severity: 'high',
  resourceTypes: ['AWS::IAM::Role'],
  rationale:
    'Every notebook, training job, processing step and endpoint runs with its execution role, so anyone who can run code there (a ' +
    'notebook user, a malicious package, a poisoned model) holds the role. Broad grants turn that into reading every bucket, ' +
    'overwriting other models and their training data, or passing more privileged roles to new jobs.',
  remediation:
    'Remove AdministratorAccess, PowerUserAccess, IAMFullAccess, AmazonS3FullAccess, AmazonSageMakerFullAccess and similar AWS-managed ' +
    'policies from the role (CloudFormation ManagedPolicyArns, Terraform managed_policy_arns or aws_iam_role_policy_attachment) and write ' +
    'statements that name the actions and resources the workload needs: s3:GetObject on the training prefix, s3:PutObject on the output ' +
    'prefix, iam:PassRole only on the roles it must pass (with iam:PassedToService sagemaker.amazonaws.com).',
  references: {
    nist80053: ['AC-6', 'AC-6(2)', 'AC-6(10)'],
    atlas: ['AML.T0012', 'AML.T0035', 'AML.T0020', 'AML.M0005', 'AML.M0019'],
    owaspMl: ['ML02:2023', 'ML05:2023', 'ML10:2023'],
    checkov: ['CKV_AWS_1', 'CKV_AWS_49', 'CKV_AWS_62', 'CKV_AWS_63', 'CKV_AWS_274', 'CKV_AWS_355', 'CKV2_AWS_56', 'CKV2_AWS_68'],
    cfnNag: ['F3', 'F4', 'F5', 'F38', 'W11', 'W43'],
    cdkNag: ['AwsSolutions-IAM4', 'AwsSolutions-IAM5'],
    prowler: ['sagemaker_full_access_policy_attached', 'iam_role_administratoraccess_policy', 'iam_inline_policy_no_administrative_privileges'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  },
  check(role, inventory) {
    const evidence = executionRoleEvidence(role, inventory);
    if (evidence.length === 0) return [];
    const label = `SageMaker execution role ${role.id} (${evidence[0]})`;
    const results = [...managedResults(role, inventory, label), ...policyResults(role, inventory, label)];
    if (results.some((r) => r.status !== 'pass')) return results;
    return [pass(undefined, `${label}: no broad managed policy and no broad statement in its ${rolePolicyDocuments(role, inventory).length} attached policy document(s)`)];
  },
};

/** Report against the resource that holds the grant, so the finding points at the line to change. */
function against(owner: Resource, role: Resource, result: CheckResult): CheckResult {
  return owner.key === role.key ? result : { ...result, resource: owner };
}

function managedResults(role: Resource, inventory: Inventory, label: string): CheckResult[] {
  const out: CheckResult[] = [];
  for (const att of managedPolicyAttachments(role, inventory)) {
    if (att.unknown) {
      out.push(against(att.owner, role, unknown(att.path, `${label}: cannot tell which managed policy is attached: ${att.unknown}`)));
      continue;
    }
    const name = att.arn ? awsManagedPolicyName(att.arn) : undefined;
    const why = name ? BROAD_MANAGED_POLICIES[name] : undefined;
    if (name && why) out.push(against(att.owner, role, fail(att.path, `${label} has the AWS-managed policy ${name}, which allows ${why}`)));
  }
  return out;
}

function policyResults(role: Resource, inventory: Inventory, label: string): CheckResult[] {
  return rolePolicyDocuments(role, inventory).flatMap((src) => documentResults(src, role, label));
}

function documentResults(src: PolicySource, role: Resource, label: string): CheckResult[] {
  const doc = parseDocument(getPath(src.owner.properties, src.path));
  if (doc.state === 'absent') return [];
  if (doc.state === 'unknown') return [against(src.owner, role, unknown(src.path, `${label}: the policy cannot be read: ${doc.reason}`))];
  const sts = statements(doc.document, src.path);
  if (!Array.isArray(sts)) return [against(src.owner, role, unknown(joinPath(src.path, 'Statement'), `${label}: the statements cannot be read: ${sts.unknown}`))];
  const out: CheckResult[] = [];
  for (const { path, statement } of sts) {
    const b = broadGrants(statement);
    if (b.grants.length) {
      const field = b.grants[0]!.field;
      out.push(against(src.owner, role, fail(joinPath(path, field), `${label}: ${b.grants.map((g) => g.why).join('; ')}`)));
    } else if (b.unknown) {
      out.push(against(src.owner, role, unknown(path, `${label}: ${b.unknown}`)));
    }
  }
  return out;
}
