import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm, prepareFilterPatterns, cisAlarmRemediation, FILTER_PATTERN_DOCS } from '../lib/filter-pattern.js';

const CONTROL = cisMetricFilter('root-usage');

export const rule: Rule = {
  id: 'cloudwatch-root-usage-alarm',
  title: 'No CloudWatch alarm on use of the root user',
  ring: 'monitoring',
  severity: 'medium',
  // An account-wide CIS control rather than an ML one: only the strict profile demands it.
  profiles: ['strict'],
  resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  rationale:
    'The root user can do anything in the account, including deleting the trail, the keys that encrypt training data and the ' +
    'models themselves, and no IAM policy restricts it. Its use should be rare and deliberate, so every use deserves an alarm.',
  remediation: cisAlarmRemediation(CONTROL),
  references: {
    securityHub: [CONTROL.securityHub!],
    cis: CONTROL.cis,
    nist80053: ['AC-6(9)', 'AU-6', 'SI-4'],
    atlas: ['AML.T0012'],
    attack: ['T1078.004'],
    prowler: [CONTROL.prowler],
    docs: [FILTER_PATTERN_DOCS],
  },
  prepare: prepareFilterPatterns,
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
