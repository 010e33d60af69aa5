import { fail, pass, unknown, type Rule } from '../../core/rule.js';
import { modelImages, registryOf } from '../lib/ecr-images.js';

export const rule: Rule = {
  id: 'sagemaker-model-image-private-ecr',
  title: 'SageMaker model image does not come from private ECR',
  ring: 'supply-chain',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::Model'],
  rationale:
    'Images from Docker Hub, public.ecr.aws or other public registries are published by third parties; a compromised or typo-squatted ' +
    'image then runs with the model execution role and sees every inference request. A private ECR repository keeps the image under ' +
    'your repository policy, scanning and tag immutability. SageMaker built-in algorithm and AWS Deep Learning Container images live ' +
    'in AWS-owned ECR registries and are published by AWS; they pass as AWS-managed images.',
  remediation:
    'Copy the image into a private AWS::ECR::Repository (Terraform: aws_ecr_repository) with scanning and immutable tags, and reference ' +
    'it as <account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest> (for example !Sub "${Repo.RepositoryUri}@sha256:...") in ' +
    'PrimaryContainer.Image / Containers[].Image (Terraform: primary_container { image }).',
  references: {
    nist80053: ['SI-7'],
    atlas: ['AML.T0010', 'AML.T0010.004', 'AML.T0011.001', 'AML.M0016', 'AML.M0014'],
    owaspMl: ['ML06:2023'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-containers-inference-private.html', 'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-algo-docker-registry-paths.html'],
  },
  check(model, inventory) {
    const images = modelImages(model);
    if (images.length === 0) return [pass(undefined, 'the model names no container image (it uses a model package)')];
    return images.map(({ path, value }) => {
      const r = registryOf(value, inventory);
      switch (r.kind) {
        case 'unknown':
          return unknown(path, `cannot tell where the image comes from: ${r.reason}`);
        case 'ecr-repository':
          return pass(path, `the image comes from ${r.repository.id}, a private ECR repository defined here`);
        case 'private-ecr':
          return pass(path, `the image comes from private ECR${r.account ? ` in account ${r.account}` : ''}`);
        case 'aws-managed':
          return pass(path, `AWS-managed image: ${r.publisher} registry (ECR account ${r.account})`);
        case 'public-ecr':
          return fail(path, 'the image comes from public.ecr.aws, a public registry you do not control');
        case 'other':
          return fail(path, `the image comes from ${r.host === 'docker.io' ? 'Docker Hub' : r.host}, a registry outside your private ECR`);
      }
    });
  },
};
