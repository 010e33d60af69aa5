import { statelessDetection } from '../stateless.js';

const KEY = { type: 'AWS::KMS::Key', paths: ['responseElements.keyId', 'requestParameters.keyId'] };

export const detection = statelessDetection(
  {
    id: 'kms-key-disabled-or-deleted',
    title: 'KMS key disabled or scheduled for deletion',
    ring: 'data',
    severity: 'high',
    resourceTypes: [],
    rationale:
      'Training data, model artifacts, notebook volumes and endpoint storage encrypted under a customer-managed key become ' +
      'unreadable when the key is disabled, and unrecoverable once it is deleted: a ransom or sabotage move against ML assets, ' +
      'or an accident with the same effect.',
    remediation:
      'If unintended, EnableKey or CancelKeyDeletion within the waiting period; restrict kms:DisableKey and kms:ScheduleKeyDeletion ' +
      'in the key policy to key administrators, and alarm on them (CIS metric filter for CMK disable or deletion).',
    references: {
      attack: ['T1485', 'T1486'],
      atlas: ['AML.T0029', 'AML.TA0011'],
      cis: ['CIS AWS Foundations v1.4.0 4.7'],
      nist80053: ['SC-12', 'SC-28', 'CP-9'],
      docs: ['https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html'],
    },
  },
  [
    { eventSource: 'kms.amazonaws.com', eventNames: ['DisableKey'], action: 'disabled KMS key {target}', target: KEY, property: 'eventName' },
    { eventSource: 'kms.amazonaws.com', eventNames: ['ScheduleKeyDeletion'], action: 'scheduled KMS key {target} for deletion', target: KEY, property: 'eventName' },
  ],
);
