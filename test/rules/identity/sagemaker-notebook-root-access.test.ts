import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/identity/sagemaker-notebook-root-access.js';
import { brief, check, inv, res, unknownValue } from '../support.js';

const run = (props: Record<string, unknown>) => check(rule, inv(res('AWS::SageMaker::NotebookInstance', 'Nb', props as never)), 'Nb');

describe('sagemaker-notebook-root-access', () => {
  it('passes when RootAccess is Disabled', () => expect(brief(run({ RootAccess: 'Disabled' }))).toEqual([{ status: 'pass', property: 'RootAccess' }]));
  it('fails when Enabled', () => expect(run({ RootAccess: 'Enabled' })[0]!.status).toBe('fail'));
  it("fails when absent: AWS's default is Enabled", () => {
    const [r] = run({});
    expect(r).toMatchObject({ status: 'fail', property: 'RootAccess' });
    expect(r!.message).toContain("AWS's default");
  });
  it('is unknown when not known', () => expect(run({ RootAccess: unknownValue() })[0]!.status).toBe('unknown'));
});
