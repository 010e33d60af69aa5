import { any, like, oneOf } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

const GROUPS = ['*/groups/global/AllUsers', '*/groups/global/AuthenticatedUsers'];
const GRANT_HEADERS = ['x-amz-grant-read', 'x-amz-grant-write', 'x-amz-grant-read-acp', 'x-amz-grant-write-acp', 'x-amz-grant-full-control'];

// A canned ACL header, an explicit grant to the AllUsers / AuthenticatedUsers groups in the
// request body, or a grant header naming them (`uri="http://acs.amazonaws.com/groups/global/AllUsers"`).
const OPENS = any(
  oneOf('requestParameters.x-amz-acl[*]', 'public-read', 'public-read-write', 'authenticated-read'),
  like('requestParameters.AccessControlPolicy.AccessControlList.Grant[*].Grantee.URI', ...GROUPS),
  ...GRANT_HEADERS.map((h) => like(`requestParameters.${h}[*]`, ...GROUPS.map((g) => `${g}*`))),
);

export const detection = statelessDetection(
  {
    id: 's3-bucket-acl-public',
    title: 'S3 bucket ACL grants access to everyone',
    ring: 'data',
    severity: 'high',
    resourceTypes: [],
    rationale:
      'An ACL grant to the AllUsers group makes a bucket readable (or writable) by anyone on the internet; AuthenticatedUsers means ' +
      'any AWS account at all, not only yours. Either exposes training data and models, and a writable grant lets anyone poison them.',
    remediation:
      'Set the bucket ACL back to private and turn on Object Ownership "bucket owner enforced" so ACLs are ignored; keep S3 Block ' +
      'Public Access on (BlockPublicAcls, IgnorePublicAcls).',
    references: {
      attack: ['T1530', 'T1537'],
      atlas: ['AML.T0025', 'AML.T0036', 'AML.T0020', 'AML.M0005'],
      securityHub: ['S3.2', 'S3.3', 'S3.12'],
      cis: ['CIS AWS Foundations v1.4.0 4.8'],
      nist80053: ['AC-3', 'AC-21'],
      docs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups'],
    },
  },
  [
    {
      eventSource: 's3.amazonaws.com',
      eventNames: ['PutBucketAcl', 'CreateBucket'],
      when: OPENS,
      action: 'granted everyone access to bucket {target}',
      target: { type: 'AWS::S3::Bucket', paths: ['requestParameters.bucketName'] },
      property: 'requestParameters',
    },
  ],
);
