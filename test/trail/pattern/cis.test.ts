import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CIS_METRIC_FILTERS, cisMetricFilter } from '../../../src/trail/cis.js';
import { compileFilterPattern, lintPattern } from '../../../src/trail/pattern/index.js';

const SHARED = resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data', 'cloudtrail');

describe('CIS AWS Foundations metric filters', () => {
  it('has the fifteen controls of CIS v1.4.0 section 4', () => {
    expect(CIS_METRIC_FILTERS.map((c) => c.cis.at(-1))).toEqual(Array.from({ length: 15 }, (_, i) => `CIS AWS Foundations v1.4.0 4.${i + 1}`));
    expect(new Set(CIS_METRIC_FILTERS.map((c) => c.id)).size).toBe(15);
    expect(() => cisMetricFilter('nope')).toThrow(/no CIS metric filter/);
  });

  describe.each(CIS_METRIC_FILTERS.map((c) => [c.id, c] as const))('%s', (_id, control) => {
    it.each([['benchmark text', control.pattern], ...control.variants.map((v) => [v.source, v.pattern])] as [string, string][])('%s matches its canonical events and no others', (_source, pattern) => {
      const p = compileFilterPattern(pattern);
      expect(control.mustMatch.filter((e) => !p.test(e.event)).map((e) => e.name)).toEqual([]);
      expect(control.mustNotMatch.filter((e) => p.test(e.event)).map((e) => e.name)).toEqual([]);
    });
  });

  it('flags the precedence of the v1.4.0 unauthorized-calls text, and only that one', () => {
    const flagged = CIS_METRIC_FILTERS.filter((c) => lintPattern(compileFilterPattern(c.pattern).ast).length > 0).map((c) => c.id);
    expect(flagged).toEqual(['unauthorized-api-calls']);
    expect(cisMetricFilter('unauthorized-api-calls').note).toMatch(/&& binds tighter than \|\|/);
  });
});

describe('CIS metric filters on real CloudTrail (Stratus Red Team detonations)', () => {
  const records = readdirSync(join(SHARED, 'stratus'))
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => (JSON.parse(readFileSync(join(SHARED, 'stratus', f), 'utf8')) as Record<string, unknown>[]).map((r) => ({ file: f, r })));

  const hits = (id: string) => {
    const p = compileFilterPattern(cisMetricFilter(id).pattern);
    return [...new Set(records.filter(({ r }) => p.test(r)).map(({ file, r }) => `${file.replace(/^aws\.|\.json$/g, '')} ${String(r['eventName'])}`))].sort();
  };

  it.each([
    ['cloudtrail-changes', ['defense-evasion.cloudtrail-delete DeleteTrail', 'defense-evasion.cloudtrail-stop StopLogging']],
    ['console-login-without-mfa', ['initial-access.console-login-without-mfa ConsoleLogin']],
    ['security-group-changes', ['exfiltration.ec2-security-group-open-port-22-ingress AuthorizeSecurityGroupIngress']],
    ['organizations-changes', ['defense-evasion.organizations-leave LeaveOrganization']],
    ['iam-policy-changes', undefined],
    ['root-usage', []],
    ['kms-key-disable-or-deletion', []],
    ['nacl-changes', []],
  ] as [string, string[] | undefined][])('%s fires on exactly the detonations it is about', (id, expected) => {
    const got = hits(id);
    if (expected === undefined) {
      // Every hit is an IAM policy API; which backdoor techniques call them is Stratus's business.
      expect(got.length).toBeGreaterThan(0);
      expect(got.every((h) => /(Put|Attach|Detach|Delete|Create)\w*Polic/.test(h))).toBe(true);
    } else {
      expect(got).toEqual(expected);
    }
  });

  it('counts the unauthorized calls the detonations provoke, all of them AccessDenied or UnauthorizedOperation', () => {
    const p = compileFilterPattern(cisMetricFilter('unauthorized-api-calls').pattern);
    const matched = records.filter(({ r }) => p.test(r)).map(({ r }) => String(r['errorCode']));
    expect(matched.length).toBeGreaterThan(0);
    expect(matched.every((c) => /^(AccessDenied|Client\.UnauthorizedOperation|.*UnauthorizedOperation)/.test(c))).toBe(true);
    const denied = records.filter(({ r }) => /AccessDenied|UnauthorizedOperation/.test(String(r['errorCode'] ?? ''))).length;
    expect(matched.length).toBe(denied);
  });
});

describe('CIS metric filters against panther-analysis test events', () => {
  // Panther rules that watch the same thing as a CIS filter, with the test events Panther ships.
  const SAME_CONTROL: Record<string, string> = {
    'AWS.CloudTrail.Stopped': 'cloudtrail-changes',
    'AWS.CloudTrail.UnauthorizedAPICall': 'unauthorized-api-calls',
    'AWS.ConfigService.DisabledDeleted': 'config-changes',
    'AWS.Console.LoginWithoutMFA': 'console-login-without-mfa',
    'AWS.Console.RootLogin': 'root-usage',
    'AWS.EC2.GatewayModified': 'network-gateway-changes',
    'AWS.EC2.NetworkACLModified': 'nacl-changes',
    'AWS.EC2.RouteTableModified': 'route-table-changes',
    'AWS.EC2.SecurityGroupModified': 'security-group-changes',
    'AWS.EC2.VPCModified': 'vpc-changes',
    'AWS.IAM.PolicyModified': 'iam-policy-changes',
    'AWS.KMS.CustomerManagedKeyLoss': 'kms-key-disable-or-deletion',
    'AWS.Root.Activity': 'root-usage',
    'AWS.S3.BucketPolicyModified': 's3-bucket-policy-changes',
    'AWS.CloudTrail.AttemptToLeaveOrg': 'organizations-changes',
  };
  const cases = readFileSync(join(SHARED, 'panther-test-events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { source_rule: string; test: string; expected: boolean; event: Record<string, unknown> })
    .filter((c) => SAME_CONTROL[c.source_rule]);

  it('agrees with Panther wherever both judge the same events', () => {
    const disagreements = cases
      .filter((c) => compileFilterPattern(cisMetricFilter(SAME_CONTROL[c.source_rule]!).pattern).test(c.event) !== c.expected)
      .map((c) => `${c.source_rule}: ${c.test}`);
    // Where they differ, it is by design, and each difference is one of these:
    // - the CIS filters count failed calls too (an error code set): Panther's rules skip them;
    // - CIS 4.5 also counts StartLogging / CreateTrail; CIS 4.9 also counts PutDeliveryChannel;
    // - CIS 4.2 (v1.4.0) counts only IAM users, leaving root to 4.3; Panther counts root and new users;
    // - CIS 4.3 counts every root call, reads included; Panther skips some of them;
    // - CIS 4.1 excludes only delivery.logs.amazonaws.com, not every AWS service address.
    const byDesign = cases.filter((c) => c.event['errorCode'] !== undefined || /ExternalIdPDirectoryLogin/.test(String(c.event['eventName'])));
    const unexplained = disagreements.filter((d) => !byDesign.some((c) => `${c.source_rule}: ${c.test}` === d));
    expect(cases.length).toBe(55);
    expect(unexplained.sort()).toEqual(
      [
        'AWS.CloudTrail.Stopped: CloudTrail Was Started',
        'AWS.ConfigService.DisabledDeleted: Config Recorder Delivery Channel Created',
        'AWS.Console.LoginWithoutMFA: MFA Login - SAML',
        'AWS.Console.LoginWithoutMFA: No MFA Login - New User',
        'AWS.Console.LoginWithoutMFA: No MFA Login - Root User',
        'AWS.Root.Activity: Root Activity - CreateServiceLinkedRole',
        'AWS.Root.Activity: Root Read-Only Enumeration',
      ].sort(),
    );
    // Outside those differences, every one of Panther's verdicts is reproduced: 36 of 55 agree.
    expect(cases.length - disagreements.length).toBe(36);
  });
});
