// The command groups as a user reaches them: through `ringfence <group> <command>`.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/core/scan-result.js';
import { runCli } from '../support/run-cli.js';

describe('ringfence trail', () => {
  it('scan finds the SageMaker intrusion and exits 1', async () => {
    const run = await runCli('trail', 'scan', 'test/fixtures/trail/detect/sagemaker-intrusion.json', '--format', 'json', '--quiet', '--baseline-days', '0');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as ScanResult;
    expect(result.summary.units).toEqual({ resources: 'record', rules: 'detection' });
    expect(result.findings.some((f) => f.ruleId === 'sagemaker-lifecycle-script-suspicious')).toBe(true);
  });

  it('test-pattern rejects an invalid pattern with its position', async () => {
    const run = await runCli('trail', 'test-pattern', '{ $.eventName = ', 'test/fixtures/trail/detect/sagemaker-intrusion.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/1:\d+|position|column/);
  });
});

describe('ringfence iam', () => {
  it('simulate answers with the conditions under which access is granted', async () => {
    const run = await runCli('iam', 'simulate', 'test/fixtures/iam/cases/training-data-no-vpce.json', '--unknown', 'aws:SourceVpce', '--format', 'json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { decision: string; conditionsText?: string };
    expect(out.decision).toBe('Allowed');
    expect(out.conditionsText).toMatch(/aws:SourceVpce/);
  });

  it('simulate names the JSON path of a bad case and exits 2', async () => {
    const run = await runCli('iam', 'simulate', 'test/fixtures/iam/cases/unknown-operator.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown-operator\.json/);
  });
});

describe('ringfence capture', () => {
  it('baseline writes Model Monitor statistics and constraints', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rf-capture-'));
    const run = await runCli('capture', 'baseline', '../shared/data/datasets/iris.csv', '-o', out, '--quiet');
    expect(run.code).toBe(0);
    const stats = JSON.parse(readFileSync(join(out, 'statistics.json'), 'utf8')) as { features: { name: string }[] };
    const constraints = JSON.parse(readFileSync(join(out, 'constraints.json'), 'utf8')) as { features: unknown[]; monitoring_config?: unknown };
    expect(stats.features.length).toBe(5);
    expect(constraints.monitoring_config).toBeDefined();
  });
});
