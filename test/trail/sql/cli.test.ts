import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrail } from '../../cli/trail/support.js';
import { DETECT_FIXTURES, DUCKDB, SQL_TRAIL, STRATUS, tempDir } from './support.js';

// `ringfence trail sql`, run in-process through the trail command group.

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('printing SQL', () => {
  it('prints every detection for Athena by default, each with its header and notes', async () => {
    const r = await runTrail('sql');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^-- ringfence: detection /gm)).toHaveLength(23);
    expect(r.stdout).toContain('-- ringfence: detection access-denied-burst (one row per alert), Athena (Trino)');
    expect(r.stdout).toContain('-- note: Athena has no delivery order');
    expect(r.stdout).toContain('MATCH_RECOGNIZE');
  });

  it('prints chosen detections for DuckDB on a named table, with parameters', async () => {
    const r = await runTrail('sql', '--dialect', 'duckdb', '--detection', 'access-denied-burst', '--set', 'access-denied-burst.threshold=20', '--table', 'trail');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^-- ringfence: detection /gm)).toHaveLength(1);
    expect(r.stdout).toContain('FROM trail');
    expect(r.stdout).toContain('19 PRECEDING');
    expect(r.stdout.trimEnd().endsWith(';')).toBe(true);
    const partitions = await runTrail('sql', '--detection', 'kms-key-disabled-or-deleted', '--where', "year = '2024'");
    expect(partitions.stdout).toContain("WHERE (year = '2024') AND (eventsource IN ('kms.amazonaws.com')");
  });

  it('prints a pattern, or the compiled queries as JSON', async () => {
    const r = await runTrail('sql', '--pattern', '{ $.userIdentity.type = Root }', '-f', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ id: 'pattern', exact: true, sql: expect.stringContaining("useridentity.type = 'Root'") })]);
  });

  it('prints the Athena table and the DuckDB view', async () => {
    const athena = await runTrail('sql', '--ddl', '--location', 's3://acme-trail/AWSLogs/111122223333/CloudTrail/', '--projection', 'eu-west-1', '--since', '2024/08/01');
    expect(athena.code).toBe(0);
    expect(athena.stdout).toContain('CREATE EXTERNAL TABLE cloudtrail_logs (');
    expect(athena.stdout).toContain("'projection.timestamp.range' = '2024/08/01,NOW'");
    const duck = await runTrail('sql', '--ddl', '--dialect', 'duckdb');
    expect(duck.stdout).toContain('CREATE OR REPLACE VIEW cloudtrail_logs AS');
  });

  it('writes to -o', async () => {
    const out = join(dir, 'out', 'detections.sql');
    const r = await runTrail('sql', '--detection', 'kms-key-disabled-or-deleted', '-o', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain("eventname IN ('DisableKey', 'ScheduleKeyDeletion')");
  });

  it('refuses what SQL cannot express and wrong combinations, with exit code 2', async () => {
    const terms = await runTrail('sql', '--pattern', 'ERROR');
    expect(terms).toMatchObject({ code: 2, stdout: '' });
    expect(terms.stderr).toMatch(/cannot write this as SQL: term patterns .* --dialect duckdb/);
    const invalid = await runTrail('sql', '--pattern', '{ $.a = ');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/invalid filter pattern at 1:\d+/);
    expect((await runTrail('sql', '--detection', 'nope')).stderr).toMatch(/unknown detection "nope"/);
    expect((await runTrail('sql', '--detection', 'kms-key-disabled-or-deleted', '--pattern', '{ $.a = b }')).stderr).toMatch(/not both/);
    expect((await runTrail('sql', '--dialect', 'athena', '--run', STRATUS)).stderr).toMatch(/--run executes SQL with DuckDB/);
    expect((await runTrail('sql', '-f', 'sarif')).stderr).toMatch(/-f sarif does not apply here: printing SQL takes sql, json/);
    expect((await runTrail('sql', '--dialect', 'mysql')).code).toBe(2);
  });
});

describe.skipIf(!DUCKDB)('running with DuckDB', () => {
  it('reports the detections as findings, like trail scan', async () => {
    const r = await runTrail('sql', '--run', STRATUS, DETECT_FIXTURES, '-f', 'json', '-q');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { findings: { ruleId: string; location: { file: string } }[]; inputs: { status: string }[]; summary: { resources: number } };
    expect(result.summary.resources).toBe(331);
    expect(new Set(result.findings.map((f) => f.ruleId))).toContain('cloudtrail-logging-stopped');
    expect(result.inputs.filter((i) => i.status === 'skipped')).toHaveLength(1);
    expect(r.stderr).toBe('');
  });

  it('prints the records a pattern matches', async () => {
    const r = await runTrail('sql', '--run', SQL_TRAIL, '--pattern', '{ $.eventName = PutBucketAcl && $.requestParameters.bucketName = acme-* }', '-f', 'jsonl');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { eventName: string });
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.eventName === 'PutBucketAcl')).toBe(true);
    expect(r.stderr).toMatch(/4 of \d+ records matched; 24 files read/);
    const table = await runTrail('sql', '--run', SQL_TRAIL, '--pattern', '{ $.eventName = DeleteBucketPolicy }', '-q');
    expect(table.stdout).toMatch(/^TIME +EVENT +PRINCIPAL +ERROR +WHERE\n2024-09-04T08:19:00Z +DeleteBucketPolicy +arn:aws:iam::111122223333:user\/mallory/);
  });

  it('exits 2 when a file cannot be read, and reports the rest', async () => {
    const r = await runTrail('sql', '--run', STRATUS, join(dir, 'missing.json'), '--fail-on', 'none', '-f', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing\.json: no such file or directory/);
    expect((JSON.parse(r.stdout) as { summary: { resources: number } }).summary.resources).toBe(310);
  });
});
