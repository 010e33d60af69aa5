import { describe, expect, it } from 'vitest';
import type { Resource } from '../../../src/core/resource.js';
import { rule } from '../../../src/rules/monitoring/cloudwatch-unauthorized-api-alarm.js';
import { brief, inv, res, unknownValue } from '../support.js';
import { prepareFilterPatterns } from '../../../src/rules/lib/filter-pattern.js';

// The pattern engine loads lazily (Rule.prepare); these call the checks directly.
await prepareFilterPatterns();

const CIS = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }';
const filter = (id: string, pattern: unknown, metric = 'UnauthorizedApiCalls') =>
  res('AWS::Logs::MetricFilter', id, { LogGroupName: 'trail', FilterPattern: pattern as never, MetricTransformations: [{ MetricName: metric, MetricNamespace: 'CloudTrailMetrics', MetricValue: '1' }] });
const alarm = (id: string, metric = 'UnauthorizedApiCalls', namespace: unknown = 'CloudTrailMetrics') =>
  res('AWS::CloudWatch::Alarm', id, { MetricName: metric, Namespace: namespace as never, Statistic: 'Sum', Threshold: 1 });
const run = (...resources: Resource[]) => rule.checkInventory!(inv(res('AWS::CloudTrail::Trail', 'Trail'), ...resources), { profile: 'default' });

describe('cloudwatch-unauthorized-api-alarm', () => {
  it('passes the CIS filter with an alarm on its metric', () => {
    expect(brief(run(filter('F', CIS), alarm('A')))).toEqual([{ status: 'pass', property: 'FilterPattern', on: 'F' }]);
  });

  it('accepts the CIS v1.4 variant with exclusions, and metric-math alarms', () => {
    const v14 = '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket")}';
    const mathAlarm = res('AWS::CloudWatch::Alarm', 'A', { Metrics: [{ Id: 'm1', MetricStat: { Metric: { MetricName: 'UnauthorizedApiCalls', Namespace: 'CloudTrailMetrics' }, Stat: 'Sum', Period: 300 } }] });
    expect(run(filter('F', v14), mathAlarm)[0]!.status).toBe('pass');
  });

  it('catches the CIS v1.4 precedence flaw: the exclusions cover only AccessDenied*', () => {
    const v14 = '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';
    const [r] = run(filter('F', v14), alarm('A'));
    expect(r!.status).toBe('pass');
    expect(r!.message).toContain('note: || and && are mixed without parentheses: && binds tighter');
    expect(r!.message).toContain('($.errorCode = "*UnauthorizedOperation") || (($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com")');
    // Grouped as its authors meant, the pattern passes with no note.
    const fixed = '{ (($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*")) && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';
    const [ok] = run(filter('F', fixed), alarm('A'));
    expect(ok!.status).toBe('pass');
    expect(ok!.message).not.toContain('note:');
  });

  it('judges patterns by the events they match, whatever their form', () => {
    const pass = ['{ $.errorCode = %UnauthorizedOperation$% || $.errorCode = %^AccessDenied% }', '?AccessDenied ?UnauthorizedOperation', '{ $.errorCode = "*Unauthorized*" || $.errorCode = "AccessDenied*" }'];
    for (const p of pass) expect(brief(run(filter('F', p), alarm('A'))), p).toEqual([{ status: 'pass', property: 'FilterPattern', on: 'F' }]);
    const [r] = run(filter('F', '{ $.errorCode = %AccessDenied% }'), alarm('A'));
    expect(r).toMatchObject({ status: 'fail', message: 'the filter pattern misses EC2 Client.UnauthorizedOperation' });
  });

  it('fails against the scan when no filter exists, or none is about unauthorized calls', () => {
    const r = run();
    expect(brief(r)).toEqual([{ status: 'fail' }]);
    expect(r[0]!.message).toContain('S3 AccessDenied');
    expect(brief(run(filter('Root', '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }'))))
      .toEqual([{ status: 'fail' }]);
  });

  it('fails against a filter that misses canonical events, naming them', () => {
    const [r] = run(filter('F', '{ $.errorCode = "AccessDenied" }'), alarm('A'));
    expect(r).toMatchObject({ status: 'fail', property: 'FilterPattern' });
    expect(r!.resource!.id).toBe('F');
    expect(r!.message).toContain('AccessDeniedException');
    expect(r!.message).toContain('EC2 Client.UnauthorizedOperation');
    expect(r!.message).not.toContain('S3 AccessDenied,');
  });

  it('fails against a filter so broad it matches ordinary traffic', () => {
    const [r] = run(filter('F', '{ $.errorCode = "*" }'), alarm('A'));
    expect(r!.status).toBe('fail');
    expect(r!.message).toContain('ThrottlingException');
  });

  it('fails when the filter is right but no alarm watches its metric', () => {
    expect(brief(run(filter('F', CIS), alarm('A', 'SomethingElse')))).toEqual([{ status: 'fail', property: 'MetricTransformations', on: 'F' }]);
  });

  it('is unknown, not failing, when the pattern or the alarm metric is not known', () => {
    expect(brief(run(filter('F', unknownValue()), alarm('A')))).toEqual([{ status: 'unknown', property: 'FilterPattern', on: 'F' }]);
    const [invalid] = run(filter('F', '{ $.errorCode = "AccessDenied*" || $.errorCode ~ "x" }'));
    expect(invalid).toMatchObject({ status: 'unknown', property: 'FilterPattern', message: expect.stringMatching(/not a valid CloudWatch Logs filter pattern \(expected =, .* at 1:48\)/) });
    expect(run(filter('G', '{ $.userIdentity.type ~ Root }'))).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringMatching(/^no AWS::Logs::MetricFilter matches/) })]);
    expect(brief(run(filter('F', CIS), alarm('A', 'UnauthorizedApiCalls', unknownValue())))).toEqual([{ status: 'unknown', property: 'MetricTransformations', on: 'F' }]);
  });

  it('says nothing about an empty scan', () => {
    expect(rule.checkInventory!(inv(), { profile: 'default' })).toEqual([]);
  });
});
