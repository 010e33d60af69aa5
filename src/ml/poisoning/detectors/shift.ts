import type { Severity } from '../../../core/finding.js';
import { sortClasses } from '../../tabular/encode.js';
import type { Cell, Table } from '../../tabular/table.js';
import { fmt, percent, type DatasetIssue, type Detector, type FlaggedRow } from '../detector.js';
import { poisoningReferences } from '../references.js';
import { chiSquareGoodnessOfFit, chiSquareHomogeneity, kolmogorovSmirnov, populationStabilityIndex } from '../stats.js';

// Compares the dataset with its approved version, column by column and for the label. A change is
// reported when it is both significant (p < 0.001) and large enough to matter (effect size), so a
// big dataset does not turn every tremor into a finding. Rows in the bins that grew are scored
// with the share of that bin the reference does not explain; rows where that share is over half
// are flagged.

const P_VALUE = 0.001;
const MIN_PSI = 0.1;
const MIN_KS = 0.1;
const MIN_CLASS_SHIFT = 0.05;
const ROW_EXCESS = 0.5;
const MAX_CATEGORIES = 50;

interface Binned {
  /** Bin of each current row (table row index → bin), -1 for missing. */
  bin: Int32Array;
  /** The bins as people read them: `in [1, 2)`, `= "Private"`. */
  labels: string[];
  /** Categorical bins: the category itself. */
  names: string[];
  current: number[];
  reference: number[];
}

export const shift: Detector = {
  id: 'poisoning-shift',
  name: 'shift',
  title: 'Class balance or feature distributions changed since the approved version',
  ring: 'data',
  severity: 'medium',
  resourceTypes: ['Dataset'],
  rationale:
    'Poison added in bulk changes the dataset\'s statistics: more rows of one class, a column whose values moved, a new category. Comparing each column and the label with the approved version catches injections that look ordinary row by row.',
  remediation: 'Find out what changed the dataset since it was approved (the flagged rows are where the change sits); if the change is legitimate, review and approve the new version.',
  references: poisoningReferences({ atlas: ['AML.M0025'] }),
  score: 'share of the row\'s bin (or class) not explained by the approved version, 1 − reference share / current share; the largest over the shifted columns',
  needsReference: true,
  run(context) {
    const ref = context.reference!;
    const cur = context.table;
    const issues: DatasetIssue[] = [];
    const notes: string[] = [];
    const scores = new Float64Array(cur.rows.length).fill(NaN);
    const best: { score: number; reason: string; column: string }[] = new Array(cur.rows.length);
    const labelColumn = context.encoded.labelColumn;
    const labelled = context.encoded.rows;
    for (const t of labelled) scores[t] = 0;

    const missing = ref.table.columns.filter((c) => !cur.columns.includes(c));
    const added = cur.columns.filter((c) => !ref.table.columns.includes(c));
    for (const c of missing) issues.push({ severity: 'medium', column: c, message: `column "${c}" of the approved version is gone` });
    for (const c of added) issues.push({ severity: 'medium', column: c, message: `column "${c}" is new since the approved version` });

    const consider = (column: string, binned: Binned, severity: Severity, message: string, details: Record<string, unknown>): void => {
      issues.push({ severity, column, message, details });
      const nc = binned.current.reduce((a, b) => a + b, 0) || 1;
      const nr = binned.reference.reduce((a, b) => a + b, 0) || 1;
      for (const t of labelled) {
        const b = binned.bin[t]!;
        if (b < 0) continue;
        const pc = binned.current[b]! / nc;
        const pr = binned.reference[b]! / nr;
        const excess = pc > 0 ? Math.max(0, 1 - pr / pc) : 0;
        if (excess > scores[t]!) {
          scores[t] = excess;
          best[t] = { score: excess, column, reason: `${column} ${binned.labels[b]}: ${percent(pc)} of rows now, ${percent(pr)} in the approved version` };
        }
      }
    };

    // The label: a class whose share moved.
    const labelBins = categoricalBins(cur, labelColumn, ref.table, ref.labelColumn, labelled, true);
    const nc = labelBins.current.reduce((a, b) => a + b, 0);
    const nr = labelBins.reference.reduce((a, b) => a + b, 0);
    if (nc > 0 && nr > 0) {
      const refShares = labelBins.reference.map((c) => c / nr);
      const newClasses = labelBins.names.filter((_, b) => labelBins.reference[b] === 0 && labelBins.current[b]! > 0);
      const test = chiSquareGoodnessOfFit(labelBins.current, refShares);
      const shiftBy = Math.max(...labelBins.current.map((c, b) => Math.abs(c / nc - refShares[b]!)));
      const details = { classes: labelBins.names, current: labelBins.current, reference: labelBins.reference, chiSquare: test.statistic, pValue: test.pValue, largestShareChange: shiftBy };
      if (newClasses.length > 0) {
        consider(context.label, labelBins, 'high', `label ${newClasses.map((c) => JSON.stringify(c)).join(', ')} is new since the approved version`, details);
      } else if (test.pValue < P_VALUE && shiftBy >= MIN_CLASS_SHIFT) {
        const moved = labelBins.names.map((l, b) => `${l} ${percent(refShares[b]!)} → ${percent(labelBins.current[b]! / nc)}`).join(', ');
        consider(context.label, labelBins, shiftBy >= 0.15 ? 'high' : 'medium', `the class balance changed: ${moved} (chi-square p = ${fmt(test.pValue)})`, details);
      }
    }

    // Features.
    let compared = 0;
    for (const f of context.encoded.features) {
      const rc = ref.table.columns.indexOf(f.column);
      if (rc === -1) continue;
      const refType = ref.table.types[rc];
      if (refType !== cur.types[f.source] && refType !== 'empty') {
        issues.push({ severity: 'medium', column: f.column, message: `column "${f.column}" was ${refType === 'number' ? 'numeric' : 'text'} in the approved version and is ${f.kind === 'number' ? 'numeric' : 'text'} now` });
        continue;
      }
      compared++;
      if (f.kind === 'number') {
        const a = numericValues(cur, f.source, labelled);
        const b = numericValues(ref.table, rc, allRows(ref.table));
        if (a.length === 0 || b.length === 0) continue;
        const ks = kolmogorovSmirnov(a, b);
        const binned = numericBins(cur, f.source, labelled, b);
        const psi = populationStabilityIndex(binned.current, binned.reference);
        if (ks.pValue < P_VALUE && (ks.statistic >= MIN_KS || psi >= MIN_PSI)) {
          const severity: Severity = psi >= 0.25 || ks.statistic >= 0.2 ? 'medium' : 'low';
          consider(f.column, binned, severity, `the distribution of "${f.column}" changed: KS D = ${fmt(ks.statistic)} (p = ${fmt(ks.pValue)}), PSI ${fmt(psi)}; median ${fmt(median(b))} → ${fmt(median(a))}`, { ks: ks.statistic, pValue: ks.pValue, psi, bins: binned.labels, current: binned.current, reference: binned.reference });
        }
      } else {
        const binned = categoricalBins(cur, f.source, ref.table, rc, labelled, false);
        const test = chiSquareHomogeneity(binned.current, binned.reference);
        const psi = populationStabilityIndex(binned.current, binned.reference);
        if (test.pValue < P_VALUE && psi >= MIN_PSI) {
          consider(f.column, binned, psi >= 0.25 ? 'medium' : 'low', `the categories of "${f.column}" changed: PSI ${fmt(psi)} (chi-square p = ${fmt(test.pValue)})`, { psi, chiSquare: test.statistic, pValue: test.pValue, categories: binned.labels, current: binned.current, reference: binned.reference });
        }
      }
    }
    notes.push(`compared ${compared} feature column(s) and the label with ${ref.path} (${ref.table.rows.length} rows); reported when p < ${P_VALUE} and the change is large (PSI ≥ ${MIN_PSI}, KS D ≥ ${MIN_KS}, or a class share moving ≥ ${MIN_CLASS_SHIFT * 100} points)`);

    const flagged: FlaggedRow[] = [];
    for (const t of labelled) {
      const b = best[t];
      if (b && b.score >= ROW_EXCESS) flagged.push({ row: t, score: b.score, column: b.column, reason: `in a part of the data that grew since approval: ${b.reason}` });
    }
    return { flagged, scores, issues, notes };
  },
};

function allRows(table: Table): number[] {
  return table.rows.map((_, i) => i);
}

function numericValues(table: Table, c: number, rows: readonly number[]): Float64Array {
  const out: number[] = [];
  for (const t of rows) {
    const v = table.rows[t]![c];
    if (typeof v === 'number') out.push(v);
  }
  return Float64Array.from(out);
}

function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  return s.length ? s[s.length >> 1]! : NaN;
}

/** Bins at the reference's deciles (distinct edges), open at both ends. */
function numericBins(cur: Table, c: number, rows: readonly number[], reference: Float64Array): Binned {
  const sorted = Float64Array.from(reference).sort();
  const edges = [...new Set(Array.from({ length: 9 }, (_, q) => sorted[Math.floor(((q + 1) / 10) * (sorted.length - 1))]!))];
  const binOf = (v: number): number => {
    let b = 0;
    while (b < edges.length && v >= edges[b]!) b++;
    return b;
  };
  const labels = Array.from({ length: edges.length + 1 }, (_, b) =>
    b === 0 ? `< ${fmt(edges[0]!)}` : b === edges.length ? `≥ ${fmt(edges[b - 1]!)}` : `in [${fmt(edges[b - 1]!)}, ${fmt(edges[b]!)})`,
  );
  const current = new Array<number>(labels.length).fill(0);
  const referenceCounts = new Array<number>(labels.length).fill(0);
  for (const v of sorted) referenceCounts[binOf(v)]!++;
  const bin = new Int32Array(cur.rows.length).fill(-1);
  for (const t of rows) {
    const v = cur.rows[t]![c];
    if (typeof v !== 'number') continue;
    bin[t] = binOf(v);
    current[bin[t]!]!++;
  }
  return { bin, labels, names: labels, current, reference: referenceCounts };
}

/** Counts per category over both versions (the most frequent, then `(other)`). */
function categoricalBins(cur: Table, c: number, ref: Table, rc: number, rows: readonly number[], keepAll: boolean): Binned {
  const key = (v: Cell): string | undefined => (v === null || v === undefined ? undefined : String(v));
  const total = new Map<string, number>();
  for (const t of rows) {
    const k = key(cur.rows[t]![c]!);
    if (k !== undefined) total.set(k, (total.get(k) ?? 0) + 1);
  }
  const refRows = ref.rows.filter((r) => key(r[rc]!) !== undefined);
  for (const r of refRows) total.set(key(r[rc]!)!, (total.get(key(r[rc]!)!) ?? 0) + 1);
  let names = [...total.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  if (keepAll) names = sortClasses(names);
  const kept = keepAll ? names : names.slice(0, MAX_CATEGORIES);
  const index = new Map(kept.map((k, i) => [k, i]));
  const other = names.length > kept.length ? kept.length : -1;
  const labels = [...kept.map((k) => `= ${JSON.stringify(k)}`), ...(other >= 0 ? ['(other)'] : [])];
  const current = new Array<number>(labels.length).fill(0);
  const reference = new Array<number>(labels.length).fill(0);
  const bin = new Int32Array(cur.rows.length).fill(-1);
  for (const t of rows) {
    const k = key(cur.rows[t]![c]!);
    if (k === undefined) continue;
    bin[t] = index.get(k) ?? other;
    current[bin[t]!]!++;
  }
  for (const r of refRows) reference[index.get(key(r[rc]!)!) ?? other]!++;
  return { bin, labels, names: [...kept, ...(other >= 0 ? ['(other)'] : [])], current, reference };
}
