import { createHash } from 'node:crypto';
import type { DataObject, DataSource } from './data-source.js';
import type { TabularSummary } from './manifest.js';
import { parquetSummary } from './parquet-summary.js';
import { createTabularSink, tabularFormatOf } from './tabular-summary.js';

export interface Digest {
  size: number;
  sha256: string;
  tabular?: TabularSummary;
  /** Why a tabular-looking object has no summary (its hash is recorded all the same). */
  note?: string;
}

/**
 * Reads an object once: SHA-256 and byte count, and for CSV/TSV/JSON Lines the row count and
 * schema from the same chunks. Parquet's footer is read afterwards by random access. Throws
 * when the object cannot be read or its length differs from the listing.
 */
export async function digestObject(source: DataSource, object: DataObject, summarize = true): Promise<Digest> {
  const format = summarize ? tabularFormatOf(object.key) : undefined;
  const sink = format && format !== 'parquet' ? createTabularSink(format) : undefined;
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source.read(object)) {
    hash.update(chunk);
    size += chunk.byteLength;
    sink?.write(chunk);
  }
  if (size !== object.size) {
    throw new Error(`read ${size} bytes where the listing said ${object.size}: the object changed while it was read`);
  }
  const out: Digest = { size, sha256: hash.digest('hex') };
  if (sink) {
    const summary = sink.end();
    if ('gaveUp' in summary) out.note = summary.gaveUp;
    else out.tabular = summary;
  } else if (format === 'parquet') {
    try {
      out.tabular = await parquetSummary(source.randomAccess(object));
    } catch (e) {
      out.note = `not readable as Parquet (${(e as Error).message}); rows and schema are not recorded`;
    }
  }
  return out;
}

/** Runs `fn` over the items with at most `limit` at a time, keeping their order in the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
