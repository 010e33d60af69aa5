import { compareText } from '../../core/compare-text.js';
import type { Inventory } from '../../core/inventory.js';
import { fail, pass, unknown, type CheckResult, type Rule } from '../../core/rule.js';
import type { Resource } from '../../core/resource.js';
import { joinPath } from '../../core/value.js';
import { evaluateAccess, type AccessAnswer } from '../../iam/inventory/access.js';
import type { BoundedPolicy } from '../../iam/inventory/bounded-policy.js';
import { iamWorld, type IamWorld, type WorldPrincipal } from '../../iam/inventory/world.js';
import { splitArn } from '../../iam/arn.js';
import { executionRoleEvidence, managedPolicyAttachments } from '../lib/execution-roles.js';
import { awsManagedPolicyName, BROAD_MANAGED_POLICIES } from '../lib/iam-match.js';

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
    const world = iamWorld(inventory);
    const principal = world.principalFor(role);
    const documents = principal ? codePolicies(principal) : [];
    const results = [...managedResults(role, inventory, label), ...(principal ? probeResults(world, principal, documents, role, label) : [])];
    if (results.some((r) => r.status !== 'pass')) return results;
    return [pass(undefined, `${label}: no broad managed policy, and its ${documents.length} policy document(s) grant no action, service or resource wholesale`)];
  },
};

/** Report against the resource that holds the grant, so the finding points at the line to change. */
function against(owner: Resource, role: Resource, result: CheckResult): CheckResult {
  return owner.key === role.key ? result : { ...result, resource: owner };
}

/** AWS-managed policies are judged by name: the broad ones are listed with what they allow. */
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

/** The role's policy documents written in the code (inline, policy resources, customer managed policies). */
function codePolicies(p: WorldPrincipal): BoundedPolicy[] {
  return p.identity.filter((x) => !x.origin.awsManaged && x.origin.path?.endsWith('PolicyDocument'));
}

/**
 * A grant is broad when it lets the role do something nobody names: an action of a service that
 * does not exist (only `*` or NotAction grants it), an action of S3, SageMaker or IAM that does not
 * exist (only `service:*` grants it), iam:PassRole on a role nobody names, s3:GetObject in a bucket
 * nobody names.
 */
interface Probe {
  action: string;
  /** The probe resources; `derived` adds one per resource pattern of the role's statements for the service. */
  resources: (p: { account: string; region: string }) => string[];
  derived?: string;
  why: string;
  /** Which element of the granting statement to point at. */
  element: 'action' | 'resource';
}

const PROBE_NAME = 'RingfenceProbe';
const PROBES: readonly Probe[] = [
  {
    action: `ringfence-probe:${PROBE_NAME}`,
    resources: (p) => [`arn:aws:ringfence-probe:${p.region}:${p.account}:probe/${PROBE_NAME}`],
    why: 'it grants every action of every AWS service',
    element: 'action',
  },
  ...(
    [
      ['s3', 'every S3 action: reading, overwriting and deleting any object it can reach', (p: { account: string }) => `arn:aws:s3:::ringfence-probe-${p.account}/${PROBE_NAME}`],
      ['sagemaker', 'every SageMaker action, including starting notebooks and jobs that run code under other roles', (p: { account: string; region: string }) => `arn:aws:sagemaker:${p.region}:${p.account}:notebook-instance/ringfence-probe`],
      ['iam', 'every IAM action, which is administrator access by another route', (p: { account: string }) => `arn:aws:iam::${p.account}:role/${PROBE_NAME}`],
    ] as const
  ).map(([service, why, generic]): Probe => ({ action: `${service}:${PROBE_NAME}`, resources: (p) => [generic(p)], derived: service, why: `it grants ${why}`, element: 'action' })),
  {
    action: 'iam:PassRole',
    resources: (p) => [`arn:aws:iam::${p.account}:role/${PROBE_NAME}`],
    why: 'iam:PassRole on every role lets the jobs it starts run as any role, including more privileged ones',
    element: 'resource',
  },
  {
    action: 's3:GetObject',
    resources: () => [`arn:aws:s3:::ringfence-probe-bucket/${PROBE_NAME}`],
    why: 's3:GetObject on every bucket: it can read objects in every bucket of the account, not only its own data',
    element: 'resource',
  },
];

interface Flag {
  policy: BoundedPolicy;
  index: number;
  status: 'fail' | 'unknown';
  element: Probe['element'];
  reasons: string[];
}

function probeResults(world: IamWorld, principal: WorldPrincipal, documents: BoundedPolicy[], role: Resource, label: string): CheckResult[] {
  if (documents.length === 0) return [];
  const byId = new Map(documents.map((d) => [d.origin.id, d]));
  const flags = new Map<string, Flag>();
  const placeholders = world.placeholders;
  for (const probe of PROBES) {
    const resources = [...probe.resources(placeholders), ...(probe.derived ? derivedResources(documents, probe.derived) : [])];
    for (const resource of resources) {
      const answer = evaluateAccess(world, principal, { action: probe.action, resource, identity: documents, resourcePolicy: null });
      if (answer.status === 'denied') continue;
      const status = answer.status === 'unknown' ? 'unknown' : 'fail';
      const when = answer.status === 'conditional' ? ` (when ${answer.conditionsText})` : '';
      for (const ref of grantingStatements(answer)) {
        const policy = byId.get(ref.policyId);
        if (!policy) continue;
        const key = `${ref.policyId}#${ref.statementIndex}`;
        const flag = flags.get(key) ?? { policy, index: ref.statementIndex, status, element: probe.element, reasons: [] };
        if (status === 'fail') flag.status = 'fail';
        const reason = `${probe.why}${when}`;
        if (!flag.reasons.includes(reason)) flag.reasons.push(reason);
        flags.set(key, flag);
      }
    }
  }
  return [...flags.values()]
    .sort((a, b) => compareText(a.policy.origin.id, b.policy.origin.id) || a.index - b.index)
    .map((f) => {
      const owner = f.policy.origin.resource ?? role;
      const statementPath = f.policy.origin.statementPaths[f.index] ?? f.policy.origin.path ?? '';
      if (f.status === 'unknown') return against(owner, role, unknown(statementPath, `${label}: a value this statement needs is not known, and it may grant: ${f.reasons.join('; ')}`));
      return against(owner, role, fail(joinPath(statementPath, elementOf(f.policy, f.index, f.element)), `${label}: ${f.reasons.join('; ')}`));
    });
}

/** The identity statements that granted access, in the bound that decided. */
function grantingStatements(answer: AccessAnswer) {
  return answer.deciding.filter((r) => r.policyType === 'identity' && r.effect === 'Allow');
}

/** `Action` or `NotAction`, `Resource` or `NotResource`: the element as the statement writes it. */
function elementOf(policy: BoundedPolicy, index: number, element: Probe['element']): string {
  const st = policy.upper.statements[index];
  if (element === 'action') return st?.notAction ? 'NotAction' : 'Action';
  return st?.notResource ? 'NotResource' : 'Resource';
}

/** One concrete ARN per resource pattern the role's statements name for a service (wildcards filled in). */
function derivedResources(documents: BoundedPolicy[], service: string): string[] {
  const out = new Set<string>();
  for (const d of documents) {
    for (const s of d.upper.statements) {
      if (s.effect !== 'Allow') continue;
      for (const r of s.resource ?? []) {
        const parts = splitArn(r);
        if (parts.length === 6 && (parts[2] === service || parts[2] === '*')) out.add(r.replace(/[*?]+/g, 'ringfence-probe'));
      }
    }
  }
  return [...out];
}
