import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm, prepareFilterPatterns, cisAlarmRemediation, FILTER_PATTERN_DOCS } from '../lib/filter-pattern.js';

const CONTROL = cisMetricFilter('security-group-changes');

export const rule: Rule = {
  id: 'cloudwatch-security-group-change-alarm',
  title: 'No CloudWatch alarm on security group changes',
  ring: 'monitoring',
  severity: 'low',
  // An account-wide CIS control rather than an ML one: only the strict profile demands it.
  profiles: ['strict'],
  resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  rationale:
    'Security groups decide what reaches notebooks, endpoints and training instances; one rule opened to 0.0.0.0/0 exposes a ' +
    "notebook's Jupyter port or an inference endpoint. An alarm on security group changes catches the exposure as it happens.",
  remediation: cisAlarmRemediation(CONTROL),
  references: {
    securityHub: [CONTROL.securityHub!],
    cis: CONTROL.cis,
    nist80053: ['SC-7', 'CM-3', 'AU-6'],
    atlas: ['AML.M0024'],
    attack: ['T1562.007'],
    prowler: [CONTROL.prowler],
    docs: [FILTER_PATTERN_DOCS],
  },
  prepare: prepareFilterPatterns,
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
