import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm, prepareFilterPatterns, cisAlarmRemediation, FILTER_PATTERN_DOCS } from '../lib/filter-pattern.js';

const CONTROL = cisMetricFilter('console-authentication-failures');

export const rule: Rule = {
  id: 'cloudwatch-console-auth-failure-alarm',
  title: 'No CloudWatch alarm on console authentication failures',
  ring: 'monitoring',
  severity: 'low',
  // An account-wide CIS control rather than an ML one: only the strict profile demands it.
  profiles: ['strict'],
  resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  rationale:
    'Bursts of failed console sign-ins are password guessing against the users who can open Studio and notebooks; the alarm gives ' +
    'the source address to correlate with other events before a guess succeeds.',
  remediation: cisAlarmRemediation(CONTROL),
  references: {
    securityHub: [CONTROL.securityHub!],
    cis: CONTROL.cis,
    nist80053: ['AC-7', 'AU-6', 'SI-4'],
    atlas: ['AML.T0012'],
    attack: ['T1110'],
    prowler: [CONTROL.prowler],
    docs: [FILTER_PATTERN_DOCS],
  },
  prepare: prepareFilterPatterns,
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
