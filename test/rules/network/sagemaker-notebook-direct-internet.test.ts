import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/network/sagemaker-notebook-direct-internet.js';
import { brief, check, inv, ref, res, unknownValue } from '../support.js';

const NB = 'AWS::SageMaker::NotebookInstance';
const run = (props: Record<string, unknown>) => check(rule, inv(res(NB, 'Nb', props as never)), 'Nb');

describe('sagemaker-notebook-direct-internet', () => {
  it('passes when DirectInternetAccess is Disabled', () => {
    expect(brief(run({ DirectInternetAccess: 'Disabled' }))).toEqual([{ status: 'pass', property: 'DirectInternetAccess' }]);
  });

  it('fails when it is Enabled', () => {
    const [r] = run({ DirectInternetAccess: 'Enabled' });
    expect(r!.status).toBe('fail');
    expect(r!.message).toContain('Enabled');
  });

  it("fails when it is absent, because AWS's default is Enabled", () => {
    const [r] = run({ InstanceType: 'ml.t3.medium' });
    expect(r).toMatchObject({ status: 'fail', property: 'DirectInternetAccess' });
    expect(r!.message).toContain("AWS's default");
  });

  it('is unknown, never a failure, when the value is not known', () => {
    expect(brief(run({ DirectInternetAccess: unknownValue() }))).toEqual([{ status: 'unknown', property: 'DirectInternetAccess' }]);
    expect(brief(run({ DirectInternetAccess: ref('Param') }))[0]!.status).toBe('unknown');
  });
});
