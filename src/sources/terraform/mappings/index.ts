import type { ResourceMapping } from '../mapping/types.js';
import { CLOUDTRAIL_MAPPINGS } from './cloudtrail.js';
import { CLOUDWATCH_LOGS_MAPPINGS } from './cloudwatch-logs.js';
import { CLOUDWATCH_MAPPINGS } from './cloudwatch.js';
import { EC2_MAPPINGS } from './ec2.js';
import { ECR_MAPPINGS } from './ecr.js';
import { IAM_MAPPINGS } from './iam.js';
import { KMS_MAPPINGS } from './kms.js';
import { S3_MAPPINGS } from './s3.js';
import { SAGEMAKER_MAPPINGS } from './sagemaker.js';

/** Every Terraform resource type ringfence maps into the CloudFormation vocabulary. */
export const MAPPINGS: ReadonlyMap<string, ResourceMapping> = new Map(
  [
    ...SAGEMAKER_MAPPINGS,
    ...S3_MAPPINGS,
    ...IAM_MAPPINGS,
    ...KMS_MAPPINGS,
    ...EC2_MAPPINGS,
    ...CLOUDTRAIL_MAPPINGS,
    ...CLOUDWATCH_LOGS_MAPPINGS,
    ...CLOUDWATCH_MAPPINGS,
    ...ECR_MAPPINGS,
  ].map((m) => [m.tfType, m]),
);

export function mappingFor(tfType: string): ResourceMapping | undefined {
  return MAPPINGS.get(tfType);
}
