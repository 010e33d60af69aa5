// `ringfence trail scan` as a library call: records in (from the trail reader), a ScanResult out —
// the same shape a posture scan has, so every reporter renders it. Inputs are the reader's
// accounting of every file; findings are the alerts, one failed finding each.

import { UsageError } from '../../core/errors.js';
import { SEVERITIES, type Finding } from '../../core/finding.js';
import { summarize, type InputRecord, type ScanResult } from '../../core/scan-result.js';
import { VERSION } from '../../version.js';
import { openTrail, type ReadTrailOptions, type TrailReadStats } from '../read/index.js';
import type { SourcedRecord } from '../record.js';
import { alertToFinding, DetectionRun, type RunOptions, type RunStats } from './engine.js';
import { DETECTIONS, selectDetections } from './index.js';
import type { Detection } from './types.js';

/** What the table header shows in place of a posture profile. */
export const TRAIL_PROFILE = 'trail';

export interface DetectOptions extends RunOptions {
  /** Only these detection ids. */
  detections?: readonly string[];
  /** Not these. */
  skipDetections?: readonly string[];
  /** The catalog; default the built-in one. */
  catalog?: readonly Detection[];
  /** Called every `progressEvery` records (default 50,000). */
  onProgress?: (records: number) => void;
  progressEvery?: number;
}

export interface TrailScanResult {
  result: ScanResult;
  /** The detections that ran, as Rule-shaped metadata for `render()`. */
  detections: Detection[];
  stats: RunStats;
}

export interface TrailScanOptions extends DetectOptions {
  /** CloudTrail files and directories. */
  paths: string[];
  /** Reader options: limits, a per-file progress callback. */
  read?: ReadTrailOptions;
}

/**
 * Reads CloudTrail logs (files and directories, .json and .json.gz, S3 delivery layout, CloudWatch
 * Logs exports) and runs the detections over them, streaming: memory holds one record at a time
 * plus the detectors' bounded state. Detection ids are checked before any file is opened.
 */
export async function trailScan(options: TrailScanOptions): Promise<TrailScanResult & { read: TrailReadStats }> {
  resolveDetections(options);
  const trail = openTrail(options.paths, options.read ?? {});
  const scanned = await scanRecords(trail.records, trail.inputs, options);
  return { ...scanned, read: trail.stats };
}

/** Checks detection ids and `--set` targets before any input is read. */
export function resolveDetections(options: DetectOptions): Detection[] {
  const catalog = options.catalog ?? DETECTIONS;
  const selected = selectDetections(catalog, options.detections, options.skipDetections);
  const known = new Set(catalog.map((d) => d.id));
  for (const id of Object.keys(options.parameters ?? {})) {
    if (!known.has(id)) throw new UsageError(`--set names unknown detection "${id}" (see \`ringfence trail scan --list\`)`);
  }
  return selected;
}

/**
 * Runs the detections over a stream of records. `inputs` is the reader's accounting; it is read
 * after the stream ends, so a reader that fills it while streaming is accounted in full.
 */
export async function scanRecords(
  records: Iterable<SourcedRecord> | AsyncIterable<SourcedRecord>,
  inputs: InputRecord[],
  options: DetectOptions = {},
): Promise<TrailScanResult> {
  const detections = resolveDetections(options);
  const run = new DetectionRun(detections, options);
  const every = options.progressEvery ?? 50_000;
  for await (const r of records) {
    run.onRecord(r);
    if (options.onProgress && run.stats.records % every === 0) options.onProgress(run.stats.records);
  }
  const byId = new Map(detections.map((d) => [d.id, d]));
  const findings = run.finish().map((a) => alertToFinding(a, byId.get(a.detectionId)!));
  return {
    result: {
      tool: { name: 'ringfence', version: VERSION },
      profile: TRAIL_PROFILE,
      findings: sortFindings(findings),
      inputs,
      errors: run.stats.failures.map((f) => ({
        message: `detection ${f.detectionId} could not judge this record: ${f.message}`,
        file: f.file,
        ...(f.line !== undefined ? { line: f.line, column: 1 } : {}),
      })),
      summary: summarize(findings, inputs, run.stats.records, detections.length, { resources: 'record', rules: 'detection' }),
    },
    detections,
    stats: run.stats,
  };
}

/** Worst first, then in log order (file, line), so a burst reads top to bottom. */
function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}
