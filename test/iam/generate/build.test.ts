import { describe, expect, it } from 'vitest';
import { buildPolicy, narrowObjects } from '../../../src/iam/generate/build.js';

const req = (action: string, pattern: string, context?: Record<string, string>) => ({ action, pattern, ...(context ? { context } : {}) });

describe('the policy of observed requests', () => {
  it('narrows S3 objects to the folders the keys were in', () => {
    expect(narrowObjects(['arn:aws:s3:::d/train/a.csv', 'arn:aws:s3:::d/train/b.csv', 'arn:aws:s3:::d/top.csv', 'arn:aws:s3:::d/train/sub/c.csv'], 10)).toEqual([
      'arn:aws:s3:::d/top.csv',
      'arn:aws:s3:::d/train/*',
    ]);
  });

  it('merges too many folders of one bucket into their common prefix, without cutting an escape', () => {
    const many = Array.from({ length: 12 }, (_, i) => `arn:aws:s3:::d/runs/2024-09-${String(i + 1).padStart(2, '0')}/out.json`);
    expect(narrowObjects(many, 10)).toEqual(['arn:aws:s3:::d/runs/2024-09-*']);
    expect(narrowObjects(['arn:aws:s3:::d/a${*}x/1', 'arn:aws:s3:::d/a${*}y/1', 'arn:aws:s3:::d/a${?}z/1'], 2)).toEqual(['arn:aws:s3:::d/a*']);
  });

  it('groups actions with the same resources and keeps iam:PassRole to its service', () => {
    const policy = buildPolicy([
      req('kms:Decrypt', 'arn:aws:kms:eu-west-1:111122223333:key/k'),
      req('kms:GenerateDataKey', 'arn:aws:kms:eu-west-1:111122223333:key/k'),
      req('ecr:GetAuthorizationToken', '*'),
      req('iam:PassRole', 'arn:aws:iam::111122223333:role/exec', { 'iam:PassedToService': 'sagemaker.amazonaws.com' }),
      req('iam:PassRole', 'arn:aws:iam::111122223333:role/fn', { 'iam:PassedToService': 'lambda.amazonaws.com' }),
    ]);
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'NoResourceLevelPermissions', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        { Sid: 'Kms', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: 'arn:aws:kms:eu-west-1:111122223333:key/k' },
        { Sid: 'PassRoleToLambda', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/fn', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
        { Sid: 'PassRoleToSagemaker', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/exec', Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } },
      ],
    });
  });

  it('is the same whatever the order of the requests', () => {
    const rs = [req('s3:GetObject', 'arn:aws:s3:::d/a/1'), req('s3:PutObject', 'arn:aws:s3:::d/b/1'), req('sagemaker:CreateModel', 'arn:aws:sagemaker:eu-west-1:1:model/m'), req('s3:GetObject', 'arn:aws:s3:::e/c/1')];
    expect(JSON.stringify(buildPolicy([...rs].reverse()))).toBe(JSON.stringify(buildPolicy(rs)));
  });
});
