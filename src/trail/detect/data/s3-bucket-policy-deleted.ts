import { statelessDetection } from '../stateless.js';

export const detection = statelessDetection(
  {
    id: 's3-bucket-policy-deleted',
    title: 'S3 bucket policy deleted',
    ring: 'data',
    severity: 'medium',
    resourceTypes: [],
    rationale:
      'Bucket policies carry the deny statements that lock training data to VPC endpoints, named roles and TLS ' +
      '(see the posture rule s3-training-data-bucket-lockdown). Deleting the policy removes every one of those denies at once, ' +
      'leaving only identity policies between the data and anyone holding broad S3 permissions.',
    remediation:
      'Restore the bucket policy from version control or infrastructure code, and deny s3:DeleteBucketPolicy (and PutBucketPolicy) ' +
      'outside the pipeline that deploys it.',
    references: {
      attack: ['T1562', 'T1530'],
      atlas: ['AML.T0025', 'AML.M0005'],
      cis: ['CIS AWS Foundations v1.4.0 4.8'],
      nist80053: ['AC-3', 'CM-5'],
      docs: ['https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html'],
    },
  },
  [
    {
      eventSource: 's3.amazonaws.com',
      eventNames: ['DeleteBucketPolicy'],
      action: 'deleted the policy of bucket {target}',
      target: { type: 'AWS::S3::Bucket', paths: ['requestParameters.bucketName'] },
      property: 'eventName',
    },
  ],
);
