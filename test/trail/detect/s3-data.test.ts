import { describe as group, expect, it } from 'vitest';
import { DETECTIONS } from '../../../src/trail/detect/index.js';
import { parseLocation, TrainingData } from '../../../src/trail/detect/training-data.js';
import type { SourcedRecord } from '../../../src/trail/record.js';
import { alertsOf, rec, ROLE_SESSION, USER } from './support.js';

const bulkRead = DETECTIONS.find((d) => d.id === 's3-training-data-bulk-read')!;
const newWriter = DETECTIONS.find((d) => d.id === 's3-training-data-new-writer')!;
const T0 = Date.parse('2024-09-02T08:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const MIN = 60_000;
const DAY = 86_400_000;

/** An S3 data event as CloudTrail writes it. */
function s3(eventName: string, identity: object, bucket: string, key: string | undefined, time: number, bytesOut = 0, ip = '198.51.100.7'): SourcedRecord {
  return rec({
    eventVersion: '1.09',
    userIdentity: identity as never,
    eventTime: at(time),
    eventSource: 's3.amazonaws.com',
    eventName,
    awsRegion: 'eu-west-1',
    sourceIPAddress: ip,
    userAgent: '[aws-cli/2.17.0 md/awscrt#0.20.11 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.11.9 cfg/retry-mode#standard]',
    requestParameters: { bucketName: bucket, Host: `${bucket}.s3.eu-west-1.amazonaws.com`, ...(key !== undefined ? { key } : {}) },
    responseElements: null,
    additionalEventData: { SignatureVersion: 'SigV4', CipherSuite: 'TLS_AES_128_GCM_SHA256', bytesTransferredIn: 0, AuthenticationMethod: 'AuthHeader', bytesTransferredOut: bytesOut },
    readOnly: eventName === 'GetObject',
    resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key ?? ''}` }, { accountId: '111122223333', type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
    eventType: 'AwsApiCall',
    managementEvent: false,
    recipientAccountId: '111122223333',
    eventCategory: 'Data',
  });
}

const trainingJob = rec({
  eventSource: 'sagemaker.amazonaws.com',
  eventName: 'CreateTrainingJob',
  eventTime: at(0),
  userIdentity: ROLE_SESSION('GitHubActions', 'ml-pipeline-deployer') as never,
  sourceIPAddress: '140.82.112.3',
  requestParameters: {
    trainingJobName: 'churn-xgb',
    roleArn: 'arn:aws:iam::111122223333:role/Exec',
    inputDataConfig: [{ channelName: 'train', dataSource: { s3DataSource: { s3DataType: 'S3Prefix', s3Uri: 's3://acme-ml-training-data/churn/train/' } } }],
    outputDataConfig: { s3OutputPath: 's3://acme-ml-artifacts/churn/' },
  },
});

const stolen = ROLE_SESSION('i-0abc-notebook', 'AmazonSageMaker-ExecutionRole');

group('training-data locations', () => {
  it('parses bucket names and s3:// URIs', () => {
    expect(parseLocation('acme-data')).toEqual({ bucket: 'acme-data', prefix: '' });
    expect(parseLocation('s3://acme-data/churn/train/')).toEqual({ bucket: 'acme-data', prefix: 'churn/train/' });
    expect(parseLocation('not a bucket!')).toBeUndefined();
  });

  it('learns job inputs, not outputs, and matches the longest prefix', () => {
    const t = new TrainingData(['acme-feature-store']);
    expect(t.learn(trainingJob.record)).toEqual([{ bucket: 'acme-ml-training-data', prefix: 'churn/train/' }]);
    expect(t.match('acme-ml-training-data', 'churn/train/part-1.csv')).toEqual({ bucket: 'acme-ml-training-data', prefix: 'churn/train/' });
    expect(t.match('acme-ml-training-data', 'other/x')).toBeUndefined();
    expect(t.match('acme-ml-artifacts', 'churn/model.tar.gz')).toBeUndefined();
    expect(t.match('acme-feature-store', 'anything')).toEqual({ bucket: 'acme-feature-store', prefix: '' });
    expect(t.learn({ ...trainingJob.record, errorCode: 'ValidationException' })).toEqual([]);
  });
});

group('s3-training-data-bulk-read', () => {
  it('alerts once when one principal reads over the object threshold within the window', async () => {
    const reads: SourcedRecord[] = [trainingJob];
    for (let i = 0; i < 50; i++) reads.push(s3('GetObject', USER, 'acme-ml-training-data', `churn/train/part-${i}.csv`, DAY + i * MIN, 40_000));
    for (let i = 0; i < 1_200; i++) reads.push(s3('GetObject', stolen, 'acme-ml-training-data', `churn/train/part-${i}.csv`, DAY + i * 1_500, 40_000, '203.0.113.9'));
    // As many reads from a bucket that is not training data: not counted.
    for (let i = 0; i < 1_200; i++) reads.push(s3('GetObject', stolen, 'acme-web-assets', `img/${i}.png`, DAY + i * 1_000, 40_000, '203.0.113.9'));
    const alerts = await alertsOf(bulkRead, reads);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      principal: stolen.arn,
      resource: { type: 'AWS::S3::Bucket', id: 'acme-ml-training-data' },
      summary: 'read 1000 objects (38.1 MB) of training data from bucket acme-ml-training-data within 60 min',
    });
    expect(alerts[0]!.evidence).toContain('sourceIPAddress = 203.0.113.9');
  });

  it('alerts on bytes too, counts only the window, and skips service and ignored principals', async () => {
    const big = 400 * 1024 * 1024;
    const spread = [0, 1, 2].map((i) => s3('GetObject', stolen, 'acme-ml-training-data', `churn/train/big-${i}.parquet`, DAY + i * 45 * MIN, big));
    const quick = [0, 1, 2].map((i) => s3('GetObject', USER, 'acme-ml-training-data', `churn/train/big-${i}.parquet`, DAY + i * MIN, big));
    const service = [0, 1, 2].map((i) => s3('GetObject', ROLE_SESSION('SageMaker', 'Exec'), 'acme-ml-training-data', `churn/train/big-${i}.parquet`, DAY + i * MIN, big, 'sagemaker.amazonaws.com'));
    const alerts = await alertsOf(bulkRead, [trainingJob, ...spread, ...quick, ...service]);
    expect(alerts.map((a) => a.principal)).toEqual([USER.arn]);
    expect(alerts[0]!.summary).toBe('read 3 objects (1200.0 MB) of training data from bucket acme-ml-training-data within 60 min');

    const ignored = await alertsOf(bulkRead, [trainingJob, ...quick], { parameters: { 's3-training-data-bulk-read': { ignorePrincipals: 'arn:aws:iam::111122223333:user/*' } } });
    expect(ignored).toEqual([]);
  });

  it('watches buckets given with --bucket without any SageMaker job in the log', async () => {
    const reads = [0, 1, 2, 3, 4].map((i) => s3('GetObject', stolen, 'acme-feature-store', `f/${i}`, i * 1_000));
    expect(await alertsOf(bulkRead, reads, { trainingBuckets: ['acme-feature-store'], parameters: { 's3-training-data-bulk-read': { objectThreshold: 5 } } })).toHaveLength(1);
    expect(await alertsOf(bulkRead, reads, { parameters: { 's3-training-data-bulk-read': { objectThreshold: 5 } } })).toHaveLength(0);
  });
});

group('s3-training-data-new-writer', () => {
  const ingest = ROLE_SESSION('nightly', 'data-ingestion');
  const mallory = { ...USER, arn: 'arn:aws:iam::111122223333:user/mallory', userName: 'mallory' };

  it('learns the usual writers, then reports a first write or delete by anyone else, once per prefix', async () => {
    const records = [
      trainingJob,
      s3('PutObject', ingest, 'acme-ml-training-data', 'churn/train/2024-09-02.csv', 2 * 60 * MIN),
      s3('PutObject', ingest, 'acme-ml-training-data', 'churn/train/2024-09-04.csv', 2 * DAY),
      s3('PutObject', mallory, 'acme-ml-training-data', 'churn/train/zz-extra.csv', 2 * DAY + MIN, 0, '203.0.113.9'),
      s3('PutObject', mallory, 'acme-ml-training-data', 'churn/train/zz-extra-2.csv', 2 * DAY + 2 * MIN, 0, '203.0.113.9'),
      s3('PutObject', mallory, 'acme-ml-artifacts', 'churn/model.tar.gz', 2 * DAY + 3 * MIN, 0, '203.0.113.9'),
      s3('DeleteObject', USER, 'acme-ml-training-data', 'churn/train/2024-09-02.csv', 2 * DAY + 4 * MIN),
      s3('PutObject', ingest, 'acme-ml-training-data', 'churn/train/late.csv', 2 * DAY + 5 * MIN, 0, 'sagemaker.amazonaws.com'),
    ];
    const alerts = await alertsOf(newWriter, records);
    expect(alerts.map((a) => [a.principal, a.summary])).toEqual([
      [mallory.arn, 'wrote s3://acme-ml-training-data/churn/train/zz-extra.csv under training data s3://acme-ml-training-data/churn/train/ for the first time'],
      [USER.arn, 'deleted s3://acme-ml-training-data/churn/train/2024-09-02.csv under training data s3://acme-ml-training-data/churn/train/ for the first time'],
    ]);
    expect(alerts[0]!.resource).toEqual({ type: 'AWS::S3::Object', id: 's3://acme-ml-training-data/churn/train/zz-extra.csv', arn: 'arn:aws:s3:::acme-ml-training-data/churn/train/zz-extra.csv' });
  });
});
