import { expect, it } from 'vitest';
import { DETECTIONS } from '../../../src/trail/detect/index.js';
import { alertsOf, stratus, stratusFiles } from './support.js';

// Every real Stratus Red Team detonation log through every detection, with no learning period
// (so first-seen detections would fire on any SageMaker call): exactly these fire, nothing else.
const EXPECTED: Record<string, string[]> = {
  'aws.defense-evasion.cloudtrail-stop.json': ['cloudtrail-logging-stopped'],
  'aws.defense-evasion.cloudtrail-delete.json': ['cloudtrail-logging-stopped'],
  'aws.defense-evasion.cloudtrail-event-selectors.json': ['cloudtrail-event-selectors-reduced'],
  'aws.initial-access.console-login-without-mfa.json': ['console-login-without-mfa'],
  'aws.persistence.iam-create-admin-user.json': ['iam-admin-granted'],
  'aws.persistence.iam-create-backdoor-role.json': ['iam-admin-granted'],
  // Brute-forcing GetPasswordData and DescribeInstanceAttribute: dozens of UnauthorizedOperation errors in seconds.
  'aws.credential-access.ec2-get-password-data.json': ['access-denied-burst'],
  'aws.discovery.ec2-download-user-data.json': ['access-denied-burst'],
};

it('fires on the Stratus detonations it covers and stays quiet on the other 27', async () => {
  const files = stratusFiles();
  expect(files).toHaveLength(35);
  const fired: Record<string, string[]> = {};
  for (const f of files) {
    const ids = [...new Set((await alertsOf(DETECTIONS, stratus(f), { baselineDays: 0 })).map((a) => a.detectionId))].sort();
    if (ids.length) fired[f] = ids;
  }
  expect(fired).toEqual(EXPECTED);
});

it('names the principal, the trail and the record in the CloudTrail stop alert', async () => {
  const [alert] = await alertsOf(DETECTIONS, stratus('aws.defense-evasion.cloudtrail-stop'));
  expect(alert).toMatchObject({
    detectionId: 'cloudtrail-logging-stopped',
    principal: 'arn:aws:iam::143434273843:user/christophe',
    eventName: 'StopLogging',
    eventTime: '2024-07-31T13:06:24Z',
    resource: { type: 'AWS::CloudTrail::Trail', id: 'stratus-red-team-ct-stop-trail-buykxbqejv' },
    summary: 'stopped logging for trail stratus-red-team-ct-stop-trail-buykxbqejv',
    source: { index: 0 },
  });
});

it('explains why the event selectors drop events', async () => {
  const [alert] = await alertsOf(DETECTIONS, stratus('aws.defense-evasion.cloudtrail-event-selectors'));
  expect(alert!.evidence).toEqual([
    'requestParameters.eventSelectors present',
    'no requestParameters.eventSelectors[*] has (includeManagementEvents absent or includeManagementEvents = "true")',
    'requestParameters.eventSelectors[0].readWriteType = ReadOnly',
  ]);
});

it('reports one burst per principal for the GetPasswordData brute force', async () => {
  const alerts = await alertsOf(DETECTIONS, stratus('aws.credential-access.ec2-get-password-data'));
  expect(alerts).toHaveLength(1);
  expect(alerts[0]!.evidence.join(' ')).toMatch(/10 denied calls from 2024-07-30T21:31:19Z .* last error Client\.UnauthorizedOperation .* ec2:GetPasswordData/);
});
