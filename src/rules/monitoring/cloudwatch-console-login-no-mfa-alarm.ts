import type { Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm } from '../lib/filter-pattern.js';

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
  remediation:
    `Add an AWS::Logs::MetricFilter on the trail's CloudWatch Logs group with FilterPattern ${CONTROL.pattern} and an AWS::CloudWatch::Alarm ` +
    'on its metric (same MetricName and Namespace) that notifies an SNS topic (Terraform: aws_cloudwatch_log_metric_filter and aws_cloudwatch_metric_alarm). ' +
    'Any pattern that matches the same events passes; the check evaluates it, it does not compare text.',
  references: {
    securityHub: [CONTROL.securityHub!],
    cis: CONTROL.cis,
    nist80053: ['IA-2(1)', 'AU-6', 'SI-4'],
    atlas: ['AML.T0012'],
    attack: ['T1078.004'],
    prowler: [CONTROL.prowler],
    docs: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html'],
  },
  checkInventory: (inventory) => checkMetricFilterAlarm(inventory, CONTROL),
};
