import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/network/sagemaker-notebook-not-in-vpc.js';
import { brief, check, inv, ref, res, unknownValue } from '../support.js';

const NB = 'AWS::SageMaker::NotebookInstance';

describe('sagemaker-notebook-not-in-vpc', () => {
  it('passes with a SubnetId, literal or referenced', () => {
    expect(brief(check(rule, inv(res(NB, 'Nb', { SubnetId: 'subnet-0abc' })), 'Nb'))).toEqual([{ status: 'pass', property: 'SubnetId' }]);
    const i = inv(res('AWS::EC2::Subnet', 'Private'), res(NB, 'Nb', { SubnetId: ref('Private') }));
    expect(check(rule, i, 'Nb')[0]!.status).toBe('pass');
  });

  it('fails without a SubnetId (or with an empty one)', () => {
    expect(brief(check(rule, inv(res(NB, 'Nb', {})), 'Nb'))).toEqual([{ status: 'fail', property: 'SubnetId' }]);
    expect(check(rule, inv(res(NB, 'Nb', { SubnetId: '' })), 'Nb')[0]!.status).toBe('fail');
  });

  it('is unknown when the subnet is not known', () => {
    expect(check(rule, inv(res(NB, 'Nb', { SubnetId: unknownValue() })), 'Nb')[0]!.status).toBe('unknown');
  });
});
