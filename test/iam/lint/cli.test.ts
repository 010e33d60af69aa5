import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

const F = 'test/fixtures/iam/lint/';

describe('ringfence iam lint', () => {
  it('prints each finding with line:column, severity, check, JSON path and the Access Analyzer check', async () => {
    const r = await runCli('iam', 'lint', `${F}mistakes.json`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('test/fixtures/iam/lint/mistakes.json');
    expect(r.stdout).toMatch(/7:45 +error +unknown-action {2}Statement\[0\]\.Action\[2\]\n +s3:GetObjekt names no action of s3 {2}\[Access Analyzer: Invalid action\]/);
    expect(r.stdout).toMatch(/1 file\(s\), 11 finding\(s\): 6 error, 1 security, 2 warning, 2 suggestion/);
  });

  it('lints trust policies with --type trust, and passes a good one', async () => {
    const bad = await runCli('iam', 'lint', `${F}trust-no-source.json`, '--type', 'trust');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('trust-without-confused-deputy-condition');
    const good = await runCli('iam', 'lint', `${F}trust-with-source.json`, '--type', 'trust');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('no findings');
  });

  it('respects --fail-on and writes JSON', async () => {
    expect((await runCli('iam', 'lint', `${F}trust-no-source.json`, '--type', 'trust', '--fail-on', 'security')).code).toBe(0);
    const r = await runCli('iam', 'lint', `${F}mistakes.json`, '-f', 'json', '--fail-on', 'none');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { type: string; files: { source: string; findings: { check: string; line: number; column: number; accessAnalyzer?: string }[] }[]; summary: Record<string, number> };
    expect(out.type).toBe('identity');
    expect(out.summary).toMatchObject({ files: 1, findings: 11, error: 6 });
    expect(out.files[0]!.findings[0]).toMatchObject({ check: 'redundant-action', line: 7, column: 18, accessAnalyzer: 'Redundant action' });
  });

  it('exits 2 on malformed JSON and missing files, naming the position, and still reports the others', async () => {
    const r = await runCli('iam', 'lint', `${F}broken.json`, `${F}nope.json`, `${F}trust-with-source.json`, '--type', 'trust');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`ringfence: error: ${F}broken.json:8:5: malformed JSON`);
    expect(r.stderr).toContain(`ringfence: error: ${F}nope.json: no such file`);
    expect(r.stdout).toContain(`${F}trust-with-source.json\n  no findings`);
  });

  it('rejects an unknown --type', async () => {
    const r = await runCli('iam', 'lint', `${F}mistakes.json`, '--type', 'bucket');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--type/);
  });
});
