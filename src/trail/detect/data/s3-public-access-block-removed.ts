import { any, eq } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];
const TURNED_OFF = any(...SETTINGS.map((s) => eq(`requestParameters.PublicAccessBlockConfiguration.${s}`, 'false')));
const BUCKET = { type: 'AWS::S3::Bucket', paths: ['requestParameters.bucketName'] };
const ACCOUNT = { type: 'AWS::S3::AccountPublicAccessBlock', paths: ['recipientAccountId', 'userIdentity.accountId'] };

export const detection = statelessDetection(
  {
    id: 's3-public-access-block-removed',
    title: 'S3 Block Public Access removed or turned off',
    ring: 'data',
    severity: 'high',
    resourceTypes: [],
    rationale:
      'S3 Block Public Access is the guardrail that rejects public bucket policies and ACLs whatever else is misconfigured. ' +
      'Deleting it, or turning one of its four settings off, for a bucket or the whole account is the step that comes before ' +
      'making training data public, and is rarely needed for ML buckets.',
    remediation:
      'Put the public access block back with all four settings true (PutPublicAccessBlock at account level as well), and deny ' +
      's3:PutBucketPublicAccessBlock and s3:PutAccountPublicAccessBlock outside the team that owns storage.',
    references: {
      attack: ['T1562.007', 'T1530'],
      atlas: ['AML.T0025', 'AML.M0005'],
      securityHub: ['S3.1', 'S3.8'],
      cis: ['CIS AWS Foundations v1.4.0 2.1.5'],
      nist80053: ['AC-3', 'AC-21', 'CM-6'],
      docs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'],
    },
  },
  [
    { eventSource: 's3.amazonaws.com', eventNames: ['DeleteBucketPublicAccessBlock'], action: 'deleted the public access block of bucket {target}', target: BUCKET, property: 'eventName' },
    { eventSource: 's3.amazonaws.com', eventNames: ['DeleteAccountPublicAccessBlock'], action: 'deleted the account public access block of {target}', target: ACCOUNT, property: 'eventName' },
    {
      eventSource: 's3.amazonaws.com',
      eventNames: ['PutBucketPublicAccessBlock'],
      when: TURNED_OFF,
      action: 'turned off public access blocking for bucket {target}',
      target: BUCKET,
      property: 'requestParameters.PublicAccessBlockConfiguration',
    },
    {
      eventSource: 's3.amazonaws.com',
      eventNames: ['PutAccountPublicAccessBlock'],
      when: TURNED_OFF,
      action: 'turned off account-wide public access blocking in {target}',
      target: ACCOUNT,
      property: 'requestParameters.PublicAccessBlockConfiguration',
    },
  ],
);
