import { expect, it } from 'vitest';
import { DETECTIONS } from '../../../src/trail/detect/index.js';
import type { CloudTrailRecord } from '../../../src/trail/record.js';
import { alertsOf, rec, USER } from './support.js';

type Case = [name: string, record: Partial<CloudTrailRecord> & Pick<CloudTrailRecord, 'eventSource' | 'eventName'>, fires: string[]];

const S3 = 's3.amazonaws.com';
const IAM = 'iam.amazonaws.com';
const CT = 'cloudtrail.amazonaws.com';
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const adminDoc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const readDoc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
const publicPolicy = { Version: '2012-10-17', Statement: [{ Sid: 'Backdoor', Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-ml-training-data/*' }] };
const advanced = (...selectors: unknown[]) => ({ trailName: 'main', advancedEventSelectors: selectors });
const mgmt = (...extra: unknown[]) => ({ name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, ...extra] });

// Each record, and the detections that must fire on it (none: it must pass quietly).
const CASES: Case[] = [
  // S3 bucket exposure
  ['public bucket policy', { eventSource: S3, eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'acme-ml-training-data', bucketPolicy: publicPolicy } }, ['s3-bucket-policy-public']],
  ['public bucket policy as a JSON string', { eventSource: S3, eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'b', bucketPolicy: JSON.stringify(publicPolicy) } }, ['s3-bucket-policy-public']],
  [
    'bucket policy confined to a VPC endpoint',
    { eventSource: S3, eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'b', bucketPolicy: { Statement: [{ ...publicPolicy.Statement[0], Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }] } } },
    [],
  ],
  ['canned public-read ACL', { eventSource: S3, eventName: 'PutBucketAcl', requestParameters: { bucketName: 'b', 'x-amz-acl': ['public-read'], acl: [''] } }, ['s3-bucket-acl-public']],
  ['canned private ACL', { eventSource: S3, eventName: 'PutBucketAcl', requestParameters: { bucketName: 'b', 'x-amz-acl': ['private'], acl: [''] } }, []],
  [
    'ACL body granting AllUsers (one grant, not a list)',
    { eventSource: S3, eventName: 'PutBucketAcl', requestParameters: { bucketName: 'b', AccessControlPolicy: { AccessControlList: { Grant: { Grantee: { 'xsi:type': 'Group', URI: ALL_USERS }, Permission: 'READ' } } } } },
    ['s3-bucket-acl-public'],
  ],
  ['grant header naming AuthenticatedUsers', { eventSource: S3, eventName: 'PutBucketAcl', requestParameters: { bucketName: 'b', 'x-amz-grant-write': 'uri="http://acs.amazonaws.com/groups/global/AuthenticatedUsers"' } }, ['s3-bucket-acl-public']],
  ['bucket created public-read-write', { eventSource: S3, eventName: 'CreateBucket', requestParameters: { bucketName: 'b', 'x-amz-acl': 'public-read-write' } }, ['s3-bucket-acl-public']],
  ['public access block deleted', { eventSource: S3, eventName: 'DeleteBucketPublicAccessBlock', requestParameters: { bucketName: 'b' } }, ['s3-public-access-block-removed']],
  [
    'public access block with policies allowed',
    { eventSource: S3, eventName: 'PutBucketPublicAccessBlock', requestParameters: { bucketName: 'b', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false } } },
    ['s3-public-access-block-removed'],
  ],
  [
    'public access block fully on',
    { eventSource: S3, eventName: 'PutBucketPublicAccessBlock', requestParameters: { bucketName: 'b', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } } },
    [],
  ],
  ['account public access block deleted', { eventSource: S3, eventName: 'DeleteAccountPublicAccessBlock', recipientAccountId: '111122223333' }, ['s3-public-access-block-removed']],
  ['bucket policy deleted', { eventSource: S3, eventName: 'DeleteBucketPolicy', requestParameters: { bucketName: 'b' } }, ['s3-bucket-policy-deleted']],
  ['bucket policy delete denied', { eventSource: S3, eventName: 'DeleteBucketPolicy', errorCode: 'AccessDenied', requestParameters: { bucketName: 'b' } }, []],
  // IAM admin grants
  ['inline admin policy on a role', { eventSource: IAM, eventName: 'PutRolePolicy', requestParameters: { roleName: 'AmazonSageMaker-ExecutionRole', policyName: 'x', policyDocument: adminDoc } }, ['iam-admin-granted']],
  ['inline read policy on a user', { eventSource: IAM, eventName: 'PutUserPolicy', requestParameters: { userName: 'u', policyName: 'x', policyDocument: readDoc } }, []],
  ['admin policy version made default', { eventSource: IAM, eventName: 'CreatePolicyVersion', requestParameters: { policyArn: 'arn:aws:iam::111122223333:policy/ml', policyDocument: adminDoc, setAsDefault: true } }, ['iam-admin-granted']],
  ['admin policy version not default', { eventSource: IAM, eventName: 'CreatePolicyVersion', requestParameters: { policyArn: 'arn:aws:iam::111122223333:policy/ml', policyDocument: adminDoc, setAsDefault: false } }, []],
  ['AdministratorAccess in GovCloud attached to a group', { eventSource: IAM, eventName: 'AttachGroupPolicy', requestParameters: { groupName: 'g', policyArn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' } }, ['iam-admin-granted']],
  // CloudTrail
  ['trail moved to another bucket, validation off', { eventSource: CT, eventName: 'UpdateTrail', requestParameters: { name: 'main', s3BucketName: 'attacker-logs', enableLogFileValidation: false } }, ['cloudtrail-trail-weakened']],
  ['trail given a KMS key', { eventSource: CT, eventName: 'UpdateTrail', requestParameters: { name: 'main', kmsKeyId: 'alias/trail' } }, []],
  ['advanced selectors without management events', { eventSource: CT, eventName: 'PutEventSelectors', requestParameters: advanced({ name: 'S3', fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }] }) }, ['cloudtrail-event-selectors-reduced']],
  ['advanced selectors logging only reads', { eventSource: CT, eventName: 'PutEventSelectors', requestParameters: advanced(mgmt({ field: 'readOnly', equals: ['true'] })) }, ['cloudtrail-event-selectors-reduced']],
  ['advanced selectors excluding KMS', { eventSource: CT, eventName: 'PutEventSelectors', requestParameters: advanced(mgmt({ field: 'eventSource', notEquals: ['kms.amazonaws.com'] })) }, ['cloudtrail-event-selectors-reduced']],
  ['advanced selectors with all management events', { eventSource: CT, eventName: 'PutEventSelectors', requestParameters: advanced(mgmt()) }, []],
  ['basic selectors excluding a source', { eventSource: CT, eventName: 'PutEventSelectors', requestParameters: { trailName: 'main', eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, excludeManagementEventSources: ['kms.amazonaws.com'] }] } }, ['cloudtrail-event-selectors-reduced']],
  ['basic selectors with defaults', { eventSource: CT, eventName: 'PutEventSelectors', requestParameters: { trailName: 'main', eventSelectors: [{ readWriteType: 'All' }] } }, []],
  // KMS
  ['key deletion scheduled', { eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion', requestParameters: { keyId: '1234abcd', pendingWindowInDays: 7 }, responseElements: { keyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd' } }, ['kms-key-disabled-or-deleted']],
  // An event name shared by another service does not count.
  ['DeleteBucketPolicy from another source', { eventSource: 'ec2.amazonaws.com', eventName: 'DeleteBucketPolicy', requestParameters: { bucketName: 'b' } }, []],
];

it.each(CASES)('%s', async (_name, record, fires) => {
  const alerts = await alertsOf(DETECTIONS, [rec({ userIdentity: USER, sourceIPAddress: '198.51.100.7', ...record })], { baselineDays: 0 });
  expect(alerts.map((a) => a.detectionId)).toEqual(fires);
});

it('names the KMS key by its ARN from the response', async () => {
  const [a] = await alertsOf(DETECTIONS, [rec({ userIdentity: USER, ...CASES.find((c) => c[0] === 'key deletion scheduled')![1] })]);
  expect(a!.resource).toEqual({ type: 'AWS::KMS::Key', id: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd', arn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd' });
  expect(a!.summary).toBe('scheduled KMS key arn:aws:kms:eu-west-1:111122223333:key/1234abcd for deletion');
});

it('reports data events a trail stops logging, comparing with its previous selectors', async () => {
  const put = (eventSelectors: unknown[], time: string) => rec({ eventSource: CT, eventName: 'PutEventSelectors', eventTime: time, userIdentity: USER, requestParameters: { trailName: 'main', eventSelectors } });
  const all = { readWriteType: 'All', includeManagementEvents: true };
  const records = [
    put([{ ...all, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::acme-ml-training-data/', 'arn:aws:s3:::acme-ml-artifacts/'] }] }], '2024-09-01T00:00:00Z'),
    put([{ ...all, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::acme-ml-artifacts/'] }] }], '2024-09-02T00:00:00Z'),
    put([{ ...all, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::acme-ml-artifacts/', 'arn:aws:s3:::new/'] }] }], '2024-09-03T00:00:00Z'),
  ];
  const alerts = (await alertsOf(DETECTIONS, records)).filter((a) => a.detectionId === 'cloudtrail-data-events-reduced');
  expect(alerts).toHaveLength(1);
  expect(alerts[0]!.evidence[0]).toBe('no longer logged: AWS::S3::Object arn:aws:s3:::acme-ml-training-data/');
  expect(alerts[0]!.source.line).toBe(records[1]!.source.line);
});
