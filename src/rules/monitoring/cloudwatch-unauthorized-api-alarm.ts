import type { CheckResult, Rule } from '../../core/rule.js';
import { cisMetricFilter } from '../../trail/cis.js';
import { checkMetricFilterAlarm, prepareFilterPatterns } from '../lib/filter-pattern.js';

const CONTROL = cisMetricFilter('unauthorized-api-calls');

/** CloudTrail records an unauthorized-API-call filter must match: the error codes differ by API protocol. */
export const UNAUTHORIZED_EVENTS = CONTROL.mustMatch;

/** Records it must not match, or the alarm fires on ordinary traffic and is ignored. */
export const ORDINARY_EVENTS = CONTROL.mustNotMatch;

export const rule: Rule = {
  id: 'cloudwatch-unauthorized-api-alarm',
  title: 'No CloudWatch alarm on unauthorized API calls',
  ring: 'monitoring',
  severity: 'low',
  resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'],
  rationale:
    'Stolen notebook or pipeline credentials are usually first used to probe what they may do, which produces bursts of AccessDenied and ' +
    'UnauthorizedOperation errors in CloudTrail. A metric filter on those error codes with an alarm turns the probing into a page ' +
    'while the attacker is still exploring.',
  remediation:
    'Send the trail to CloudWatch Logs and add an AWS::Logs::MetricFilter with FilterPattern ' +
    '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") } and an AWS::CloudWatch::Alarm on its metric ' +
    '(same MetricName and Namespace) that notifies an SNS topic (Terraform: aws_cloudwatch_log_metric_filter with pattern and ' +
    'metric_transformation, and aws_cloudwatch_metric_alarm). An exact match on AccessDenied misses AccessDeniedException and ' +
    "EC2's Client.UnauthorizedOperation; in the CIS v1.4.0 text the exclusions apply only to AccessDenied*, because && binds tighter than ||.",
  references: {
    securityHub: ['CloudWatch.2'],
    cis: CONTROL.cis,
    nist80053: ['AU-6(1)', 'AU-6(3)', 'SI-4', 'SI-4(5)'],
    atlas: ['AML.M0024', 'AML.T0012'],
    prowler: [CONTROL.prowler],
    docs: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html'],
  },
  prepare: prepareFilterPatterns,
  checkInventory(inventory): CheckResult[] {
    return checkMetricFilterAlarm(inventory, CONTROL);
  },
};
