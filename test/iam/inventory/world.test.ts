import { describe, expect, it } from 'vitest';
import { Unknown } from '../../../src/core/value.js';
import { evaluateAccess } from '../../../src/iam/inventory/access.js';
import { THIS_ACCOUNT } from '../../../src/iam/inventory/placeholders.js';
import { buildIamWorld, iamWorld } from '../../../src/iam/inventory/world.js';
import { inv, ref, res, sub } from '../../rules/support.js';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown, extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const TRUST = doc({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' });

describe('the IAM world of an inventory', () => {
  it('collects a role\'s policies from every way IaC attaches them', () => {
    const i = inv(
      res('AWS::IAM::Role', 'R', {
        RoleName: 'exec',
        AssumeRolePolicyDocument: TRUST,
        Policies: [{ PolicyName: 'inline', PolicyDocument: doc(allow('s3:GetObject', 'arn:aws:s3:::a/*')) }],
        ManagedPolicyArns: [ref('Managed'), 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', `arn:aws:iam::${THIS_ACCOUNT}:policy/by-arn`],
      }),
      res('AWS::IAM::Policy', 'Attached', { PolicyName: 'x', Roles: [ref('R')], PolicyDocument: doc(allow('kms:Decrypt', '*')) }),
      res('AWS::IAM::ManagedPolicy', 'Managed', { PolicyDocument: doc(allow('sagemaker:CreateTrainingJob', '*')) }),
      res('AWS::IAM::ManagedPolicy', 'ByArn', { ManagedPolicyName: 'by-arn', PolicyDocument: doc(allow('ecr:GetAuthorizationToken', '*')) }),
    );
    const w = buildIamWorld(i);
    const role = w.principals.find((p) => p.kind === 'role')!;
    expect(role.arn).toBe(`arn:aws:iam::${THIS_ACCOUNT}:role/exec`);
    expect(role.trustedBy).toEqual(['sagemaker.amazonaws.com']);
    expect(role.identity.map((p) => p.origin.label).sort()).toEqual([
      'AWS-managed policy AmazonS3ReadOnlyAccess (v3)',
      'inline policy inline of R',
      'managed policy ByArn',
      'managed policy Managed',
      'policy Attached',
    ]);
    const can = (action: string, resource: string) => evaluateAccess(w, role, { action, resource }).status;
    expect(can('s3:GetObject', 'arn:aws:s3:::a/x')).toBe('allowed');
    expect(can('s3:GetObject', 'arn:aws:s3:::other/x')).toBe('allowed'); // through AmazonS3ReadOnlyAccess
    expect(can('s3:PutObject', 'arn:aws:s3:::other/x')).toBe('denied');
    // A key outside the code: its key policy, which must allow too, is not known.
    expect(can('kms:Decrypt', `arn:aws:kms:us-east-1:${THIS_ACCOUNT}:key/k`)).toBe('unknown');
    expect(can('ecr:GetAuthorizationToken', '*')).toBe('allowed');
  });

  it('bounds what it cannot know: an AWS-managed policy not in its table, an unknown ARN, an unknown boundary', () => {
    const i = inv(
      res('AWS::IAM::Role', 'R', {
        Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('s3:GetObject', '*')) }],
        ManagedPolicyArns: ['arn:aws:iam::aws:policy/AWSLambdaExecute'],
        PermissionsBoundary: new Unknown('parameter Boundary has no default'),
      }),
    );
    const w = buildIamWorld(i);
    const role = w.principals.find((p) => p.kind === 'role')!;
    expect(evaluateAccess(w, role, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }).status).toBe('unknown');
    expect(w.gaps.map((g) => g.gap.reason)).toEqual([
      "AWS-managed policy AWSLambdaExecute is not in ringfence's table of AWS-managed policies",
      'parameter Boundary has no default',
    ]);
  });

  it('applies a permissions boundary, AWS-managed or from the code', () => {
    const i = inv(
      res('AWS::IAM::Role', 'R', { Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('s3:*', '*')) }], PermissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }),
    );
    const w = buildIamWorld(i);
    const role = w.principals.find((p) => p.kind === 'role')!;
    expect(evaluateAccess(w, role, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }).status).toBe('allowed');
    const put = evaluateAccess(w, role, { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' });
    expect(put.status).toBe('denied');
    expect(put.blockedBy).toBe('boundary');
  });

  it('gives users the policies of their groups', () => {
    const i = inv(
      res('AWS::IAM::User', 'Alice', { UserName: 'alice', Groups: [ref('Scientists')] }),
      res('AWS::IAM::Group', 'Scientists', { GroupName: 'scientists', Policies: [{ PolicyName: 'g', PolicyDocument: doc(allow('sagemaker:CreatePresignedNotebookInstanceUrl', '*')) }] }),
      res('AWS::IAM::Group', 'Admins', { GroupName: 'admins', ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }),
      res('AWS::IAM::UserToGroupAddition', 'AddAlice', { GroupName: 'admins', Users: [ref('Alice')] }),
    );
    const w = buildIamWorld(i);
    const alice = w.principals.find((p) => p.kind === 'user')!;
    expect(alice.arn).toBe(`arn:aws:iam::${THIS_ACCOUNT}:user/alice`);
    expect(alice.identity.map((p) => p.origin.label).sort()).toEqual(['AWS-managed policy AdministratorAccess (v1)', 'inline policy g of Scientists']);
  });

  it('finds the resource policy that guards an ARN: bucket (by reference or name), key, role trust', () => {
    const i = inv(
      res('AWS::S3::Bucket', 'Data', { BucketName: 'acme-data' }),
      res('AWS::S3::BucketPolicy', 'ByRef', { Bucket: ref('Data'), PolicyDocument: doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: sub(ref('Data', 'Arn'), '/*') }) }),
      res('AWS::S3::Bucket', 'Logs', { BucketName: 'acme-logs' }),
      res('AWS::S3::BucketPolicy', 'ByName', { Bucket: 'acme-logs', PolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-logs/*' }) }),
      res('AWS::KMS::Key', 'Key', { KeyPolicy: doc({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'kms:Decrypt', Resource: '*' }) }),
      res('AWS::IAM::Role', 'R', { RoleName: 'r', AssumeRolePolicyDocument: TRUST }),
    );
    const w = iamWorld(i);
    expect(w.resourcePolicy('arn:aws:s3:::acme-data/x.csv')?.origin.resource?.id).toBe('ByRef');
    expect(w.resourcePolicy('arn:aws:s3:::acme-logs/AWSLogs/x')?.origin.resource?.id).toBe('ByName');
    expect(w.resourcePolicy(`arn:aws:kms:xx-unknown-1:${THIS_ACCOUNT}:key/{Key}`)?.origin.resource?.id).toBe('Key');
    expect(w.resourcePolicy(`arn:aws:iam::${THIS_ACCOUNT}:role/r`)?.origin.path).toBe('AssumeRolePolicyDocument');
    // Principals the policies name become principals of the world.
    const labels = w.principals.map((p) => p.label);
    expect(labels).toContain('service cloudtrail.amazonaws.com');
    expect(labels).toContain('service sagemaker.amazonaws.com');
    expect(labels).toContain('account 111122223333 (its principals, with permission of their own)');
    expect(labels).toContain('anyone, unauthenticated (anonymous)');
    expect(iamWorld(i)).toBe(w); // cached while the inventory does not change
  });

  it('keeps apart resources with the same logical id in different templates', () => {
    const role = (file: string, action: string) =>
      res('AWS::IAM::Role', 'Exec', { RoleName: `exec-${file}`, Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow(action, '*')) }] }, { key: `${file}#Exec`, unit: file });
    const w = buildIamWorld(inv(role('a.yaml', 's3:GetObject'), role('b.yaml', 'kms:Decrypt')));
    const [a, b] = w.principals.filter((p) => p.kind === 'role');
    expect(evaluateAccess(w, a!, { action: 's3:GetObject', resource: 'arn:aws:s3:::x/y' }).status).toBe('allowed');
    expect(evaluateAccess(w, b!, { action: 's3:GetObject', resource: 'arn:aws:s3:::x/y' }).status).toBe('denied');
    expect(w.policyAt(a!.resource!, 'Policies[0].PolicyDocument')).not.toBe(w.policyAt(b!.resource!, 'Policies[0].PolicyDocument'));
  });

  it('uses the account and region given instead of the placeholders', () => {
    const w = buildIamWorld(inv(res('AWS::IAM::Role', 'R', { RoleName: 'r' })), { accountId: '111122223333', region: 'eu-west-1' });
    expect(w.principals[0]!.arn).toBe('arn:aws:iam::111122223333:role/r');
  });

  it('records the VPC endpoints with their service and policy', () => {
    const i = inv(
      res('AWS::EC2::VPCEndpoint', 'S3', { ServiceName: 'com.amazonaws.eu-west-1.s3', PolicyDocument: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*' }) }),
    );
    const [e] = buildIamWorld(i).endpoints;
    expect(e).toMatchObject({ id: '{S3}', service: 's3' });
    expect(e!.policy?.kind).toBe('endpoint');
  });
});
