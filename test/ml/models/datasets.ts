// Loads the real datasets of ../shared/data/datasets for tests: numeric features and class
// indices (the files have no quoting, so a split on commas reads them exactly).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DATASETS_DIR = resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data', 'datasets');

export interface NumericDataset {
  columns: string[];
  rows: number[][];
  labels: number[];
}

/** A dataset whose features are all numeric and whose last column `label` holds integer classes. */
export function loadNumeric(name: 'iris' | 'wine' | 'breast_cancer' | 'banknote_authentication'): NumericDataset {
  const lines = readFileSync(resolve(DATASETS_DIR, `${name}.csv`), 'utf8').trim().split('\n');
  const columns = lines[0]!.split(',').slice(0, -1);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',').map(Number);
    labels.push(cells.pop()!);
    rows.push(cells);
  }
  return { columns, rows, labels };
}
