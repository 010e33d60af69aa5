import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm, prepareFilterPatterns, cisAlarmRemediation, FILTER_PATTERN_DOCS } from '../lib/filter-pattern.js';

const CONTROL = cisMetricFilter('cloudtrail-changes');

export const rule: Rule = {
  id: 'cloudwatch-cloudtrail-change-alarm',
  title: 'No CloudWatch alarm on CloudTrail configuration changes',
  ring: 'monitoring',
  severity: 'medium',
  // An account-wide CIS control rather than an ML one: only the strict profile demands it.
  profiles: ['strict'],
  resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  rationale:
    'Stopping, deleting or narrowing the trail is how an attacker goes dark before taking training data or models. An alarm on ' +
    'trail changes fires while the record still exists.',
  remediation: cisAlarmRemediation(CONTROL),
  references: {
    securityHub: [CONTROL.securityHub!],
    cis: CONTROL.cis,
    nist80053: ['AU-6', 'AU-9', 'SI-4'],
    atlas: ['AML.M0024'],
    attack: ['T1562.008'],
    prowler: [CONTROL.prowler],
    docs: [FILTER_PATTERN_DOCS],
  },
  prepare: prepareFilterPatterns,
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
