// DuckDB SQL that reads one trail file the way its format needs, and turns each record into a row
// of the CloudTrail table: the columns of Athena's DDL (schema.ts), plus where the record came from
// (_file, _index, _line), its delivery order (_seq) and, when asked, the whole record (_json).

import type { TrailFormat } from '../../read/json-scanner.js';
import { duckdbColumns, duckdbTransformShape } from '../schema.js';
import { str } from '../sql-text.js';

export interface SourceFile {
  path: string;
  /** The path as reports show it. */
  shown: string;
  format: TrailFormat;
  /** The file's place in reading order. */
  ordinal: number;
  /** Decompressed size: a wrapper ({"Records":[…]}) is one JSON value of this size for DuckDB. */
  bytes: number;
}

/** Room DuckDB may use for one JSON value: a wrapper file whole, or one record of a per-record format. */
const WRAPPERS: readonly TrailFormat[] = ['cloudtrail', 'cloudwatch-logs-events', 'cloudtrail-lookup-events'];
const SLACK = 64 * 1024;

/** Records per file are numbered below this, so file ordinal and index make one delivery order. */
const SEQ_STRIDE = 4_294_967_296;
const TIMESTAMP_PREFIX = String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})[ \t]+`;

/**
 * `(r JSON, filename, idx BIGINT, line BIGINT)`: the records of files of one format, read in one
 * call so DuckDB reads them in parallel; idx counts from 0 in each file's order.
 */
function recordsOf(format: TrailFormat, files: readonly SourceFile[], maxRecordBytes: number): string {
  const list = `[${files.map((f) => str(f.path)).join(', ')}]`;
  const size = Math.min(4_294_967_295, (WRAPPERS.includes(format) ? Math.max(...files.map((f) => f.bytes)) : maxRecordBytes) + SLACK);
  const perFile = (order: string) => `row_number() OVER (PARTITION BY t.filename ORDER BY ${order}) - 1`;
  switch (format) {
    // Wrappers are read with their array typed JSON[]: DuckDB then splits the elements itself,
    // far faster than extracting the array from one large JSON value.
    case 'cloudtrail':
      return `SELECT o.rec AS r, t.filename, ${perFile('t.top, o.i')} AS idx, CAST(NULL AS BIGINT) AS line
  FROM read_json(${list}, columns = {'Records': 'JSON[]'}, filename = true, maximum_object_size = ${size}) WITH ORDINALITY AS t(arr, filename, top),
    unnest(t.arr) WITH ORDINALITY AS o(rec, i)`;
    case 'cloudwatch-logs-events':
      return wrapped(list, size, ['events', 'logEvents'], 'message');
    case 'cloudtrail-lookup-events':
      return wrapped(list, size, ['Events'], 'CloudTrailEvent');
    case 'json-array':
    case 'json-lines':
      return `SELECT t.r, t.filename, ${perFile('t.i')} AS idx, CAST(NULL AS BIGINT) AS line
  FROM read_json_objects(${list}, format = '${format === 'json-array' ? 'array' : 'unstructured'}', filename = true, maximum_object_size = ${size}) WITH ORDINALITY AS t(r, filename, i)`;
    case 'cloudwatch-logs-export':
      // One record per line after a timestamp; blank lines hold none.
      return `SELECT CAST(regexp_replace(t.text, ${str(TIMESTAMP_PREFIX)}, '') AS JSON) AS r, t.filename, ${perFile('t.i')} AS idx, t.line
  FROM (
    SELECT l.text, l.filename, l.i, row_number() OVER (PARTITION BY l.filename ORDER BY l.i) AS line
    FROM read_csv(${list}, columns = {'text': 'VARCHAR'}, delim = chr(1), quote = '', escape = '', header = false, auto_detect = false, filename = true, max_line_size = ${size}) WITH ORDINALITY AS l(text, filename, i)
  ) t
  WHERE trim(t.text) <> '' AND json_valid(regexp_replace(t.text, ${str(TIMESTAMP_PREFIX)}, ''))`;
    default:
      throw new Error(`no DuckDB reader for trail format ${String(format)}`);
  }
}

/** Records held as JSON text in a field of each element of a wrapper's array (log events, event history). */
function wrapped(list: string, size: number, arrays: readonly string[], field: string): string {
  const columns = `{${arrays.map((a) => `${str(a)}: 'JSON[]'`).join(', ')}}`;
  const elements = arrays.length === 1 ? `t."${arrays[0]}"` : `coalesce(${arrays.map((a) => `t."${a}"`).join(', ')})`;
  return `SELECT CAST(json_extract_string(o.ev, ${str('$.' + field)}) AS JSON) AS r, t.filename, row_number() OVER (PARTITION BY t.filename ORDER BY t.top, o.i) - 1 AS idx, CAST(NULL AS BIGINT) AS line
  FROM read_json(${list}, columns = ${columns}, filename = true, maximum_object_size = ${size}) WITH ORDINALITY AS t(${arrays.map((a) => `"${a}"`).join(', ')}, filename, top),
    unnest(${elements}) WITH ORDINALITY AS o(ev, i)
  WHERE json_valid(json_extract_string(o.ev, ${str('$.' + field)}))`;
}

/**
 * Rows of the table from a batch of files: the records that are JSON objects, projected to the
 * columns, with each file's name as shown and its place in reading order.
 */
export function rowsOf(files: readonly SourceFile[], maxRecordBytes: number, includeRaw: boolean): string {
  const shape = str(JSON.stringify(duckdbTransformShape()));
  const formats = [...new Set(files.map((f) => f.format))];
  const records = formats.map((format) => recordsOf(format, files.filter((f) => f.format === format), maxRecordBytes)).join('\n  UNION ALL\n  ');
  const names = files.map((f) => `(${str(f.path)}, ${str(f.shown)}, ${f.ordinal})`).join(', ');
  return `SELECT ${duckdbColumns('t.rec').join(', ')},
    f.shown AS _file, t.idx AS _index, t.line AS _line, CAST(f.ordinal AS BIGINT) * ${SEQ_STRIDE} + t.idx AS _seq${includeRaw ? ', t.r AS _json' : ''}
  FROM (
    SELECT json_transform(s.r, ${shape}) AS rec, s.*
    FROM (${records}) s
    WHERE json_type(s.r) = 'OBJECT'
  ) t JOIN (VALUES ${names}) AS f(path, shown, ordinal) ON f.path = t.filename`;
}

/** The table the rows go into: Athena's columns and the DuckDB-only ones. */
export function createTableSql(table: string, includeRaw: boolean): string {
  const shape = str(JSON.stringify(duckdbTransformShape()));
  return `CREATE OR REPLACE TABLE ${table} AS
SELECT ${duckdbColumns('t.rec').join(', ')},
  CAST(NULL AS VARCHAR) AS _file, CAST(NULL AS BIGINT) AS _index, CAST(NULL AS BIGINT) AS _line, CAST(NULL AS BIGINT) AS _seq${includeRaw ? ', CAST(NULL AS JSON) AS _json' : ''}
FROM (SELECT json_transform('{}', ${shape}) AS rec) t
LIMIT 0`;
}

/**
 * A view over files, for users who run the SQL themselves in the DuckDB shell: CloudTrail's S3
 * files (`{"Records":[…]}`), gzipped or not, under a glob.
 */
export function viewSql(glob: string, view = 'cloudtrail_logs'): string {
  const shape = str(JSON.stringify(duckdbTransformShape()));
  return `-- CloudTrail's S3 log files as a DuckDB view with the columns of Athena's cloudtrail_logs table.
CREATE OR REPLACE VIEW ${view} AS
SELECT ${duckdbColumns('t.rec').join(',\n  ')},
  t.filename AS _file, t.idx AS _index, CAST(NULL AS BIGINT) AS _line,
  dense_rank() OVER (ORDER BY t.filename) * ${SEQ_STRIDE} + t.idx AS _seq,
  t.r AS _json
FROM (
  SELECT json_transform(s.r, ${shape}) AS rec, s.*
  FROM (
    SELECT t.filename, o.rec AS r, o.i - 1 AS idx
    FROM read_json(${str(glob)}, columns = {'Records': 'JSON[]'}, filename = true, maximum_object_size = 1073741824) t,
      unnest(t.Records) WITH ORDINALITY AS o(rec, i)
  ) s
  WHERE json_type(s.r) = 'OBJECT'
) t;`;
}
