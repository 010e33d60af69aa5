// Running the compiled SQL over local files with DuckDB: detections become the same findings and
// scan result `trail scan` produces, patterns the records they match.

import { SEVERITIES, type Finding, type FindingStatus, type Severity } from '../../../core/finding.js';
import type { InputRecord, ScanResult } from '../../../core/scan-result.js';
import { VERSION } from '../../../version.js';
import { alertToFinding } from '../../detect/engine.js';
import { resolveDetections, TRAIL_PROFILE, type DetectOptions } from '../../detect/scan.js';
import type { Alert, Detection } from '../../detect/types.js';
import type { TrailLimits } from '../../read/limits.js';
import type { CloudTrailRecord, SourcedRecord } from '../../record.js';
import { detectionsSql, patternSql, type CompiledSql } from '../compile.js';
import { openTrailTable, type TrailTable, type TrailTableOptions } from './trail-table.js';

export interface DuckDbScanOptions extends DetectOptions {
  paths: string[];
  limits?: Partial<TrailLimits>;
  /** DuckDB worker threads. */
  threads?: number;
  onLoadProgress?: TrailTableOptions['onProgress'];
}

export interface DuckDbScanResult {
  result: ScanResult;
  detections: Detection[];
  alerts: Alert[];
  queries: CompiledSql[];
  /** Milliseconds spent loading the files and running the queries. */
  timings: { loadMs: number; queryMs: number };
}

/** `trail scan` through DuckDB: the same detections, as SQL, over the same files. */
export async function duckdbTrailScan(options: DuckDbScanOptions): Promise<DuckDbScanResult> {
  const detections = resolveDetections(options);
  const queries = detectionsSql(
    detections.map((d) => d.id),
    { dialect: 'duckdb', settings: options, catalog: detections },
  );
  const t0 = performance.now();
  const table = await openTrailTable(options.paths, {
    includeRaw: queries.some((q) => q.usesRaw),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.onLoadProgress ? { onProgress: options.onLoadProgress } : {}),
  });
  const t1 = performance.now();
  try {
    const byId = new Map(detections.map((d) => [d.id, d]));
    const alerts: Alert[] = [];
    for (const q of queries) alerts.push(...(await table.query(q.sql)).map(rowToAlert));
    const findings = alerts.map((a) => alertToFinding(a, byId.get(a.detectionId)!));
    return {
      result: scanResult(findings, table.inputs, table.records, detections.length),
      detections,
      alerts,
      queries,
      timings: { loadMs: t1 - t0, queryMs: performance.now() - t1 },
    };
  } finally {
    table.close();
  }
}

/** The records a filter pattern matches, read through DuckDB. */
export async function duckdbFilter(pattern: string, paths: string[], options: Omit<TrailTableOptions, 'includeRaw'> = {}): Promise<{ records: SourcedRecord[]; inputs: TrailTable['inputs']; total: number; query: CompiledSql }> {
  const query = patternSql(pattern, { dialect: 'duckdb', ...(options.table ? { table: options.table } : {}) });
  const table = await openTrailTable(paths, { ...options, includeRaw: true });
  try {
    const rows = await table.query(query.sql);
    const records = rows.map((r) => ({ record: JSON.parse(String(r['_json'])) as CloudTrailRecord, source: sourceOf(r) }));
    return { records, inputs: table.inputs, total: table.records, query };
  } finally {
    table.close();
  }
}

function sourceOf(row: Record<string, unknown>): SourcedRecord['source'] {
  const file = String(row['source_file'] ?? row['_file'] ?? '');
  const index = row['source_index'] ?? row['_index'];
  const line = row['source_line'] ?? row['_line'];
  return { file, ...(index !== null && index !== undefined ? { index: Number(index) } : {}), ...(line !== null && line !== undefined ? { line: Number(line) } : {}) };
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** One row of a detection query (record.ts ALERT_COLUMNS) as the Alert the in-process detector raises. */
export function rowToAlert(row: Record<string, unknown>): Alert {
  const arn = row['resource_arn'];
  const property = row['property'];
  const evidence = text(row['evidence']);
  return {
    detectionId: text(row['detection']),
    source: sourceOf(row),
    eventTime: text(row['eventtime']),
    eventSource: text(row['eventsource']),
    eventName: text(row['eventname']),
    principal: text(row['principal']),
    resource: { type: text(row['resource_type']), id: text(row['resource_id']), ...(arn ? { arn: String(arn) } : {}) },
    summary: text(row['summary']),
    evidence: evidence ? evidence.split('; ') : [],
    ...(property ? { property: String(property) } : {}),
  };
}

/** The scan result of detection findings, as trail scan shapes it: worst first, then log order. */
function scanResult(findings: Finding[], inputs: InputRecord[], records: number, rules: number): ScanResult {
  findings.sort(
    (a, b) =>
      SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
  const byStatus: Record<FindingStatus, number> = { fail: 0, pass: 0, unknown: 0, suppressed: 0 };
  const failedBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) {
    byStatus[f.status]++;
    if (f.status === 'fail') failedBySeverity[f.severity]++;
  }
  const count = (s: InputRecord['status']) => inputs.filter((i) => i.status === s).length;
  return {
    tool: { name: 'ringfence', version: VERSION },
    profile: TRAIL_PROFILE,
    findings,
    inputs,
    errors: [],
    summary: {
      inputs: { read: count('read'), skipped: count('skipped'), failed: count('failed') },
      resources: records,
      rules,
      findings: byStatus,
      failedBySeverity,
    },
  };
}
