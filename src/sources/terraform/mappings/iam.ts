import type { AttributeSpec, ResourceMapping } from '../mapping/types.js';

// IAM: roles with their inline and attached policies, standalone policies, instance profiles.
// Policy documents written as JSON strings become objects (transform `json`).

const tags: AttributeSpec = { to: 'Tags', transform: 'tags' };
const policyDocument: AttributeSpec = { to: 'PolicyDocument', transform: 'json' };

export const IAM_MAPPINGS: ResourceMapping[] = [
  {
    tfType: 'aws_iam_role',
    cfnType: 'AWS::IAM::Role',
    idAttribute: 'name',
    refAttributes: { unique_id: 'RoleId' },
    attributes: {
      name: 'RoleName',
      path: 'Path',
      description: 'Description',
      assume_role_policy: { to: 'AssumeRolePolicyDocument', transform: 'json' },
      max_session_duration: 'MaxSessionDuration',
      permissions_boundary: 'PermissionsBoundary',
      managed_policy_arns: 'ManagedPolicyArns',
      inline_policy: { to: 'Policies', list: true, attributes: { name: 'PolicyName', policy: policyDocument } },
      tags,
    },
  },
  {
    tfType: 'aws_iam_role_policy',
    cfnType: 'AWS::IAM::Policy',
    idAttribute: 'name',
    attributes: { name: 'PolicyName', policy: policyDocument, role: { to: 'Roles', transform: 'list' } },
  },
  {
    tfType: 'aws_iam_role_policy_attachment',
    cfnType: 'AWS::IAM::Role',
    mergeInto: { tfType: 'aws_iam_role', via: 'role' },
    attributes: { policy_arn: { to: 'ManagedPolicyArns', transform: 'list' } },
  },
  {
    tfType: 'aws_iam_policy',
    cfnType: 'AWS::IAM::ManagedPolicy',
    // Ref of AWS::IAM::ManagedPolicy returns the ARN.
    refAttributes: { arn: null, id: null, name: 'PolicyName' },
    attributes: { name: 'ManagedPolicyName', path: 'Path', description: 'Description', policy: policyDocument },
  },
  {
    tfType: 'aws_iam_instance_profile',
    cfnType: 'AWS::IAM::InstanceProfile',
    idAttribute: 'name',
    attributes: { name: 'InstanceProfileName', path: 'Path', role: { to: 'Roles', transform: 'list' } },
  },
  {
    tfType: 'aws_iam_user',
    cfnType: 'AWS::IAM::User',
    idAttribute: 'name',
    attributes: { name: 'UserName', path: 'Path', permissions_boundary: 'PermissionsBoundary', tags },
  },
  {
    tfType: 'aws_iam_user_policy',
    cfnType: 'AWS::IAM::Policy',
    idAttribute: 'name',
    attributes: { name: 'PolicyName', policy: policyDocument, user: { to: 'Users', transform: 'list' } },
  },
  {
    tfType: 'aws_iam_user_policy_attachment',
    cfnType: 'AWS::IAM::User',
    mergeInto: { tfType: 'aws_iam_user', via: 'user' },
    attributes: { policy_arn: { to: 'ManagedPolicyArns', transform: 'list' } },
  },
];
