import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm, prepareFilterPatterns, cisAlarmRemediation, FILTER_PATTERN_DOCS } from '../lib/filter-pattern.js';

const CONTROL = cisMetricFilter('iam-policy-changes');

export const rule: Rule = {
  id: 'cloudwatch-iam-policy-change-alarm',
  title: 'No CloudWatch alarm on IAM policy changes',
  ring: 'monitoring',
  severity: 'low',
  // An account-wide CIS control rather than an ML one: only the strict profile demands it.
  profiles: ['strict'],
  resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  rationale:
    'Widening a role is how a foothold in a notebook or pipeline role becomes control of the account: attach AdministratorAccess, ' +
    'add an inline policy, publish a new policy version. An alarm on IAM policy changes surfaces the escalation and any erosion of ' +
    'least privilege.',
  remediation: cisAlarmRemediation(CONTROL),
  references: {
    securityHub: [CONTROL.securityHub!],
    cis: CONTROL.cis,
    nist80053: ['AC-2(4)', 'AC-6', 'AU-6', 'SI-4'],
    atlas: ['AML.M0024'],
    attack: ['T1098.003'],
    prowler: [CONTROL.prowler],
    docs: [FILTER_PATTERN_DOCS],
  },
  prepare: prepareFilterPatterns,
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
