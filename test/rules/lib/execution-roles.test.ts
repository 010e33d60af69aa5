import { describe, expect, it } from 'vitest';
import { executionRoleEvidence, managedPolicyAttachments, rolePolicyDocuments } from '../../../src/rules/lib/execution-roles.js';
import { inv, ref, res } from '../support.js';

describe('execution-roles', () => {
  it('does not take any reference as "runs as": only role properties of SageMaker resources', () => {
    const i = inv(
      res('AWS::IAM::Role', 'R'),
      res('AWS::SageMaker::NotebookInstance', 'Nb', { Tags: [{ Key: 'owner', Value: ref('R', 'Arn') }] }),
      res('AWS::Lambda::Function', 'Fn', { Role: ref('R', 'Arn') }),
    );
    expect(executionRoleEvidence(i.get('t#R')!, i)).toEqual([]);
  });

  it('finds attachments Terraform-style: attachment and role-policy resources naming the role', () => {
    const role = res('AWS::IAM::Role', 'R', { Policies: [{ PolicyName: 'a', PolicyDocument: {} }] });
    const i = inv(
      role,
      res('AWS::IAM::RolePolicyAttachment', 'Att', { Role: ref('R'), PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }, { nativeType: 'aws_iam_role_policy_attachment' }),
      res('AWS::IAM::RolePolicy', 'RP', { RoleName: ref('R'), PolicyName: 'p', PolicyDocument: '{"Statement":[]}' }),
      res('AWS::S3::BucketPolicy', 'BP', { Bucket: 'b', PolicyDocument: { Statement: [{ Principal: { AWS: ref('R', 'Arn') } }] } }),
    );
    expect(rolePolicyDocuments(role, i).map((s) => `${s.owner.id}:${s.path}`)).toEqual(['R:Policies[0].PolicyDocument', 'RP:PolicyDocument']);
    expect(managedPolicyAttachments(role, i).map((a) => `${a.owner.id}:${a.path}:${a.arn}`)).toEqual(['Att:PolicyArn:arn:aws:iam::aws:policy/AmazonS3FullAccess']);
  });
});
