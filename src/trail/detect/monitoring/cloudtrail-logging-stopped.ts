import { statelessDetection } from '../stateless.js';

const TRAIL = { type: 'AWS::CloudTrail::Trail', paths: ['requestParameters.name'] };

export const detection = statelessDetection(
  {
    id: 'cloudtrail-logging-stopped',
    title: 'CloudTrail logging stopped or trail deleted',
    ring: 'monitoring',
    severity: 'high',
    resourceTypes: [],
    rationale:
      'Stopping or deleting the trail is how an intruder blinds the account before acting: nothing they do afterwards reaches ' +
      'the log, including reads of training data and changes to notebooks and roles. Legitimate teams rarely stop a production trail.',
    remediation:
      'Confirm with the principal that the change was intended; if not, StartLogging (or recreate the trail) at once, rotate the ' +
      "principal's credentials and review what it did. Deny cloudtrail:StopLogging and cloudtrail:DeleteTrail outside a break-glass " +
      'role with a service control policy, and use an organization trail that member accounts cannot change.',
    references: {
      attack: ['T1562.008'],
      atlas: ['AML.TA0007', 'AML.M0024'],
      cis: ['CIS AWS Foundations v1.4.0 4.5'],
      nist80053: ['AU-6', 'AU-9', 'SI-4'],
      docs: ['https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html'],
    },
  },
  [
    { eventSource: 'cloudtrail.amazonaws.com', eventNames: ['StopLogging'], action: 'stopped logging for trail {target}', target: TRAIL, property: 'eventName' },
    { eventSource: 'cloudtrail.amazonaws.com', eventNames: ['DeleteTrail'], action: 'deleted trail {target}', target: TRAIL, property: 'eventName' },
  ],
);
