import { datasetFromTable, type Dataset } from '../../../src/ml/extraction/simulate/dataset.js';
import { loadNumeric } from '../models/datasets.js';

/** One of the real numeric datasets of ../shared/data/datasets, encoded for the simulators. */
export function loadDataset(name: Parameters<typeof loadNumeric>[0]): Dataset {
  const { columns, rows, labels } = loadNumeric(name);
  return datasetFromTable(
    name,
    [...columns, 'label'],
    rows.map((r, i) => [...r, labels[i]!]),
    'label',
  );
}
