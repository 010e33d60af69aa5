import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/identity/sagemaker-role-broad-permissions.js';
import { brief, check, inv, ref, res, sub, unknownValue } from '../support.js';

const ROLE = 'AWS::IAM::Role';
const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const narrow = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/training/*' };

describe('sagemaker-role-broad-permissions', () => {
  it('ignores roles SageMaker does not use', () => {
    const i = inv(res(ROLE, 'Lambda', { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }));
    expect(check(rule, i, 'Lambda')).toEqual([]);
  });

  it('recognizes execution roles by reference from SageMaker resources, Domain user settings included', () => {
    const i = inv(
      res(ROLE, 'ByNotebook', { Policies: [{ PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] }),
      res('AWS::SageMaker::NotebookInstance', 'Nb', { RoleArn: ref('ByNotebook', 'Arn') }),
      res(ROLE, 'ByDomain', { ManagedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] }),
      res('AWS::SageMaker::Domain', 'Studio', { DefaultUserSettings: { ExecutionRole: ref('ByDomain', 'Arn') } }),
      res(ROLE, 'ByTrainingStep', { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'] }),
      res('AWS::SageMaker::TrainingJob', 'Step', { RoleArn: ref('ByTrainingStep', 'Arn') }, { parent: 't#Pipeline' }),
    );
    expect(brief(check(rule, i, 'ByNotebook'))).toEqual([{ status: 'fail', property: 'Policies[0].PolicyDocument.Statement[0].Action' }]);
    expect(brief(check(rule, i, 'ByDomain'))).toEqual([{ status: 'fail', property: 'ManagedPolicyArns[0]' }]);
    expect(check(rule, i, 'ByTrainingStep')[0]!.message).toMatch(/AmazonS3FullAccess.*every S3 action/);
  });

  it('recognizes execution roles by their trust policy, and flags AmazonSageMakerFullAccess', () => {
    const i = inv(res(ROLE, 'R', { AssumeRolePolicyDocument: TRUST, ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSageMakerFullAccess'] }));
    const [r] = check(rule, i, 'R');
    expect(r).toMatchObject({ status: 'fail', property: 'ManagedPolicyArns[0]' });
    expect(r!.message).toContain('trust policy');
  });

  it('flags each broad statement, naming the statement', () => {
    const i = inv(
      res(ROLE, 'R', {
        AssumeRolePolicyDocument: TRUST,
        Policies: [
          {
            PolicyName: 'p',
            PolicyDocument: doc(
              narrow,
              { Effect: 'Allow', Action: ['s3:*'], Resource: 'arn:aws:s3:::data/*' },
              { Effect: 'Allow', Action: 'SageMaker:*', Resource: '*' },
              { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
              { Effect: 'Allow', Action: 's3:Get*', Resource: '*' },
              { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
              { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
            ),
          },
        ],
      }),
    );
    expect(brief(check(rule, i, 'R'))).toEqual([
      { status: 'fail', property: 'Policies[0].PolicyDocument.Statement[1].Action' },
      { status: 'fail', property: 'Policies[0].PolicyDocument.Statement[2].Action' },
      { status: 'fail', property: 'Policies[0].PolicyDocument.Statement[3].Resource' },
      { status: 'fail', property: 'Policies[0].PolicyDocument.Statement[4].Resource' },
      { status: 'fail', property: 'Policies[0].PolicyDocument.Statement[5].NotAction' },
    ]);
  });

  it('evaluates the grants: a Deny or a permissions boundary that takes a broad grant away leaves nothing to report', () => {
    const broad = { PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) };
    const denied = inv(
      res(ROLE, 'R', {
        AssumeRolePolicyDocument: TRUST,
        Policies: [broad, { PolicyName: 'guard', PolicyDocument: doc({ Effect: 'Deny', NotAction: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }, { Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::data/*' }) }],
      }),
    );
    expect(brief(check(rule, denied, 'R'))).toEqual([{ status: 'pass' }]);
    const bounded = inv(
      res(ROLE, 'R', { AssumeRolePolicyDocument: TRUST, Policies: [broad], PermissionsBoundary: ref('Boundary') }),
      res('AWS::IAM::ManagedPolicy', 'Boundary', { PolicyDocument: doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::data/*' }) }),
    );
    expect(brief(check(rule, bounded, 'R'))).toEqual([{ status: 'pass' }]);
    // An AWS-managed boundary is evaluated from ringfence's table: s3:* within AmazonS3ReadOnlyAccess is no
    // longer every S3 action, but it still reads every bucket.
    const readOnly = inv(res(ROLE, 'R', { AssumeRolePolicyDocument: TRUST, Policies: [broad], PermissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    const [r, ...rest] = check(rule, readOnly, 'R');
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ status: 'fail', property: 'Policies[0].PolicyDocument.Statement[0].Resource' });
    expect(r!.message).toMatch(/every bucket/);
    expect(r!.message).not.toMatch(/every S3 action/);
  });

  it('still flags a broad grant that only conditions narrow, saying when it applies', () => {
    const i = inv(
      res(ROLE, 'R', {
        AssumeRolePolicyDocument: TRUST,
        Policies: [{ PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }) }],
      }),
    );
    const [r] = check(rule, i, 'R');
    expect(r).toMatchObject({ status: 'fail', property: 'Policies[0].PolicyDocument.Statement[0].Action' });
    expect(r!.message).toContain('when aws:RequestedRegion StringEquals eu-west-1');
  });

  it('follows policies attached by AWS::IAM::Policy and ManagedPolicy resources, reporting against them', () => {
    const i = inv(
      res(ROLE, 'R', { AssumeRolePolicyDocument: TRUST, ManagedPolicyArns: [ref('Managed')] }),
      res('AWS::IAM::Policy', 'Inline', { PolicyName: 'x', Roles: [ref('R')], PolicyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }),
      res('AWS::IAM::ManagedPolicy', 'Managed', { PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ['*'] }) }),
    );
    expect(brief(check(rule, i, 'R'))).toEqual([
      { status: 'fail', property: 'PolicyDocument.Statement[0].Action', on: 'Inline' },
      { status: 'fail', property: 'PolicyDocument.Statement[0].Resource', on: 'Managed' },
    ]);
  });

  it('reads policy documents written as JSON text, with references inside', () => {
    const json = sub('{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"', ref('Bucket', 'Arn'), '/*"}]}');
    const i = inv(res('AWS::S3::Bucket', 'Bucket'), res(ROLE, 'R', { AssumeRolePolicyDocument: JSON.stringify(TRUST), Policies: [{ PolicyName: 'p', PolicyDocument: json }] }));
    expect(brief(check(rule, i, 'R'))).toEqual([{ status: 'fail', property: 'Policies[0].PolicyDocument.Statement[0].Action' }]);
  });

  it('passes a least-privilege role, references to resources not being mistaken for "*"', () => {
    const i = inv(
      res('AWS::S3::Bucket', 'Bucket'),
      res(ROLE, 'R', {
        AssumeRolePolicyDocument: TRUST,
        ManagedPolicyArns: ['arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess'],
        Policies: [
          {
            PolicyName: 'p',
            PolicyDocument: doc(
              { Effect: 'Allow', Action: 's3:GetObject', Resource: sub(ref('Bucket', 'Arn'), '/training/*') },
              { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
            ),
          },
        ],
      }),
    );
    expect(brief(check(rule, i, 'R'))).toEqual([{ status: 'pass' }]);
  });

  it('is unknown, not failing, when a statement or an attached ARN cannot be read', () => {
    const i = inv(
      res(ROLE, 'R', {
        AssumeRolePolicyDocument: TRUST,
        ManagedPolicyArns: [unknownValue('AWS::Partition depends on the region')],
        Policies: [{ PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: unknownValue(), Resource: '*' }) }],
      }),
    );
    expect(brief(check(rule, i, 'R'))).toEqual([
      { status: 'unknown', property: 'ManagedPolicyArns[0]' },
      { status: 'unknown', property: 'Policies[0].PolicyDocument.Statement[0]' },
    ]);
  });
});
