import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTOR_CHOICES, parseBytes } from '../../../src/cli/data/audit.js';
import type { AuditResult } from '../../../src/ml/poisoning/audit.js';
import { DETECTOR_NAMES } from '../../../src/ml/poisoning/catalog.js';
import { FIXTURES } from './support.js';
import { runCli } from '../../support/run-cli.js';

// The `data` command group in-process through main(), output captured.
const runData = (...argv: string[]) => runCli(...argv);

const IRIS = join(FIXTURES, 'iris.csv');

describe('ringfence data audit', () => {
  it('prints the scan result with the audit section as JSON, and exits 1 on findings', async () => {
    const run = await runData('data', 'audit', IRIS, '--label', 'label', '-f', 'json', '--quiet');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as AuditResult;
    expect(result.audit.rows).toEqual({ read: 150, audited: 150, rejected: 0, unlabelled: 0 });
    expect(result.audit.detectors.map((d) => d.name)).toEqual(DETECTOR_NAMES);
    const dup = result.audit.detectors.find((d) => d.name === 'duplicates')!;
    expect(dup.flagged.map((f) => [f.row, f.line, f.score])).toEqual([[143, 144, 0.9]]);
    expect(dup.scores).toBeUndefined();
  });

  it('--scores all adds every row, --fail-on none exits 0, -o writes a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rf-audit-')), 'report', 'audit.json');
    const run = await runData('data', 'audit', IRIS, '--label', 'label', '-f', 'json', '--scores', 'all', '--fail-on', 'none', '--detectors', 'duplicates', '-o', out, '-q');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const result = JSON.parse(readFileSync(out, 'utf8')) as AuditResult;
    expect(result.audit.detectors[0]!.scores).toHaveLength(150);
  });

  it('the table names malformed rows by file:line and ends with what was audited', async () => {
    const run = await runData('data', 'audit', join(FIXTURES, 'bad-rows.csv'), '--label', 'label', '--no-color', '-q');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('poisoning-malformed-rows');
    expect(run.stdout).toMatch(/bad-rows\.csv:5:1 {2}6 fields where the header has 5; the row is left out/);
    expect(run.stdout).toContain('22 rows read, 19 audited, 2 malformed, 1 without a label');
    expect(run.stdout).toMatch(/shift\s+skipped: needs the approved version/);
  });

  it('reads a CSV without a header, the label given by position', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rf-audit-')), 'train.csv');
    writeFileSync(file, readFileSync(IRIS, 'utf8').split('\n').slice(1).join('\n'));
    const run = await runData('data', 'audit', file, '--label', '5', '--no-header', '-f', 'json', '--detectors', 'duplicates', '-q');
    const result = JSON.parse(run.stdout) as AuditResult;
    expect(result.audit.features.used).toEqual(['1', '2', '3', '4']);
    expect(result.audit.detectors[0]!.flagged[0]).toMatchObject({ row: 143, line: 143 });
  });

  it('exits 2 when the dataset cannot be read, and says so on stderr', async () => {
    const run = await runData('data', 'audit', '/nonexistent/train.csv', '--label', 'label', '-f', 'json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ringfence: error: /nonexistent/train.csv: no such file or directory');
    expect((JSON.parse(run.stdout) as AuditResult).inputs[0]!.status).toBe('failed');
  });

  it('usage errors: an unknown detector, a comparison without --reference, a missing --label', async () => {
    const unknown = await runData('data', 'audit', IRIS, '--label', 'label', '--detectors', 'label-issues,magic');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown detector "magic"; expected: label-issues, label-knn');
    const shift = await runData('data', 'audit', IRIS, '--label', 'label', '--detectors', 'shift');
    expect(shift.code).toBe(2);
    expect(shift.stderr).toContain('shift need --reference');
    const noLabel = await runData('data', 'audit', IRIS);
    expect(noLabel.code).toBe(2);
    expect(noLabel.stderr).toContain("required option '--label <column>' not specified");
  });

  it('compares with the approved version given by --reference', async () => {
    const run = await runData('data', 'audit', join(FIXTURES, 'channel', 'train'), '--label', 'label', '--reference', IRIS, '--detectors', 'reference-diff,shift', '-f', 'json', '-q');
    const result = JSON.parse(run.stdout) as AuditResult;
    expect(result.audit.detectors.map((d) => [d.name, d.status, d.flagged.length, d.issues.length])).toEqual([
      ['shift', 'ran', 0, 0],
      ['reference-diff', 'ran', 0, 0],
    ]);
    expect(result.inputs.map((i) => i.kind)).toEqual([undefined, 'csv', 'csv', 'reference csv']);
    expect(run.code).toBe(0);
  });

  it('has help with examples, and the group lists its commands', async () => {
    const help = await runData('data', 'audit', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('$ ringfence data audit train.csv --label label');
    const group = await runData('data', '--help');
    expect(group.stdout).toMatch(/audit[\s\S]*manifest[\s\S]*verify/);
  });

  it('offers exactly the detectors of the catalog, and reads sizes with units', () => {
    expect([...DETECTOR_CHOICES]).toEqual(DETECTOR_NAMES);
    expect(parseBytes('512MB')).toBe(512 * 1024 ** 2);
    expect(parseBytes('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseBytes('1000')).toBe(1000);
    expect(() => parseBytes('lots')).toThrow(/expected a size/);
  });
});
