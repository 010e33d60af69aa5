import { describe, expect, it } from 'vitest';
import { Unknown } from '../../../src/core/value.js';
import { awsManagedPolicyName, broadGrants, bucketNameIn, grantsAction, s3ReadTargets, statementCovers, wildcardMatch } from '../../../src/rules/lib/iam-match.js';
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

  it('does not call a narrow statement broad', () => {
    expect(broadGrants({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] }).grants).toEqual([]);
    expect(broadGrants({ Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: '*' }).grants).toEqual([]);
    expect(broadGrants({ Effect: 'Allow', Action: 'iam:PassRole', Resource: sub('arn:aws:iam::1:role/', ref('R')) }).grants).toEqual([]);
  });

  it('recognizes resource-wide ARNs in any partition', () => {
    expect(broadGrants({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws-cn:s3:::*/*' }).grants).toHaveLength(1);
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
