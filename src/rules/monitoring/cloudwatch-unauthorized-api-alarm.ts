import type { Inventory } from '../../core/inventory.js';
import { fail, pass, unknown, type CheckResult, type Rule } from '../../core/rule.js';
import type { Resource } from '../../core/resource.js';
import { asString, isObject, Unknown, type Value } from '../../core/value.js';
import { compileFilterPattern, FilterPatternError } from '../lib/filter-pattern.js';
import { listOf } from '../lib/policy-document.js';
import { readText } from '../lib/read.js';

/** CloudTrail records an unauthorized-API-call filter must match: the error codes differ by API protocol. */
export const UNAUTHORIZED_EVENTS: readonly { name: string; event: Record<string, unknown> }[] = [
  {
    name: 'S3 AccessDenied',
    event: { eventSource: 's3.amazonaws.com', eventName: 'GetObject', errorCode: 'AccessDenied', errorMessage: 'Access Denied', sourceIPAddress: '203.0.113.7', userIdentity: { type: 'AssumedRole' } },
  },
  {
    name: 'AccessDeniedException (JSON APIs such as SageMaker)',
    event: { eventSource: 'sagemaker.amazonaws.com', eventName: 'CreatePresignedNotebookInstanceUrl', errorCode: 'AccessDeniedException', sourceIPAddress: '203.0.113.7', userIdentity: { type: 'IAMUser' } },
  },
  {
    name: 'EC2 Client.UnauthorizedOperation',
    event: { eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances', errorCode: 'Client.UnauthorizedOperation', sourceIPAddress: '203.0.113.7', userIdentity: { type: 'AssumedRole' } },
  },
];

/** Records it must not match, or the alarm fires on ordinary traffic and is ignored. */
export const ORDINARY_EVENTS: readonly { name: string; event: Record<string, unknown> }[] = [
  { name: 'a successful call', event: { eventSource: 'sagemaker.amazonaws.com', eventName: 'DescribeEndpoint', sourceIPAddress: '203.0.113.7', userIdentity: { type: 'AssumedRole' } } },
  { name: 'a ThrottlingException', event: { eventSource: 'sagemaker.amazonaws.com', eventName: 'ListModels', errorCode: 'ThrottlingException', sourceIPAddress: '203.0.113.7', userIdentity: { type: 'AssumedRole' } } },
];

interface Metric {
  name: string;
  namespace: string;
}

type FilterVerdict =
  | { kind: 'good'; filter: Resource; metrics: Metric[] }
  | { kind: 'partial'; filter: Resource; missed: string[]; extra: string[] }
  | { kind: 'unrelated' }
  | { kind: 'unknown'; filter: Resource; property: string; reason: string };

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
    'metric_transformation, and aws_cloudwatch_metric_alarm).',
  references: {
    securityHub: ['CloudWatch.2'],
    cis: ['CIS AWS Foundations v1.2.0 3.1', 'CIS AWS Foundations v1.4.0 4.1'],
    nist80053: ['AU-6(1)', 'AU-6(3)', 'SI-4', 'SI-4(5)'],
    atlas: ['AML.M0024', 'AML.T0012'],
    prowler: ['cloudwatch_log_metric_filter_unauthorized_api_calls'],
    docs: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html'],
  },
  checkInventory(inventory) {
    if (inventory.size === 0) return [];
    const verdicts = inventory.ofType('AWS::Logs::MetricFilter').map(judgeFilter);
    const alarms = inventory.ofType('AWS::CloudWatch::Alarm');
    const results: CheckResult[] = [];
    for (const v of verdicts) {
      if (v.kind === 'good') {
        const alarm = alarmOn(v.metrics, alarms);
        if (alarm.found) return [on(v.filter, pass('FilterPattern', `matches every unauthorized-call event and alarm ${alarm.found.id} watches its metric`))];
        if (alarm.undecided) results.push(on(v.filter, unknown('MetricTransformations', alarm.undecided)));
        else results.push(on(v.filter, fail('MetricTransformations', `the filter matches unauthorized calls but no AWS::CloudWatch::Alarm watches its metric ${v.metrics.map(show).join(', ') || '(none)'}`)));
      } else if (v.kind === 'partial') {
        const parts = [v.missed.length ? `misses ${v.missed.join(', ')}` : '', v.extra.length ? `also matches ${v.extra.join(' and ')}, so the alarm would fire on ordinary traffic` : ''];
        results.push(on(v.filter, fail('FilterPattern', `the filter pattern ${parts.filter(Boolean).join('; ')}`)));
      } else if (v.kind === 'unknown') {
        results.push(on(v.filter, unknown(v.property, v.reason)));
      }
    }
    if (results.length) return results;
    return [fail(undefined, `no AWS::Logs::MetricFilter matches unauthorized API calls (${UNAUTHORIZED_EVENTS.map((e) => e.name).join(', ')}), so probing with stolen credentials raises no alarm`)];
  },
};

const on = (filter: Resource, r: CheckResult): CheckResult => ({ ...r, resource: filter });
const show = (m: Metric): string => `${m.namespace}/${m.name}`;

function judgeFilter(filter: Resource): FilterVerdict {
  const p = readText(filter, 'FilterPattern');
  if (p.state === 'unknown') return { kind: 'unknown', filter, property: 'FilterPattern', reason: `FilterPattern cannot be determined: ${p.reason}` };
  if (p.state === 'absent') return { kind: 'unrelated' };
  let match: (e: unknown) => boolean;
  try {
    match = compileFilterPattern(p.text);
  } catch (e) {
    if (!(e instanceof FilterPatternError)) throw e;
    // Only patterns that mention errorCode could be the one this control needs.
    if (!p.text.includes('errorCode')) return { kind: 'unrelated' };
    return { kind: 'unknown', filter, property: 'FilterPattern', reason: `the pattern uses syntax this check does not evaluate yet (${e.message} at character ${e.offset + 1})` };
  }
  const missed = UNAUTHORIZED_EVENTS.filter((e) => !match(e.event)).map((e) => e.name);
  const extra = ORDINARY_EVENTS.filter((e) => match(e.event)).map((e) => e.name);
  if (missed.length === UNAUTHORIZED_EVENTS.length) return { kind: 'unrelated' };
  if (missed.length || extra.length) return { kind: 'partial', filter, missed, extra };
  return { kind: 'good', filter, metrics: metricsOf(filter.properties['MetricTransformations']) };
}

function metricsOf(v: Value | undefined): Metric[] {
  const out: Metric[] = [];
  for (const t of listOf(v)) {
    if (!isObject(t)) continue;
    const name = asString(t['MetricName']);
    const namespace = asString(t['MetricNamespace']);
    if (name && namespace) out.push({ name, namespace });
  }
  return out;
}

/** The alarm watching one of the metrics, directly or through a metric-math query. */
function alarmOn(metrics: Metric[], alarms: Resource[]): { found?: Resource; undecided?: string } {
  let undecided: string | undefined;
  for (const alarm of alarms) {
    const watched: { name: Value | undefined; namespace: Value | undefined }[] = [{ name: alarm.properties['MetricName'], namespace: alarm.properties['Namespace'] }];
    for (const q of listOf(alarm.properties['Metrics'])) {
      if (!isObject(q)) continue;
      const stat = q['MetricStat'];
      const metric = isObject(stat) ? stat['Metric'] : undefined;
      if (isObject(metric)) watched.push({ name: metric['MetricName'], namespace: metric['Namespace'] });
    }
    for (const w of watched) {
      if (w.name instanceof Unknown || w.namespace instanceof Unknown) {
        undecided ??= `cannot tell whether alarm ${alarm.id} watches the filter's metric: its metric is not known`;
        continue;
      }
      const name = asString(w.name);
      const namespace = asString(w.namespace);
      if (metrics.some((m) => m.name === name && m.namespace === namespace)) return { found: alarm };
    }
  }
  return undecided ? { undecided } : {};
}
