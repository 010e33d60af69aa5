import { all, check, eq, like } from '../predicate.js';
import { statelessDetection, type EventRule } from '../stateless.js';

const IAM = 'iam.amazonaws.com';
// Any partition: arn:aws:, arn:aws-cn:, arn:aws-us-gov:.
const ADMIN_POLICY = like('requestParameters.policyArn', 'arn:*:iam::aws:policy/AdministratorAccess');
const ADMIN_DOCUMENT = check('requestParameters.policyDocument', 'policy-admin');

const targets = {
  User: { type: 'AWS::IAM::User', paths: ['requestParameters.userName'] },
  Role: { type: 'AWS::IAM::Role', paths: ['requestParameters.roleName'] },
  Group: { type: 'AWS::IAM::Group', paths: ['requestParameters.groupName'] },
} as const;

const attach = (kind: keyof typeof targets): EventRule => ({
  eventSource: IAM,
  eventNames: [`Attach${kind}Policy`],
  when: ADMIN_POLICY,
  action: `attached AdministratorAccess to ${kind.toLowerCase()} {target}`,
  target: targets[kind],
  property: 'requestParameters.policyArn',
});

const inline = (kind: keyof typeof targets): EventRule => ({
  eventSource: IAM,
  eventNames: [`Put${kind}Policy`],
  when: ADMIN_DOCUMENT,
  action: `put an inline policy allowing *:* on * on ${kind.toLowerCase()} {target}`,
  target: targets[kind],
  property: 'requestParameters.policyDocument',
});

export const detection = statelessDetection(
  {
    id: 'iam-admin-granted',
    title: 'Administrator access granted',
    ring: 'identity',
    severity: 'high',
    resourceTypes: [],
    rationale:
      'Attaching AdministratorAccess, or writing a policy that allows every action on every resource, turns a principal into an ' +
      'account administrator: the usual persistence and escalation step after a foothold (Stratus Red Team: iam-create-admin-user). ' +
      'A SageMaker execution role made admin hands that power to every notebook and job that runs as it.',
    remediation:
      'Detach the policy or delete the policy version unless the grant was approved; review what the principal did since. Grant ' +
      'admin only through a break-glass role, and deny iam:Attach*Policy, iam:Put*Policy and iam:CreatePolicyVersion to everyone ' +
      'else with a permissions boundary or service control policy.',
    references: {
      attack: ['T1098.003', 'T1078.004'],
      atlas: ['AML.TA0012', 'AML.T0012'],
      nist80053: ['AC-2(4)', 'AC-6', 'AC-6(9)'],
      docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html'],
    },
  },
  [
    attach('User'),
    attach('Role'),
    attach('Group'),
    inline('User'),
    inline('Role'),
    inline('Group'),
    {
      eventSource: IAM,
      eventNames: ['CreatePolicyVersion'],
      when: all(eq('requestParameters.setAsDefault', 'true'), ADMIN_DOCUMENT),
      action: 'made a policy version allowing *:* on * the default of {target}',
      target: { type: 'AWS::IAM::ManagedPolicy', paths: ['requestParameters.policyArn'] },
      property: 'requestParameters.policyDocument',
    },
  ],
);
