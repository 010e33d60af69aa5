import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { InputRecord } from '../../core/scan-result.js';
import { DatasetAccumulator } from '../stats/dataset.js';
import type { FeatureOptions } from '../stats/feature.js';
import type { MmConstraints, MmStatistics } from '../stats/model-monitor.js';
import { readTrainingCsv } from '../stats/training-csv.js';
import { suggestConstraints, type SuggestOptions } from './suggest.js';

export interface BaselineOptions {
  /** true / false force it; undefined decides from the first two rows. */
  header?: boolean;
  /** Columns left out of the baseline (the label, an id): names, or 0-based indexes. */
  exclude?: string[];
  suggest?: SuggestOptions;
  features?: FeatureOptions;
}

export interface BaselineResult {
  statistics: MmStatistics;
  constraints: MmConstraints;
  input: InputRecord;
  header: boolean;
  /** Columns left out, by name. */
  excluded: string[];
}

/** Indexes of the columns kept, after `exclude` (names or 0-based indexes; unknown ones are usage errors). */
export function keptColumns(names: readonly string[], exclude: readonly string[] = []): number[] {
  const drop = new Set<number>();
  for (const e of exclude) {
    const byName = names.indexOf(e);
    const index = byName >= 0 ? byName : /^\d+$/.test(e) && Number(e) < names.length ? Number(e) : -1;
    if (index < 0) throw new UsageError(`no column "${e}" to exclude; columns: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}`);
    drop.add(index);
  }
  return names.map((_, i) => i).filter((i) => !drop.has(i));
}

/**
 * statistics.json and constraints.json for a training CSV, as Model Monitor's baselining job
 * (`suggest_baseline`) computes them, in one streaming pass.
 */
export async function buildBaseline(path: string, display: string, options: BaselineOptions = {}): Promise<BaselineResult> {
  let acc = new DatasetAccumulator([], options.features);
  let keep: number[] = [];
  let excluded: string[] = [];
  const csv = await readTrainingCsv(
    path,
    display,
    { header: options.header },
    {
      columns(names) {
        keep = keptColumns(names, options.exclude);
        excluded = names.filter((_, i) => !keep.includes(i));
        acc = new DatasetAccumulator(
          keep.map((i) => names[i]!),
          options.features,
        );
      },
      row(fields) {
        const row = new Array<string>(keep.length);
        for (let i = 0; i < keep.length; i++) row[i] = fields[keep[i]!]!;
        acc.addRow(row);
      },
    },
  );
  const statistics = acc.toStatistics();
  return { statistics, constraints: suggestConstraints(statistics, options.suggest), input: csv.input, header: csv.header, excluded };
}

/** Model Monitor's file names in the output directory. */
export const STATISTICS_FILE = 'statistics.json';
export const CONSTRAINTS_FILE = 'constraints.json';
export const VIOLATIONS_FILE = 'constraint_violations.json';

export function toJsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Writes statistics.json and constraints.json into `dir` (created when missing); returns their paths. */
export async function writeBaseline(dir: string, baseline: { statistics: MmStatistics; constraints: MmConstraints }): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = [join(dir, STATISTICS_FILE), join(dir, CONSTRAINTS_FILE)];
  await writeFile(files[0]!, toJsonText(baseline.statistics));
  await writeFile(files[1]!, toJsonText(baseline.constraints));
  return files;
}
