import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MONITOR, runCapture, tempDir, writeCapture } from './support.js';

const DATA_QUALITY = join(MONITOR, 'pipeline', 'quality_check_step', 'data_quality');
const MODEL_QUALITY_CSV = join(MONITOR, 'pipeline', 'quality_check_step', 'model_quality', 'baseline_dataset.csv');
const tmp = tempDir();
afterAll(() => tmp.cleanup());
const json = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

/** The model-quality baseline CSV's feature rows (F1..F7), as captured CSV payloads. */
const benignRows = readFileSync(MODEL_QUALITY_CSV, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(',').slice(0, 7).join(','));

describe('ringfence capture baseline', () => {
  it('writes the statistics.json and constraints.json Model Monitor wrote for the same CSV', async () => {
    const out = join(tmp.dir, 'dq');
    const run = await runCapture('baseline', join(DATA_QUALITY, 'baseline_dataset.csv'), '-o', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/100 rows, 6 features \(6 Fractional\), no header/);
    expect(json(join(out, 'statistics.json'))).toEqual(json(join(DATA_QUALITY, 'statistics.json')));
    expect(json(join(out, 'constraints.json'))).toEqual(json(join(DATA_QUALITY, 'good_cases', 'constraints.json')));
  });

  it('leaves out a named column, sets the comparison settings, and fails cleanly on a missing file or column', async () => {
    const out = join(tmp.dir, 'mq');
    const run = await runCapture('baseline', MODEL_QUALITY_CSV, '--exclude-column', 'Label,Prediction', '--comparison-method', 'Simple', '--categorical-drift-method', 'ChiSquared', '-o', out);
    expect(run.code).toBe(0);
    const constraints = json(join(out, 'constraints.json')) as { features: { name: string }[]; monitoring_config: unknown };
    expect(constraints.features.map((f) => f.name)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7']);
    expect(constraints.monitoring_config).toMatchObject({ distribution_constraints: { comparison_method: 'Simple', categorical_drift_method: 'ChiSquared' } });

    const missing = await runCapture('baseline', join(tmp.dir, 'nope.csv'), '-o', join(tmp.dir, 'x'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv: no such file/);
    expect(existsSync(join(tmp.dir, 'x'))).toBe(false);
    const badColumn = await runCapture('baseline', MODEL_QUALITY_CSV, '--exclude-column', 'Labl', '-o', join(tmp.dir, 'y'));
    expect(badColumn.code).toBe(2);
    expect(badColumn.stderr).toMatch(/no column "Labl" to exclude; columns: F1, F2/);
    expect((await runCapture('baseline', MODEL_QUALITY_CSV)).stderr).toMatch(/required option '-o, --output <dir>'/);
  });
});

describe('ringfence capture check', () => {
  it('exits 1 and writes constraint_violations.json and statistics.json for the drifted real capture', async () => {
    const base = join(tmp.dir, 'mq-robust');
    expect((await runCapture('baseline', MODEL_QUALITY_CSV, '--exclude-column', 'Label,Prediction', '-o', base)).code).toBe(0);
    const out = join(tmp.dir, 'report');
    const run = await runCapture('check', join(MONITOR, 'capture.jsonl'), '--baseline', base, '-o', out);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/44 captured rows from 1 file\(s\) checked against 7 features: 2 violation\(s\)/);
    const violations = json(join(out, 'constraint_violations.json')) as { violations: { feature_name: string; constraint_check_type: string }[] };
    expect(violations.violations.map((v) => `${v.feature_name} ${v.constraint_check_type}`)).toEqual(['F1 baseline_drift_check', 'F2 baseline_drift_check']);
    expect(json(join(out, 'statistics.json'))).toMatchObject({ dataset: { item_count: 44 }, features: [{ name: 'F1', inferred_type: 'Integral' }, {}, {}, {}, {}, {}, {}] });
  });

  it('exits 0 with no violations for traffic like the baseline, and prints the report without -o', async () => {
    const base = join(tmp.dir, 'mq-robust');
    const capture = join(tmp.dir, 'benign');
    writeCapture(capture, 'scoring', benignRows.map((csv) => ({ csv })));
    const run = await runCapture('check', capture, '--baseline', base);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ violations: [] });
    const table = await runCapture('check', capture, '--baseline', base, '--format', 'table', '-q');
    expect(table.stdout).toBe('No violations.\n');
    expect(table.stderr).toBe('');
  });

  it('exits 2 on an unreadable baseline or input, naming it, and still checks what it can read', async () => {
    const bad = await runCapture('check', join(MONITOR, 'capture.jsonl'), '--baseline', join(MONITOR, 'pipeline', 'quality_check_step', 'model_quality', 'good_cases'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/good_cases\/constraints\.json: model-quality constraints/);
    const partly = await runCapture('check', join(tmp.dir, 'gone'), join(tmp.dir, 'benign'), '--baseline', join(tmp.dir, 'mq-robust'));
    expect(partly.code).toBe(2);
    expect(partly.stderr).toMatch(/error: .*gone: no such file or directory/);
    expect(partly.stderr).toMatch(/100 captured rows/);
  });
});

describe('ringfence capture score', () => {
  it('flags the caller who sends inputs outside the training data and names the features', async () => {
    const capture = join(tmp.dir, 'mixed');
    const rows = benignRows.map((csv) => ({ csv, caller: 'alice' }));
    rows.splice(50, 0, { csv: '22,40,28,12,35,41,480', caller: 'mallory' }, { csv: '900,-40,28,12,35,41,48', caller: 'mallory' });
    writeCapture(capture, 'scoring', rows);
    const run = await runCapture('score', capture, '--baseline', MODEL_QUALITY_CSV, '--exclude-column', 'Label,Prediction', '--caller-attribute', 'caller', '-f', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.callers).toEqual({ kind: 'attribute', attribute: 'caller' });
    expect(report.baseline).toMatchObject({ rows: 100, excluded: ['Label', 'Prediction'] });
    expect(report.calibration.map((c: { method: string }) => c.method)).toEqual(['mahalanobis', 'knn']);
    const mallory = report.flagged.filter((f: { caller: string }) => f.caller === 'mallory');
    expect(mallory).toHaveLength(2);
    expect(mallory[0]).toMatchObject({ subject: 'mallory', endpoint: 'scoring', variant: 'AllTraffic', time: expect.stringMatching(/^2024-06-01T10:00:/), source: { line: expect.any(Number) } });
    expect(mallory.map((f: { scores: { mahalanobis: { drivers: { feature: string }[] } } }) => f.scores.mahalanobis.drivers[0]!.feature).sort()).toEqual(['F1', 'F7']);
    // Benign rows are the training rows themselves; a few may be flagged at the 1% target.
    expect(report.summary.perSubject.alice.scored).toBe(100);
    expect(report.summary.perSubject.alice.flagged).toBeLessThanOrEqual(5);
    expect(report.summary.perSubject.mallory).toEqual({ scored: 2, flagged: 2 });

    const table = await runCapture('score', capture, '--baseline', MODEL_QUALITY_CSV, '--exclude-column', 'Label,Prediction', '--caller-attribute', 'caller');
    expect(table.stdout).toMatch(/2024-06-01T10:00:\d\dZ {2}mallory {2}.*capture\.jsonl:\d+ {2}mahalanobis [\d.]+ > [\d.]+/);
    expect(table.stdout).toMatch(/driven by F7=480 \(\d+%, baseline [\d.]+\)/);
  });

  it('says when rows do not match the training columns and when callers are not identified', async () => {
    const run = await runCapture('score', join(MONITOR, 'capture.jsonl'), '--baseline', MODEL_QUALITY_CSV);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/44 row\(s\) with a number of values other than the 9 training features were not scored \(first: .*capture\.jsonl:1, 7 values\); --exclude-column the label\?/);
    expect(run.stderr).toMatch(/note: callers are not identified \(CloudTrail does not record InvokeEndpoint/);
  });

  it('rejects bad options as usage errors', async () => {
    expect((await runCapture('score', 'x', '--baseline', MODEL_QUALITY_CSV, '--fpr', '1.5')).code).toBe(2);
    const method = await runCapture('score', join(MONITOR, 'capture.jsonl'), '--baseline', MODEL_QUALITY_CSV, '--method', 'lof');
    expect(method.code).toBe(2);
    expect(method.stderr).toMatch(/unknown method lof; expected mahalanobis, knn/);
  });

  it('documents every command with examples and exit codes', async () => {
    for (const cmd of ['baseline', 'check', 'score']) {
      const help = await runCapture(cmd, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Examples:\n {2}\$ ringfence capture /);
      expect(help.stdout).toMatch(/Exit codes: 0/);
    }
  });
});
