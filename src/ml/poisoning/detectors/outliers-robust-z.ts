import { quantileSorted } from '../../tabular/encode.js';
import { fmt, tableScores, type Detector, type FlaggedRow } from '../detector.js';
import { poisoningReferences } from '../references.js';

/**
 * Iglewicz & Hoaglin suggest 3.5 for one column of near-normal data; a row is tested once per
 * column and training data is often heavy-tailed (incomes, areas, weights), where 3.5 flags a
 * quarter of the rows, so the audit asks for 5.
 */
const THRESHOLD = 5;
/** Φ⁻¹(0.75): makes the MAD estimate the standard deviation of normal data. */
const MAD_FACTOR = 0.6745;

export const outliersRobustZ: Detector = {
  id: 'poisoning-outliers-robust-z',
  name: 'outliers-robust-z',
  title: 'Values far outside a column\'s usual range (robust z-score)',
  ring: 'data',
  severity: 'low',
  resourceTypes: ['Dataset::Row'],
  rationale:
    'An injected or corrupted value far outside a column\'s range can dominate what a model learns from that column. The modified z-score measures distance from the median in units of the median absolute deviation, so the outliers themselves cannot stretch the yardstick as they do a mean and standard deviation.',
  remediation: 'Check the flagged values against their source; correct or remove corrupted rows and trace how they were written.',
  references: poisoningReferences({ docs: ['https://www.itl.nist.gov/div898/handbook/eda/section3/eda35h.htm'] }),
  score: 'largest modified z-score of the row, 0.6745 · |x − median| / MAD, over its numeric columns',
  run(context) {
    const e = context.encoded;
    const rows = context.table.rows;
    const scores = new Float64Array(e.n);
    const reasons: { column: string; z: number; text: string }[][] = Array.from({ length: e.n }, () => []);
    const notes: string[] = [];
    let used = 0;
    for (const f of e.features) {
      if (f.kind !== 'number') continue;
      const values = Float64Array.from(e.rows, (t) => (typeof rows[t]![f.source] === 'number' ? (rows[t]![f.source] as number) : NaN)).filter((v) => !Number.isNaN(v)).sort();
      const median = quantileSorted(values, 0.5);
      const mad = quantileSorted(values.map((v) => Math.abs(v - median)).sort(), 0.5);
      if (mad === 0) {
        notes.push(`${f.column}: skipped, more than half its values equal ${fmt(median)} (MAD is 0)`);
        continue;
      }
      used++;
      for (let r = 0; r < e.n; r++) {
        const v = rows[e.rows[r]!]![f.source];
        if (typeof v !== 'number') continue;
        const z = (MAD_FACTOR * Math.abs(v - median)) / mad;
        if (z > scores[r]!) scores[r] = z;
        if (z > THRESHOLD) reasons[r]!.push({ column: f.column, z, text: `${f.column} = ${v} (modified z ${fmt(z)}; median ${fmt(median)}, MAD ${fmt(mad)})` });
      }
    }
    const flagged: FlaggedRow[] = [];
    for (let r = 0; r < e.n; r++) {
      const list = reasons[r]!.sort((a, b) => b.z - a.z);
      if (list.length === 0) continue;
      const more = list.length > 3 ? `, and ${list.length - 3} more` : '';
      flagged.push({ row: e.rows[r]!, score: scores[r]!, column: list[0]!.column, reason: `far from the usual range: ${list.slice(0, 3).map((x) => x.text).join('; ')}${more}` });
    }
    notes.unshift(`${used} numeric column(s); flagged above a modified z-score of ${THRESHOLD}`);
    return { flagged, scores: tableScores(context.table, e, scores), notes };
  },
};
