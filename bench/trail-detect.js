// What the detections cost over reading the records at all: a generated trail of CloudTrail
// records in a realistic mix (mostly S3 data events, service noise, denied calls, SageMaker and
// IAM management events), held as JSON lines in memory. The baseline JSON.parses every line
// (the floor of any reader); the measured run parses every line and feeds it to all detections.
// Interleaved rounds, medians, ratio printed (target: detections <= 1.3x the parse floor).
// Not a timed test.
//
//   node bench/trail-detect.js [--count N] [--rounds N]

import { parseArgs } from 'node:util';
import { importBuilt, median, formatMs, printResult } from './support/common.js';

const { values: args } = parseArgs({ options: { count: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '5' } } });
const COUNT = Number(args.count);
const ROUNDS = Number(args.rounds);
const TARGET = 1.3;

const { DETECTIONS, DetectionRun } = await importBuilt('trail/detect/index.js');

const ACCOUNT = '111122223333';
const T0 = Date.parse('2024-09-02T00:00:00Z');
const roles = Array.from({ length: 40 }, (_, i) => `role-${i}`);
const buckets = ['acme-ml-training-data', 'acme-ml-artifacts', 'acme-web-assets', 'acme-logs', 'acme-features'];
let seed = 42;
const rand = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
const pick = (list) => list[rand(list.length)];

function identity(role) {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLE${role}:session-${rand(5)}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session-${rand(5)}`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLEEXAMPLE',
    sessionContext: { sessionIssuer: { type: 'Role', principalId: `AROAEXAMPLE${role}`, arn: `arn:aws:iam::${ACCOUNT}:role/${role}`, accountId: ACCOUNT, userName: role }, attributes: { creationDate: '2024-09-02T00:00:00Z', mfaAuthenticated: 'false' } },
  };
}

function base(i, eventSource, eventName, extra) {
  return {
    eventVersion: '1.09',
    userIdentity: identity(pick(roles)),
    eventTime: new Date(T0 + i * 500).toISOString(),
    eventSource,
    eventName,
    awsRegion: 'eu-west-1',
    sourceIPAddress: `198.51.100.${rand(250)}`,
    userAgent: 'Boto3/1.35.0 md/Botocore#1.35.0 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.12.5 cfg/retry-mode#legacy',
    requestID: `req-${i}`,
    eventID: `evt-${i}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${eventSource.split('.')[0]}.eu-west-1.amazonaws.com` },
    ...extra,
  };
}

function record(i) {
  if (i === 0)
    return base(i, 'sagemaker.amazonaws.com', 'CreateTrainingJob', {
      requestParameters: { trainingJobName: 'j', roleArn: `arn:aws:iam::${ACCOUNT}:role/exec`, inputDataConfig: [{ channelName: 'train', dataSource: { s3DataSource: { s3DataType: 'S3Prefix', s3Uri: 's3://acme-ml-training-data/churn/' } } }] },
    });
  const r = rand(1000);
  if (r < 600) {
    const bucket = pick(buckets);
    return base(i, 's3.amazonaws.com', 'GetObject', {
      managementEvent: false,
      eventCategory: 'Data',
      requestParameters: { bucketName: bucket, Host: `${bucket}.s3.eu-west-1.amazonaws.com`, key: `churn/part-${rand(100000)}.csv` },
      responseElements: null,
      additionalEventData: { SignatureVersion: 'SigV4', CipherSuite: 'TLS_AES_128_GCM_SHA256', bytesTransferredIn: 0, AuthenticationMethod: 'AuthHeader', bytesTransferredOut: rand(200000) },
      resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/churn/x` }, { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
    });
  }
  if (r < 700) {
    const bucket = pick(buckets);
    return base(i, 's3.amazonaws.com', 'PutObject', { readOnly: false, managementEvent: false, eventCategory: 'Data', requestParameters: { bucketName: bucket, key: `churn/new-${rand(1000)}.csv` } });
  }
  if (r < 850) return base(i, pick(['ec2.amazonaws.com', 'sts.amazonaws.com', 'kms.amazonaws.com']), pick(['DescribeInstances', 'AssumeRole', 'Decrypt', 'GenerateDataKey']), { requestParameters: { maxResults: 100 } });
  if (r < 900) return base(i, pick(['ec2.amazonaws.com', 'sagemaker.amazonaws.com', 's3.amazonaws.com']), 'DescribeSomething', { errorCode: pick(['AccessDenied', 'AccessDeniedException', 'Client.UnauthorizedOperation']), errorMessage: 'not authorized' });
  if (r < 980) return base(i, 'sagemaker.amazonaws.com', pick(['ListModels', 'DescribeEndpoint', 'DescribeTrainingJob']), { requestParameters: { maxResults: 10 } });
  if (r < 990) return base(i, 'sagemaker.amazonaws.com', 'CreatePresignedNotebookInstanceUrl', { readOnly: false, requestParameters: { notebookInstanceName: 'nb' } });
  if (r < 995) return base(i, 'sagemaker.amazonaws.com', 'CreateNotebookInstance', { readOnly: false, requestParameters: { notebookInstanceName: `nb-${i}`, roleArn: `arn:aws:iam::${ACCOUNT}:role/exec`, directInternetAccess: 'Disabled', rootAccess: 'Disabled' } });
  return base(i, 'iam.amazonaws.com', 'PutRolePolicy', { readOnly: false, requestParameters: { roleName: 'r', policyName: 'p', policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' } });
}

const lines = Array.from({ length: COUNT }, (_, i) => JSON.stringify(record(i)));
const mb = lines.reduce((n, l) => n + l.length, 0) / 1e6;
console.log(`${COUNT} records, ${mb.toFixed(0)} MB of JSON lines, ${DETECTIONS.length} detections`);

function parseOnly() {
  let n = 0;
  for (const line of lines) n += JSON.parse(line).eventName.length;
  return n;
}
let alerts = 0;
function parseAndDetect() {
  const run = new DetectionRun(DETECTIONS, {});
  for (let i = 0; i < lines.length; i++) run.onRecord({ record: JSON.parse(lines[i]), source: { file: 'bench.jsonl', line: i + 1 } });
  alerts = run.finish().length;
}

parseOnly();
parseAndDetect();
const parseMs = [];
const detectMs = [];
let peakRss = 0;
for (let round = 0; round < ROUNDS; round++) {
  let t = performance.now();
  parseOnly();
  parseMs.push(performance.now() - t);
  t = performance.now();
  parseAndDetect();
  detectMs.push(performance.now() - t);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const p = median(parseMs);
const d = median(detectMs);
const ratio = d / p;
console.log(`parse only ${formatMs(p)} (${((COUNT / p) * 1000).toFixed(0)} records/s); parse + detections ${formatMs(d)} (${((COUNT / d) * 1000).toFixed(0)} records/s); ${alerts} alerts`);
console.log(`ratio ${ratio.toFixed(2)}x (target <= ${TARGET}x)`);
printResult({ name: 'trail-detect', metric: 'detect/parse', value: ratio, target: TARGET, details: { parseMs: p, detectMs: d, records: COUNT, alerts, peakRssMb: peakRss / 1e6 } });
