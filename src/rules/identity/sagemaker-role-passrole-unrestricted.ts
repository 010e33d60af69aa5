import type { Inventory } from '../../core/inventory.js';
import { fail, pass, unknown, type CheckResult, type Rule } from '../../core/rule.js';
import type { Resource } from '../../core/resource.js';
import { joinPath } from '../../core/value.js';
import { splitArn } from '../../iam/arn.js';
import { evaluateAccess, type AccessAnswer } from '../../iam/inventory/access.js';
import { iamWorld, type IamWorld, type WorldPrincipal } from '../../iam/inventory/world.js';
import { executionRoleEvidence, managedPolicyAttachments } from '../lib/execution-roles.js';
import { awsManagedPolicyName, grantedOnlyWithin, restrictingLeaves, wildcardMatch } from '../lib/iam-match.js';

export const rule: Rule = {
  id: 'sagemaker-role-passrole-unrestricted',
  title: 'SageMaker execution role can pass roles it should not',
  ring: 'identity',
  severity: 'high',
  resourceTypes: ['AWS::IAM::Role'],
  rationale:
    'A role that may call iam:PassRole hands other roles to the jobs, notebooks and pipelines it creates, which then run with those ' +
    "roles' permissions. On every role (Resource \"*\", arn:aws:iam::*:role/*, or NotResource) code running as the execution role can " +
    'start a job as the most privileged role of the account; without iam:PassedToService it can hand a role to any service, ' +
    'including ones that run arbitrary code (Lambda, EC2, Glue).',
  remediation:
    'Grant iam:PassRole only on the ARNs of the roles the workload must pass, with a Condition StringEquals iam:PassedToService: ' +
    'sagemaker.amazonaws.com. Replace AmazonSageMakerFullAccess (which passes any role to SageMaker) with statements that do so.',
  references: {
    nist80053: ['AC-6', 'AC-6(10)', 'AC-3'],
    atlas: ['AML.T0012', 'AML.M0005'],
    owaspMl: ['ML10:2023'],
    cfnNag: ['F38', 'F39'],
    docs: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
    ],
  },
  check(role, inventory) {
    const evidence = executionRoleEvidence(role, inventory);
    if (evidence.length === 0) return [];
    const label = `SageMaker execution role ${role.id} (${evidence[0]})`;
    const world = iamWorld(inventory);
    const principal = world.principalFor(role);
    if (!principal) return [unknown('RoleName', `${label}: its ARN is not known`)];
    return [judge(world, principal, role, inventory, label)];
  },
};

const PROBE_ROLE = '{a-role-nobody-named}';
const PASSED_TO_SERVICE = ['iam:PassedToService'];

function judge(world: IamWorld, principal: WorldPrincipal, role: Resource, inventory: Inventory, label: string): CheckResult {
  const ask = (arn: string) => evaluateAccess(world, principal, { action: 'iam:PassRole', resource: arn, resourcePolicy: null });
  const any = ask(`arn:aws:iam::${world.placeholders.account}:role/${PROBE_ROLE}`);
  if (any.status === 'unknown') return at(world, role, inventory, any, unknown, `${label}: it may be able to pass any role, depending on values not known before deployment`);
  if (any.status !== 'denied') {
    return at(world, role, inventory, any, fail, `${label} can pass any role of the account${services(any)}: iam:PassRole is granted on every role`);
  }
  let undecided: AccessAnswer | undefined;
  for (const target of namedRoles(world, principal)) {
    const answer = ask(target);
    if (answer.status === 'unknown') undecided ??= answer;
    if (answer.status === 'denied' || answer.status === 'unknown') continue;
    if (grantedOnlyWithin(answer.lower, PASSED_TO_SERVICE) === 'no') {
      return at(world, role, inventory, answer, fail, `${label} can pass ${target} to any service: the statement has no iam:PassedToService condition`);
    }
  }
  if (undecided) return at(world, role, inventory, undecided, unknown, `${label}: whether it can pass roles depends on values not known before deployment`);
  return pass(undefined, `${label} passes no role, or only named roles to named services`);
}

/** ` to sagemaker.amazonaws.com`, or ` to any service`. */
function services(answer: AccessAnswer): string {
  const leaves = restrictingLeaves(answer.lower.decision === 'Allowed' ? answer.lower : answer.upper, PASSED_TO_SERVICE);
  const names = [...new Set(leaves.flatMap((l) => l.values))];
  return grantedOnlyWithin(answer.lower, PASSED_TO_SERVICE) === 'yes' && names.length ? ` to ${names.join(', ')}` : ' to any service';
}

/**
 * The roles a PassRole grant may name: the code's roles that a PassRole statement's resources match,
 * and one stand-in per pattern those statements name. Only these can be passed, so only these are
 * asked about (asking about every role of a large inventory for every execution role would be quadratic).
 */
function namedRoles(world: IamWorld, principal: WorldPrincipal): string[] {
  const patterns: string[] = [];
  for (const policy of principal.identity) {
    for (const s of policy.upper.statements) {
      const passes = s.action ? s.action.some((a) => wildcardMatch(a, 'iam:PassRole')) : !s.notAction?.some((a) => wildcardMatch(a, 'iam:PassRole'));
      if (s.effect === 'Allow' && passes) patterns.push(...(s.resource ?? []));
    }
  }
  const out = new Set<string>();
  for (const r of patterns) {
    const parts = splitArn(r);
    if (parts.length === 6 && parts[2] === 'iam' && /^[*?]*role\//.test(parts[5]!)) out.add(r.replace(/[*?]+/g, 'ringfence-probe'));
  }
  if (patterns.length) {
    for (const p of world.principals) if (p.kind === 'role' && patterns.some((r) => wildcardMatch(r, p.arn, false))) out.add(p.arn);
  }
  return [...out];
}

/** The result placed on the statement that granted it; for an AWS-managed policy, on the attachment. */
function at(world: IamWorld, role: Resource, inventory: Inventory, answer: AccessAnswer, make: typeof fail, message: string): CheckResult {
  const ref = answer.deciding.find((r) => r.policyType === 'identity' && r.effect === 'Allow');
  const origin = ref && world.origins.get(ref.policyId);
  if (!origin) return make(undefined, message);
  const where = `${message} (${origin.label}${origin.awsManaged ? `, statement ${origin.statementPaths[ref.statementIndex]}` : ''})`;
  if (origin.awsManaged) {
    const att = managedPolicyAttachments(role, inventory).find((a) => a.arn && awsManagedPolicyName(a.arn) === origin.awsManaged);
    const result = make(att?.path, where);
    return att && att.owner.key !== role.key ? { ...result, resource: att.owner } : result;
  }
  const statement = origin.statementPaths[ref.statementIndex];
  const st = world.policy(origin.id)?.upper.statements[ref.statementIndex];
  const property = statement && make === fail ? joinPath(statement, st?.notResource ? 'NotResource' : 'Resource') : statement;
  const result = make(property, where);
  return origin.resource && origin.resource.key !== role.key ? { ...result, resource: origin.resource } : result;
}
