import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm, prepareFilterPatterns, cisAlarmRemediation, FILTER_PATTERN_DOCS } from '../lib/filter-pattern.js';

const CONTROL = cisMetricFilter('console-login-without-mfa');

export const rule: Rule = {
  id: 'cloudwatch-console-login-no-mfa-alarm',
  title: 'No CloudWatch alarm on console sign-ins without MFA',
  ring: 'monitoring',
  severity: 'low',
  // An account-wide CIS control rather than an ML one: only the strict profile demands it.
  profiles: ['strict'],
  resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  rationale:
    'A console password without MFA is one phished password away from an attacker opening SageMaker Studio and notebooks with the ' +
    "user's permissions. An alarm on single-factor sign-ins shows which users still sign in that way, and when someone else does.",
  remediation: cisAlarmRemediation(CONTROL),
  references: {
    securityHub: [CONTROL.securityHub!],
    cis: CONTROL.cis,
    nist80053: ['IA-2(1)', 'AU-6', 'SI-4'],
    atlas: ['AML.T0012'],
    attack: ['T1078.004'],
    prowler: [CONTROL.prowler],
    docs: [FILTER_PATTERN_DOCS],
  },
  prepare: prepareFilterPatterns,
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
