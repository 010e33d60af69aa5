import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/network/sagemaker-domain-vpc-only.js';
import { check, inv, res, unknownValue } from '../support.js';

const D = 'AWS::SageMaker::Domain';
const run = (props: Record<string, unknown>) => check(rule, inv(res(D, 'D', props as never)), 'D');

describe('sagemaker-domain-vpc-only', () => {
  it('passes with VpcOnly', () => expect(run({ AppNetworkAccessType: 'VpcOnly' })[0]!.status).toBe('pass'));
  it('fails with PublicInternetOnly and when absent (the default)', () => {
    expect(run({ AppNetworkAccessType: 'PublicInternetOnly' })[0]!.status).toBe('fail');
    expect(run({ AuthMode: 'IAM' })[0]!.message).toContain("AWS's default");
  });
  it('is unknown when not known', () => expect(run({ AppNetworkAccessType: unknownValue() })[0]!.status).toBe('unknown'));
});
