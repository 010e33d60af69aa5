// The generated CloudTrail records of the trail benchmarks: a realistic mix (mostly S3 data events
// on five buckets, one of them training data named by a CreateTrainingJob, service noise, denied
// calls, SageMaker and IAM management events), deterministic for a seed. Shared by
// bench/trail-detect.js (in memory) and bench/trail-throughput.js (gzipped S3 log files).

/**
 * A generator of records: `record(i)` is the i-th record, `stepMs` apart in time. With `uuids`,
 * request and event ids are random UUIDs as CloudTrail writes them (the files then compress
 * more like real ones: about 20:1 instead of 35:1).
 */
export function recordGenerator({ seed: start = 42, stepMs = 500, t0 = '2024-09-02T00:00:00Z', uuids = false } = {}) {
  const ACCOUNT = '111122223333';
  const T0 = Date.parse(t0);
  const roles = Array.from({ length: 40 }, (_, i) => `role-${i}`);
  const buckets = ['acme-ml-training-data', 'acme-ml-artifacts', 'acme-web-assets', 'acme-logs', 'acme-features'];
  let seed = start;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const pick = (list) => list[rand(list.length)];
  // A separate stream, so records without uuids stay exactly as they were.
  let idSeed = start ^ 0x5bd1e995;
  const hex = (n) => {
    let out = '';
    for (let k = 0; k < n; k++) out += ((idSeed = (idSeed * 1103515245 + 12345) & 0x7fffffff) >>> 11 & 15).toString(16);
    return out;
  };
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

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
      eventTime: new Date(T0 + i * stepMs).toISOString(),
      eventSource,
      eventName,
      awsRegion: 'eu-west-1',
      sourceIPAddress: `198.51.100.${rand(250)}`,
      userAgent: 'Boto3/1.35.0 md/Botocore#1.35.0 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.12.5 cfg/retry-mode#legacy',
      requestID: uuids ? uuid() : `req-${i}`,
      eventID: uuids ? uuid() : `evt-${i}`,
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

  return { record, T0, ACCOUNT };
}
