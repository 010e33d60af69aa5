import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/network/sagemaker-model-vpc.js';
import { brief, check, inv, res, unknownValue } from '../support.js';

const M = 'AWS::SageMaker::Model';
const run = (props: Record<string, unknown>) => check(rule, inv(res(M, 'M', props as never)), 'M');

describe('sagemaker-model-vpc', () => {
  it('passes with a VpcConfig, and notes that outbound access remains possible', () => {
    const [r] = run({ VpcConfig: { Subnets: ['subnet-1'], SecurityGroupIds: ['sg-1'] } });
    expect(r).toMatchObject({ status: 'pass', property: 'VpcConfig' });
    expect(r!.message).toContain('network isolation');
  });

  it('fails without one, even when network isolation is on (a different control)', () => {
    expect(brief(run({ EnableNetworkIsolation: true }))).toEqual([{ status: 'fail', property: 'VpcConfig' }]);
  });

  it('is unknown when VpcConfig is not known', () => {
    expect(run({ VpcConfig: unknownValue() })[0]!.status).toBe('unknown');
  });
});
