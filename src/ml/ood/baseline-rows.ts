import type { InputRecord } from '../../core/scan-result.js';
import { keptColumns } from '../drift/baseline.js';
import { readTrainingCsv } from '../stats/training-csv.js';

export interface BaselineRows {
  names: string[];
  rows: string[][];
  /** Rows read from the file; more than `rows.length` when the file was sampled. */
  read: number;
  excluded: string[];
  header: boolean;
  input: InputRecord;
}

/**
 * The rows of a training CSV, minus excluded columns (the label), held in memory for fitting. A
 * file with more than `maxRows` rows is reservoir-sampled to that many, reproducibly.
 */
export async function readBaselineRows(path: string, display: string, options: { header?: boolean; exclude?: string[]; maxRows?: number; seed?: number } = {}): Promise<BaselineRows> {
  const maxRows = options.maxRows ?? 100_000;
  let keep: number[] = [];
  let names: string[] = [];
  let excluded: string[] = [];
  const rows: string[][] = [];
  let read = 0;
  let s = (options.seed ?? 7) >>> 0 || 1;
  const random = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  const csv = await readTrainingCsv(
    path,
    display,
    { header: options.header },
    {
      columns(all) {
        keep = keptColumns(all, options.exclude);
        names = keep.map((i) => all[i]!);
        excluded = all.filter((_, i) => !keep.includes(i));
      },
      row(fields) {
        read++;
        const row = keep.map((i) => fields[i]!);
        if (rows.length < maxRows) rows.push(row);
        else {
          const j = Math.floor(random() * read);
          if (j < maxRows) rows[j] = row;
        }
      },
    },
  );
  return { names, rows, read, excluded, header: csv.header, input: csv.input };
}
