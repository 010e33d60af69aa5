import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm, prepareFilterPatterns, cisAlarmRemediation, FILTER_PATTERN_DOCS } from '../lib/filter-pattern.js';

const CONTROL = cisMetricFilter('s3-bucket-policy-changes');

export const rule: Rule = {
  id: 'cloudwatch-s3-bucket-policy-change-alarm',
  title: 'No CloudWatch alarm on S3 bucket policy changes',
  ring: 'monitoring',
  severity: 'low',
  // An account-wide CIS control rather than an ML one: only the strict profile demands it.
  profiles: ['strict'],
  resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  rationale:
    'A changed bucket policy, ACL or replication rule can open training data and model artifacts to the internet or another ' +
    'account, or let anyone write poisoned data. An alarm on bucket policy changes catches the change before the data leaves or ' +
    'the next training run reads it.',
  remediation: cisAlarmRemediation(CONTROL),
  references: {
    securityHub: [CONTROL.securityHub!],
    cis: CONTROL.cis,
    nist80053: ['AC-3', 'AU-6', 'SI-4'],
    atlas: ['AML.T0020', 'AML.T0025'],
    attack: ['T1530'],
    prowler: [CONTROL.prowler],
    docs: [FILTER_PATTERN_DOCS],
  },
  prepare: prepareFilterPatterns,
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
