import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../../src/iam/catalog/index.js';
import { escapePolicyText, resolveResources, typeMatcher } from '../../../src/iam/generate/arns.js';
import type { CloudTrailRecord } from '../../../src/trail/record.js';

const scope = { partition: 'aws', region: 'eu-west-1', account: '111122223333' };
const record = (eventSource: string, eventName: string, requestParameters: Record<string, unknown> | null, extra: Partial<CloudTrailRecord> = {}): CloudTrailRecord => ({
  eventTime: '2024-09-01T08:00:00Z',
  eventSource,
  eventName,
  requestParameters,
  ...extra,
});
const resolve = (action: string, r: CloudTrailRecord) => resolveResources(action, r, scope, defaultCatalog());

describe('resources of a call', () => {
  it('takes the ARN from the record resources first', async () => {
    const r = record('kms.amazonaws.com', 'Decrypt', { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }, { resources: [{ ARN: 'arn:aws:kms:eu-west-1:111122223333:key/abcd', type: 'AWS::KMS::Key' }] });
    expect(await resolve('kms:Decrypt', r)).toEqual({ targets: [{ arn: 'arn:aws:kms:eu-west-1:111122223333:key/abcd', pattern: 'arn:aws:kms:eu-west-1:111122223333:key/abcd' }] });
  });

  it("takes a new resource's ARN from the response", async () => {
    const r = record('sagemaker.amazonaws.com', 'CreateModel', { modelName: 'Churn-XGB', executionRoleArn: 'arn:aws:iam::111122223333:role/exec' }, { responseElements: { modelArn: 'arn:aws:sagemaker:eu-west-1:111122223333:model/churn-xgb' } });
    expect((await resolve('sagemaker:CreateModel', r)).targets.map((t) => t.arn)).toEqual(['arn:aws:sagemaker:eu-west-1:111122223333:model/churn-xgb']);
  });

  it("builds the ARN from the catalog's format and the request, SageMaker names in lower case", async () => {
    const r = record('sagemaker.amazonaws.com', 'DescribeTrainingJob', { trainingJobName: 'Churn-XGB-1' });
    expect(await resolve('sagemaker:DescribeTrainingJob', r)).toEqual({ targets: [{ arn: 'arn:aws:sagemaker:eu-west-1:111122223333:training-job/churn-xgb-1', pattern: 'arn:aws:sagemaker:eu-west-1:111122223333:training-job/churn-xgb-1' }], built: true });
  });

  it('builds S3 object and bucket ARNs from bucketName and key', async () => {
    expect((await resolve('s3:GetObject', record('s3.amazonaws.com', 'GetObject', { bucketName: 'data', key: 'train/a.csv' }))).targets[0]!.arn).toBe('arn:aws:s3:::data/train/a.csv');
    expect((await resolve('s3:ListBucket', record('s3.amazonaws.com', 'ListObjects', { bucketName: 'data', prefix: 'train/' }))).targets[0]!.arn).toBe('arn:aws:s3:::data');
  });

  it('authorizes against every required resource type the request names (endpoint and its config)', async () => {
    const r = record('sagemaker.amazonaws.com', 'UpdateEndpoint', { endpointName: 'churn', endpointConfigName: 'churn-v2' }, { responseElements: { endpointArn: 'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn' } });
    expect((await resolve('sagemaker:UpdateEndpoint', r)).targets.map((t) => t.arn).sort()).toEqual(['arn:aws:sagemaker:eu-west-1:111122223333:endpoint-config/churn-v2', 'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn']);
  });

  it('picks the resource type the request names most directly (a foundation model by its id)', async () => {
    const r = record('bedrock.amazonaws.com', 'InvokeModel', { modelId: 'anthropic.claude-3-sonnet-20240229-v1:0' });
    expect((await resolve('bedrock:InvokeModel', r)).targets.map((t) => t.arn)).toEqual(['arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0']);
  });

  it('expands a list parameter into one ARN per value', async () => {
    const r = record('ssm.amazonaws.com', 'GetParameters', { names: ['/ml/db-password', '/ml/api-key'], withDecryption: true });
    expect((await resolve('ssm:GetParameters', r)).targets.map((t) => t.arn)).toEqual(['arn:aws:ssm:eu-west-1:111122223333:parameter/ml/db-password', 'arn:aws:ssm:eu-west-1:111122223333:parameter/ml/api-key']);
  });

  it('widens what the record does not give, and says so', async () => {
    const r = record('ec2.amazonaws.com', 'CreateVpc', { cidrBlock: '10.0.0.0/16' });
    expect(await resolve('ec2:CreateVpc', r)).toEqual({ targets: [{ arn: 'arn:aws:ec2:eu-west-1:111122223333:vpc/*', pattern: 'arn:aws:ec2:eu-west-1:111122223333:vpc/*' }], widened: 'the record does not give VpcId', built: true });
  });

  it('uses Resource "*" for actions without resource-level permissions, and for unknown actions', async () => {
    expect(await resolve('ecr:GetAuthorizationToken', record('ecr.amazonaws.com', 'GetAuthorizationToken', {}))).toEqual({ targets: [{ arn: '*', pattern: '*' }], noResourceLevel: true });
    expect(await resolve('iam:PutPolicy', record('iam.amazonaws.com', 'PutPolicy', {}))).toEqual({ targets: [{ arn: '*', pattern: '*' }], unknownAction: true });
  });

  it('escapes wildcard characters of names so the policy matches only them', async () => {
    expect(escapePolicyText('arn:aws:s3:::b/odd*name?.csv')).toBe('arn:aws:s3:::b/odd${*}name${?}.csv');
    expect(escapePolicyText('price-${2024}')).toBe('price-${$}{2024}');
    const r = record('s3.amazonaws.com', 'GetObject', { bucketName: 'b', key: 'odd*name.csv' });
    expect((await resolve('s3:GetObject', r)).targets).toEqual([{ arn: 'arn:aws:s3:::b/odd*name.csv', pattern: 'arn:aws:s3:::b/odd${*}name.csv' }]);
  });

  it('matches ARNs to resource types without letting a bucket match an object', () => {
    const bucket = typeMatcher('arn:${Partition}:s3:::${BucketName}');
    expect(bucket('arn:aws:s3:::data')).toBe(true);
    expect(bucket('arn:aws:s3:::data/key')).toBe(false);
    expect(typeMatcher('arn:${Partition}:s3:::${BucketName}/${ObjectName}')('arn:aws:s3:::data/a/b.csv')).toBe(true);
  });
});
