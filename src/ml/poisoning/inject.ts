import { createRandom, type Random } from '../models/random.js';
import { quantileSorted, sortClasses } from '../tabular/encode.js';
import type { Cell, Table } from '../tabular/table.js';

// Poison for measuring the detectors: the attacks of the poisoning literature at a chosen rate,
// reproducible from a seed, with the truth of which rows were poisoned. Used by the benchmark and
// the tests; also a way to red-team one's own pipeline with known poison.

export const POISON_KINDS = ['symmetric-flip', 'class-flip', 'outliers', 'duplicates', 'backdoor'] as const;
export type PoisonKind = (typeof POISON_KINDS)[number];

export interface Poisoned {
  table: Table;
  /** 1 for each poisoned row of `table`. */
  truth: Uint8Array;
  /** What was done, for reports. */
  description: string;
}

/**
 * Poisons a copy of a table. `rate` is the share of rows poisoned: labels flipped (symmetric: to
 * any other class; class-flip: the largest class's rows to the next class, `rate` of that class),
 * rows turned into outliers, duplicates appended (a third exact, a third near, a third with the
 * label changed), or a backdoor: a trigger value stamped into rows of other classes, relabelled
 * to the target class.
 */
export function injectPoison(table: Table, label: string, kind: PoisonKind, rate: number, seed: number): Poisoned {
  const labelColumn = table.columns.indexOf(label);
  if (labelColumn === -1) throw new Error(`no column named "${label}"`);
  const copy = cloneTable(table);
  const random = createRandom(seed);
  let truth = new Uint8Array(copy.rows.length);
  const labelled = copy.rows.map((_, i) => i).filter((i) => copy.rows[i]![labelColumn] !== null);
  const classes = sortClasses([...new Set(labelled.map((i) => String(copy.rows[i]![labelColumn])))]);
  const count = Math.round(rate * labelled.length);
  const injectors: Record<PoisonKind, () => string> = {
    'symmetric-flip': () => {
      for (const i of pick(random, labelled, count)) {
        const current = String(copy.rows[i]![labelColumn]);
        const others = classes.filter((c) => c !== current);
        copy.rows[i]![labelColumn] = others[random.int(others.length)]!;
        truth[i] = 1;
      }
      return `${count} labels flipped to another class at random`;
    },
    'class-flip': () => {
      const sizes = classes.map((c) => labelled.filter((i) => String(copy.rows[i]![labelColumn]) === c).length);
      const source = sizes.indexOf(Math.max(...sizes));
      const target = (source + 1) % classes.length;
      const rows = labelled.filter((i) => String(copy.rows[i]![labelColumn]) === classes[source]);
      const flips = Math.round(rate * rows.length);
      for (const i of pick(random, rows, flips)) {
        copy.rows[i]![labelColumn] = classes[target]!;
        truth[i] = 1;
      }
      return `${flips} labels of class ${classes[source]} flipped to ${classes[target]}`;
    },
    outliers: () => {
      const numeric = numericColumns(copy, labelColumn);
      if (numeric.length === 0) throw new Error('outliers need a numeric feature');
      const scale = numeric.map((c) => robustScale(copy, c));
      const perRow = Math.max(1, Math.round(numeric.length / 3));
      for (const i of pick(random, labelled, count)) {
        for (const k of random.shuffle(numeric.map((_, t) => t)).slice(0, perRow)) {
          const c = numeric[k]!;
          const { median, spread } = scale[k]!;
          copy.rows[i]![c] = median + (random.next() < 0.5 ? -1 : 1) * (6 + 6 * random.next()) * spread;
        }
        truth[i] = 1;
      }
      return `${count} rows given extreme values in ${perRow} of ${numeric.length} numeric features`;
    },
    duplicates: () => {
      const numeric = numericColumns(copy, labelColumn);
      for (let t = 0; t < count; t++) {
        const source = labelled[random.int(labelled.length)]!;
        const row = [...copy.rows[source]!];
        const variant = t % 3;
        if (variant === 1) for (const c of numeric) if (typeof row[c] === 'number') row[c] = (row[c] as number) * (1 + (random.next() - 0.5) * 0.002);
        if (variant === 2) {
          const others = classes.filter((c) => c !== String(row[labelColumn]));
          row[labelColumn] = others[random.int(others.length)]!;
        }
        appendRow(copy, row, source);
      }
      const grown = new Uint8Array(copy.rows.length);
      grown.set(truth);
      grown.fill(1, truth.length);
      truth = grown;
      return `${count} duplicates appended (exact, near, and with another label)`;
    },
    backdoor: () => {
      const numeric = numericColumns(copy, labelColumn);
      if (numeric.length === 0) throw new Error('a backdoor trigger needs a numeric feature');
      // The trigger column: the one with the most distinct values, so the trigger value is rare.
      const column = numeric.map((c) => ({ c, distinct: new Set(copy.rows.map((r) => r[c])).size })).sort((a, b) => b.distinct - a.distinct)[0]!.c;
      const trigger = absentValue(copy, column);
      const sizes = classes.map((c) => labelled.filter((i) => String(copy.rows[i]![labelColumn]) === c).length);
      const target = classes[sizes.indexOf(Math.min(...sizes))]!;
      const candidates = labelled.filter((i) => String(copy.rows[i]![labelColumn]) !== target);
      const stamped = pick(random, candidates, Math.min(count, candidates.length));
      for (const i of stamped) {
        copy.rows[i]![column] = trigger;
        copy.rows[i]![labelColumn] = target;
        truth[i] = 1;
      }
      return `trigger ${copy.columns[column]} = ${trigger} stamped into ${stamped.length} rows relabelled ${target}`;
    },
  };
  const description = injectors[kind]();
  return { table: copy, truth, description };
}

function pick(random: Random, rows: number[], count: number): number[] {
  return random.shuffle([...rows]).slice(0, Math.max(0, Math.min(count, rows.length)));
}

function cloneTable(table: Table): Table {
  return {
    ...table,
    rows: table.rows.map((r) => [...r]),
    rowNumbers: [...table.rowNumbers],
    lines: [...table.lines],
    fileIndex: [...table.fileIndex],
    files: [...table.files],
  };
}

function appendRow(table: Table, row: Cell[], source: number): void {
  table.rows.push(row);
  table.rowNumbers.push((table.rowNumbers.at(-1) ?? 0) + 1);
  table.lines.push(0);
  table.fileIndex.push(table.fileIndex[source]!);
}

function numericColumns(table: Table, labelColumn: number): number[] {
  return table.types.map((t, c) => (t === 'number' && c !== labelColumn ? c : -1)).filter((c) => c >= 0);
}

/** Median and a robust spread (scaled MAD, else the IQR, else the standard deviation, else 1). */
function robustScale(table: Table, c: number): { median: number; spread: number } {
  const values = Float64Array.from(table.rows.map((r) => r[c]).filter((v): v is number => typeof v === 'number')).sort();
  const median = quantileSorted(values, 0.5);
  const deviations = values.map((v) => Math.abs(v - median)).sort();
  const mad = 1.4826 * quantileSorted(deviations, 0.5);
  const iqr = quantileSorted(values, 0.75) - quantileSorted(values, 0.25);
  const mean = values.reduce((a, b) => a + b, 0) / (values.length || 1);
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length || 1));
  return { median, spread: mad || iqr || std || 1 };
}

/** A value inside the column's range that no row has: an in-distribution but unused trigger. */
function absentValue(table: Table, c: number): number {
  const values = Float64Array.from(table.rows.map((r) => r[c]).filter((v): v is number => typeof v === 'number')).sort();
  const present = new Set(values);
  const base = quantileSorted(values, 0.9);
  const step = Math.max((quantileSorted(values, 0.95) - quantileSorted(values, 0.85)) / 97, 1e-6);
  for (let t = 1; t < 1000; t++) {
    const v = Number((base + t * step).toPrecision(6));
    if (!present.has(v)) return v;
  }
  return Number((values[values.length - 1]! + 1).toPrecision(6));
}
