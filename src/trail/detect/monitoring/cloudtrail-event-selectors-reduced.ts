import { absent, all, any, eq, not, oneOf, present, some } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

const BASIC = 'requestParameters.eventSelectors';
const ADVANCED = 'requestParameters.advancedEventSelectors';

// A basic selector includes management events unless it says includeManagementEvents: false.
const basicIncludesManagement = any(absent('includeManagementEvents'), eq('includeManagementEvents', 'true'));
const advancedSelectsManagement = some('fieldSelectors', all(eq('field', 'eventCategory'), eq('equals[*]', 'Management')));

const DROPS_EVENTS = any(
  // No selector logs management events any more.
  all(present(BASIC), not(some(BASIC, basicIncludesManagement))),
  all(present(ADVANCED), not(some(ADVANCED, advancedSelectsManagement))),
  // Only reads or only writes are logged: writes are what an intruder changes.
  some(BASIC, oneOf('readWriteType', 'ReadOnly', 'WriteOnly')),
  some(ADVANCED, all(advancedSelectsManagement, some('fieldSelectors', eq('field', 'readOnly')))),
  // Whole services left out of the management events (KMS, RDS Data API).
  some(BASIC, present('excludeManagementEventSources[*]')),
  some(ADVANCED, all(advancedSelectsManagement, some('fieldSelectors', all(eq('field', 'eventSource'), present('notEquals[*]'))))),
);

export const detection = statelessDetection(
  {
    id: 'cloudtrail-event-selectors-reduced',
    title: 'CloudTrail event selectors drop management events or writes',
    ring: 'monitoring',
    severity: 'high',
    resourceTypes: [],
    rationale:
      'Event selectors decide what a running trail records. Setting them so that no selector includes management events, or only ' +
      'read-only events, or excluding event sources, blinds the trail to the changes an intruder makes while the trail still shows ' +
      'as logging — a quieter alternative to StopLogging (Stratus Red Team: cloudtrail-event-selectors).',
    remediation:
      'Restore a selector that logs all management events (ReadWriteType All, no excluded sources) and the data events you need ' +
      '(S3 objects of training-data buckets); restrict cloudtrail:PutEventSelectors to the team that owns logging.',
    references: {
      attack: ['T1562.008'],
      atlas: ['AML.TA0007', 'AML.M0024'],
      cis: ['CIS AWS Foundations v1.4.0 4.5'],
      nist80053: ['AU-2', 'AU-9', 'AU-12'],
      docs: [
        'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html',
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html',
      ],
    },
  },
  [
    {
      eventSource: 'cloudtrail.amazonaws.com',
      // Advanced selectors travel in PutEventSelectors; the second name is kept for records that use it.
      eventNames: ['PutEventSelectors', 'PutAdvancedEventSelectors'],
      when: DROPS_EVENTS,
      action: 'reduced the events logged by trail {target}',
      target: { type: 'AWS::CloudTrail::Trail', paths: ['requestParameters.trailName', 'responseElements.trailARN'] },
      property: 'requestParameters.eventSelectors',
    },
  ],
);
