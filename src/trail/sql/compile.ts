// Detections and filter patterns as SQL for DuckDB or Athena: the public entry points. A query for
// a detection returns one row per alert (record.ts's ALERT_COLUMNS); a query for a pattern returns
// the matching records. Where SQL cannot do exactly what the in-process engine does, the result
// carries notes saying what it does instead; where it cannot do it at all, SqlCompileError.

import { DETECTIONS, describeDetections, selectDetections } from '../detect/index.js';
import { detectorConfig, type DetectionSettings } from '../detect/params.js';
import type { Detection, DetectorConfig } from '../detect/types.js';
import { parseFilterPattern } from '../pattern/parse.js';
import { dialectOf, SqlCompileError, type Dialect, type DialectName } from './dialect.js';
import { patternCondition } from './filter-pattern.js';
import type { Source } from './record.js';
import { tableName } from './sql-text.js';
import { statelessSql } from './stateless.js';
import { accessDeniedBurstSql } from './stateful/access-denied-burst.js';
import { dataEventsReducedSql } from './stateful/cloudtrail-data-events-reduced.js';
import { presignedUrlNewIpSql } from './stateful/sagemaker-presigned-url-new-ip.js';
import { roleNewPasserSql } from './stateful/sagemaker-role-new-passer.js';
import { trainingDataBulkReadSql } from './stateful/s3-training-data-bulk-read.js';
import { trainingDataNewWriterSql } from './stateful/s3-training-data-new-writer.js';

export interface SqlOptions {
  dialect: DialectName;
  /** The table (or DuckDB view) of CloudTrail records; default cloudtrail_logs. */
  table?: string;
  /**
   * A condition every query puts on the table, as written: in Athena, the partitions to read
   * (`year = '2024' AND month = '08'`, or `timestamp >= '2024/08/01'` with partition projection).
   */
  where?: string;
  /** Parameters, learning period and training buckets, as `trail scan` takes them. */
  settings?: DetectionSettings;
  catalog?: readonly Detection[];
}

export interface CompiledSql {
  /** The detection id, or `pattern`. */
  id: string;
  sql: string;
  /** Where this SQL may answer differently from the in-process engine, and how. */
  notes: string[];
  /** False when a note says SQL may match more than the in-process engine. */
  exact: boolean;
  /** Reads DuckDB's whole-record columns (_json); Athena never does. */
  usesRaw: boolean;
}

export const DEFAULT_TABLE = 'cloudtrail_logs';

type StatefulBuilder = (d: Dialect, src: Source, config: DetectorConfig) => string;

/** The stateful detections, each with its SQL and what its SQL does differently. */
const STATEFUL: Readonly<Record<string, { sql: StatefulBuilder; notes: string[] }>> = {
  'access-denied-burst': { sql: accessDeniedBurstSql, notes: [] },
  'sagemaker-role-new-passer': { sql: roleNewPasserSql, notes: ['first-seen'] },
  'sagemaker-presigned-url-new-ip': { sql: presignedUrlNewIpSql, notes: ['first-seen'] },
  's3-training-data-new-writer': { sql: trainingDataNewWriterSql, notes: ['first-seen', 'training-data'] },
  's3-training-data-bulk-read': { sql: trainingDataBulkReadSql, notes: ['sliding-window', 'training-data'] },
  'cloudtrail-data-events-reduced': { sql: dataEventsReducedSql, notes: [] },
};

/** The differences, written once. */
const NOTE_TEXT: Record<string, (d: Dialect) => string | undefined> = {
  state: () =>
    'SQL keeps no cap on state; the in-process engine forgets the least recently seen keys when its caps (max* parameters) are full and says so on stderr — the results agree whenever it forgot nothing',
  order: (d) => (d.name === 'athena' ? 'Athena has no delivery order: records are ordered by eventtime, then eventid (the in-process engine reads files in path order, records in file order)' : undefined),
  'first-seen': (d) =>
    d.name === 'athena'
      ? 'the learning period starts at the earliest eventtime in the table, read in one more pass over it (--where limits both passes)'
      : undefined,
  'sliding-window': () =>
    'reads are counted in twelve sub-windows of event time; the in-process counter takes records in delivery order, so the two differ only when one principal’s reads of one bucket arrive out of time order across a sub-window boundary',
  'training-data': (d) =>
    'SQL remembers every training-data location the log names; the in-process tracker keeps up to 256 prefixes per bucket (then widens to the whole bucket) and 1,000 buckets' +
    (d.name === 'athena' ? '; Athena reads the table twice (once for the SageMaker jobs that name training data)' : ''),
};

function notesFor(d: Dialect, keys: readonly string[]): string[] {
  return ['state', 'order', ...keys].map((k) => NOTE_TEXT[k]!(d)).filter((n): n is string => n !== undefined);
}

/** The SQL of one detection (one row per alert). */
export function detectionSql(id: string, options: SqlOptions): CompiledSql {
  const catalog = options.catalog ?? DETECTIONS;
  const [detection] = selectDetections(catalog, [id]);
  return compileDetection(detection!, options);
}

/** The SQL of the selected detections (all when `ids` is empty), in catalog order. */
export function detectionsSql(ids: readonly string[], options: SqlOptions): CompiledSql[] {
  return selectDetections(options.catalog ?? DETECTIONS, ids).map((d) => compileDetection(d, options));
}

function compileDetection(detection: Detection, options: SqlOptions): CompiledSql {
  const d = dialectOf(options.dialect);
  const src = sourceOf(options);
  const config = detectorConfig(detection, options.settings);
  const stateful = STATEFUL[detection.id];
  if (stateful) {
    return { id: detection.id, sql: stateful.sql(d, src, config), notes: notesFor(d, stateful.notes), exact: true, usesRaw: false };
  }
  const description = describeDetections([detection]).detections[0]!;
  if (detection.kind !== 'stateless' || !description.rows) {
    throw new SqlCompileError(`detection ${detection.id} has no SQL form (it is neither a table of event rows nor one of the stateful detections the compiler knows)`);
  }
  return { id: detection.id, sql: statelessSql(d, src, detection.id, description.rows), notes: notesFor(d, []).filter((n) => !n.startsWith('SQL keeps no cap')), exact: true, usesRaw: false };
}

/**
 * The records a CloudWatch Logs filter pattern matches. Throws FilterPatternError for a pattern
 * CloudWatch would reject and SqlCompileError for one the dialect cannot express.
 */
export function patternSql(pattern: string, options: SqlOptions): CompiledSql {
  const d = dialectOf(options.dialect);
  const src = sourceOf(options);
  const ast = parseFilterPattern(pattern);
  const c = patternCondition(ast, d);
  const sql = `SELECT *\nFROM ${src.table}\nWHERE ${src.where ? `(${src.where}) AND ` : ''}${c.condition}\nORDER BY ${d.seq}`;
  return { id: 'pattern', sql, notes: c.notes, exact: c.exact, usesRaw: c.usesRaw };
}

function sourceOf(options: SqlOptions): Source {
  const where = options.where?.trim();
  return { table: tableName(options.table ?? DEFAULT_TABLE), ...(where ? { where } : {}) };
}

export { SqlCompileError };
