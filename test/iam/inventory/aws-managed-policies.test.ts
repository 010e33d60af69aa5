import { describe, expect, it } from 'vitest';
import { AWS_MANAGED_POLICIES, awsManagedPolicy, awsManagedPolicyName } from '../../../src/iam/inventory/aws-managed-policies.js';
import { parsePolicy } from '../../../src/iam/policy/parse.js';

describe("ringfence's table of AWS-managed policies", () => {
  it('holds valid documents with their version, once per name', () => {
    const names = AWS_MANAGED_POLICIES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of AWS_MANAGED_POLICIES) {
      expect(() => parsePolicy(p.document, { id: p.name }), p.name).not.toThrow();
      expect(p.version).toMatch(/^v\d+$/);
      expect(p.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(names).toEqual(expect.arrayContaining(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess', 'AmazonS3FullAccess', 'AmazonS3ReadOnlyAccess', 'AmazonSageMakerFullAccess', 'ReadOnlyAccess']));
  });

  it('keeps the statements that matter for ML stacks as AWS publishes them', () => {
    const full = awsManagedPolicy('AmazonSageMakerFullAccess')!;
    expect(full.document.Statement).toHaveLength(44);
    expect(full.document.Statement.find((s) => s['Sid'] === 'AllowPassRoleToSageMaker')).toEqual({
      Sid: 'AllowPassRoleToSageMaker',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: 'arn:aws:iam::*:role/*',
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    });
    // ReadOnlyAccess is an excerpt, and says which services it covers.
    expect(awsManagedPolicy('ReadOnlyAccess')!.services).toEqual(['iam', 'kms', 'logs', 's3', 'sagemaker']);
  });

  it('names AWS-managed policies from their ARN, in any partition, with or without a path', () => {
    expect(awsManagedPolicyName('arn:aws:iam::aws:policy/AdministratorAccess')).toBe('AdministratorAccess');
    expect(awsManagedPolicyName('arn:aws-us-gov:iam::aws:policy/service-role/AmazonSageMakerFullAccess')).toBe('AmazonSageMakerFullAccess');
    expect(awsManagedPolicyName('arn:*:iam::aws:policy/ReadOnlyAccess')).toBe('ReadOnlyAccess');
    expect(awsManagedPolicyName('arn:aws:iam::123456789012:policy/AdministratorAccess')).toBeUndefined();
  });
});
