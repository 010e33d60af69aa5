import type { Encoded } from '../../tabular/encode.js';
import type { Table } from '../../tabular/table.js';
import { MAX_CLASSES, percent, tableScores, tooManyClasses, type DatasetIssue, type Detector, type FlaggedRow } from '../detector.js';
import { poisoningReferences } from '../references.js';
import { createRandom, type Random } from '../../models/random.js';
import { fitSoftmax, predictSparseRow, toSparse, type SparseRows } from '../sparse-softmax.js';

// Candidate backdoor triggers. A backdoor attack stamps a trigger (one feature value, or a narrow
// combination of two) into rows of other classes and relabels them to a target class, so the
// model learns "trigger → target". The trace it leaves: an item (feature = value) or a pair of
// items carried almost only by rows of one label and rare elsewhere, whose carriers look, in every
// other feature, like another class. Mining finds the pure, rare items (support, purity, lift);
// the second test fits a model without the item's columns and without its carriers and asks how
// many carriers it would put in another class. Natural associations (a value that really goes
// with one class) fail that test; planted triggers pass it.

const MIN_SUPPORT = 5;
const MIN_SUPPORT_SHARE = 0.002;
const MIN_PURITY = 0.9;
/** The item must raise the label's share this much over its share in the whole dataset. */
const MIN_LIFT_GAIN = 0.15;
/** A pair is only interesting when neither item alone is this pure. */
const SINGLE_PURITY_FOR_PAIRS = 0.75;
/** Items carried by more rows than this share are too common to be half of a pair trigger. */
const MAX_PAIR_ITEM_SHARE = 0.5;
/**
 * A candidate is flagged when a model without it puts at least this share of its carriers in
 * another class, and at least TIMES_BASELINE times the share of the label's other rows it
 * misplaces (a minority class a model often misses must not look like a trigger).
 */
const MIN_CONTRADICTION = 0.5;
const TIMES_BASELINE = 2;
const MAX_CANDIDATES = 20;
/** Rows the model without the candidate is fitted on, at most (a seeded sample). */
const MAX_TRAINING_ROWS = 5000;

interface Item {
  feature: number;
  value: string | number;
}

interface Candidate {
  items: number[];
  label: number;
  carriers: number[];
  support: number;
  purity: number;
}

export const backdoor: Detector = {
  id: 'poisoning-backdoor',
  name: 'backdoor',
  title: 'Candidate backdoor triggers: a value tied to one label, rare elsewhere',
  ring: 'data',
  severity: 'high',
  resourceTypes: ['Dataset::Row'],
  rationale:
    'A backdoor makes a model answer the attacker\'s way whenever an input carries a trigger, while it behaves normally otherwise, so ordinary accuracy tests do not see it. In the training data the trigger is a feature value (or a pair of values) carried almost only by one label, on rows that otherwise look like another class.',
  remediation: 'Inspect the candidate trigger and the rows that carry it; if it has no legitimate explanation, remove those rows, find who wrote them, and retrain any model trained on this data.',
  references: poisoningReferences({ atlas: ['AML.T0018.000', 'AML.T0043.004'], docs: ['https://arxiv.org/abs/1708.06733'] }),
  score: 'of a carrier of a flagged trigger: purity × share of carriers a model without the trigger puts in another class; 0 otherwise',
  run(context) {
    const e = context.encoded;
    const k = e.classes.length;
    if (k < 2 || e.n < 2 * MIN_SUPPORT) return { flagged: [], notes: ['too few rows or classes to mine triggers'] };
    if (k > MAX_CLASSES) return { flagged: [], notes: [tooManyClasses(k)] };
    const minSupport = Math.max(MIN_SUPPORT, Math.ceil(MIN_SUPPORT_SHARE * e.n));
    const { items, rowItems } = mineItems(context.table, e, minSupport);
    const prior = new Float64Array(k);
    for (let r = 0; r < e.n; r++) prior[e.y[r]!] += 1 / e.n;

    const candidates = [...singleCandidates(e, items.length, rowItems, prior, minSupport), ...pairCandidates(e, items.length, rowItems, prior, minSupport)];
    // Planted triggers are pure by construction (every carrier was relabelled): purest first.
    candidates.sort((a, b) => b.purity - a.purity || b.support - a.support);
    const examined = candidates.slice(0, MAX_CANDIDATES);

    const scores = new Float64Array(e.n);
    const flagged: FlaggedRow[] = [];
    const issues: DatasetIssue[] = [];
    const notes = [`${items.length} items (feature = value) with support ≥ ${minSupport}; ${candidates.length} pure enough (≥ ${MIN_PURITY * 100}% one label), ${examined.length} tested against a model without them`];
    const random = createRandom(context.seed);
    for (const c of examined) {
      const { contradiction, baseline } = contradictionShare(e, c, items, rowItems, random);
      const text = c.items.map((i) => itemText(e, items[i]!)).join(' and ');
      const label = JSON.stringify(e.classes[c.label]);
      if (contradiction < MIN_CONTRADICTION || contradiction < TIMES_BASELINE * baseline) {
        notes.push(`${text} → ${label} (${c.support} rows, ${percent(c.purity)} pure): a model without it puts ${percent(contradiction)} of them in another class, ${percent(baseline)} of the label's other rows; a natural association`);
        continue;
      }
      const score = c.purity * contradiction;
      issues.push({
        severity: 'high',
        column: e.features[items[c.items[0]!]!.feature]!.column,
        message: `candidate backdoor trigger ${text}: ${c.support} rows carry it, ${percent(c.purity)} of them labelled ${label}, and a model that ignores it puts ${percent(contradiction)} of those in another class (${percent(baseline)} of the label's other rows)`,
        details: { trigger: c.items.map((i) => ({ column: e.features[items[i]!.feature]!.column, value: items[i]!.value })), label: e.classes[c.label], carriers: c.carriers.length, support: c.support, purity: c.purity, contradiction, baseline },
      });
      for (const r of c.carriers) {
        if (score <= scores[r]!) continue;
        scores[r] = score;
        flagged.push({ row: e.rows[r]!, score, column: e.features[items[c.items[0]!]!.feature]!.column, reason: `carries the candidate trigger ${text} and is labelled ${label}, but otherwise looks like another class` });
      }
    }
    // A row may carry two triggers: keep its best.
    const best = new Map<number, FlaggedRow>();
    for (const f of flagged) if ((best.get(f.row)?.score ?? -1) < f.score) best.set(f.row, f);
    return { flagged: [...best.values()], scores: tableScores(context.table, e, scores), issues, notes };
  },
};

/** Items: category values, and numeric values repeated at least minSupport times. */
function mineItems(table: Table, e: Encoded, minSupport: number): { items: Item[]; rowItems: Int32Array[] } {
  const items: Item[] = [];
  const ids: Map<string | number, number>[] = [];
  e.features.forEach((f, fi) => {
    const counts = new Map<string | number, number>();
    for (const t of e.rows) {
      const v = table.rows[t]![f.source];
      if (v === null || v === undefined) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const map = new Map<string | number, number>();
    for (const [value, count] of counts) {
      if (count < minSupport) continue;
      map.set(value, items.length);
      items.push({ feature: fi, value });
    }
    ids.push(map);
  });
  const rowItems = e.rows.map((t) => {
    const list: number[] = [];
    e.features.forEach((f, fi) => {
      const v = table.rows[t]![f.source];
      const id = v === null || v === undefined ? undefined : ids[fi]!.get(v);
      if (id !== undefined) list.push(id);
    });
    return Int32Array.from(list);
  });
  return { items, rowItems };
}

function singleCandidates(e: Encoded, itemCount: number, rowItems: Int32Array[], prior: Float64Array, minSupport: number): Candidate[] {
  const k = e.classes.length;
  const counts = new Int32Array(itemCount * k);
  for (let r = 0; r < e.n; r++) for (const i of rowItems[r]!) counts[i * k + e.y[r]!]!++;
  const out: Candidate[] = [];
  for (let i = 0; i < itemCount; i++) {
    const c = pure(counts, i * k, k, prior, minSupport);
    if (c) out.push({ items: [i], label: c.label, support: c.support, purity: c.purity, carriers: carriersOf(e, rowItems, [i], c.label) });
  }
  return out;
}

function pairCandidates(e: Encoded, itemCount: number, rowItems: Int32Array[], prior: Float64Array, minSupport: number): Candidate[] {
  const k = e.classes.length;
  const single = new Int32Array(itemCount * k);
  for (let r = 0; r < e.n; r++) for (const i of rowItems[r]!) single[i * k + e.y[r]!]!++;
  const total = (i: number): number => {
    let s = 0;
    for (let c = 0; c < k; c++) s += single[i * k + c]!;
    return s;
  };
  const eligible = new Uint8Array(itemCount);
  for (let i = 0; i < itemCount; i++) {
    const s = total(i);
    let maxPurity = 0;
    for (let c = 0; c < k; c++) maxPurity = Math.max(maxPurity, single[i * k + c]! / s);
    eligible[i] = s <= MAX_PAIR_ITEM_SHARE * e.n && maxPurity < SINGLE_PURITY_FOR_PAIRS ? 1 : 0;
  }
  const pairs = new Map<number, Int32Array>();
  for (let r = 0; r < e.n; r++) {
    const list = rowItems[r]!.filter((i) => eligible[i] === 1);
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const key = list[a]! * itemCount + list[b]!;
        let counts = pairs.get(key);
        if (!counts) pairs.set(key, (counts = new Int32Array(k)));
        counts[e.y[r]!]!++;
      }
    }
  }
  const out: Candidate[] = [];
  for (const [key, counts] of pairs) {
    const c = pure(counts, 0, k, prior, minSupport);
    if (!c) continue;
    const items = [Math.floor(key / itemCount), key % itemCount];
    out.push({ items, label: c.label, support: c.support, purity: c.purity, carriers: carriersOf(e, rowItems, items, c.label) });
  }
  return out;
}

function pure(counts: Int32Array, base: number, k: number, prior: Float64Array, minSupport: number): { label: number; support: number; purity: number } | undefined {
  let support = 0;
  let best = 0;
  for (let c = 0; c < k; c++) {
    support += counts[base + c]!;
    if (counts[base + c]! > counts[base + best]!) best = c;
  }
  const purity = support > 0 ? counts[base + best]! / support : 0;
  if (counts[base + best]! < minSupport || purity < MIN_PURITY || purity - prior[best]! < MIN_LIFT_GAIN) return undefined;
  return { label: best, support, purity };
}

function carriersOf(e: Encoded, rowItems: Int32Array[], items: number[], label: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < e.n; r++) if (e.y[r] === label && items.every((i) => rowItems[r]!.includes(i))) out.push(r);
  return out;
}

/**
 * Fits a model on (a sample of) the rows that do not carry the candidate, without the candidate's
 * columns. Returns the share of the carriers it puts in another class than their label, and the
 * same share for the training rows of that label (the baseline to compare with).
 */
function contradictionShare(e: Encoded, c: Candidate, items: Item[], rowItems: Int32Array[], random: Random): { contradiction: number; baseline: number } {
  const dropped = new Uint8Array(e.d);
  for (const i of c.items) {
    const f = e.features[items[i]!.feature]!;
    dropped.fill(1, f.start, f.start + (f.kind === 'number' ? 1 : f.categories.length));
  }
  let train: number[] = [];
  for (let r = 0; r < e.n; r++) if (!c.items.every((i) => rowItems[r]!.includes(i))) train.push(r);
  if (train.length > MAX_TRAINING_ROWS) train = random.shuffle(train).slice(0, MAX_TRAINING_ROWS).sort((a, b) => a - b);
  if (train.length === 0 || c.carriers.length === 0) return { contradiction: 0, baseline: 0 };
  const trainRows = toSparse(e.X, e.n, e.d, train, dropped);
  const model = fitSoftmax(trainRows, Int32Array.from(train, (r) => e.y[r]!), e.classes.length, { l2: 0.03, maxIterations: 60 });
  const out = new Float64Array(e.classes.length);
  const misplaced = (rows: SparseRows, ids: number[], only?: number): { wrong: number; total: number } => {
    let wrong = 0;
    let total = 0;
    ids.forEach((r, i) => {
      if (only !== undefined && e.y[r] !== only) return;
      total++;
      predictSparseRow(model, rows, i, out);
      let best = 0;
      for (let j = 1; j < out.length; j++) if (out[j]! > out[best]!) best = j;
      if (best !== e.y[r]) wrong++;
    });
    return { wrong, total };
  };
  const carriers = misplaced(toSparse(e.X, e.n, e.d, c.carriers, dropped), c.carriers);
  const others = misplaced(trainRows, train, c.label);
  return { contradiction: carriers.wrong / carriers.total, baseline: others.total ? others.wrong / others.total : 0 };
}

/** `column = value`, the value exactly as read: a trigger is an exact value. */
function itemText(e: Encoded, item: Item): string {
  const f = e.features[item.feature]!;
  return `${f.column} = ${typeof item.value === 'number' ? String(item.value) : JSON.stringify(item.value)}`;
}
