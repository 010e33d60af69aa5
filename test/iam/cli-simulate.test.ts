import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// The `iam` group is registered in main.ts by the lead; until then it is exercised on its own program.
const run = (...argv: string[]) => runCli(...argv);

const CASES = 'test/fixtures/iam/cases';

describe('ringfence iam simulate', () => {
  it('prints the decision, the deciding statements and how each policy type contributed', async () => {
    const r = await run('iam', 'simulate', `${CASES}/training-data-vpce.json`);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^decision\s+Allowed$/m);
    expect(r.stdout).toMatch(/deciding\s+scp\s+r-a1b2\/FullAWSAccess statement 0\s+Allow/);
    expect(r.stdout).toMatch(/identity\s+DataScientistAccess statement 0 \(ReadTrainingData\)\s+Allow/);
    expect(r.stdout).toMatch(/identity: allowed by DataScientistAccess#0/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('exits 0 on a denial too (the decision is data), naming what blocked it', async () => {
    const r = await run('iam', 'simulate', `${CASES}/training-data-other-vpce.json`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^decision\s+ExplicitlyDenied$/m);
    expect(r.stdout).toMatch(/^blocked by\s+resource$/m);
    expect(r.stdout).toMatch(/resource\s+resourcePolicy statement 0 \(DenyOutsideVpce\)\s+Deny/);
  });

  it('--format json gives the result object', async () => {
    const r = await run('iam', 'simulate', `${CASES}/training-data-other-vpce.json`, '--format', 'json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ decision: 'ExplicitlyDenied', blockedBy: 'resource', crossAccount: false });
    expect(result.decidingStatements).toEqual([{ policyType: 'resource', policyId: 'resourcePolicy', statementIndex: 0, sid: 'DenyOutsideVpce', effect: 'Deny' }]);
  });

  it('--unknown reports the conditions under which access is granted', async () => {
    const r = await run('iam', 'simulate', `${CASES}/training-data-no-vpce.json`, '--unknown', 'aws:SourceVpce', '-f', 'json');
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'Allowed', conditionsText: 'aws:SourceVpce StringEquals vpce-0abc' });
    const table = await run('iam', 'simulate', `${CASES}/training-data-no-vpce.json`, '--unknown', 'aws:SourceVpce');
    expect(table.stdout).toMatch(/^only when\s+aws:SourceVpce StringEquals vpce-0abc$/m);
  });

  it('writes to -o', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ringfence-iam-')), 'sub', 'decision.json');
    const r = await run('iam', 'simulate', `${CASES}/training-data-vpce.json`, '-f', 'json', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).decision).toBe('Allowed');
  });

  it('exits 2 on malformed JSON, naming file, line and column', async () => {
    const r = await run('iam', 'simulate', `${CASES}/malformed.json`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ringfence: error: ${CASES}/malformed.json:4:92: malformed JSON: expected ',' or '}' after a property value, found '"'\n`);
  });

  it('exits 2 on an unknown condition operator, naming the JSON path', async () => {
    const r = await run('iam', 'simulate', `${CASES}/unknown-operator.json`);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ringfence: error: ${CASES}/unknown-operator.json:9:79: identityPolicies[1].Statement[1].Condition.StringEqualz: unknown condition operator "StringEqualz"\n`);
  });

  it('exits 2 on a missing file, and on a usage error', async () => {
    expect(await run('iam', 'simulate', `${CASES}/nope.json`)).toMatchObject({ code: 2, stderr: `ringfence: error: ${CASES}/nope.json: no such file\n` });
    expect((await run('iam', 'simulate')).code).toBe(2);
    expect((await run('iam', 'simulate', `${CASES}/training-data-vpce.json`, '-f', 'sarif')).code).toBe(2);
  });

  it('has help with examples and the exit codes', async () => {
    const r = await run('iam', 'simulate', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\$ ringfence iam simulate case\.json/);
    expect(r.stdout).toMatch(/Exit codes: 0 the request was evaluated/);
  });
});
