// CloudTrail detections and filter patterns as SQL: DuckDB (run locally) and Athena (Trino) over
// the standard CloudTrail table.
export { detectionSql, detectionsSql, patternSql, DEFAULT_TABLE, SqlCompileError, type CompiledSql, type SqlOptions } from './compile.js';
export { DIALECTS, type DialectName } from './dialect.js';
export { athenaDdl, type AthenaTableOptions } from './athena-ddl.js';
export { ALERT_COLUMNS } from './record.js';
export { viewSql as duckdbViewSql } from './duckdb/source.js';
export { duckdbAvailable, loadDuckDb } from './duckdb/load.js';
export { openTrailTable, type TrailTable, type TrailTableOptions } from './duckdb/trail-table.js';
export { duckdbTrailScan, duckdbFilter, rowToAlert, type DuckDbScanOptions, type DuckDbScanResult } from './duckdb/run.js';
