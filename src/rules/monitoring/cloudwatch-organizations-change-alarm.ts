import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm, prepareFilterPatterns, cisAlarmRemediation, FILTER_PATTERN_DOCS } from '../lib/filter-pattern.js';

const CONTROL = cisMetricFilter('organizations-changes');

export const rule: Rule = {
  id: 'cloudwatch-organizations-change-alarm',
  title: 'No CloudWatch alarm on AWS Organizations changes',
  ring: 'monitoring',
  severity: 'low',
  // An account-wide CIS control rather than an ML one: only the strict profile demands it.
  profiles: ['strict'],
  resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  rationale:
    'Organizations changes can detach the service control policies that guard the ML accounts, move an account or let it leave the ' +
    'organization, taking it out from under its guardrails. An alarm makes every change to that hierarchy visible.',
  remediation: cisAlarmRemediation(CONTROL),
  references: {
    cis: CONTROL.cis,
    nist80053: ['AC-2(4)', 'CM-3', 'AU-6'],
    atlas: ['AML.M0024'],
    attack: ['T1666'],
    prowler: [CONTROL.prowler],
    docs: [FILTER_PATTERN_DOCS],
  },
  prepare: prepareFilterPatterns,
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
