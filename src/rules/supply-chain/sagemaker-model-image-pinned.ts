import { fail, pass, unknown, type Rule } from '../../core/rule.js';
import { modelImages, pinning } from '../lib/ecr-images.js';
import { showValue } from '../lib/read.js';

export const rule: Rule = {
  id: 'sagemaker-model-image-pinned',
  title: 'SageMaker model image is not pinned by digest',
  ring: 'supply-chain',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::Model'],
  rationale:
    'A tag such as :latest or :1.2 can be moved to a different image at any time, by whoever can push to the repository or compromise ' +
    'the publisher, and the next endpoint update or scale-out then runs code nobody reviewed. A digest (@sha256:...) names exactly one ' +
    'image, so what was scanned and approved is what runs.',
  remediation:
    'Reference images by digest in PrimaryContainer.Image and Containers[].Image of the AWS::SageMaker::Model (Terraform: ' +
    'primary_container { image } and container { image } on aws_sagemaker_model), e.g. ' +
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com/model@sha256:<64 hex>; make the ECR repository tag-immutable as well.',
  references: {
    nist80053: ['SI-7', 'SI-7(6)'],
    atlas: ['AML.T0010', 'AML.T0010.004', 'AML.M0013', 'AML.M0014'],
    owaspMl: ['ML06:2023'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html#sagemaker-Type-ContainerDefinition-Image'],
  },
  check(model) {
    const images = modelImages(model);
    if (images.length === 0) return [pass(undefined, 'the model names no container image (it uses a model package, which records image digests)')];
    return images.map(({ path, value }) => {
      const p = pinning(value);
      if (p.state === 'unknown') return unknown(path, `cannot tell whether the image is pinned: ${p.reason}`);
      if (p.state === 'pinned') return pass(path, 'the image is pinned by digest');
      return fail(path, `image ${showValue(value)} is referenced by tag, not by @sha256 digest: the tag can be moved to a different image without any change here`);
    });
  },
};
