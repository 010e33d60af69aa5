import { describe, expect, it } from 'vitest';
import { Unknown } from '../../../src/core/value.js';
import { rule } from '../../../src/rules/identity/sagemaker-role-passrole-unrestricted.js';
import { brief, check, inv, ref, res } from '../support.js';

const ROLE = 'AWS::IAM::Role';
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const toSageMaker = { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } };
const withPolicy = (...Statement: object[]) =>
  inv(
    res(ROLE, 'Exec', { AssumeRolePolicyDocument: TRUST, Policies: [{ PolicyName: 'p', PolicyDocument: doc(...Statement) }] }),
    res(ROLE, 'Training', { RoleName: 'training', AssumeRolePolicyDocument: TRUST }),
  );

describe('sagemaker-role-passrole-unrestricted', () => {
  it('ignores roles SageMaker does not use', () => {
    expect(check(rule, inv(res(ROLE, 'Lambda', { Policies: [{ PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) }] })), 'Lambda')).toEqual([]);
  });

  it('fails PassRole on every role, however it is written, even when restricted to SageMaker', () => {
    const cases = [
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
      { Effect: 'Allow', Action: 'iam:Pass*', Resource: 'arn:aws:iam::*:role/*', Condition: toSageMaker },
      { Effect: 'Allow', Action: 'iam:*', NotResource: 'arn:aws:iam::*:role/admin' },
      { Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' },
    ];
    for (const st of cases) {
      const [r, ...rest] = check(rule, withPolicy(st), 'Exec');
      expect(rest).toEqual([]);
      expect(r!.status, JSON.stringify(st)).toBe('fail');
      expect(r!.message).toMatch(/can pass any role of the account/);
      expect(r!.property).toMatch(/^Policies\[0\]\.PolicyDocument\.Statement\[0\]\.(Not)?Resource$/);
    }
    expect(check(rule, withPolicy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: toSageMaker }), 'Exec')[0]!.message).toContain('to sagemaker.amazonaws.com');
  });

  it('fails PassRole on a named role without iam:PassedToService', () => {
    const [r] = check(rule, withPolicy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ref('Training', 'Arn') }), 'Exec');
    expect(r).toMatchObject({ status: 'fail', property: 'Policies[0].PolicyDocument.Statement[0].Resource' });
    expect(r!.message).toMatch(/can pass arn:aws:iam::000000000000:role\/training to any service/);
  });

  it('passes PassRole on named roles to SageMaker only, and no PassRole at all', () => {
    expect(brief(check(rule, withPolicy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ref('Training', 'Arn'), Condition: toSageMaker }), 'Exec'))).toEqual([{ status: 'pass' }]);
    expect(brief(check(rule, withPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }), 'Exec'))).toEqual([{ status: 'pass' }]);
    // A Deny takes the broad grant back.
    const denied = withPolicy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, { Effect: 'Deny', Action: 'iam:PassRole', NotResource: ref('Training', 'Arn') }, { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*', Condition: { StringNotEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } });
    expect(brief(check(rule, denied, 'Exec'))).toEqual([{ status: 'pass' }]);
  });

  it('finds the grant in AWS-managed policies and reports it on the attachment', () => {
    const i = inv(res(ROLE, 'Exec', { AssumeRolePolicyDocument: TRUST, ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess'] }));
    const [r] = check(rule, i, 'Exec');
    expect(r).toMatchObject({ status: 'fail', property: 'ManagedPolicyArns[1]' });
    expect(r!.message).toContain('AmazonSageMakerFullAccess (v29), statement Statement[30]');
  });

  it('is unknown when a value the answer depends on is not known', () => {
    const i = withPolicy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: new Unknown('parameter PassableRoles has no default') });
    expect(brief(check(rule, i, 'Exec'))).toEqual([{ status: 'unknown', property: 'Policies[0].PolicyDocument.Statement[0]' }]);
    const managed = inv(res(ROLE, 'Exec', { AssumeRolePolicyDocument: TRUST, ManagedPolicyArns: ['arn:aws:iam::aws:policy/AWSGlueServiceRole'] }));
    expect(check(rule, managed, 'Exec')[0]!.status).toBe('unknown');
  });
});
