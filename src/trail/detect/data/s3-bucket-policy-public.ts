import { check } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

export const detection = statelessDetection(
  {
    id: 's3-bucket-policy-public',
    title: 'S3 bucket policy made public',
    ring: 'data',
    severity: 'high',
    resourceTypes: [],
    rationale:
      'A bucket policy statement that allows Principal "*" with no condition confining the caller (organization, account, VPC ' +
      'endpoint, address) opens the bucket to anyone on the internet, or to every AWS account: the classic way training data, ' +
      'models and captured inference data leak, and a backdoor an intruder leaves for later (Stratus Red Team: s3-backdoor-bucket-policy).',
    remediation:
      'Replace the statement with one naming the principals that need access, or add aws:PrincipalOrgID / aws:SourceVpce ' +
      'conditions; turn on S3 Block Public Access for the account and the bucket so public policies are rejected.',
    references: {
      attack: ['T1530', 'T1537', 'T1098'],
      atlas: ['AML.T0025', 'AML.T0036', 'AML.M0005'],
      securityHub: ['S3.2', 'S3.3'],
      cis: ['CIS AWS Foundations v1.4.0 4.8'],
      nist80053: ['AC-3', 'AC-21', 'SC-7'],
      docs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status'],
    },
  },
  [
    {
      eventSource: 's3.amazonaws.com',
      eventNames: ['PutBucketPolicy'],
      when: check('requestParameters.bucketPolicy', 'policy-public'),
      action: 'made the policy of bucket {target} public',
      target: { type: 'AWS::S3::Bucket', paths: ['requestParameters.bucketName'] },
      property: 'requestParameters.bucketPolicy',
    },
  ],
);
