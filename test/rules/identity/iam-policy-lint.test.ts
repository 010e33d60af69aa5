import { describe, expect, it } from 'vitest';
import { Unknown } from '../../../src/core/value.js';
import { rule } from '../../../src/rules/identity/iam-policy-lint.js';
import { brief, check, inv, ref, res, sub } from '../support.js';

// The rule loads its lint checks lazily, as a scan does before running it.
await rule.prepare!();

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

describe('iam-policy-lint', () => {
  it('runs only in the strict profile', () => {
    expect(rule.profiles).toEqual(['strict']);
  });

  it('lints every document of a role: trust policy and inline policies, with property paths and Access Analyzer names', () => {
    const i = inv(
      res('AWS::S3::Bucket', 'Data', { BucketName: 'acme-data' }),
      res('AWS::IAM::Role', 'R', {
        AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        Policies: [
          { PolicyName: 'ok', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: sub(ref('Data', 'Arn'), '/*') }) },
          { PolicyName: 'bad', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }) },
        ],
      }),
    );
    const results = check(rule, i, 'R');
    expect(brief(results)).toEqual([
      { status: 'fail', property: 'AssumeRolePolicyDocument.Statement[0].Principal' },
      { status: 'fail', property: 'Policies[1].PolicyDocument.Statement[0].Resource' },
    ]);
    expect(results[1]!.message).toBe('security passrole-star-resource (IAM Access Analyzer: "Pass role with star in resource"): iam:PassRole on Resource "*": the holder can hand any role to a service');
  });

  it('lints bucket policies as resource policies, and passes clean ones', () => {
    const open = inv(res('AWS::S3::BucketPolicy', 'P', { Bucket: 'b', PolicyDocument: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) }));
    expect(brief(check(rule, open, 'P'))).toEqual([{ status: 'fail', property: 'PolicyDocument.Statement[0].Principal' }]);
    const clean = inv(res('AWS::S3::BucketPolicy', 'P', { Bucket: 'b', PolicyDocument: doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) }));
    expect(brief(check(rule, clean, 'P'))).toEqual([{ status: 'pass' }]);
  });

  it('is unknown for a document that cannot be read, and silent for a resource without one', () => {
    expect(brief(check(rule, inv(res('AWS::IAM::Policy', 'P', { PolicyDocument: new Unknown('from a module output') })), 'P'))).toEqual([{ status: 'unknown', property: 'PolicyDocument' }]);
    expect(check(rule, inv(res('AWS::EC2::VPCEndpoint', 'E', {})), 'E')).toEqual([]);
  });
});
