import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../src/core/rule.js';
import { RULES } from '../../../src/rules/index.js';
import { selectRules } from '../../../src/rules/engine.js';
import { cisMetricFilter } from '../../../src/trail/cis.js';
import { brief, inv, res } from '../support.js';
import { prepareFilterPatterns } from '../../../src/rules/lib/filter-pattern.js';

// The pattern engine loads lazily (Rule.prepare); these call the checks directly.
await prepareFilterPatterns();

// The fourteen CIS metric-filter rules beside the unauthorized-calls one: each passes the
// benchmark's pattern with an alarm, and fails a filter that misses or over-matches its events.

const CIS_RULES: [string, string][] = [
  ['cloudwatch-console-login-no-mfa-alarm', 'console-login-without-mfa'],
  ['cloudwatch-root-usage-alarm', 'root-usage'],
  ['cloudwatch-iam-policy-change-alarm', 'iam-policy-changes'],
  ['cloudwatch-cloudtrail-change-alarm', 'cloudtrail-changes'],
  ['cloudwatch-console-auth-failure-alarm', 'console-authentication-failures'],
  ['cloudwatch-kms-key-disable-alarm', 'kms-key-disable-or-deletion'],
  ['cloudwatch-s3-bucket-policy-change-alarm', 's3-bucket-policy-changes'],
  ['cloudwatch-config-change-alarm', 'config-changes'],
  ['cloudwatch-security-group-change-alarm', 'security-group-changes'],
  ['cloudwatch-nacl-change-alarm', 'nacl-changes'],
  ['cloudwatch-network-gateway-change-alarm', 'network-gateway-changes'],
  ['cloudwatch-route-table-change-alarm', 'route-table-changes'],
  ['cloudwatch-vpc-change-alarm', 'vpc-changes'],
  ['cloudwatch-organizations-change-alarm', 'organizations-changes'],
];

const ruleById = (id: string): Rule => {
  const r = RULES.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const filter = (id: string, pattern: string) =>
  res('AWS::Logs::MetricFilter', id, { LogGroupName: 'trail', FilterPattern: pattern, MetricTransformations: [{ MetricName: `M${id}`, MetricNamespace: 'CISBenchmark', MetricValue: '1' }] });
const alarm = (id: string, metric: string) => res('AWS::CloudWatch::Alarm', id, { MetricName: metric, Namespace: 'CISBenchmark', Statistic: 'Sum', Threshold: 1 });
const trail = res('AWS::CloudTrail::Trail', 'Trail');

describe.each(CIS_RULES)('%s', (ruleId, controlId) => {
  const rule = ruleById(ruleId);
  const control = cisMetricFilter(controlId);
  const run = (...r: ReturnType<typeof res>[]) => rule.checkInventory!(inv(trail, ...r), { profile: 'strict' });

  it('is a strict-profile monitoring rule that cites the benchmark', () => {
    expect(rule).toMatchObject({ ring: 'monitoring', profiles: ['strict'], resourceTypes: ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm'] });
    expect(rule.references.cis).toEqual(control.cis);
    expect(rule.references.prowler).toEqual([control.prowler]);
    expect(rule.remediation).toContain(control.pattern);
    if (control.securityHub) expect(rule.references.securityHub).toEqual([control.securityHub]);
  });

  it('passes the benchmark pattern, and its earlier versions, with an alarm on the metric', () => {
    for (const pattern of [control.pattern, ...control.variants.map((v) => v.pattern)]) {
      expect(brief(run(filter('F', pattern), alarm('A', 'MF'))), pattern).toEqual([{ status: 'pass', property: 'FilterPattern', on: 'F' }]);
    }
  });

  it('fails without a filter, naming the events nothing counts', () => {
    const [r, ...rest] = run(filter('Other', '{ $.eventName = "SomethingElse" }'));
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ status: 'fail', message: expect.stringContaining(`no AWS::Logs::MetricFilter matches ${control.subject}`) });
    expect(r!.message).toContain(control.mustMatch[0]!.name);
  });

  it('fails a filter that misses one of its events, naming it', () => {
    const missing = control.mustMatch.at(-1)!;
    const keep = control.mustMatch.slice(0, -1);
    if (keep.length === 0) return;
    const names = keep.map((e) => `$.eventName = "${String(e.event['eventName'])}"`).join(' || ');
    const [r] = run(filter('F', `{ ${names} }`), alarm('A', 'MF'));
    expect(r).toMatchObject({ status: 'fail', property: 'FilterPattern', message: expect.stringContaining(`misses ${missing.name}`) });
  });

  it('fails a filter with no alarm on its metric', () => {
    expect(brief(run(filter('F', control.pattern), alarm('A', 'Unrelated')))).toEqual([{ status: 'fail', property: 'MetricTransformations', on: 'F' }]);
  });

  it('runs only in the strict profile', () => {
    expect(selectRules(RULES, { profile: 'default' }).map((r) => r.id)).not.toContain(ruleId);
    expect(selectRules(RULES, { profile: 'strict' }).map((r) => r.id)).toContain(ruleId);
  });
});

describe('over-broad filters', () => {
  it('fails filters that would page on ordinary traffic', () => {
    const root = ruleById('cloudwatch-root-usage-alarm');
    const [r] = root.checkInventory!(inv(trail, filter('F', '{ $.userIdentity.type = "Root" }'), alarm('A', 'MF')), { profile: 'strict' });
    expect(r).toMatchObject({ status: 'fail', message: expect.stringContaining('also matches an AWS service acting for the root user and an AwsServiceEvent on the root user') });
    const mfa = ruleById('cloudwatch-console-login-no-mfa-alarm');
    const [m] = mfa.checkInventory!(inv(trail, filter('F', '{ $.eventName = "ConsoleLogin" }'), alarm('A', 'MF')), { profile: 'strict' });
    expect(m).toMatchObject({ status: 'fail', message: expect.stringContaining('also matches a console sign-in with MFA') });
  });
});
