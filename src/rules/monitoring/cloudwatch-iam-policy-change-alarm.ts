import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm } from '../lib/filter-pattern.js';

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
  remediation:
    `Add an AWS::Logs::MetricFilter on the trail's CloudWatch Logs group with FilterPattern ${CONTROL.pattern} and an AWS::CloudWatch::Alarm ` +
    'on its metric (same MetricName and Namespace) that notifies an SNS topic (Terraform: aws_cloudwatch_log_metric_filter and aws_cloudwatch_metric_alarm). ' +
    'Any pattern that matches the same events passes; the check evaluates it, it does not compare text.',
  references: {
    securityHub: [CONTROL.securityHub!],
    cis: CONTROL.cis,
    nist80053: ['AC-2(4)', 'AC-6', 'AU-6', 'SI-4'],
    atlas: ['AML.M0024'],
    attack: ['T1098.003'],
    prowler: [CONTROL.prowler],
    docs: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html'],
  },
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
