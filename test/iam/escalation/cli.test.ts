import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runIam } from './cli-support.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/iam/escalation/${p}`, import.meta.url));
const example = (p: string) => fileURLToPath(new URL(`../../../examples/${p}`, import.meta.url));

describe('ringfence iam escalations', () => {
  it('prints each path step by step and exits 1', async () => {
    const r = await runIam('escalations', fixture('ml-team.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ADMIN     user/alice → role/ml-admin  1 step');
    expect(r.stdout).toContain('1. user/alice: create a SageMaker notebook instance that runs as the role, and open it  [pathfinding sagemaker-001]');
    expect(r.stdout).toContain('iam:PassRole on role/ml-admin (iam:PassedToService=sagemaker.amazonaws.com)');
    expect(r.stdout).toContain('sagemaker.amazonaws.com sts:AssumeRole on role/ml-admin');
    expect(r.stdout).toContain("→ role/ml-admin: a Jupyter terminal with the role's credentials");
    expect(r.stdout).toContain('ADMIN     user/bob → role/ml-admin  2 steps');
    expect(r.stdout).toMatch(/\d+ escalation paths \(\d+ to admin-equivalent\) from 10 principals; \d+ requests evaluated\n$/);
    // erin's explicit deny keeps her away from ml-admin.
    expect(r.stdout).not.toContain('user/erin → role/ml-admin');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('writes JSON for machines and starts from --from only', async () => {
    const r = await runIam('escalations', fixture('ml-team.json'), '--from', 'user/carol,frank', '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { sources: number; paths: { source: { label: string }; target: { label: string }; steps: { technique: string }[] }[]; inputs: { status: string }[] };
    expect(report.sources).toBe(2);
    expect(report.inputs).toEqual([expect.objectContaining({ kind: 'iam-world', status: 'read' })]);
    expect(report.paths.map((p) => `${p.source.label} → ${p.target.label} ${p.steps.map((s) => s.technique).join(',')}`).sort()).toEqual([
      'user/carol → role/ml-admin sagemaker-notebook-presigned-url',
      'user/frank → role/ml-admin sagemaker-studio-presigned-domain-url',
      'user/frank → role/studio-default sagemaker-studio-presigned-domain-url',
    ]);
  });

  it('reads infrastructure code and points at where the principal is written', async () => {
    const r = await runIam('escalations', fixture('ml-team-stack.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('role/data-scientist → role/ml-platform-admin');
    expect(r.stdout).toMatch(/ml-team-stack\.yaml:19:3/);
  });

  it('exits 0 when no path exists', async () => {
    const r = await runIam('escalations', example('hardened-ml-stack/cloudformation'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No escalation path from \d+ principals?/m);
  });

  it('exits 2 for an unreadable input, naming file, line and JSON path, and still reports the rest', async () => {
    const r = await runIam('escalations', fixture('bad-world.json'), fixture('ml-team.json'), fixture('missing.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-world\.json:12:\d+: principals\[1\]\.policies\[0\]\.policy\.Statement\[0\]\.Condition\.StringEqualz: unknown condition operator/);
    expect(r.stderr).toContain('missing.json');
    expect(r.stdout).toContain('user/alice → role/ml-admin');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('exits 2 for a --from principal the world does not have', async () => {
    const r = await runIam('escalations', fixture('ml-team.json'), '--from', 'nobody');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from nobody: no such principal');
  });

  it('rejects a bad --max-hops', async () => {
    const r = await runIam('escalations', fixture('ml-team.json'), '--max-hops', 'zero');
    expect(r.code).toBe(2);
  });
});
