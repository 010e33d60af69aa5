import { tableScores, type Detector, type FlaggedRow } from '../detector.js';
import { poisoningReferences } from '../references.js';

export const referenceDiff: Detector = {
  id: 'poisoning-reference-diff',
  name: 'reference-diff',
  title: 'Rows added or relabelled since the approved version',
  ring: 'data',
  severity: 'high',
  resourceTypes: ['Dataset::Row'],
  rationale:
    'Against an approved version, poisoning leaves exact traces: rows that were not there, and rows whose features are unchanged but whose label is not. Every such row is named, so a reviewer checks the change instead of the whole dataset.',
  remediation: 'Review the rows added and relabelled since approval; revert what nobody can account for, and restrict who can write to the training data.',
  references: poisoningReferences({ atlas: ['AML.M0025'] }),
  score: 'relabelled (same features, another label) 1; not in the approved version 0.6; unchanged 0',
  needsReference: true,
  run(context) {
    const ref = context.reference!;
    const e = context.encoded;
    const table = context.table;
    // Compare on the feature columns both versions have, plus the label.
    const columns = e.features.map((f) => f.column).filter((c) => ref.table.columns.includes(c));
    const curIdx = columns.map((c) => table.columns.indexOf(c));
    const refIdx = columns.map((c) => ref.table.columns.indexOf(c));
    const refFull = new Map<string, number>();
    const refLabels = new Map<string, Set<string>>();
    for (const row of ref.table.rows) {
      const label = row[ref.labelColumn];
      if (label === null || label === undefined) continue;
      const fk = key(row, refIdx);
      const full = fk + '\u0002' + String(label);
      refFull.set(full, (refFull.get(full) ?? 0) + 1);
      const set = refLabels.get(fk) ?? new Set<string>();
      set.add(String(label));
      refLabels.set(fk, set);
    }
    const scores = new Float64Array(e.n);
    const flagged: FlaggedRow[] = [];
    let added = 0;
    let relabelled = 0;
    for (let r = 0; r < e.n; r++) {
      const row = table.rows[e.rows[r]!]!;
      const fk = key(row, curIdx);
      const label = e.classes[e.y[r]!]!;
      const full = fk + '\u0002' + label;
      const left = refFull.get(full) ?? 0;
      if (left > 0) {
        refFull.set(full, left - 1);
        continue;
      }
      const before = refLabels.get(fk);
      if (before) {
        relabelled++;
        scores[r] = 1;
        flagged.push({ row: e.rows[r]!, score: 1, severity: 'high', column: context.label, reason: `labelled ${JSON.stringify(label)}; the same feature values are labelled ${[...before].map((l) => JSON.stringify(l)).join(' or ')} in the approved version` });
      } else {
        added++;
        scores[r] = 0.6;
        flagged.push({ row: e.rows[r]!, score: 0.6, severity: 'medium', reason: 'not in the approved version (no row there has these feature values)' });
      }
    }
    let removed = 0;
    for (const left of refFull.values()) removed += left;
    const issues = removed > 0 ? [{ severity: 'low' as const, message: `${removed} row(s) of the approved version are not in this one (removed or changed)`, details: { removed } }] : [];
    const skipped = e.features.length - columns.length;
    return {
      flagged,
      scores: tableScores(table, e, scores),
      issues,
      notes: [`${relabelled} relabelled, ${added} added, ${removed} removed, compared on ${columns.length} feature column(s) and the label${skipped ? ` (${skipped} column(s) not in the approved version)` : ''}`],
    };
  },
};

function key(row: readonly (string | number | null)[], columns: number[]): string {
  let out = '';
  for (const c of columns) {
    const v = row[c];
    out += (v === null || v === undefined ? '\u0000' : typeof v === 'number' ? String(v) : v.trim().toLowerCase()) + '\u0001';
  }
  return out;
}
