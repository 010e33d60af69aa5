import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/supply-chain/sagemaker-model-image-private-ecr.js';
import { check, inv, ref, res, sub, unknownValue } from '../support.js';

const M = 'AWS::SageMaker::Model';
const run = (image: unknown) => check(rule, inv(res('AWS::ECR::Repository', 'Repo'), res(M, 'M', { PrimaryContainer: { Image: image as never } })), 'M')[0]!;

describe('sagemaker-model-image-private-ecr', () => {
  it('passes private ECR, including an image built on an ECR repository of the stack', () => {
    expect(run('123456789012.dkr.ecr.eu-west-1.amazonaws.com/scorer:1').status).toBe('pass');
    expect(run('123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/scorer:1').status).toBe('pass');
    expect(run(sub(ref('Repo', 'RepositoryUri'), ':latest')).message).toContain('Repo');
    expect(run(sub(ref('Account'), '.dkr.ecr.', ref('Region'), '.amazonaws.com/scorer:1')).status).toBe('pass');
  });

  it('passes AWS-managed images (Deep Learning Containers, built-in algorithms) and says so', () => {
    const r = run('763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310');
    expect(r.status).toBe('pass');
    expect(r.message).toContain('AWS-managed');
    expect(run('683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1').message).toContain('AWS-managed');
  });

  it('fails Docker Hub, public ECR and other registries', () => {
    expect(run('docker.io/acmeml/fraud-scorer:2.3').message).toContain('Docker Hub');
    expect(run('acmeml/fraud-scorer:2.3').message).toContain('Docker Hub');
    expect(run('public.ecr.aws/acme/scorer:1').status).toBe('fail');
    expect(run('ghcr.io/acme/scorer:1').message).toContain('ghcr.io');
  });

  it('is unknown when the image is not known', () => {
    expect(run(unknownValue()).status).toBe('unknown');
    expect(run(sub(ref('Registry'), '/scorer:1')).status).toBe('unknown');
  });
});
