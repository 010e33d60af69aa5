import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrail } from './support.js';

const STRATUS = fileURLToPath(new URL('../../fixtures/trail/stratus/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ringfence-filter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ringfence trail filter', () => {
  it('prints the matching records as a table, with where each came from', async () => {
    const r = await runTrail('filter', '{ $.eventSource = cloudtrail.amazonaws.com }', STRATUS);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+SOURCE\s+EVENT\s+PRINCIPAL\s+SOURCE IP\s+ERROR\s+WHERE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[2]).sort()).toEqual(['DeleteTrail', 'StopLogging']);
    expect(r.stdout).toContain('user/christophe');
    expect(r.stdout).toMatch(/aws\.defense-evasion\.cloudtrail-stop\.json:2/);
    expect(r.stderr).toMatch(/2 of 7 records matched; 5 files read/);
  });

  it('writes {"Records":[…]} that reads back as a trail, and JSON Lines', async () => {
    const out = join(dir, 'out', 'matched.json');
    const r = await runTrail('filter', '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }', STRATUS, '-f', 'json', '-o', out, '-q');
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const written = JSON.parse(readFileSync(out, 'utf8')) as { Records: { eventName: string }[] };
    expect(written.Records.map((x) => x.eventName)).toEqual(['ConsoleLogin']);
    const again = await runTrail('filter', 'ConsoleLogin', out, '-f', 'jsonl');
    expect(again.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { eventName: string }).eventName)).toEqual(['ConsoleLogin']);
  });

  it('stops after --limit matches', async () => {
    const r = await runTrail('filter', '""', STRATUS, '-f', 'jsonl', '--limit', '3', '-q');
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('rejects an invalid pattern with its position and a caret, exit 2', async () => {
    const r = await runTrail('filter', '{ $.errorCode = "AccessDenied*" && }', STRATUS);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid filter pattern at 1:36: expected a selector such as $.eventName');
    expect(r.stderr).toContain(`  { $.errorCode = "AccessDenied*" && }\n  ${' '.repeat(35)}^`);
    expect(r.stdout).toBe('');
  });

  it('warns about a pattern whose grouping is probably not what was meant', async () => {
    const r = await runTrail('filter', '{ $.a = 1 || $.b = 2 && $.c = 3 }', STRATUS, '-f', 'jsonl');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: pattern character 3: \|\| and && are mixed without parentheses/);
  });

  it('filters the other files when one cannot be read, and exits 2', async () => {
    const gz = gzipSync(readFileSync(join(STRATUS, 'aws.defense-evasion.cloudtrail-stop.json')));
    writeFileSync(join(dir, 'cut.json.gz'), gz.subarray(0, 40));
    const r = await runTrail('filter', 'StopLogging', join(dir, 'cut.json.gz'), join(STRATUS, 'aws.defense-evasion.cloudtrail-stop.json'), '-f', 'jsonl');
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/error: .*cut\.json\.gz:1:1: the gzip data ends early: the file is truncated/);
    expect(r.stderr).toMatch(/1 of 1 records matched; 1 file read, 1 failed/);
  });

  it('has help with examples', async () => {
    const r = await runTrail('filter', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('ringfence trail filter');
  });
});
