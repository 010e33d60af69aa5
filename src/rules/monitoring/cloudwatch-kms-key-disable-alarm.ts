import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm, prepareFilterPatterns, cisAlarmRemediation, FILTER_PATTERN_DOCS } from '../lib/filter-pattern.js';

const CONTROL = cisMetricFilter('kms-key-disable-or-deletion');

export const rule: Rule = {
  id: 'cloudwatch-kms-key-disable-alarm',
  title: 'No CloudWatch alarm on KMS keys disabled or scheduled for deletion',
  ring: 'monitoring',
  severity: 'medium',
  // An account-wide CIS control rather than an ML one: only the strict profile demands it.
  profiles: ['strict'],
  resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  rationale:
    'Disabling or deleting the customer-managed keys that encrypt training data, model artifacts and notebook volumes makes them ' +
    'unreadable: ransom-style impact or destroyed evidence. The 7 to 30 day deletion wait is the window to cancel, and only an ' +
    'alarm makes sure someone looks.',
  remediation: cisAlarmRemediation(CONTROL),
  references: {
    securityHub: [CONTROL.securityHub!],
    cis: CONTROL.cis,
    nist80053: ['SC-12', 'AU-6', 'SI-4'],
    atlas: ['AML.M0024'],
    attack: ['T1485'],
    prowler: [CONTROL.prowler],
    docs: [FILTER_PATTERN_DOCS],
  },
  prepare: prepareFilterPatterns,
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
