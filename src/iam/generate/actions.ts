/**
 * From a CloudTrail event to the IAM actions that authorized it. Usually the action is the event
 * source's service prefix and the event name (`sagemaker.amazonaws.com` + `CreateTrainingJob` →
 * `sagemaker:CreateTrainingJob`); the exceptions are data, because the Service Authorization
 * Reference documents them per operation:
 *
 * - S3 names some permissions after the resource, not the operation ("Amazon S3 API operations
 *   and the permissions they need", S3 User Guide): ListObjects(V2) and HeadBucket need
 *   s3:ListBucket, HeadObject needs s3:GetObject, the lifecycle/encryption/replication/CORS
 *   operations need Get/Put…Configuration, and the Delete… of a bucket configuration needs Put….
 *   Reading or deleting a specific version needs the …Version permission.
 * - Lambda's CloudTrail event names carry the API version (`UpdateFunctionCode20150331v2`), and a
 *   function invocation is logged as `Invoke` (lambda:InvokeFunction).
 * - Some operations need no permission at all (sts:GetCallerIdentity), and some events are not
 *   API calls of the principal (a console sign-in).
 */

/** Event sources whose service prefix is not the first label of the host name. */
const SERVICE_PREFIX: Readonly<Record<string, string>> = {
  'monitoring.amazonaws.com': 'cloudwatch',
  'runtime.sagemaker.amazonaws.com': 'sagemaker',
  'api.sagemaker.amazonaws.com': 'sagemaker',
  'email.amazonaws.com': 'ses',
  'tagging.amazonaws.com': 'tag',
  'runtime.lex.amazonaws.com': 'lex',
  'bedrock-runtime.amazonaws.com': 'bedrock',
  'elasticloadbalancing.amazonaws.com': 'elasticloadbalancing',
  'sso-directory.amazonaws.com': 'sso-directory',
};

/** `service:EventName` → the IAM actions it needs (empty: none). */
const ACTION_EXCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  's3:ListObjects': ['s3:ListBucket'],
  's3:ListObjectsV2': ['s3:ListBucket'],
  's3:HeadBucket': ['s3:ListBucket'],
  's3:HeadObject': ['s3:GetObject'],
  's3:ListBuckets': ['s3:ListAllMyBuckets'],
  's3:ListObjectVersions': ['s3:ListBucketVersions'],
  's3:ListMultipartUploads': ['s3:ListBucketMultipartUploads'],
  's3:ListParts': ['s3:ListMultipartUploadParts'],
  's3:CreateMultipartUpload': ['s3:PutObject'],
  's3:UploadPart': ['s3:PutObject'],
  's3:CompleteMultipartUpload': ['s3:PutObject'],
  's3:AbortMultipartUpload': ['s3:AbortMultipartUpload'],
  's3:UploadPartCopy': ['s3:PutObject'],
  's3:DeleteObjects': ['s3:DeleteObject'],
  's3:SelectObjectContent': ['s3:GetObject'],
  's3:GetBucketLifecycle': ['s3:GetLifecycleConfiguration'],
  's3:GetBucketLifecycleConfiguration': ['s3:GetLifecycleConfiguration'],
  's3:PutBucketLifecycle': ['s3:PutLifecycleConfiguration'],
  's3:PutBucketLifecycleConfiguration': ['s3:PutLifecycleConfiguration'],
  's3:DeleteBucketLifecycle': ['s3:PutLifecycleConfiguration'],
  's3:GetBucketEncryption': ['s3:GetEncryptionConfiguration'],
  's3:PutBucketEncryption': ['s3:PutEncryptionConfiguration'],
  's3:DeleteBucketEncryption': ['s3:PutEncryptionConfiguration'],
  's3:GetBucketReplication': ['s3:GetReplicationConfiguration'],
  's3:PutBucketReplication': ['s3:PutReplicationConfiguration'],
  's3:DeleteBucketReplication': ['s3:PutReplicationConfiguration'],
  's3:GetBucketCors': ['s3:GetBucketCORS'],
  's3:PutBucketCors': ['s3:PutBucketCORS'],
  's3:DeleteBucketCors': ['s3:PutBucketCORS'],
  's3:DeleteBucketTagging': ['s3:PutBucketTagging'],
  's3:DeleteBucketPublicAccessBlock': ['s3:PutBucketPublicAccessBlock'],
  's3:DeleteBucketOwnershipControls': ['s3:PutBucketOwnershipControls'],
  's3:GetBucketNotificationConfiguration': ['s3:GetBucketNotification'],
  's3:PutBucketNotificationConfiguration': ['s3:PutBucketNotification'],
  's3:GetBucketAccelerateConfiguration': ['s3:GetAccelerateConfiguration'],
  's3:PutBucketAccelerateConfiguration': ['s3:PutAccelerateConfiguration'],
  's3:GetBucketInventoryConfiguration': ['s3:GetInventoryConfiguration'],
  's3:PutBucketInventoryConfiguration': ['s3:PutInventoryConfiguration'],
  's3:GetBucketMetricsConfiguration': ['s3:GetMetricsConfiguration'],
  's3:PutBucketMetricsConfiguration': ['s3:PutMetricsConfiguration'],
  's3:GetBucketAnalyticsConfiguration': ['s3:GetAnalyticsConfiguration'],
  's3:PutBucketAnalyticsConfiguration': ['s3:PutAnalyticsConfiguration'],
  's3:GetBucketIntelligentTieringConfiguration': ['s3:GetIntelligentTieringConfiguration'],
  's3:PutBucketIntelligentTieringConfiguration': ['s3:PutIntelligentTieringConfiguration'],
  's3:GetObjectLockConfiguration': ['s3:GetBucketObjectLockConfiguration'],
  's3:PutObjectLockConfiguration': ['s3:PutBucketObjectLockConfiguration'],
  'lambda:Invoke': ['lambda:InvokeFunction'],
  'sts:GetCallerIdentity': [],
};

/** S3 object operations that need the …Version permission when the request names a version. */
const S3_VERSIONED: Readonly<Record<string, string>> = {
  's3:GetObject': 's3:GetObjectVersion',
  's3:DeleteObject': 's3:DeleteObjectVersion',
  's3:GetObjectAcl': 's3:GetObjectVersionAcl',
  's3:PutObjectAcl': 's3:PutObjectVersionAcl',
  's3:GetObjectTagging': 's3:GetObjectVersionTagging',
  's3:PutObjectTagging': 's3:PutObjectVersionTagging',
  's3:DeleteObjectTagging': 's3:DeleteObjectVersionTagging',
};

/** Event sources that are not API calls authorized by IAM policies. */
const NOT_AUTHORIZED_BY_IAM = new Set(['signin.amazonaws.com']);

export type ActionMapping = { actions: string[] } | { skip: 'no-permission' | 'not-an-api-call' };

/** The service prefix of an event source: `sagemaker.amazonaws.com` → `sagemaker`. */
export function servicePrefix(eventSource: string): string {
  return SERVICE_PREFIX[eventSource] ?? eventSource.replace(/\.amazonaws\.com$/, '');
}

/** The IAM actions a CloudTrail event needed. */
export function actionsFor(eventSource: string, eventName: string, requestParameters?: Record<string, unknown> | null): ActionMapping {
  if (NOT_AUTHORIZED_BY_IAM.has(eventSource)) return { skip: 'not-an-api-call' };
  const service = servicePrefix(eventSource);
  // Lambda logs the API version in the name: UpdateFunctionCode20150331v2.
  const name = service === 'lambda' ? eventName.replace(/\d{8}(v\d+)?$/, '') : eventName;
  const key = `${service}:${name}`;
  const mapped = ACTION_EXCEPTIONS[key];
  if (mapped && mapped.length === 0) return { skip: 'no-permission' };
  let actions = mapped ? [...mapped] : [key];
  if (service === 's3' && typeof requestParameters?.versionId === 'string') actions = actions.map((a) => S3_VERSIONED[a] ?? a);
  return { actions };
}
