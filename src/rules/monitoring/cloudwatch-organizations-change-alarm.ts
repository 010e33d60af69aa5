import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm } from '../lib/filter-pattern.js';

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
  remediation:
    `Add an AWS::Logs::MetricFilter on the trail's CloudWatch Logs group with FilterPattern ${CONTROL.pattern} and an AWS::CloudWatch::Alarm ` +
    'on its metric (same MetricName and Namespace) that notifies an SNS topic (Terraform: aws_cloudwatch_log_metric_filter and aws_cloudwatch_metric_alarm). ' +
    'Any pattern that matches the same events passes; the check evaluates it, it does not compare text.',
  references: {
    cis: CONTROL.cis,
    nist80053: ['AC-2(4)', 'CM-3', 'AU-6'],
    atlas: ['AML.M0024'],
    attack: ['T1666'],
    prowler: [CONTROL.prowler],
    docs: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html'],
  },
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
