import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/data/sagemaker-notebook-volume-cmk.js';
import { brief, check, inv, ref, res, unknownValue } from '../support.js';

const NB = 'AWS::SageMaker::NotebookInstance';

describe('sagemaker-notebook-volume-cmk', () => {
  it('passes with a KmsKeyId (a reference to a key of the stack included)', () => {
    const i = inv(res('AWS::KMS::Key', 'Key'), res(NB, 'Nb', { KmsKeyId: ref('Key') }));
    expect(brief(check(rule, i, 'Nb'))).toEqual([{ status: 'pass', property: 'KmsKeyId' }]);
  });
  it('fails without one', () => expect(brief(check(rule, inv(res(NB, 'Nb', {})), 'Nb'))).toEqual([{ status: 'fail', property: 'KmsKeyId' }]));
  it('is unknown when not known', () => expect(check(rule, inv(res(NB, 'Nb', { KmsKeyId: unknownValue() })), 'Nb')[0]!.status).toBe('unknown'));
});
