import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runIam } from '../escalation/cli-support.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const ROLE = 'arn:aws:iam::111122223333:role/ml-pipeline';

describe('ringfence iam generate', () => {
  it('prints the policy, and the notes and the proof on stderr', async () => {
    const r = await runIam('generate', '--from-trail', fixture('iam/generate/ml-pipeline-role.json'), '--role', ROLE);
    expect(r.code).toBe(0);
    const policy = JSON.parse(r.stdout) as { Version: string; Statement: { Sid: string }[] };
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement.map((s) => s.Sid)).toContain('PassRoleToSagemaker');
    expect(r.stderr).toContain('note: no resource-level permissions, so Resource "*": ecr:GetAuthorizationToken');
    expect(r.stderr).toContain('19 of 21 records are calls of the role; 17 granted in 12 statements');
    expect(r.stderr).toMatch(/proven: the evaluator allows all \d+ observed requests under this policy/);
  });

  it('writes the policy, or the full report, to -o', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringfence-generate-'));
    const out = join(dir, 'sub', 'policy.json');
    const r = await runIam('generate', '--from-trail', fixture('iam/generate/ml-pipeline-role.json'), '--role', ROLE, '-o', out, '--format', 'json', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8')) as { policy: { Statement: unknown[] }; proof: { failures: unknown[] }; notes: string[]; callCount: number };
    expect(report.callCount).toBe(17);
    expect(report.proof.failures).toEqual([]);
    expect(report.notes.length).toBeGreaterThan(0);
  });

  it('reads several inputs, accounts for a bad one, and exits 2 while still writing the policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringfence-generate-'));
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{"Records": [ {"eventTime": "x", "eventSource": ');
    const r = await runIam('generate', '--from-trail', `${fixture('iam/generate/ml-pipeline-role.json')},${bad}`, '--role', ROLE);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).Statement.length).toBe(12);
    expect(r.stderr).toMatch(/ringfence: error: .*broken\.json/);
  });

  it('takes several trail paths after --from-trail', async () => {
    const r = await runIam('generate', '--from-trail', fixture('iam/generate/ml-pipeline-role.json'), fixture('trail/detect/sagemaker-intrusion.json'), '--role', ROLE, '-q');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Statement.length).toBe(12);
  });

  it('exits 2 when the role made no call, or is not a role ARN', async () => {
    const none = await runIam('generate', '--from-trail', fixture('iam/generate/ml-pipeline-role.json'), '--role', 'arn:aws:iam::111122223333:role/nobody');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('ringfence: error: no call of arn:aws:iam::111122223333:role/nobody in 21 records');
    expect(none.stdout).toBe('');
    const bad = await runIam('generate', '--from-trail', fixture('iam/generate/ml-pipeline-role.json'), '--role', 'ml-pipeline');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not an IAM role ARN');
  });

  it('needs --from-trail and --role', async () => {
    expect((await runIam('generate', '--role', ROLE)).code).toBe(2);
    expect((await runIam('generate', '--from-trail', fixture('iam/generate/ml-pipeline-role.json'))).code).toBe(2);
  });
});
