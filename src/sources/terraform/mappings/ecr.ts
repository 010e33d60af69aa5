import type { AttributeSpec, ResourceMapping } from '../mapping/types.js';

// ECR repositories hold training and inference images: the supply chain of an ML system.

const tags: AttributeSpec = { to: 'Tags', transform: 'tags' };
const viaRepository = { tfType: 'aws_ecr_repository', via: 'repository' };

export const ECR_MAPPINGS: ResourceMapping[] = [
  {
    tfType: 'aws_ecr_repository',
    cfnType: 'AWS::ECR::Repository',
    idAttribute: 'name',
    refAttributes: { repository_url: 'RepositoryUri' },
    attributes: {
      name: 'RepositoryName',
      image_tag_mutability: 'ImageTagMutability',
      image_scanning_configuration: { to: 'ImageScanningConfiguration', attributes: { scan_on_push: 'ScanOnPush' } },
      encryption_configuration: { to: 'EncryptionConfiguration', attributes: { encryption_type: 'EncryptionType', kms_key: 'KmsKey' } },
      force_delete: 'EmptyOnDelete',
      tags,
    },
  },
  {
    tfType: 'aws_ecr_repository_policy',
    cfnType: 'AWS::ECR::Repository',
    mergeInto: viaRepository,
    attributes: { policy: { to: 'RepositoryPolicyText', transform: 'json' } },
  },
  {
    tfType: 'aws_ecr_lifecycle_policy',
    cfnType: 'AWS::ECR::Repository',
    mergeInto: viaRepository,
    attributes: { policy: 'LifecyclePolicy.LifecyclePolicyText' },
  },
];
