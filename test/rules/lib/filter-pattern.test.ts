import { describe, expect, it } from 'vitest';
import { checkMetricFilterAlarm, prepareFilterPatterns, type MetricFilterControl } from '../../../src/rules/lib/filter-pattern.js';
import { brief, inv, res, unknownValue } from '../support.js';

// The pattern engine loads lazily (Rule.prepare); these call the checks directly.
await prepareFilterPatterns();

// The shared judge of metric filters: evaluated against a control's canonical events.
const CONTROL: MetricFilterControl = {
  subject: 'widget deletions',
  mustMatch: [
    { name: 'widget:DeleteWidget', event: { eventSource: 'widget.amazonaws.com', eventName: 'DeleteWidget' } },
    { name: 'widget:PurgeWidgets', event: { eventSource: 'widget.amazonaws.com', eventName: 'PurgeWidgets' } },
  ],
  mustNotMatch: [{ name: 'widget:GetWidget', event: { eventSource: 'widget.amazonaws.com', eventName: 'GetWidget' } }],
};

const filter = (id: string, pattern: unknown, metric = 'Deletions', namespace = 'Ops') =>
  res('AWS::Logs::MetricFilter', id, { FilterPattern: pattern as never, MetricTransformations: [{ MetricName: metric, MetricNamespace: namespace, MetricValue: '1' }] });
const alarm = (id: string, metric: unknown = 'Deletions', namespace: unknown = 'Ops') => res('AWS::CloudWatch::Alarm', id, { MetricName: metric as never, Namespace: namespace as never });
const check = (...r: ReturnType<typeof res>[]) => checkMetricFilterAlarm(inv(...r), CONTROL);

describe('checkMetricFilterAlarm', () => {
  it('passes on the first good filter with an alarm, ignoring the others', () => {
    const r = check(filter('Bad', '{ $.eventName = DeleteWidget }'), filter('Good', '{ $.eventName = "*Widget*" && $.eventName != GetWidget }'), alarm('A'));
    expect(brief(r)).toEqual([{ status: 'pass', property: 'FilterPattern', on: 'Good' }]);
    expect(r[0]!.message).toBe('matches every widget deletions event and alarm A watches its metric');
  });

  it('reports every filter that comes close when none is good', () => {
    const r = check(filter('Narrow', '{ $.eventName = DeleteWidget }'), filter('Broad', '{ $.eventSource = widget.amazonaws.com }'), alarm('A'));
    expect(r.map((x) => [x.resource!.id, x.message])).toEqual([
      ['Narrow', 'the filter pattern misses widget:PurgeWidgets'],
      ['Broad', 'the filter pattern also matches widget:GetWidget, so the alarm would fire on ordinary traffic'],
    ]);
  });

  it('ignores filters about something else, and invalid ones that do not mention the control', () => {
    const r = check(filter('Other', '{ $.eventName = CreateWidget }'), filter('Broken', '{ $.errorCode ~ x }'));
    expect(brief(r)).toEqual([{ status: 'fail' }]);
    expect(r[0]!.message).toBe('no AWS::Logs::MetricFilter matches widget deletions (widget:DeleteWidget, widget:PurgeWidgets), so they raise no alarm');
  });

  it('is unknown for an invalid pattern written for the control, with its position', () => {
    const [r] = check(filter('Broken', '{ $.eventName = DeleteWidget || $.eventName = PurgeWidgets && }'), alarm('A'));
    expect(r).toMatchObject({ status: 'unknown', property: 'FilterPattern', message: expect.stringMatching(/not a valid CloudWatch Logs filter pattern \(expected a selector .* at 1:63\)/) });
  });

  it('is unknown when the pattern or the watched metric cannot be determined', () => {
    expect(brief(check(filter('F', unknownValue()), alarm('A')))).toEqual([{ status: 'unknown', property: 'FilterPattern', on: 'F' }]);
    expect(brief(check(filter('F', '{ $.eventName = *Widget* && $.eventName != GetWidget }'), alarm('A', unknownValue())))).toEqual([{ status: 'unknown', property: 'MetricTransformations', on: 'F' }]);
  });

  it('finds the alarm through metric math, and insists on the same namespace', () => {
    const good = '{ $.eventName = DeleteWidget || $.eventName = PurgeWidgets }';
    const math = res('AWS::CloudWatch::Alarm', 'M', { Metrics: [{ Id: 'm1', MetricStat: { Metric: { MetricName: 'Deletions', Namespace: 'Ops' }, Stat: 'Sum', Period: 60 } }] });
    expect(brief(check(filter('F', good), math))).toEqual([{ status: 'pass', property: 'FilterPattern', on: 'F' }]);
    expect(brief(check(filter('F', good), alarm('A', 'Deletions', 'Elsewhere')))).toEqual([{ status: 'fail', property: 'MetricTransformations', on: 'F' }]);
  });

  it('says nothing about an empty inventory', () => {
    expect(checkMetricFilterAlarm(inv(), CONTROL)).toEqual([]);
  });
});
