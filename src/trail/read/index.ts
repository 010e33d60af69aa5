import type { SourcedRecord } from '../record.js';
import { trailEntries } from './files.js';
import { DEFAULT_TRAIL_LIMITS, type TrailLimits } from './limits.js';
import { readTrailFile, type TrailInput } from './read-file.js';
import { readWholeCloudTrailFile, wholeFileRecords } from './whole-file.js';

export { DEFAULT_TRAIL_LIMITS, type TrailLimits } from './limits.js';
export type { TrailInput } from './read-file.js';
export { TrailScanner, type ScannedElement, type ScanProblem, type TrailFormat } from './json-scanner.js';

export interface TrailProgress {
  file: string;
  filesDone: number;
  filesTotal: number;
  records: number;
  bytes: number;
}

export interface ReadTrailOptions {
  limits?: Partial<TrailLimits>;
  /** Called as each file starts; for a progress line on a terminal. */
  onProgress?: (progress: TrailProgress) => void;
  /** Bytes read at a time (decompressed chunks are at most this, capped at 1 MiB). */
  chunkBytes?: number;
}

export interface TrailReadStats {
  files: number;
  records: number;
  /** Decompressed bytes scanned. */
  bytes: number;
  /**
   * The most bytes held at once: one chunk plus the unfinished record, or one whole file no larger
   * than a record may be (whole-file.ts). Flat, whatever the input size.
   */
  peakBufferedBytes: number;
}

export interface OpenedTrail {
  records: AsyncGenerator<SourcedRecord>;
  /** Every path's fate; complete once `records` has been consumed to the end. */
  inputs: TrailInput[];
  stats: TrailReadStats;
}

/**
 * Reads CloudTrail records from files and directories, one record at a time: CloudTrail's S3 log
 * files (`{"Records":[…]}`, .json or .json.gz), CloudWatch Logs exports and `aws logs` output,
 * `aws cloudtrail lookup-events` output, JSON arrays and JSON Lines, gzipped or not. Memory stays
 * flat however large the input; digest folders (CloudTrail-Digest) are skipped.
 */
export function openTrail(paths: string[], options: ReadTrailOptions = {}): OpenedTrail {
  const limits: TrailLimits = { ...DEFAULT_TRAIL_LIMITS, ...options.limits };
  const inputs: TrailInput[] = [];
  const stats: TrailReadStats = { files: 0, records: 0, bytes: 0, peakBufferedBytes: 0 };
  const chunkBytes = options.chunkBytes ?? 1 << 20;

  async function* records(): AsyncGenerator<SourcedRecord> {
    const entries = await trailEntries(paths, limits.maxFiles);
    const total = entries.filter((e) => 'file' in e).length;
    let done = 0;
    for (const entry of entries) {
      if ('input' in entry) {
        inputs.push(entry.input);
        continue;
      }
      const f = entry.file;
      options.onProgress?.({ file: f.shown, filesDone: done++, filesTotal: total, records: stats.records, bytes: stats.bytes });
      const input: TrailInput = { path: f.shown, status: 'read', records: 0 };
      inputs.push(input);
      stats.files++;
      // CloudTrail's own small one-line files: one JSON.parse, no generator in between (whole-file.ts).
      const whole = readWholeCloudTrailFile(f.path, limits);
      if (whole) {
        for (const r of wholeFileRecords(whole, f.shown, input, stats)) {
          stats.records++;
          yield r;
        }
        continue;
      }
      for await (const r of readTrailFile(f.path, f.shown, { limits, explicit: f.explicit, chunkBytes, stats }, input)) {
        stats.records++;
        yield r;
      }
    }
  }

  return { records: records(), inputs, stats };
}

/** The records of `paths`, one at a time (see openTrail for the accounting of every file). */
export function readTrail(paths: string[], options?: ReadTrailOptions): AsyncGenerator<SourcedRecord> {
  return openTrail(paths, options).records;
}
