import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/core/scan-result.js';
import { runCli } from '../support/run-cli.js';

const INSECURE = 'examples/insecure-ml-stack';
const HARDENED = 'examples/hardened-ml-stack';

const notebookTemplate = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::123456789012:role/sm
`;

describe('ringfence scan', () => {
  it('exits 1 on the insecure example and reports findings as JSON', async () => {
    const run = await runCli('scan', INSECURE, '--format', 'json', '--quiet');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as ScanResult;
    expect(result.summary.findings.fail).toBeGreaterThan(10);
    expect(result.inputs.every((i) => i.status !== 'failed')).toBe(true);
  });

  it('exits 0 on the hardened example', async () => {
    const run = await runCli('scan', HARDENED, '--quiet');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('prints the table report by default, grouped by ring with file:line', async () => {
    const run = await runCli('scan', INSECURE, '--quiet', '--no-color');
    expect(run.stdout).toMatch(/network/);
    expect(run.stdout).toMatch(/ml-stack\.yaml:\d+:\d+/);
    expect(run.stdout).not.toMatch(/\x1b\[/);
  });

  it('exits 2 when an input cannot be read, and still reports the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-cli-'));
    writeFileSync(join(dir, 'good.yaml'), notebookTemplate);
    writeFileSync(join(dir, 'broken.yaml'), 'Resources:\n  A:\n    Type: [unclosed\n');
    const run = await runCli('scan', dir, '--format', 'json', '--quiet');
    expect(run.code).toBe(2);
    const result = JSON.parse(run.stdout) as ScanResult;
    const broken = result.inputs.find((i) => i.path.endsWith('broken.yaml'))!;
    expect(broken.status).toBe('failed');
    expect(broken.error?.line).toBeGreaterThan(0);
    expect(result.findings.some((f) => f.ruleId === 'sagemaker-notebook-direct-internet' && f.status === 'fail')).toBe(true);
  });

  it('--fail-on raises the threshold and none never fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-cli-'));
    writeFileSync(join(dir, 'nb.yaml'), notebookTemplate);
    expect((await runCli('scan', dir, '--quiet', '--rule', 'sagemaker-notebook-direct-internet')).code).toBe(1);
    expect((await runCli('scan', dir, '--quiet', '--fail-on', 'none')).code).toBe(0);
    expect((await runCli('scan', dir, '--quiet', '--rule', 'sagemaker-notebook-direct-internet', '--fail-on', 'critical')).code).toBe(0);
  });

  it('writes the report to -o and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-cli-'));
    const out = join(dir, 'reports', 'ringfence.sarif');
    const run = await runCli('scan', INSECURE, '--format', 'sarif', '-o', out, '--quiet');
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(true);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('rejects unknown rules and formats with exit code 2', async () => {
    const bad = await runCli('scan', INSECURE, '--rule', 'no-such-rule');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown rule "no-such-rule"/);
    const fmt = await runCli('scan', INSECURE, '--format', 'xml');
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toMatch(/format/);
  });

  it('--profile strict adds network isolation wherever SageMaker supports it', async () => {
    const ids = async (...extra: string[]) => {
      const run = await runCli('scan', INSECURE, '--format', 'json', '--quiet', ...extra);
      return new Set((JSON.parse(run.stdout) as ScanResult).findings.filter((f) => f.status === 'fail').map((f) => f.ruleId));
    };
    expect((await ids()).has('sagemaker-network-isolation-strict')).toBe(false);
    expect((await ids('--profile', 'strict')).has('sagemaker-network-isolation-strict')).toBe(true);
  });

  it('--param decides a value that is otherwise unknown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-cli-'));
    writeFileSync(
      join(dir, 'nb.yaml'),
      notebookTemplate.replace('Resources:', 'Parameters:\n  Access:\n    Type: String\nResources:') + '      DirectInternetAccess: !Ref Access\n',
    );
    const status = async (...extra: string[]) => {
      const run = await runCli('scan', dir, '--format', 'json', '--quiet', '--rule', 'sagemaker-notebook-direct-internet', ...extra);
      return (JSON.parse(run.stdout) as ScanResult).findings.map((f) => f.status);
    };
    expect(await status()).toEqual(['unknown']);
    expect(await status('--param', 'Access=Disabled')).toEqual(['pass']);
    expect(await status('--param', 'Access=Enabled')).toEqual(['fail']);
  });

  it('has help with examples', async () => {
    const run = await runCli('scan', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Examples:/);
    expect(run.stdout).toMatch(/--fail-on/);
  });
});

describe('ringfence rules and explain', () => {
  it('filters the catalog by ring', async () => {
    const run = await runCli('rules', '--ring', 'network', '--format', 'json');
    expect(run.code).toBe(0);
    const rules = JSON.parse(run.stdout) as { ring: string }[];
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.ring === 'network')).toBe(true);
  });

  it('explains a rule with rationale, fix and references', async () => {
    const run = await runCli('explain', 'sagemaker-notebook-direct-internet');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Why it matters/);
    expect(run.stdout).toMatch(/How to fix it/);
    expect(run.stdout).toMatch(/References/);
  });

  it.each([
    ['capture-extraction-precision', /values more precise than the data is ever recorded/],
    ['sagemaker-role-new-passer', /Why it matters/],
    ['poisoning-malformed-rows', /How to fix it/],
  ])('explains %s, a detector of another command, like a rule', async (id, text) => {
    const run = await runCli('explain', id);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(`${id} — `)).toBe(true);
    expect(run.stdout).toMatch(text);
  });

  it('suggests the ids that contain a partial one, detectors included', async () => {
    const run = await runCli('explain', 'capture-extraction-prec');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/did you mean capture-extraction-precision,/);
  });

  it('rejects an unknown rule id', async () => {
    const run = await runCli('explain', 'nope');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown rule "nope"/);
  });
});
