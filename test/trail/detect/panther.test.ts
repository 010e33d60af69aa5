import { expect, it } from 'vitest';
import { DETECTIONS } from '../../../src/trail/detect/index.js';
import type { Detection } from '../../../src/trail/detect/types.js';
import { alertsOf, pantherCases, type PantherCase } from './support.js';

// Panther's CloudTrail rules that ask the same question as one of our detections, with their unit
// test events (expected true / false). Where Panther's rule is wider than ours, `only` keeps the
// events our detection is about. Per-event Panther rules with a threshold (unauthorized calls,
// reconnaissance) compare with our burst's counting step: threshold 1.
const COUNTERPARTS: { rule: string; detection: string; only?: (c: PantherCase) => boolean; parameters?: Record<string, Record<string, number>> }[] = [
  { rule: 'AWS.CloudTrail.Stopped', detection: 'cloudtrail-logging-stopped' },
  { rule: 'AWS.CloudTrail.SecurityConfigurationChange', detection: 'cloudtrail-logging-stopped', only: (c) => ['StopLogging', 'DeleteTrail'].includes(c.record.record.eventName) },
  { rule: 'AWS.CloudTrail.EventSelectorsDisabled', detection: 'cloudtrail-event-selectors-reduced' },
  { rule: 'AWS.CloudTrail.UnauthorizedAPICall', detection: 'access-denied-burst', parameters: { 'access-denied-burst': { threshold: 1 } } },
  { rule: 'AWS.IAMUser.ReconAccessDenied', detection: 'access-denied-burst', parameters: { 'access-denied-burst': { threshold: 1 } } },
  { rule: 'AWS.IAM.AttachAdminRolePolicy', detection: 'iam-admin-granted' },
  { rule: 'AWS.IAM.AttachAdminUserPolicy', detection: 'iam-admin-granted' },
  { rule: 'AWS.KMS.CustomerManagedKeyLoss', detection: 'kms-key-disabled-or-deleted' },
  { rule: 'AWS.S3.DeletePublicAccessBlock', detection: 's3-public-access-block-removed' },
  {
    rule: 'AWS.CloudTrail.ResourceMadePublic',
    detection: 's3-bucket-policy-public',
    only: (c) => c.record.record.eventSource === 's3.amazonaws.com' && c.record.record.eventName === 'PutBucketPolicy',
  },
  { rule: 'AWS.Console.LoginWithoutMFA', detection: 'console-login-without-mfa' },
];

/**
 * Tests whose expected result depends on mocked helpers (upstream `Mocks:`), which the shared
 * events do not carry: every AWS.Console.LoginWithoutMFA test mocks the account-age lookup or
 * the external-IdP role list; the allow-listed-user test of SecurityConfigurationChange mocks
 * its allow list (panther-analysis rules/aws_cloudtrail_rules/*.yml).
 */
const MOCKED: Record<string, 'all' | string[]> = {
  'AWS.Console.LoginWithoutMFA': 'all',
  'AWS.CloudTrail.SecurityConfigurationChange': ['Security Configuration Changed - Allowlisted User'],
};
const mocked = (c: PantherCase) => {
  const m = MOCKED[c.rule];
  return m === 'all' || (m?.includes(c.test) ?? false);
};

async function fires(detection: Detection, c: PantherCase, parameters?: Record<string, Record<string, number>>): Promise<boolean> {
  return (await alertsOf(detection, [c.record], { baselineDays: 0, ...(parameters ? { parameters } : {}) })).length > 0;
}

const byId = (id: string) => DETECTIONS.find((d) => d.id === id)!;

it('agrees with Panther on every unmocked test event of the counterpart rules', async () => {
  const cases = pantherCases();
  const disagreements: string[] = [];
  let compared = 0;
  let expectedTrue = 0;
  for (const cp of COUNTERPARTS) {
    const mine = cases.filter((c) => c.rule === cp.rule && !mocked(c) && (!cp.only || cp.only(c)));
    for (const c of mine) {
      compared++;
      if (c.expected) expectedTrue++;
      const fired = await fires(byId(cp.detection), c, cp.parameters);
      if (fired !== c.expected) disagreements.push(`${cp.rule} "${c.test}" (line ${c.line}): expected ${c.expected}, ${cp.detection} ${fired ? 'fired' : 'did not fire'}`);
    }
  }
  expect(disagreements).toEqual([]);
  // 10 counterpart rules with unmocked events; 34 events, 12 of them expected to fire.
  expect({ compared, expectedTrue }).toEqual({ compared: 34, expectedTrue: 12 });
});

it('on the mocked console-login tests, differs only where the mock changes the answer', async () => {
  // Nine of the eleven mock check_account_age = "False", Panther's un-mocked path; "New User"
  // mocks a new account (Panther stays quiet, we report: a new user without MFA is still one).
  const cases = pantherCases().filter((c) => c.rule === 'AWS.Console.LoginWithoutMFA');
  expect(cases).toHaveLength(11);
  const differ: string[] = [];
  for (const c of cases) if ((await fires(byId('console-login-without-mfa'), c)) !== c.expected) differ.push(c.test);
  expect(differ).toEqual(['No MFA Login - New User']);
});
