import { join, resolve } from 'node:path';
import { readDataset } from '../../../src/ml/tabular/dataset.js';
import type { Table } from '../../../src/ml/tabular/table.js';

/** The shared data corpus beside the repository (../shared/data), as in CI. */
export const DATASETS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'datasets');
export const FIXTURES = resolve(__dirname, '..', '..', 'fixtures', 'ml', 'poisoning');

/** A real dataset with its label kept as text, as the audit reads it. */
export function realDataset(name: string): Promise<Table> {
  return readDataset(join(DATASETS, `${name}.csv`), { text: ['label'] });
}

export function fixture(name: string): Promise<Table> {
  return readDataset(join(FIXTURES, name), { text: ['label'] });
}
