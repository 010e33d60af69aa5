// Section 5 of the scanner issue, end to end: every kind of bad input in one scan. Each fails
// alone with its file and position, the exit code is 2, and the good file beside them is still
// fully reported.
import { copyFileSync, mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord, ScanResult } from '../../src/core/scan-result.js';
import { runCli } from '../support/run-cli.js';

const good = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::123456789012:role/sm
`;

let dir: string;
let result: ScanResult;
let code: number;
const input = (name: string): InputRecord => {
  const found = result.inputs.find((i) => i.path.endsWith(name));
  if (!found) throw new Error(`no input record for ${name}`);
  return found;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rf-bad-'));
  writeFileSync(join(dir, 'good.yaml'), good);
  copyFileSync('test/fixtures/cloudformation/malformed.yaml', join(dir, 'malformed.yaml'));
  copyFileSync('test/fixtures/cloudformation/malformed.json', join(dir, 'malformed.json'));
  copyFileSync('test/fixtures/cloudformation/alias-bomb.yaml', join(dir, 'alias-bomb.yaml'));
  writeFileSync(join(dir, 'unknown-type.yaml'), 'Resources:\n  Nb:\n    Type: AWS::SageMaker::NoteBookInstance\n    Properties: {}\n');
  writeFileSync(join(dir, 'dangling.yaml'), 'Resources:\n  Nb:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RoleArn: !GetAtt MissingRole.Arn\n      InstanceType: ml.t3.medium\n');
  writeFileSync(join(dir, 'deep.json'), '{"Resources": ' + '['.repeat(10_000) + ']'.repeat(10_000) + '}');
  // Compact block sequences: `- - - x` nests one level per dash on a single line.
  writeFileSync(join(dir, 'deep.yaml'), 'Resources:\n  A:\n    ' + '- '.repeat(10_000) + 'x\n');
  writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x52, 0x65, 0x73, 0x0a, 0x00, 0x01, 0xff, 0xfe]));
  // 100 MB, sparse: costs no disk and must be refused by its size, not read.
  const fd = openSync(join(dir, 'huge.yaml'), 'w');
  ftruncateSync(fd, 100 * 1024 * 1024);
  closeSync(fd);
  mkdirSync(join(dir, 'tf'));
  writeFileSync(join(dir, 'tf', 'broken.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n  tags = {\n');
  writeFileSync(join(dir, 'tf', 'notebook.tf'), 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n  instance_type = "ml.t3.medium"\n  role_arn = "arn:aws:iam::123456789012:role/sm"\n}\n');
  const run = await runCli('scan', dir, '--format', 'json', '--quiet', '--rule', 'sagemaker-notebook-direct-internet');
  code = run.code;
  result = JSON.parse(run.stdout) as ScanResult;
}, 60_000);

describe('a scan over every kind of bad input', () => {
  it('exits 2', () => {
    expect(code).toBe(2);
  });

  it.each([
    ['malformed.yaml', /./],
    ['malformed.json', /./],
    ['alias-bomb.yaml', /alias/i],
    ['unknown-type.yaml', /unknown resource type AWS::SageMaker::NoteBookInstance/],
    ['dangling.yaml', /MissingRole/],
    ['deep.json', /nest|deep/i],
    ['deep.yaml', /nest|deep/i],
    ['binary.yaml', /binary/i],
    ['tf/broken.tf', /./],
  ])('%s fails with a message and a line:column', (name, message) => {
    const rec = input(name);
    expect(rec.status).toBe('failed');
    expect(rec.error?.message).toMatch(message);
    expect(rec.error?.file).toContain(name);
    expect(rec.error?.line).toBeGreaterThan(0);
    expect(rec.error?.column).toBeGreaterThan(0);
  });

  it('refuses the 100 MB file by its size', () => {
    const rec = input('huge.yaml');
    expect(rec.status).toBe('failed');
    expect(rec.error?.message).toMatch(/100\.0 MB, over the/);
  });

  it('still reports the good files in full', () => {
    expect(input('good.yaml').status).toBe('read');
    expect(input('tf/notebook.tf').status).toBe('read');
    const fails = result.findings.filter((f) => f.status === 'fail').map((f) => f.resource.id).sort();
    expect(fails).toEqual(expect.arrayContaining(['Notebook', 'aws_sagemaker_notebook_instance.nb']));
  });

  it('still judges what loaded from a template CloudFormation would reject', () => {
    expect(result.findings.some((f) => f.location?.file.endsWith('dangling.yaml') && f.status === 'fail')).toBe(true);
  });

  it('accounts for every file', () => {
    expect(result.inputs).toHaveLength(12);
  });
});
