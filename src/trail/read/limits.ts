import { DEFAULT_LIMITS } from '../../core/limits.js';

/** What one trail read may consume; every limit turns into an error naming the file and position. */
export interface TrailLimits {
  /** Bytes one file may decompress to (a gzip bomb stops here); plain files count their size. */
  maxDecompressedBytes: number;
  /** Bytes of one record's JSON text; a larger record is skipped with a warning. */
  maxRecordBytes: number;
  /** Nesting of objects and arrays inside one record. */
  maxDepth: number;
  /** Files found below the directories given. */
  maxFiles: number;
}

export const DEFAULT_TRAIL_LIMITS: TrailLimits = {
  maxDecompressedBytes: 4 * 1024 * 1024 * 1024,
  // CloudTrail caps events at 256 KB; a generous margin for other exporters' wrapping.
  maxRecordBytes: 4 * 1024 * 1024,
  maxDepth: DEFAULT_LIMITS.maxDepth,
  maxFiles: DEFAULT_LIMITS.maxFiles,
};
