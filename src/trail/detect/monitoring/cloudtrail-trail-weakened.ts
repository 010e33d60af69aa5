import { any, eq, present } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

// UpdateTrail writes only the settings it changes, so each of these is a change made now.
const WEAKENING = any(
  eq('requestParameters.isMultiRegionTrail', 'false'),
  eq('requestParameters.isOrganizationTrail', 'false'),
  eq('requestParameters.includeGlobalServiceEvents', 'false'),
  eq('requestParameters.enableLogFileValidation', 'false'),
  eq('requestParameters.cloudWatchLogsLogGroupArn', ''),
  eq('requestParameters.kmsKeyId', ''),
  // A new destination bucket: the logs now go where the caller chose, possibly another account.
  present('requestParameters.s3BucketName'),
);

export const detection = statelessDetection(
  {
    id: 'cloudtrail-trail-weakened',
    title: 'CloudTrail trail narrowed or redirected',
    ring: 'monitoring',
    severity: 'medium',
    resourceTypes: [],
    rationale:
      'UpdateTrail can quietly blind a trail without stopping it: turning off other regions, member accounts or global service events, log-file ' +
      'validation, the CloudWatch Logs feed that alarms read, or encryption, or sending the logs to a different bucket. Each makes ' +
      'later activity invisible or deniable while the trail still looks healthy.',
    remediation:
      'Compare the trail with its intended configuration (multi-region, organization, global service events, log-file validation, CloudWatch Logs ' +
      'group, KMS key, destination bucket) and restore it; restrict cloudtrail:UpdateTrail to the team that owns logging.',
    references: {
      attack: ['T1562.008'],
      atlas: ['AML.TA0007', 'AML.M0024'],
      cis: ['CIS AWS Foundations v1.4.0 4.5'],
      nist80053: ['AU-6', 'AU-9', 'AU-12'],
      docs: ['https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_UpdateTrail.html'],
    },
  },
  [
    {
      eventSource: 'cloudtrail.amazonaws.com',
      eventNames: ['UpdateTrail'],
      when: WEAKENING,
      action: 'narrowed or redirected trail {target}',
      target: { type: 'AWS::CloudTrail::Trail', paths: ['requestParameters.name', 'responseElements.trailARN'] },
      property: 'requestParameters',
    },
  ],
);
