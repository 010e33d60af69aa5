import { describe, expect, it } from 'vitest';
import { modelImages, pinning, registryOf } from '../../../src/rules/lib/ecr-images.js';
import { inv, ref, res, sub } from '../support.js';

const DIGEST = 'sha256:' + '0f'.repeat(32);

describe('ecr-images', () => {
  it('lists the images of PrimaryContainer and Containers with their paths', () => {
    const m = res('AWS::SageMaker::Model', 'M', { PrimaryContainer: { Image: 'a' }, Containers: [{ Image: 'b' }, { ModelPackageName: 'p' }, { Image: 'c' }] });
    expect(modelImages(m).map((i) => i.path)).toEqual(['PrimaryContainer.Image', 'Containers[0].Image', 'Containers[2].Image']);
  });

  it('judges pinning on the text around references', () => {
    expect(pinning(`x/y@${DIGEST}`)).toEqual({ state: 'pinned' });
    expect(pinning(sub(ref('Repo', 'RepositoryUri'), `@${DIGEST}`))).toEqual({ state: 'pinned' });
    expect(pinning(`x/y@${DIGEST.toUpperCase()}`).state).toBe('unpinned');
    expect(pinning('x/y:1.0').state).toBe('unpinned');
    expect(pinning(sub('x/y:', ref('Tag'))).state).toBe('unknown');
  });

  it('classifies registries', () => {
    const i = inv(res('AWS::ECR::Repository', 'Repo'), res('AWS::S3::Bucket', 'B'));
    expect(registryOf(sub(ref('Repo', 'RepositoryUri'), ':1'), i).kind).toBe('ecr-repository');
    expect(registryOf('111122223333.dkr.ecr.eu-west-1.amazonaws.com/a:1', i)).toEqual({ kind: 'private-ecr', account: '111122223333' });
    expect(registryOf('382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1', i).kind).toBe('aws-managed');
    expect(registryOf('public.ecr.aws/x/y:1', i).kind).toBe('public-ecr');
    expect(registryOf('quay.io/x/y:1', i)).toEqual({ kind: 'other', host: 'quay.io' });
    expect(registryOf('localhost:5000/y', i)).toEqual({ kind: 'other', host: 'localhost:5000' });
    expect(registryOf('python:3.12', i)).toEqual({ kind: 'other', host: 'docker.io' });
  });
});
