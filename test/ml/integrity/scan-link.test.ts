import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localVerifierFromFile } from '../../../src/ml/integrity/local-key.js';
import { readManifest } from '../../../src/ml/integrity/verify-manifest.js';
import { DATASET_MANIFEST_TYPE } from '../../../src/rules/data/training-job-inputs.js';
import { scan } from '../../../src/scan.js';
import { fixturePath } from './support/data.js';

// How scan learns which datasets were approved (--manifests, manifests among the scanned files,
// *.manifest.json beside a scanned template), and what it does with bad ones.

const SIGNED = fixturePath('fraud-v3.manifest.json');
const UNSIGNED = fixturePath('fraud-v3.unsigned.manifest.json');
const RULE_FIXTURES = fixturePath('../../rules/sagemaker-training-data-manifest/');

const pipeline = (uri: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Pipe:
    Type: AWS::SageMaker::Pipeline
    Properties:
      PipelineName: p
      RoleArn: arn:aws:iam::111122223333:role/pipeline
      PipelineDefinition:
        PipelineDefinitionBody: '{"Version":"2020-12-01","Steps":[{"Name":"Train","Type":"Training","Arguments":{"InputDataConfig":[{"ChannelName":"train","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"${uri}"}}}]}}]}'
`;

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rf-link-'));
  writeFileSync(join(dir, 'pipeline.yaml'), pipeline('s3://acme-approved-training/fraud/v3/train/'));
  return dir;
}

const RULE = 'sagemaker-training-data-manifest';
const statusOf = async (options: Parameters<typeof scan>[0]) => {
  const r = await scan({ rules: [RULE], ...options });
  return { r, statuses: r.findings.filter((f) => f.ruleId === RULE).map((f) => f.status) };
};

describe('approved manifests in a scan', () => {
  it('the fixture is a real signed manifest that verifies against the approver key', async () => {
    const { manifest, signature } = await readManifest(SIGNED, await localVerifierFromFile(fixturePath('approver.pub')));
    expect(signature.status).toBe('verified');
    expect(manifest.totals).toEqual({ objects: 3, bytes: 59129, rows: 1700 });
  });

  it('without a manifest the pipeline step fails; with --manifests it passes', async () => {
    const dir = folder();
    expect((await statusOf({ paths: [dir] })).statuses).toEqual(['fail']);
    const { r, statuses } = await statusOf({ paths: [dir], manifests: [SIGNED] });
    expect(statuses).toEqual(['pass']);
    expect(r.inputs.find((i) => i.path.endsWith('fraud-v3.manifest.json'))).toMatchObject({ kind: 'dataset-manifest', status: 'read', resources: 1 });
  });

  it('reads a manifest found among the scanned files instead of skipping it as "not a template"', async () => {
    const dir = folder();
    copyFileSync(SIGNED, join(dir, 'approved.json'));
    writeFileSync(join(dir, 'other.json'), '{"unrelated": true}');
    const { r, statuses } = await statusOf({ paths: [dir] });
    expect(statuses).toEqual(['pass']);
    const byName = Object.fromEntries(r.inputs.map((i) => [i.path.split('/').pop(), i]));
    expect(byName['approved.json']).toMatchObject({ kind: 'dataset-manifest', status: 'read' });
    expect(byName['other.json']).toMatchObject({ status: 'skipped' });
    expect(r.inputs).toHaveLength(3);
  });

  it('reads *.manifest.json beside a template file given on its own', async () => {
    const dir = folder();
    copyFileSync(SIGNED, join(dir, 'fraud.manifest.json'));
    expect((await statusOf({ paths: [join(dir, 'pipeline.yaml')] })).statuses).toEqual(['pass']);
  });

  it('reads the .json files of a --manifests folder, recursively, saying which are not manifests', async () => {
    const dir = folder();
    const approvals = join(dir, 'approvals');
    mkdirSync(join(approvals, '2026'), { recursive: true });
    copyFileSync(SIGNED, join(approvals, '2026', 'fraud.json'));
    writeFileSync(join(approvals, 'notes.json'), '{"owner": "data-team"}');
    const { r, statuses } = await statusOf({ paths: [join(dir, 'pipeline.yaml')], manifests: [approvals] });
    expect(statuses).toEqual(['pass']);
    expect(r.inputs.find((i) => i.path.endsWith('notes.json'))).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/not a ringfence dataset manifest/) });
  });

  it('does not approve with an unsigned manifest, and says so on its input', async () => {
    const { r, statuses } = await statusOf({ paths: [join(folder(), 'pipeline.yaml')], manifests: [UNSIGNED] });
    expect(statuses).toEqual(['fail']);
    expect(r.findings[0]!.message).toMatch(/covered only by the unsigned manifest/);
    expect(r.inputs.find((i) => i.path.endsWith('unsigned.manifest.json'))!.warnings).toEqual([{ message: 'the manifest is not signed; it approves nothing' }]);
  });

  it('fails the input of a manifest edited after signing, which then approves nothing', async () => {
    const dir = folder();
    const edited = join(dir, 'fraud.manifest.json');
    writeFileSync(edited, readFileSync(SIGNED, 'utf8').replace('"rows":150', '"rows":149').replace('"rows": 1700', '"rows": 1699'));
    const { r, statuses } = await statusOf({ paths: [dir] });
    expect(statuses).toEqual(['fail']);
    expect(r.inputs.find((i) => i.path.endsWith('fraud.manifest.json'))).toMatchObject({
      status: 'failed',
      error: { message: expect.stringMatching(/^signature does not verify: the manifest was changed after it was signed/) },
    });
  });

  it('fails a truncated manifest with its position', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'fraud.manifest.json'), readFileSync(SIGNED, 'utf8').slice(0, 400));
    const { r } = await statusOf({ paths: [dir] });
    expect(r.inputs.find((i) => i.path.endsWith('fraud.manifest.json'))).toMatchObject({
      status: 'failed',
      error: { message: expect.stringMatching(/^manifest is truncated/), line: expect.any(Number), column: expect.any(Number) },
    });
  });

  it('skips a manifest of local files, which approves no S3 input', async () => {
    const dir = folder();
    const local = JSON.parse(readFileSync(UNSIGNED, 'utf8')) as Record<string, unknown>;
    local['source'] = { kind: 'local', path: 'data/fraud' };
    writeFileSync(join(dir, 'local.manifest.json'), JSON.stringify(local));
    const { r } = await statusOf({ paths: [dir] });
    expect(r.inputs.find((i) => i.path.endsWith('local.manifest.json'))).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/describes local files \(data\/fraud\)/) });
  });

  it('fails a --manifests path that does not exist', async () => {
    const { r } = await statusOf({ paths: [folder()], manifests: ['no/such/approvals'] });
    expect(r.inputs.find((i) => i.path === 'no/such/approvals')).toMatchObject({ status: 'failed', error: { message: 'no such file or directory' } });
  });

  it('puts each approved manifest in the inventory as a resource located at its file', async () => {
    const r = await scan({ paths: [join(RULE_FIXTURES, 'pass.yaml')], rules: [RULE] });
    expect(r.summary.resources).toBe(6);
    expect(r.findings.every((f) => f.status === 'pass')).toBe(true);
    expect(DATASET_MANIFEST_TYPE).toBe('Ringfence::Dataset::Manifest');
  });
});
