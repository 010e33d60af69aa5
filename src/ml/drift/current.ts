import type { CaptureRecord } from '../capture/types.js';
import { DatasetAccumulator } from '../stats/dataset.js';
import type { FeatureOptions } from '../stats/feature.js';

export interface CurrentDataset {
  dataset: DatasetAccumulator;
  /** Records with no input to analyse (binary payloads, output-only capture). */
  skipped: number;
}

/**
 * Statistics of captured inputs, the "current dataset" of a monitoring run. CSV rows are judged on
 * their text (so `1.0` stays Fractional), JSON rows on their values. Columns take the baseline's
 * names, by position.
 */
export async function captureDataset(records: AsyncIterable<CaptureRecord>, names: readonly string[], options: FeatureOptions = {}): Promise<CurrentDataset> {
  const dataset = new DatasetAccumulator(names, options);
  let skipped = 0;
  for await (const r of records) {
    if (r.inputFormat === undefined || r.inputFormat === 'binary') {
      skipped++;
      continue;
    }
    dataset.addRow(r.fields ?? r.features);
  }
  return { dataset, skipped };
}
