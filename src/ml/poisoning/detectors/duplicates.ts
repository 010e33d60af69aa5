import type { Severity } from '../../../core/finding.js';
import type { Encoded } from '../../tabular/encode.js';
import type { Table } from '../../tabular/table.js';
import { createRandom } from '../../models/random.js';
import { tableScores, type Detector, type FlaggedRow } from '../detector.js';
import { poisoningReferences } from '../references.js';

/** Near duplicates: every numeric feature within this many standard deviations, categories equal. */
const NEAR = 0.01;
/** Largest bucket compared pair by pair; beyond it rows are compared with its first members only. */
const BUCKET_PAIRS = 64;
/**
 * Locality-sensitive hashing: each table hashes the categories and a few numeric features rounded
 * to cells of 2·NEAR at a random offset; near copies collide in at least one table with high
 * probability, and every collision is verified on all features.
 */
const HASH_TABLES = 8;
const FEATURES_PER_TABLE = 6;

export const duplicates: Detector = {
  id: 'poisoning-duplicates',
  name: 'duplicates',
  title: 'Duplicated rows, and duplicates that disagree on the label',
  ring: 'data',
  severity: 'medium',
  resourceTypes: ['Dataset::Row'],
  rationale:
    'Copying a row many times multiplies its weight in training, the simplest way to pull a model toward chosen points; a copy with another label is a label flip that hides next to the original. Exact copies are found by hashing normalised rows, near copies (every value within a hundredth of a standard deviation) by locality-sensitive hashing.',
  remediation: 'Remove the extra copies (keep one), decide which label is right where copies disagree, and find out what wrote them.',
  references: poisoningReferences(),
  score: 'exact copy with another label 1; exact copy 0.9; near copy with another label 0.8; near copy 0.5–0.8 by closeness; others 0',
  run(context) {
    const e = context.encoded;
    const table = context.table;
    const scores = new Float64Array(e.n);
    const flagged: FlaggedRow[] = [];
    const labelOf = (r: number): string => e.classes[e.y[r]!]!;
    const rowNumber = (r: number): number => table.rowNumbers[e.rows[r]!]!;
    const flag = (r: number, first: number, score: number, severity: Severity, text: string): void => {
      scores[r] = score;
      flagged.push({ row: e.rows[r]!, score, severity, reason: text, ...(labelOf(r) !== labelOf(first) ? { column: context.label } : {}) });
    };

    // Exact: identical normalised feature values; the first occurrence is kept, later ones flagged.
    const firstByKey = new Map<string, number>();
    const exactOf = new Int32Array(e.n).fill(-1);
    for (let r = 0; r < e.n; r++) {
      const key = exactKey(table, e, r);
      const first = firstByKey.get(key);
      if (first === undefined) {
        firstByKey.set(key, r);
        continue;
      }
      exactOf[r] = first;
      if (labelOf(r) !== labelOf(first)) {
        flag(r, first, 1, 'high', `same feature values as row ${rowNumber(first)}, but labelled ${JSON.stringify(labelOf(r))} where that row is ${JSON.stringify(labelOf(first))}`);
      } else {
        flag(r, first, 0.9, 'low', `an exact copy of row ${rowNumber(first)} (features and label)`);
      }
    }

    // Near: bucket rows by hashing, then verify the pairs that collide.
    const numeric = e.features.filter((f) => f.kind === 'number');
    let near = 0;
    if (numeric.length > 0) {
      const nearOf = new Int32Array(e.n).fill(-1);
      const closeness = new Float64Array(e.n);
      const random = createRandom(context.seed);
      const categorical = categoricalKeys(table, e);
      // With few numeric features every table hashes all of them: two offsets are enough.
      const tables = numeric.length <= FEATURES_PER_TABLE ? 2 : HASH_TABLES;
      for (let h = 0; h < tables; h++) {
        const chosen = random.shuffle([...numeric]).slice(0, FEATURES_PER_TABLE).map((f) => ({ start: f.start, offset: random.next() }));
        const buckets = new Map<string, number[]>();
        for (let r = 0; r < e.n; r++) {
          if (exactOf[r] !== -1) continue;
          let key = categorical[r]!;
          for (const c of chosen) key += Math.floor(e.X[r * e.d + c.start]! / (2 * NEAR) + c.offset) + '\u0001';
          const list = buckets.get(key);
          if (list) list.push(r);
          else buckets.set(key, [r]);
        }
        for (const list of buckets.values()) {
          for (let a = 1; a < list.length; a++) {
            const r = list[a]!;
            for (let b = 0; b < Math.min(a, BUCKET_PAIRS); b++) {
              const first = list[b]!;
              const gap = maxGap(e, r, first);
              if (gap > NEAR) continue;
              const known = nearOf[r]!;
              if (known === -1 || first < known) {
                nearOf[r] = first;
                closeness[r] = 1 - gap / NEAR;
              }
              break;
            }
          }
        }
      }
      for (let r = 0; r < e.n; r++) {
        const first = nearOf[r]!;
        if (first === -1) continue;
        near++;
        if (labelOf(r) !== labelOf(first)) {
          flag(r, first, 0.8, 'medium', `nearly identical to row ${rowNumber(first)} (every numeric value within ${NEAR} standard deviations), but labelled ${JSON.stringify(labelOf(r))} where that row is ${JSON.stringify(labelOf(first))}`);
        } else {
          flag(r, first, 0.5 + 0.3 * closeness[r]!, 'low', `nearly identical to row ${rowNumber(first)} (every numeric value within ${NEAR} standard deviations, same label)`);
        }
      }
    }
    const exact = flagged.length - near;
    return {
      flagged,
      scores: tableScores(table, e, scores),
      notes: [`${exact} exact and ${near} near copies over ${e.features.length} feature columns${numeric.length ? '' : ' (no numeric feature: near copies are exact copies)'}`],
    };
  },
};

/** Feature values as written, normalised: numbers canonical, text trimmed and case-folded. */
function exactKey(table: Table, e: Encoded, r: number): string {
  const row = table.rows[e.rows[r]!]!;
  let key = '';
  for (const f of e.features) {
    const v = row[f.source];
    key += (v === null || v === undefined ? '\u0000' : typeof v === 'number' ? String(v) : v.trim().toLowerCase()) + '\u0001';
  }
  return key;
}

/** The categorical part of each row's key: near copies have the same categories. */
function categoricalKeys(table: Table, e: Encoded): string[] {
  return e.rows.map((t) => {
    const row = table.rows[t]!;
    let key = '';
    for (const f of e.features) {
      if (f.kind === 'number') continue;
      const v = row[f.source];
      key += (v === null || v === undefined ? '\u0000' : String(v).trim().toLowerCase()) + '\u0001';
    }
    return key;
  });
}

/** Largest standardised difference over numeric features; Infinity when a category differs. */
function maxGap(e: Encoded, a: number, b: number): number {
  let gap = 0;
  for (const f of e.features) {
    if (f.kind === 'number') gap = Math.max(gap, Math.abs(e.X[a * e.d + f.start]! - e.X[b * e.d + f.start]!));
    if (gap > NEAR) return gap;
  }
  return gap;
}
