import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/data/sagemaker-endpoint-config-kms.js';
import { brief, check, inv, ref, res, unknownValue } from '../support.js';

const EC = 'AWS::SageMaker::EndpointConfig';
const run = (props: Record<string, unknown>) => check(rule, inv(res('AWS::KMS::Key', 'Key'), res(EC, 'Ec', props as never)), 'Ec');
const variant = (name: string, extra: object) => ({ VariantName: name, ModelName: 'm', InitialInstanceCount: 1, ...extra });

describe('sagemaker-endpoint-config-kms', () => {
  it('passes with a KmsKeyId', () => {
    expect(brief(run({ KmsKeyId: ref('Key', 'Arn'), ProductionVariants: [variant('a', { InstanceType: 'ml.m5.large' })] }))).toEqual([{ status: 'pass', property: 'KmsKeyId' }]);
  });

  it('fails without one when a variant uses an EBS-backed instance type', () => {
    const [r] = run({ ProductionVariants: [variant('gpu', { InstanceType: 'ml.g5.xlarge' }), variant('cpu', { InstanceType: 'ml.m5.large' })] });
    expect(r).toMatchObject({ status: 'fail', property: 'KmsKeyId' });
    expect(r!.message).toContain('cpu (ml.m5.large)');
    expect(r!.message).not.toContain('gpu');
  });

  it('passes without one when every instance has local NVMe storage, where AWS rejects KmsKeyId', () => {
    const [r] = run({ ProductionVariants: [variant('a', { InstanceType: 'ml.g5.2xlarge' }), variant('b', { InstanceType: 'ml.p4d.24xlarge' })] });
    expect(r).toMatchObject({ status: 'pass', property: 'KmsKeyId' });
    expect(r!.message).toMatch(/NVMe.*rejects KmsKeyId/);
  });

  it('does not treat Inferentia 2 (EBS-only) as NVMe', () => {
    expect(run({ ProductionVariants: [variant('a', { InstanceType: 'ml.inf2.xlarge' })] })[0]!.status).toBe('fail');
  });

  it('passes serverless variants, which have no instance volume for the key to protect', () => {
    const [r] = run({ ProductionVariants: [variant('s', { ServerlessConfig: { MaxConcurrency: 5, MemorySizeInMB: 2048 } })] });
    expect(r!.status).toBe('pass');
    expect(r!.message).toContain('serverless');
  });

  it('counts shadow variants, which run on instances too', () => {
    const r = run({ ProductionVariants: [variant('a', { InstanceType: 'ml.g5.xlarge' })], ShadowProductionVariants: [variant('shadow', { InstanceType: 'ml.c5.xlarge' })] });
    expect(r[0]!.status).toBe('fail');
  });

  it('is unknown when the key or an instance type is not known', () => {
    expect(run({ KmsKeyId: unknownValue(), ProductionVariants: [] })[0]!.status).toBe('unknown');
    expect(brief(run({ ProductionVariants: [variant('a', { InstanceType: unknownValue() })] }))).toEqual([{ status: 'unknown', property: 'ProductionVariants[0].InstanceType' }]);
  });

  it('fails on an EBS variant even when another variant is unknown', () => {
    const r = run({ ProductionVariants: [variant('a', { InstanceType: unknownValue() }), variant('b', { InstanceType: 'ml.m5.large' })] });
    expect(r[0]!.status).toBe('fail');
  });
});
