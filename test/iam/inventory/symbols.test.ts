import { describe, expect, it } from 'vitest';
import { Unknown } from '../../../src/core/value.js';
import { SymbolTable } from '../../../src/iam/inventory/symbols.js';
import { THIS_ACCOUNT, THIS_REGION } from '../../../src/iam/inventory/placeholders.js';
import { inv, ref, res, sub } from '../../rules/support.js';

const placeholders = { account: THIS_ACCOUNT, region: THIS_REGION };

describe('SymbolTable', () => {
  const inventory = inv(
    res('AWS::S3::Bucket', 'Named', { BucketName: 'acme-training' }),
    res('AWS::S3::Bucket', 'Generated'),
    res('AWS::IAM::Role', 'Exec', { RoleName: 'ml-exec', Path: '/ml/' }),
    res('AWS::IAM::ManagedPolicy', 'Managed', { ManagedPolicyName: 'read-data' }),
    res('AWS::KMS::Key', 'Key'),
    res('AWS::EC2::VPCEndpoint', 'Endpoint'),
    res('AWS::S3::Bucket', 'Partial', { BucketName: new Unknown('parameter Env has no default', [], ['fraud-', null, '-data']) }),
    res('AWS::S3::Bucket', 'PerAccount', { BucketName: new Unknown('AWS::AccountId is not known', [], ['fraud-', null, '-data']) }),
  );
  const symbols = new SymbolTable(inventory, placeholders);
  const text = (v: unknown) => symbols.text(v as never);

  it("gives each reference the text CloudFormation's Ref and GetAtt return", () => {
    expect(text(ref('Named'))).toEqual({ text: 'acme-training' });
    expect(text(ref('Named', 'Arn'))).toEqual({ text: 'arn:aws:s3:::acme-training' });
    expect(text(sub(ref('Named', 'Arn'), '/training/*'))).toEqual({ text: 'arn:aws:s3:::acme-training/training/*' });
    expect(text(ref('Exec', 'Arn'))).toEqual({ text: `arn:aws:iam::${THIS_ACCOUNT}:role/ml/ml-exec` });
    expect(text(ref('Exec'))).toEqual({ text: 'ml-exec' });
    // Ref of a managed policy is its ARN; a key and an endpoint get stable stand-ins for their generated ids.
    expect(text(ref('Managed'))).toEqual({ text: `arn:aws:iam::${THIS_ACCOUNT}:policy/read-data` });
    expect(text(ref('Key', 'Arn'))).toEqual({ text: `arn:aws:kms:${THIS_REGION}:${THIS_ACCOUNT}:key/{Key}` });
    expect(text(ref('Endpoint'))).toEqual({ text: '{Endpoint}' });
    expect(text(ref('Generated', 'Arn'))).toEqual({ text: 'arn:aws:s3:::{Generated}' });
  });

  it('keeps the text the loader already knows', () => {
    expect(text(ref('Exec', undefined, 'given-name'))).toEqual({ text: 'given-name' });
  });

  it('fills pseudo parameters with the placeholders, positionally in ARNs', () => {
    expect(text(new Unknown('AWS::AccountId is not known (give the account id)'))).toEqual({ text: THIS_ACCOUNT });
    expect(text(new Unknown('data.aws_caller_identity.current.account_id is read from AWS at plan time'))).toEqual({ text: THIS_ACCOUNT });
    expect(text(new Unknown('AWS::Partition depends on the region', [], ['arn:', null, ':iam::', null, ':root']))).toEqual({ text: `arn:aws:iam::${THIS_ACCOUNT}:root` });
    expect(text(new Unknown('AWS::Region is not known', [], ['logs.', null, '.amazonaws.com']))).toEqual({ text: `logs.${THIS_REGION}.amazonaws.com` });
    // A name known in part identifies its resource.
    expect(text(ref('Partial', 'Arn'))).toEqual({ text: 'arn:aws:s3:::fraud-{unknown}-data' });
    expect(text(ref('PerAccount'))).toEqual({ text: `fraud-${THIS_ACCOUNT}-data` });
  });

  it('leaves unknown what it cannot know, with the reason', () => {
    expect(text(new Unknown('parameter TrustedAccount has no default'))).toEqual({ unknown: 'parameter TrustedAccount has no default' });
    // A hole in the resource part of an ARN is not a pseudo parameter.
    expect(text(new Unknown('AWS::Partition depends on the region', [], ['arn:', null, ':s3:::', null, '/*']))).toHaveProperty('unknown');
    expect(text(ref('Missing'))).toHaveProperty('unknown');
    expect(text({ a: 1 })).toHaveProperty('unknown');
  });
});
