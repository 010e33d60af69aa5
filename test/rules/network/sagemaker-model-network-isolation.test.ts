import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/network/sagemaker-model-network-isolation.js';
import { brief, check, inv, res, unknownValue } from '../support.js';

const M = 'AWS::SageMaker::Model';
const run = (props: Record<string, unknown>) => check(rule, inv(res(M, 'M', props as never)), 'M');

describe('sagemaker-model-network-isolation', () => {
  it('passes with EnableNetworkIsolation true (also the CloudFormation string "true")', () => {
    expect(brief(run({ EnableNetworkIsolation: true }))).toEqual([{ status: 'pass', property: 'EnableNetworkIsolation' }]);
    expect(run({ EnableNetworkIsolation: 'true' })[0]!.status).toBe('pass');
  });

  it('fails when false, and when absent (the default is false)', () => {
    expect(run({ EnableNetworkIsolation: false })[0]!.status).toBe('fail');
    const [r] = run({ VpcConfig: { Subnets: ['subnet-1'], SecurityGroupIds: ['sg-1'] } });
    expect(r!.status).toBe('fail');
    expect(r!.message).toContain("AWS's default");
  });

  it('says why VPC mode is not enough', () => {
    expect(run({})[0]!.message).toMatch(/VPC mode would still let it reach NAT gateways and VPC endpoints/);
  });

  it('is unknown when the flag is not known', () => {
    expect(run({ EnableNetworkIsolation: unknownValue() })[0]!.status).toBe('unknown');
  });
});
