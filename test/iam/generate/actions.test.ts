import { describe, expect, it } from 'vitest';
import { actionsFor, servicePrefix } from '../../../src/iam/generate/actions.js';
import { defaultCatalog } from '../../../src/iam/catalog/index.js';

describe('CloudTrail events to IAM actions', () => {
  it.each([
    ['sagemaker.amazonaws.com', 'CreateTrainingJob', ['sagemaker:CreateTrainingJob']],
    ['s3.amazonaws.com', 'ListObjects', ['s3:ListBucket']],
    ['s3.amazonaws.com', 'ListObjectsV2', ['s3:ListBucket']],
    ['s3.amazonaws.com', 'HeadObject', ['s3:GetObject']],
    ['s3.amazonaws.com', 'HeadBucket', ['s3:ListBucket']],
    ['s3.amazonaws.com', 'ListBuckets', ['s3:ListAllMyBuckets']],
    ['s3.amazonaws.com', 'DeleteObjects', ['s3:DeleteObject']],
    ['s3.amazonaws.com', 'CompleteMultipartUpload', ['s3:PutObject']],
    ['s3.amazonaws.com', 'PutBucketLifecycle', ['s3:PutLifecycleConfiguration']],
    ['s3.amazonaws.com', 'DeleteBucketEncryption', ['s3:PutEncryptionConfiguration']],
    ['s3.amazonaws.com', 'GetBucketPolicy', ['s3:GetBucketPolicy']],
    ['lambda.amazonaws.com', 'UpdateFunctionCode20150331v2', ['lambda:UpdateFunctionCode']],
    ['lambda.amazonaws.com', 'AddPermission20150331', ['lambda:AddPermission']],
    ['lambda.amazonaws.com', 'Invoke', ['lambda:InvokeFunction']],
    ['monitoring.amazonaws.com', 'PutMetricData', ['cloudwatch:PutMetricData']],
    ['runtime.sagemaker.amazonaws.com', 'InvokeEndpoint', ['sagemaker:InvokeEndpoint']],
  ])('%s %s → %j', (source, name, actions) => {
    expect(actionsFor(source, name)).toEqual({ actions });
  });

  it('asks for the …Version permission when the request names an object version', () => {
    expect(actionsFor('s3.amazonaws.com', 'GetObject', { bucketName: 'b', key: 'k', versionId: '3' })).toEqual({ actions: ['s3:GetObjectVersion'] });
    expect(actionsFor('s3.amazonaws.com', 'HeadObject', { bucketName: 'b', key: 'k', versionId: '3' })).toEqual({ actions: ['s3:GetObjectVersion'] });
  });

  it('skips calls that need no permission and events that are not API calls', () => {
    expect(actionsFor('sts.amazonaws.com', 'GetCallerIdentity')).toEqual({ skip: 'no-permission' });
    expect(actionsFor('signin.amazonaws.com', 'ConsoleLogin')).toEqual({ skip: 'not-an-api-call' });
  });

  it('reads the service prefix of event sources', () => {
    expect(servicePrefix('ec2-instance-connect.amazonaws.com')).toBe('ec2-instance-connect');
    expect(servicePrefix('email.amazonaws.com')).toBe('ses');
  });

  it('maps only to actions that exist in the catalog', async () => {
    const catalog = defaultCatalog();
    const names = ['ListObjects', 'HeadObject', 'HeadBucket', 'ListBuckets', 'ListObjectVersions', 'ListMultipartUploads', 'ListParts', 'UploadPart', 'DeleteObjects', 'GetBucketLifecycle', 'PutBucketLifecycle', 'DeleteBucketLifecycle', 'GetBucketEncryption', 'PutBucketEncryption', 'DeleteBucketEncryption', 'GetBucketReplication', 'DeleteBucketReplication', 'GetBucketCors', 'DeleteBucketCors', 'DeleteBucketTagging', 'DeleteBucketPublicAccessBlock', 'DeleteBucketOwnershipControls', 'GetBucketNotificationConfiguration', 'GetObjectLockConfiguration', 'PutObjectLockConfiguration'];
    for (const n of names) {
      const m = actionsFor('s3.amazonaws.com', n);
      for (const a of 'actions' in m ? m.actions : []) expect(await catalog.action(a), `${n} → ${a}`).toBeDefined();
    }
    for (const a of ['s3:GetObjectVersion', 's3:DeleteObjectVersion', 's3:GetObjectVersionAcl', 's3:PutObjectVersionTagging']) expect(await catalog.action(a), a).toBeDefined();
  });
});
