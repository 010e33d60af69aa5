import type { AttributeSpec, ResourceMapping } from '../mapping/types.js';

// S3: the bucket, its split-out configuration resources (provider v4+), merged into the
// AWS::S3::Bucket they configure, and the bucket policy as AWS::S3::BucketPolicy.

const tags: AttributeSpec = { to: 'Tags', transform: 'tags' };

const encryptionRuleAttributes: Record<string, AttributeSpec> = {
  apply_server_side_encryption_by_default: {
    to: 'ServerSideEncryptionByDefault',
    attributes: { sse_algorithm: 'SSEAlgorithm', kms_master_key_id: 'KMSMasterKeyID' },
  },
  bucket_key_enabled: 'BucketKeyEnabled',
};

const viaBucket = { tfType: 'aws_s3_bucket', via: 'bucket' };

export const S3_MAPPINGS: ResourceMapping[] = [
  {
    tfType: 'aws_s3_bucket',
    cfnType: 'AWS::S3::Bucket',
    idAttribute: 'bucket',
    refAttributes: { bucket: null, bucket_domain_name: 'DomainName', bucket_regional_domain_name: 'RegionalDomainName' },
    attributes: {
      bucket: 'BucketName',
      object_lock_enabled: 'ObjectLockEnabled',
      tags,
      // Inline forms of provider v3 and earlier, still common.
      acl: { to: 'AccessControl', transform: 'cannedAcl' },
      versioning: { to: 'VersioningConfiguration', attributes: { enabled: { to: 'Status', transform: 'enabledStatus' } } },
      logging: { to: 'LoggingConfiguration', attributes: { target_bucket: 'DestinationBucketName', target_prefix: 'LogFilePrefix' } },
      server_side_encryption_configuration: {
        to: 'BucketEncryption',
        attributes: { rule: { to: 'ServerSideEncryptionConfiguration', list: true, attributes: encryptionRuleAttributes } },
      },
    },
    // A legacy inline `policy` is a bucket policy of its own in CloudFormation.
    children: [
      {
        cfnType: 'AWS::S3::BucketPolicy',
        idSuffix: 'policy',
        parentProperty: 'Bucket',
        attributes: { policy: { to: 'PolicyDocument', transform: 'json' } },
      },
    ],
  },
  {
    tfType: 'aws_s3_bucket_policy',
    cfnType: 'AWS::S3::BucketPolicy',
    attributes: { bucket: 'Bucket', policy: { to: 'PolicyDocument', transform: 'json' } },
  },
  {
    tfType: 'aws_s3_bucket_server_side_encryption_configuration',
    cfnType: 'AWS::S3::Bucket',
    mergeInto: viaBucket,
    attributes: { rule: { to: 'BucketEncryption.ServerSideEncryptionConfiguration', list: true, attributes: encryptionRuleAttributes } },
  },
  {
    tfType: 'aws_s3_bucket_public_access_block',
    cfnType: 'AWS::S3::Bucket',
    mergeInto: viaBucket,
    attributes: {
      block_public_acls: 'PublicAccessBlockConfiguration.BlockPublicAcls',
      block_public_policy: 'PublicAccessBlockConfiguration.BlockPublicPolicy',
      ignore_public_acls: 'PublicAccessBlockConfiguration.IgnorePublicAcls',
      restrict_public_buckets: 'PublicAccessBlockConfiguration.RestrictPublicBuckets',
    },
  },
  {
    tfType: 'aws_s3_bucket_versioning',
    cfnType: 'AWS::S3::Bucket',
    mergeInto: viaBucket,
    attributes: { versioning_configuration: { to: 'VersioningConfiguration', attributes: { status: 'Status' } } },
  },
  {
    tfType: 'aws_s3_bucket_logging',
    cfnType: 'AWS::S3::Bucket',
    mergeInto: viaBucket,
    attributes: { target_bucket: 'LoggingConfiguration.DestinationBucketName', target_prefix: 'LoggingConfiguration.LogFilePrefix' },
  },
  {
    tfType: 'aws_s3_bucket_acl',
    cfnType: 'AWS::S3::Bucket',
    mergeInto: viaBucket,
    attributes: { acl: { to: 'AccessControl', transform: 'cannedAcl' } },
  },
  {
    tfType: 'aws_s3_bucket_ownership_controls',
    cfnType: 'AWS::S3::Bucket',
    mergeInto: viaBucket,
    attributes: { rule: { to: 'OwnershipControls.Rules', list: true, attributes: { object_ownership: 'ObjectOwnership' } } },
  },
];
