import { describe, expect, it } from 'vitest';
import { Unknown } from '../../../src/core/value.js';
import type { EvaluationResult } from '../../../src/iam/evaluate/types.js';
import { alternatives, awsManagedPolicyName, bucketNameIn, grantedOnlyWithin, grantsAction, restrictsKey, s3ReadTargets, statementCovers, wildcardMatch } from '../../../src/rules/lib/iam-match.js';
import { ref, sub } from '../support.js';

describe('iam-match', () => {
  it('matches IAM wildcards, case-insensitively for actions', () => {
    expect(wildcardMatch('s3:Get*', 's3:GetObject')).toBe(true);
    expect(wildcardMatch('S3:GETOBJECT', 's3:GetObject')).toBe(true);
    expect(wildcardMatch('s3:?etObject', 's3:GetObject')).toBe(true);
    expect(wildcardMatch('s3:Put*', 's3:GetObject')).toBe(false);
    expect(wildcardMatch('arn:aws:s3:::b.c/*', 'arn:aws:s3:::bxc/k', false)).toBe(false);
  });

  it('answers yes, no or unknown for the actions of a statement', () => {
    expect(grantsAction(['kms:Decrypt', 's3:*'], 's3:GetObject')).toBe('yes');
    expect(grantsAction('s3:PutObject', 's3:GetObject')).toBe('no');
    expect(grantsAction([new Unknown('x'), 's3:PutObject'], 's3:GetObject')).toBe('unknown');
    expect(statementCovers({ Effect: 'Allow', NotAction: 'iam:*' }, 's3:GetObject')).toBe('yes');
    expect(statementCovers({ Effect: 'Allow', NotAction: 's3:*' }, 's3:GetObject')).toBe('no');
  });

  const statement = { policyType: 'resource' as const, policyId: 'p', statementIndex: 0, effect: 'Deny' as const };
  const leaf = (operator: string, key: string, values: string[], negated = false) => ({ key, operator, values, ...(negated ? { negated: true as const } : {}), statement });
  const allowedWhen = (...alts: ReturnType<typeof leaf>[][]): EvaluationResult => ({ decision: 'Allowed', decidingStatements: [], crossAccount: false, conditions: { any: alts.map((all) => ({ all })) } });

  it('recognizes a condition leaf that restricts a key to named values, and nothing weaker', () => {
    expect(restrictsKey(leaf('StringEquals', 'aws:SourceVpce', ['vpce-1']), 'aws:sourcevpce')).toBe(true);
    expect(restrictsKey(leaf('StringNotEquals', 'aws:SourceVpce', ['vpce-1'], true), 'aws:SourceVpce')).toBe(true);
    expect(restrictsKey(leaf('ArnNotLikeIfExists', 'aws:PrincipalArn', ['arn:aws:iam::1:role/sm-*'], true), 'aws:PrincipalArn')).toBe(true);
    // An absent key satisfies IfExists; a negated equality allows every other value; "*" names nothing.
    expect(restrictsKey(leaf('StringEqualsIfExists', 'aws:SourceVpce', ['vpce-1']), 'aws:SourceVpce')).toBe(false);
    expect(restrictsKey(leaf('StringEquals', 'aws:SourceVpce', ['vpce-1'], true), 'aws:SourceVpce')).toBe(false);
    expect(restrictsKey(leaf('StringNotEquals', 'aws:SourceVpce', ['*'], true), 'aws:SourceVpce')).toBe(false);
    expect(restrictsKey(leaf('ForAnyValue:StringEquals', 'aws:SourceVpce', ['vpce-1']), 'aws:SourceVpce')).toBe(false);
    expect(restrictsKey(leaf('StringEquals', 'aws:SourceVpc', ['vpc-1']), 'aws:SourceVpce')).toBe(false);
  });

  it('says whether an answer grants access only within named values, alternative by alternative', () => {
    const keys = ['aws:SourceVpce', 'aws:PrincipalArn'];
    const vpce = leaf('StringEquals', 'aws:SourceVpce', ['vpce-1']);
    const tls = leaf('Bool', 'aws:SecureTransport', ['true']);
    expect(grantedOnlyWithin({ decision: 'ImplicitlyDenied', decidingStatements: [], crossAccount: false }, keys)).toBe('yes');
    expect(grantedOnlyWithin({ decision: 'Allowed', decidingStatements: [], crossAccount: false }, keys)).toBe('no');
    expect(grantedOnlyWithin(allowedWhen([vpce, tls]), keys)).toBe('yes');
    expect(grantedOnlyWithin(allowedWhen([vpce], [tls]), keys)).toBe('no');
    expect(alternatives({ all: [vpce] })).toBeUndefined();
    expect(grantedOnlyWithin({ ...allowedWhen(), conditions: { all: [vpce] } }, keys)).toBe('unknown');
  });

  it('names AWS-managed policies from their ARN', () => {
    expect(awsManagedPolicyName('arn:aws:iam::aws:policy/AdministratorAccess')).toBe('AdministratorAccess');
    expect(awsManagedPolicyName('arn:aws-us-gov:iam::aws:policy/service-role/AmazonSageMakerFullAccess')).toBe('AmazonSageMakerFullAccess');
    expect(awsManagedPolicyName('arn:aws:iam::123456789012:policy/AdministratorAccess')).toBeUndefined();
  });

  it('finds the buckets an Allow statement lets the holder read', () => {
    expect(bucketNameIn('arn:aws:s3:::data-bucket/train/*')).toBe('data-bucket');
    expect(bucketNameIn('s3://data-bucket/x')).toBe('data-bucket');
    expect(bucketNameIn('arn:aws:s3:::*')).toBeUndefined();
    const t = s3ReadTargets({ Effect: 'Allow', Action: 's3:Get*', Resource: [sub(ref('B', 'Arn'), '/*'), 'arn:aws:s3:::other/*'] });
    expect(t).toEqual({ keys: ['t#B'], names: ['other'] });
    expect(s3ReadTargets({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::x/*' })).toEqual({ keys: [], names: [] });
  });
});
