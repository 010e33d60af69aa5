import { quantileSorted } from '../../tabular/encode.js';
import { fmt, tableScores, type Detector, type FlaggedRow } from '../detector.js';
import { isolationForestScores } from '../isolation-forest.js';
import { poisoningReferences } from '../references.js';

/**
 * A row is flagged when its anomaly score is this many robust standard deviations (1.4826 · MAD)
 * above the median score. Relative, not absolute: injected outliers make every other row harder
 * to isolate, pulling ordinary scores down from about 0.45 to 0.35 and outliers below 0.5.
 */
const THRESHOLD_Z = 5;
const TREES = 100;

export const outliersIsolationForest: Detector = {
  id: 'poisoning-outliers-iforest',
  name: 'outliers-iforest',
  title: 'Rows unlike the rest of the data (isolation forest)',
  ring: 'data',
  severity: 'low',
  resourceTypes: ['Dataset::Row'],
  rationale:
    'Injected rows that drag a model toward the attacker often sit away from the real data: extreme values, or combinations of ordinary values that never occur together. An isolation forest separates such rows from the rest in few random splits, across all features at once.',
  remediation: 'Review the flagged rows; remove injected or corrupted ones and trace how they were written. Genuine rare cases may be kept, but should be known.',
  references: poisoningReferences({ docs: ['https://doi.org/10.1109/ICDM.2008.17'] }),
  score: 'isolation-forest anomaly score s = 2^(−mean path length / c(256)), in (0, 1]; about 0.5 or less is ordinary',
  run(context) {
    const e = context.encoded;
    if (e.n < 2 || e.p === 0) return { flagged: [], notes: ['too few rows or features to isolate'] };
    const scores = isolationForestScores(e.compact, e.n, e.p, { trees: TREES, seed: context.seed });
    const scale = columnScales(e.compact, e.n, e.p);
    const sorted = Float64Array.from(scores).sort();
    const median = quantileSorted(sorted, 0.5);
    const mad = quantileSorted(sorted.map((s) => Math.abs(s - median)).sort(), 0.5);
    const threshold = median + THRESHOLD_Z * 1.4826 * Math.max(mad, 1e-3);
    const flagged: FlaggedRow[] = [];
    for (let r = 0; r < e.n; r++) {
      if (scores[r]! < threshold) continue;
      const k = mostUnusual(e.compact, e.p, r, scale);
      const feature = e.features[k]!;
      const raw = context.table.rows[e.rows[r]!]![feature.source];
      const value = feature.kind === 'number' ? String(raw ?? `${fmt(feature.median)} (missing, taken as the median)`) : JSON.stringify(raw ?? '(missing)');
      flagged.push({
        row: e.rows[r]!,
        score: scores[r]!,
        column: feature.column,
        reason: `isolated from the other rows in few random splits (anomaly score ${scores[r]!.toFixed(3)}); most unusual: ${feature.column} = ${value}${feature.kind === 'category' ? ` (in ${fmt(100 * (feature.frequency.get(String(raw)) ?? feature.missingShare))}% of rows)` : ''}`,
      });
    }
    return { flagged, scores: tableScores(context.table, e, scores), notes: [`${TREES} trees of 256 rows; median score ${median.toFixed(3)}, flagged at ≥ ${threshold.toFixed(3)} (the median plus ${THRESHOLD_Z} robust standard deviations)`] };
  },
};

/** Median and interquartile range of each compact column, to say which feature stands out. */
function columnScales(data: Float64Array, n: number, p: number): { median: number; spread: number }[] {
  const out: { median: number; spread: number }[] = [];
  for (let k = 0; k < p; k++) {
    const values = new Float64Array(n);
    for (let r = 0; r < n; r++) values[r] = data[r * p + k]!;
    values.sort();
    const spread = quantileSorted(values, 0.75) - quantileSorted(values, 0.25) || values[n - 1]! - values[0]! || 1;
    out.push({ median: quantileSorted(values, 0.5), spread });
  }
  return out;
}

function mostUnusual(data: Float64Array, p: number, r: number, scale: { median: number; spread: number }[]): number {
  let best = 0;
  let bestValue = -1;
  for (let k = 0; k < p; k++) {
    const v = Math.abs(data[r * p + k]! - scale[k]!.median) / scale[k]!.spread;
    if (v > bestValue) {
      bestValue = v;
      best = k;
    }
  }
  return best;
}
