import type { Inventory } from '../../core/inventory.js';
import type { Resource } from '../../core/resource.js';
import { fail, pass, unknown, type CheckResult } from '../../core/rule.js';
import { asString, isObject, Unknown, type Value } from '../../core/value.js';
import type { CanonicalEvent } from '../../trail/cis.js';
import type { CompiledFilterPattern } from '../../trail/pattern/index.js';
import { listOf } from './policy-document.js';
import { readText } from './read.js';

// Judges the metric filters of an inventory for one monitoring control (unauthorized API calls,
// root use, …) by evaluating each deployed FilterPattern with the full CloudWatch Logs language
// against the control's canonical CloudTrail events, never by comparing pattern text: a filter is
// good when it matches every event it must and none it must not, and an alarm watches its metric.

export interface MetricFilterControl {
  /** What the filter watches, for sentences: "unauthorized API calls". */
  subject: string;
  mustMatch: readonly CanonicalEvent[];
  mustNotMatch: readonly CanonicalEvent[];
}

interface Metric {
  name: string;
  namespace: string;
}

type FilterVerdict =
  | { kind: 'good'; filter: Resource; metrics: Metric[]; notes: string[] }
  | { kind: 'partial'; filter: Resource; missed: string[]; extra: string[] }
  | { kind: 'unrelated' }
  | { kind: 'unknown'; filter: Resource; property: string; reason: string };

type PatternEngine = typeof import('../../trail/pattern/index.js');
let engine: PatternEngine | undefined;

/**
 * Rule.prepare of the metric-filter rules: the filter-pattern language (sixteen modules) loads
 * only when the inventory has metric filters to judge, so most scans never load it. Without an
 * inventory it loads unconditionally.
 */
export async function prepareFilterPatterns(inventory?: Inventory): Promise<void> {
  if (engine || (inventory && inventory.ofType('AWS::Logs::MetricFilter').length === 0)) return;
  engine = await import('../../trail/pattern/index.js');
}

/** Account-level results for one control: a pass on the first good filter with an alarm, else what is wrong. */
export function checkMetricFilterAlarm(inventory: Inventory, control: MetricFilterControl): CheckResult[] {
  if (inventory.size === 0) return [];
  const verdicts = inventory.ofType('AWS::Logs::MetricFilter').map((f) => judgeFilter(f, control));
  const alarms = inventory.ofType('AWS::CloudWatch::Alarm');
  const results: CheckResult[] = [];
  for (const v of verdicts) {
    if (v.kind === 'good') {
      const alarm = alarmOn(v.metrics, alarms);
      if (alarm.found) {
        const note = v.notes.length ? ` (note: ${v.notes.join('; ')})` : '';
        return [on(v.filter, pass('FilterPattern', `matches every ${control.subject} event and alarm ${alarm.found.id} watches its metric${note}`))];
      }
      if (alarm.undecided) results.push(on(v.filter, unknown('MetricTransformations', alarm.undecided)));
      else results.push(on(v.filter, fail('MetricTransformations', `the filter matches ${control.subject} but no AWS::CloudWatch::Alarm watches its metric ${v.metrics.map(show).join(', ') || '(none)'}`)));
    } else if (v.kind === 'partial') {
      const parts = [v.missed.length ? `misses ${v.missed.join(', ')}` : '', v.extra.length ? `also matches ${v.extra.join(' and ')}, so the alarm would fire on ordinary traffic` : ''];
      results.push(on(v.filter, fail('FilterPattern', `the filter pattern ${parts.filter(Boolean).join('; ')}`)));
    } else if (v.kind === 'unknown') {
      results.push(on(v.filter, unknown(v.property, v.reason)));
    }
  }
  if (results.length) return results;
  return [fail(undefined, `no AWS::Logs::MetricFilter matches ${control.subject} (${listNames(control.mustMatch)}), so they raise no alarm`)];
}

const on = (filter: Resource, r: CheckResult): CheckResult => ({ ...r, resource: filter });
const show = (m: Metric): string => `${m.namespace}/${m.name}`;

function listNames(events: readonly CanonicalEvent[], max = 6): string {
  const names = events.map((e) => e.name);
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function judgeFilter(filter: Resource, control: MetricFilterControl): FilterVerdict {
  const p = readText(filter, 'FilterPattern');
  if (p.state === 'unknown') return { kind: 'unknown', filter, property: 'FilterPattern', reason: `FilterPattern cannot be determined: ${p.reason}` };
  if (p.state === 'absent') return { kind: 'unrelated' };
  if (!engine) throw new Error('the filter-pattern engine was not loaded (call rule.prepare(inventory) first)');
  let compiled: CompiledFilterPattern;
  try {
    compiled = engine.compileFilterPattern(p.text);
  } catch (e) {
    if (!(e instanceof engine.FilterPatternError)) throw e;
    // An invalid pattern matters only to the control it was evidently written for.
    if (!mentionsControl(p.text, control)) return { kind: 'unrelated' };
    return { kind: 'unknown', filter, property: 'FilterPattern', reason: `FilterPattern is not a valid CloudWatch Logs filter pattern (${e.message} at ${e.line}:${e.column}); CloudWatch Logs would reject it` };
  }
  const missed = control.mustMatch.filter((e) => !compiled.test(e.event)).map((e) => e.name);
  const extra = control.mustNotMatch.filter((e) => compiled.test(e.event)).map((e) => e.name);
  if (missed.length === control.mustMatch.length) return { kind: 'unrelated' };
  if (missed.length || extra.length) return { kind: 'partial', filter, missed, extra };
  const notes = engine.lintPattern(compiled.ast).map((w) => w.message);
  return { kind: 'good', filter, metrics: metricsOf(filter.properties['MetricTransformations']), notes };
}

/** Whether a pattern names an event name or error code of the control's events. */
function mentionsControl(text: string, control: MetricFilterControl): boolean {
  return control.mustMatch.some((e) => ['eventName', 'errorCode'].some((k) => typeof e.event[k] === 'string' && text.includes(String(e.event[k]).replace(/^Client\./, ''))));
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

export const FILTER_PATTERN_DOCS = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html';

/** The fix every CIS metric-filter rule gives: the control's filter, an alarm on its metric. */
export function cisAlarmRemediation(control: { pattern: string }): string {
  return (
    `Add an AWS::Logs::MetricFilter on the trail's CloudWatch Logs group with FilterPattern ${control.pattern} and an AWS::CloudWatch::Alarm ` +
    'on its metric (same MetricName and Namespace) that notifies an SNS topic (Terraform: aws_cloudwatch_log_metric_filter and aws_cloudwatch_metric_alarm). ' +
    'Any pattern that matches the same events passes; the check evaluates it, it does not compare text.'
  );
}
