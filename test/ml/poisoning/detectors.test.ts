import { describe, expect, it } from 'vitest';
import { auditTable, type AuditResult, type DetectorReport } from '../../../src/ml/poisoning/audit.js';
import { injectPoison, type PoisonKind } from '../../../src/ml/poisoning/inject.js';
import { detectionQuality } from '../../../src/ml/poisoning/metrics.js';
import type { Table } from '../../../src/ml/tabular/table.js';
import { fixture, realDataset } from './support.js';

/** Audits a poisoned copy with some detectors and measures each against the truth. */
function run(table: Table, kind: PoisonKind, rate: number, detectors: string[], seed = 1) {
  const poisoned = injectPoison(table, 'label', kind, rate, seed);
  const result = auditTable(poisoned.table, { dataset: 'poisoned.csv', label: 'label', detectors, allScores: true, seed });
  const quality = (name: string) => {
    const report = detector(result, name);
    const flagged = new Uint8Array(poisoned.truth.length);
    for (const f of report.flagged) flagged[f.row - 1] = 1;
    const scores = new Float64Array(poisoned.truth.length);
    for (const s of report.scores ?? []) scores[s.row - 1] = s.score;
    return detectionQuality(poisoned.truth, flagged, scores);
  };
  return { poisoned, result, quality };
}

function detector(result: AuditResult, name: string): DetectorReport {
  return result.audit.detectors.find((d) => d.name === name)!;
}

describe('poisoning detectors on real datasets with known poison', () => {
  it('duplicates: appended exact, near and relabelled copies', async () => {
    const { quality, result } = run(await fixture('iris.csv'), 'duplicates', 0.1, ['duplicates']);
    const q = quality('duplicates');
    expect(q.recall).toBe(1);
    expect(q.precision).toBeGreaterThan(0.85); // iris has a few natural copies
    const conflicts = detector(result, 'duplicates').flagged.filter((f) => f.severity === 'high');
    expect(conflicts.length).toBeGreaterThanOrEqual(5);
    expect(conflicts[0]!.reason).toMatch(/^same feature values as row \d+, but labelled "\d" where that row is "\d"$/);
    expect(conflicts[0]!.column).toBe('label');
  });

  it('backdoor: finds the trigger and exactly the rows that carry it', async () => {
    const { quality, result } = run(await realDataset('wine'), 'backdoor', 0.1, ['backdoor']);
    expect(quality('backdoor').f1).toBe(1);
    const issue = detector(result, 'backdoor').issues[0]!;
    expect(issue.severity).toBe('high');
    expect(issue.message).toMatch(/^candidate backdoor trigger \S+ = [\d.]+: 18 rows carry it, 100.0% of them labelled "2"/);
  });

  it('backdoor: natural associations of a clean dataset are not flagged', async () => {
    const result = auditTable(await realDataset('wine'), { dataset: 'wine.csv', label: 'label', detectors: ['backdoor'] });
    const report = detector(result, 'backdoor');
    expect(report.flagged).toEqual([]);
    expect(report.notes.some((n) => n.includes('a natural association'))).toBe(true);
  });

  it('outliers: isolation forest and robust z-scores find injected extreme rows', async () => {
    const { quality } = run(await realDataset('wine'), 'outliers', 0.1, ['outliers-iforest', 'outliers-robust-z']);
    expect(quality('outliers-iforest').f1).toBeGreaterThan(0.9);
    expect(quality('outliers-robust-z').f1).toBeGreaterThan(0.9);
    expect(quality('outliers-iforest').auroc).toBeGreaterThan(0.99);
  });

  it('label-knn: rows whose neighbours disagree', async () => {
    const { quality } = run(await realDataset('banknote_authentication'), 'symmetric-flip', 0.05, ['label-knn']);
    const q = quality('label-knn');
    expect(q.f1).toBeGreaterThan(0.9);
    expect(q.auroc).toBeGreaterThan(0.98);
  });

  it('reference-diff: every relabelled row, and nothing else, against the approved version', async () => {
    const iris = await fixture('iris.csv');
    const poisoned = injectPoison(iris, 'label', 'symmetric-flip', 0.1, 5);
    const result = auditTable(poisoned.table, { dataset: 'now.csv', label: 'label', reference: 'approved.csv', detectors: ['reference-diff'] }, iris);
    const report = detector(result, 'reference-diff');
    expect(report.flagged.map((f) => f.row).sort((a, b) => a - b)).toEqual([...poisoned.truth].flatMap((t, i) => (t ? [i + 1] : [])));
    expect(report.flagged.every((f) => f.severity === 'high' && /the same feature values are labelled "\d" in the approved version/.test(f.reason))).toBe(true);
  });

  it('reference-diff: added rows are new, removed rows are counted', async () => {
    const iris = await fixture('iris.csv');
    const grown = injectPoison(iris, 'label', 'outliers', 0.02, 1);
    const result = auditTable(grown.table, { dataset: 'now.csv', label: 'label', reference: 'approved.csv', detectors: ['reference-diff'] }, iris);
    const report = detector(result, 'reference-diff');
    expect(report.flagged).toHaveLength(3);
    expect(report.flagged.every((f) => f.reason.startsWith('not in the approved version'))).toBe(true);
    expect(report.issues).toEqual([{ severity: 'low', message: '3 row(s) of the approved version are not in this one (removed or changed)', details: { removed: 3 } }]);
  });

  it('shift: the class balance and a moved column, against the approved version', async () => {
    const iris = await fixture('iris.csv');
    // 60 more rows of class 2, with petal_width moved up by 1 cm.
    const now: Table = { ...iris, rows: [...iris.rows, ...iris.rows.slice(100, 150), ...iris.rows.slice(100, 110)].map((r, i) => (i >= 150 ? [r[0]!, r[1]!, r[2]!, (r[3] as number) + 1, r[4]!] : [...r])), rowNumbers: Array.from({ length: 210 }, (_, i) => i + 1), lines: Array.from({ length: 210 }, (_, i) => i + 2), fileIndex: new Array(210).fill(0) };
    const result = auditTable(now, { dataset: 'now.csv', label: 'label', reference: 'approved.csv', detectors: ['shift'] }, iris);
    const report = detector(result, 'shift');
    const byColumn = new Map(report.issues.map((i) => [i.column, i]));
    expect(byColumn.get('label')!.message).toMatch(/^the class balance changed: 0 33.3% → 23.8%, 1 33.3% → 23.8%, 2 33.3% → 52.4%/);
    expect(byColumn.get('petal_width')!.message).toMatch(/^the distribution of "petal_width" changed: KS D = /);
    expect(byColumn.has('sepal_length')).toBe(false);
    // Rows in the bins that more than doubled are flagged; a bin cannot tell its old rows from its
    // new ones, so some old rows come along, but most flagged rows are the added ones.
    const added = report.flagged.filter((f) => f.row > 150).length;
    expect(added).toBeGreaterThan(0.6 * report.flagged.length);
    expect(report.flagged.every((f) => f.reason.startsWith('in a part of the data that grew since approval: '))).toBe(true);
  });

  it('detectors that need the approved version are skipped without it, saying why', async () => {
    const result = auditTable(await fixture('iris.csv'), { dataset: 'iris.csv', label: 'label', detectors: ['shift', 'reference-diff'] });
    expect(result.audit.detectors.map((d) => [d.name, d.status, d.reason])).toEqual([
      ['shift', 'skipped', 'needs the approved version of the dataset (--reference)'],
      ['reference-diff', 'skipped', 'needs the approved version of the dataset (--reference)'],
    ]);
  });
});
