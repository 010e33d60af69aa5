import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe as group, expect, it, vi } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { collectSetting, defineTrailScan } from '../../../src/cli/trail/scan.js';
import { DETECTIONS } from '../../../src/trail/detect/index.js';
import { FIXTURES } from './support.js';

const GZ = join(FIXTURES, 'AWSLogs', '111122223333', 'CloudTrail', 'eu-west-1', '2024', '08', '01', '111122223333_CloudTrail_eu-west-1_20240801T1200Z_stratusSample.json.gz');
const SAGEMAKER = join(FIXTURES, 'sagemaker-intrusion.json');

/** Runs `ringfence trail scan ...` through a program holding only this command, output captured. */
async function trailScan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let code = 0;
  const program = new Command('ringfence').exitOverride().option('--no-color');
  const trail = program.command('trail').exitOverride();
  defineTrailScan(trail, (c) => (code = c));
  for (const c of trail.commands) c.exitOverride();
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string, ...rest: unknown[]) => {
    stdout += chunk;
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  }) as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string) => {
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write);
  try {
    await program.parseAsync(['trail', 'scan', ...args], { from: 'user' });
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { code, stdout, stderr };
}

group('ringfence trail scan', () => {
  it('scans a gzipped S3 log file and a JSON array, reporting findings as a table with file:line', async () => {
    const r = await trailScan(SAGEMAKER, GZ, '--no-color');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('cloudtrail-logging-stopped');
    expect(r.stdout).toContain('console-login-without-mfa');
    expect(r.stdout).toContain('sagemaker-lifecycle-script-suspicious');
    expect(r.stdout).toMatch(/sagemaker-intrusion\.json:\d+:1/);
    expect(r.stderr).toBe('');
  });

  it('writes JSON with the inputs accounting, and honours --detection and --fail-on', async () => {
    const r = await trailScan(GZ, '-f', 'json', '--detection', 'cloudtrail-logging-stopped,iam-admin-granted', '--fail-on', 'critical');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.profile).toBe('trail');
    expect(result.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(['cloudtrail-logging-stopped', 'iam-admin-granted']);
    expect(result.inputs).toEqual([expect.objectContaining({ status: 'read', records: 6 })]);
    expect(result.summary).toMatchObject({ resources: 6, rules: 2 });
  });

  it('exits 2 for a truncated log and still reports the records before the cut and the other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringfence-trail-'));
    const whole = gzipSync(readFileSync(SAGEMAKER));
    const cut = join(dir, 'cut.json.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const r = await trailScan(GZ, cut, '-f', 'json', '--baseline-days', '0');
    expect(r.code).toBe(2);
    const result = JSON.parse(r.stdout);
    expect(result.inputs.map((i: { status: string }) => i.status)).toEqual(['read', 'failed']);
    expect(result.findings.some((f: { ruleId: string }) => f.ruleId === 'cloudtrail-logging-stopped')).toBe(true);
    expect(r.stderr).toMatch(/ringfence: error: .*cut\.json\.gz.*truncated/);
  });

  it('takes training buckets and parameter overrides', async () => {
    const r = await trailScan(GZ, '-f', 'json', '--bucket', 'acme-ml-training-data', '--set', 'access-denied-burst.threshold=1', '--set', 's3-training-data-bulk-read.windowMinutes=5');
    expect(r.code).toBe(1);
  });

  it('rejects unknown detections, parameters and missing files as usage errors', async () => {
    await expect(trailScan(GZ, '--detection', 'no-such')).rejects.toThrow(UsageError);
    await expect(trailScan(GZ, '--set', 'access-denied-burst.nope=1')).rejects.toThrow(/has no parameter "nope"/);
    await expect(trailScan()).rejects.toThrow(/no CloudTrail files given/);
    expect(() => collectSetting('threshold=3')).toThrow(/expected DETECTION.PARAMETER=VALUE/);
    await expect(trailScan(GZ, '--baseline-days', '-1')).rejects.toThrow();
  });

  it('lists the detections with their parameters, as a table or JSON', async () => {
    const table = await trailScan('--list');
    expect(table.code).toBe(0);
    for (const d of DETECTIONS) expect(table.stdout).toContain(d.id);
    expect(table.stdout).toContain('--set access-denied-burst.threshold=10');
    const json = JSON.parse((await trailScan('--list', '-f', 'json')).stdout);
    expect(json.detections).toHaveLength(DETECTIONS.length);
    expect(json.checks['policy-public']).toMatch(/Principal/);
  });
});
