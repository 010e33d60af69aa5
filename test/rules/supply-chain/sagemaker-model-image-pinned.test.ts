import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/supply-chain/sagemaker-model-image-pinned.js';
import { brief, check, inv, ref, res, sub, unknownValue } from '../support.js';

const DIGEST = 'sha256:' + 'ab'.repeat(32);
const M = 'AWS::SageMaker::Model';
const run = (props: Record<string, unknown>) => check(rule, inv(res('AWS::ECR::Repository', 'Repo'), res(M, 'M', props as never)), 'M');

describe('sagemaker-model-image-pinned', () => {
  it('passes an image pinned by digest, literal or built on a repository reference', () => {
    expect(brief(run({ PrimaryContainer: { Image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/scorer@${DIGEST}` } }))).toEqual([{ status: 'pass', property: 'PrimaryContainer.Image' }]);
    expect(run({ PrimaryContainer: { Image: sub(ref('Repo', 'RepositoryUri'), `@${DIGEST}`) } })[0]!.status).toBe('pass');
  });

  it('fails tags, and judges every container of an inference pipeline', () => {
    const r = run({ Containers: [{ Image: `a.example.com/x@${DIGEST}` }, { Image: sub(ref('Repo', 'RepositoryUri'), ':latest') }, { Image: 'acme/scorer' }] });
    expect(brief(r)).toEqual([
      { status: 'pass', property: 'Containers[0].Image' },
      { status: 'fail', property: 'Containers[1].Image' },
      { status: 'fail', property: 'Containers[2].Image' },
    ]);
  });

  it('does not accept a short or malformed digest', () => {
    expect(run({ PrimaryContainer: { Image: 'x/y@sha256:abc' } })[0]!.status).toBe('fail');
  });

  it('is unknown when the image, or its final part, is not known', () => {
    expect(run({ PrimaryContainer: { Image: unknownValue() } })[0]!.status).toBe('unknown');
    expect(run({ PrimaryContainer: { Image: sub('registry/x@', ref('Digest')) } })[0]!.status).toBe('unknown');
  });

  it('passes a model that uses a model package instead of an image', () => {
    expect(run({ PrimaryContainer: { ModelPackageName: 'arn:aws:sagemaker:eu-west-1:1:model-package/p/1' } })[0]!.status).toBe('pass');
  });
});
