import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';

describe('values known in part', () => {
  it('recognises an AWS-managed policy named through ${AWS::Partition} without knowing the partition', async () => {
    const result = await scan({ paths: ['test/fixtures/rules/sagemaker-role-broad-permissions/partition-sub.yaml'], rules: ['sagemaker-role-broad-permissions'] });
    const fails = result.findings.filter((f) => f.status === 'fail');
    expect(fails).toHaveLength(1);
    expect(fails[0]!.message).toMatch(/AmazonSageMakerFullAccess/);
    expect(fails[0]!.location).toMatchObject({ line: 11 });
    // ReadOnlyAccess is not broad: known by name, judged, not reported as a coverage gap.
    expect(result.findings.filter((f) => f.status === 'unknown')).toEqual([]);
  });
});
