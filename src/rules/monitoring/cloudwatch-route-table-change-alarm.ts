import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm, prepareFilterPatterns, cisAlarmRemediation, FILTER_PATTERN_DOCS } from '../lib/filter-pattern.js';

const CONTROL = cisMetricFilter('route-table-changes');

export const rule: Rule = {
  id: 'cloudwatch-route-table-change-alarm',
  title: 'No CloudWatch alarm on route table changes',
  ring: 'monitoring',
  severity: 'low',
  // An account-wide CIS control rather than an ML one: only the strict profile demands it.
  profiles: ['strict'],
  resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  rationale:
    'One new route can send traffic from private training subnets through an internet or NAT gateway, bypassing VPC endpoints and ' +
    'the bucket policies that trust them. An alarm on route table changes shows when the path out changes.',
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
