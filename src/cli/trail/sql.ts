import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { Severity } from '../../core/finding.js';
import type { CompiledSql, DialectName } from '../../trail/sql/index.js';
import { choice, collectList, parseSeverity, useColor } from '../options.js';
import { emit } from '../output.js';
import { exitCode } from '../scan.js';
import { patternOrUsageError, reportInputs } from './pattern-cli.js';
import { collectSetting } from './scan.js';

const DIALECT_NAMES: readonly DialectName[] = ['athena', 'duckdb'];
const FORMAT_NAMES = ['sql', 'table', 'json', 'jsonl', 'sarif', 'junit'] as const;
type FormatName = (typeof FORMAT_NAMES)[number];
/** What each use of the command can print; the first is its default. */
const FORMATS_FOR = {
  print: ['sql', 'json'],
  detections: ['table', 'json', 'sarif', 'junit'],
  pattern: ['table', 'json', 'jsonl'],
} as const satisfies Record<string, readonly FormatName[]>;

interface TrailSqlFlags {
  dialect?: DialectName;
  detection?: string[];
  pattern?: string;
  table?: string;
  where?: string;
  ddl?: boolean;
  location?: string;
  projection?: string[];
  since?: string;
  run?: string[];
  format?: FormatName;
  output?: string;
  failOn: Severity | 'none';
  bucket?: string[];
  baselineDays?: number;
  set?: Record<string, Record<string, string>>;
  quiet?: boolean;
}

function parseDays(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of days, 0 or more');
  return n;
}

function parseSince(value: string): string {
  if (!/^\d{4}\/\d{2}\/\d{2}$/.test(value)) throw new InvalidArgumentError('expected a date as yyyy/MM/dd, e.g. 2024/01/01');
  return value;
}

/** Adds `ringfence trail sql` to the `trail` command group. */
export function defineTrailSql(trail: Command, setExit: (code: number) => void): void {
  trail
    .command('sql')
    .description('Print the detections or a filter pattern as SQL for Athena or DuckDB, or run them locally with DuckDB.')
    .addOption(new Option('--dialect <dialect>', 'athena (Trino, over the Athena CloudTrail table) or duckdb (default athena; duckdb with --run)').argParser(choice(DIALECT_NAMES)))
    .option('--detection <ids>', 'only these detections (repeatable, comma-separated; default all)', collectList)
    .option('--pattern <pattern>', 'a CloudWatch Logs filter pattern instead of the detections')
    .option('--table <name>', 'the table (or view) of CloudTrail records the SQL reads', 'cloudtrail_logs')
    .option('--where <condition>', "a condition on the table every query applies, e.g. the partitions to read: \"region = 'eu-west-1' AND year = '2024'\"")
    .option('--ddl', 'print the CREATE TABLE for Athena (or the CREATE VIEW for DuckDB) instead')
    .option('--location <s3-uri>', 'with --ddl: the LOCATION of the logs, s3://bucket/AWSLogs/<account>/CloudTrail/')
    .option('--projection <regions>', 'with --ddl: use partition projection over these regions (comma-separated)', collectList)
    .option('--since <yyyy/MM/dd>', 'with --projection: the first day of logs (default 2024/01/01)', parseSince)
    .addOption(new Option('--run <files...>', 'run the SQL with DuckDB over these CloudTrail files or directories and print the findings (or matching records)'))
    .addOption(new Option('-f, --format <format>', 'sql or json (printing); table, json, sarif, junit (--run detections); table, json, jsonl (--run --pattern)').choices(FORMAT_NAMES))
    .option('-o, --output <file>', 'write to FILE instead of stdout')
    .option('--fail-on <severity>', 'with --run: exit 1 when a finding is at or above: info, low, medium, high, critical, none', parseSeverity, 'low')
    .option('--bucket <bucket>', 'training-data bucket, or s3://bucket/prefix (repeatable), as for trail scan', collectList)
    .option('--baseline-days <days>', 'learning period of the first-seen detections (default 1)', parseDays)
    .option('--set <detection.parameter=value>', 'override a detection parameter (repeatable), as for trail scan', collectSetting)
    .option('-q, --quiet', 'no notes, summary or progress on stderr')
    .addHelpText(
      'after',
      `
Every detection of \`trail scan\` and every filter pattern compiles to SQL over the table that
Athena's documented DDL creates for CloudTrail logs (print it with --ddl). Detection queries
return one row per alert: detection, eventid, eventtime, …, principal, resource_type, resource_id,
summary, evidence. Where SQL cannot do exactly what the in-process engine does, the SQL begins
with "-- note:" lines saying what it does instead; what it cannot do at all (term patterns in
Athena, which keeps no event text) is refused with the reason.

Examples:
  $ ringfence trail sql --ddl --location s3://acme-trail/AWSLogs/111122223333/CloudTrail/ > table.sql
  $ ringfence trail sql --detection cloudtrail-logging-stopped,iam-admin-granted > detections.sql
  $ ringfence trail sql --pattern '{ $.errorCode = "AccessDenied*" }' --table cloudtrail_logs_pp
  $ ringfence trail sql --table cloudtrail_logs_pp --where "timestamp >= '2024/08/01'"   # partitions to read
  $ ringfence trail sql --dialect duckdb --detection access-denied-burst --set access-denied-burst.threshold=20
  $ ringfence trail sql --run AWSLogs/ --format sarif -o trail.sarif
  $ ringfence trail sql --run AWSLogs/ --pattern '{ $.userIdentity.type = Root }' -f jsonl

Exit codes: 0 printed (or ran with nothing at or above --fail-on); 1 --run found findings at or
above it; 2 usage error, a pattern or detection SQL cannot express, or a file that could not be read.`,
    )
    .action(async (flags: TrailSqlFlags, cmd: Command) => {
      setExit(await runTrailSql(flags, cmd.optsWithGlobals().color as boolean | undefined));
    });
}

async function runTrailSql(flags: TrailSqlFlags, color: boolean | undefined): Promise<number> {
  const dialect: DialectName = flags.dialect ?? (flags.run ? 'duckdb' : 'athena');
  if (flags.run && dialect !== 'duckdb') throw new UsageError('--run executes SQL with DuckDB; Athena SQL runs in Athena (drop --dialect athena, or print it without --run)');
  if (flags.pattern !== undefined && flags.detection) throw new UsageError('give --detection or --pattern, not both');
  if (!flags.ddl && (flags.location || flags.projection)) throw new UsageError('--location and --projection shape the table of --ddl');
  const use = flags.ddl ? 'print' : !flags.run ? 'print' : flags.pattern !== undefined ? 'pattern' : 'detections';
  const allowed: readonly FormatName[] = FORMATS_FOR[use];
  const format = flags.format ?? allowed[0]!;
  if (!allowed.includes(format)) throw new UsageError(`-f ${format} does not apply here: ${flags.ddl ? '--ddl' : flags.run ? (flags.pattern !== undefined ? '--run --pattern' : '--run') : 'printing SQL'} takes ${allowed.join(', ')}`);

  const sql = await import('../../trail/sql/index.js');
  if (flags.ddl) return printDdl(sql, dialect, flags, format);

  const settings = {
    ...(flags.bucket ? { trainingBuckets: flags.bucket } : {}),
    ...(flags.baselineDays !== undefined ? { baselineDays: flags.baselineDays } : {}),
    ...(flags.set ? { parameters: flags.set } : {}),
  };
  const where = flags.where ? { where: flags.where } : {};
  if (flags.run && flags.where) throw new UsageError('--where shapes printed SQL; with --run, give the files to read instead');
  if (!flags.run) {
    const compiled = compileOrUsageError(() =>
      flags.pattern !== undefined
        ? [patternOrUsageError(() => sql.patternSql(flags.pattern!, { dialect, table: flags.table!, ...where }), flags.pattern)]
        : sql.detectionsSql(flags.detection ?? [], { dialect, table: flags.table!, settings, ...where }),
    );
    await emit(format === 'json' ? JSON.stringify(compiled, null, 2) + '\n' : compiled.map((c) => sqlText(c, dialect)).join('\n\n') + '\n', flags.output);
    return 0;
  }

  const progress = !flags.quiet && process.stderr.isTTY ? (done: number, total: number) => process.stderr.write(`\r\x1b[Kloading into DuckDB: ${done}/${total} files`) : undefined;
  if (flags.pattern !== undefined) {
    // Compiled first, so an invalid or inexpressible pattern is reported before any file is read.
    compileOrUsageError(() => patternOrUsageError(() => sql.patternSql(flags.pattern!, { dialect: 'duckdb', table: flags.table! }), flags.pattern!));
    const found = await sql.duckdbFilter(flags.pattern, flags.run, { table: flags.table!, ...(progress ? { onProgress: progress } : {}) });
    if (progress) process.stderr.write('\r\x1b[K');
    if (!flags.quiet) for (const n of found.query.notes) process.stderr.write(`ringfence: note: ${n}\n`);
    await emit(recordsText(found.records, format), flags.output);
    return reportInputs(found.inputs, flags.quiet ? undefined : `${found.records.length} of ${found.total} records matched`);
  }

  const { render } = await import('../../report/index.js');
  const scanned = await compileOrUsageError(() =>
    sql.duckdbTrailScan({
      paths: flags.run!,
      ...(flags.detection ? { detections: flags.detection } : {}),
      ...settings,
      ...(progress ? { onLoadProgress: progress } : {}),
    }),
  );
  if (progress) process.stderr.write('\r\x1b[K');
  const text = render(format as 'table' | 'json' | 'sarif' | 'junit', scanned.result, scanned.detections, {
    color: format === 'table' && !flags.output && useColor(process.stdout, color),
    cwd: process.cwd(),
  });
  await emit(text, flags.output);
  if (!flags.quiet) {
    for (const i of scanned.result.inputs) {
      if (i.status === 'failed' && i.error) process.stderr.write(`ringfence: error: ${i.error.file}${i.error.line !== undefined ? `:${i.error.line}:${i.error.column ?? 1}` : ''}: ${i.error.message}\n`);
    }
    process.stderr.write(`ringfence: DuckDB loaded ${scanned.result.summary.resources} records in ${(scanned.timings.loadMs / 1000).toFixed(1)} s and ran ${scanned.queries.length} detections in ${(scanned.timings.queryMs / 1000).toFixed(1)} s\n`);
  }
  return exitCode(scanned.result, flags.failOn);
}

type SqlModule = typeof import('../../trail/sql/index.js');

function printDdl(sql: SqlModule, dialect: DialectName, flags: TrailSqlFlags, format: FormatName): Promise<number> {
  if (format !== 'sql') throw new UsageError('--ddl prints SQL');
  const text =
    dialect === 'athena'
      ? sql.athenaDdl({
          table: flags.table!,
          ...(flags.location ? { location: flags.location } : {}),
          ...(flags.projection ? { projection: { regions: flags.projection, since: flags.since ?? '2024/01/01' } } : {}),
        })
      : sql.duckdbViewSql(flags.run?.length === 1 ? flags.run[0]! : 'AWSLogs/**/*.json.gz', flags.table);
  return emit(text + '\n', flags.output).then(() => 0);
}

/** A query with its header and notes as SQL comments, ending in `;`. */
function sqlText(c: CompiledSql, dialect: DialectName): string {
  const what = c.id === 'pattern' ? 'records matching the filter pattern' : `detection ${c.id} (one row per alert)`;
  const head = [`-- ringfence: ${what}, ${dialect === 'athena' ? 'Athena (Trino)' : 'DuckDB'}`, ...c.notes.map((n) => `-- note: ${n}`)];
  return `${head.join('\n')}\n${c.sql};`;
}

/** SqlCompileError (SQL cannot express it) becomes a usage error naming why. */
function compileOrUsageError<T>(compile: () => T): T {
  const rethrow = (e: unknown): never => {
    if ((e as Error).name === 'SqlCompileError') throw new UsageError(`cannot write this as SQL: ${(e as Error).message}`);
    throw e;
  };
  try {
    const out = compile();
    return (out instanceof Promise ? out.catch(rethrow) : out) as T;
  } catch (e) {
    return rethrow(e);
  }
}

function recordsText(records: { record: Record<string, unknown>; source: { file: string; index?: number } }[], format: FormatName): string {
  if (format === 'jsonl') return records.map((r) => JSON.stringify(r.record) + '\n').join('');
  if (format === 'json') return `{"Records":[\n${records.map((r) => JSON.stringify(r.record)).join(',\n')}\n]}\n`;
  if (records.length === 0) return '(no matching records)\n';
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : '-');
  const fit = (v: string, width: number) => (v.length >= width ? v.slice(0, width - 2) + '… ' : v.padEnd(width));
  const widths = [21, 36, 56, 28];
  const row = (cells: string[], where: string) => cells.map((c, i) => fit(c, widths[i]!)).join('') + where;
  const lines = records.map((r) => {
    const rec = r.record as { eventTime?: unknown; eventName?: unknown; errorCode?: unknown; userIdentity?: { arn?: unknown } };
    return row([text(rec.eventTime), text(rec.eventName), text(rec.userIdentity?.arn), text(rec.errorCode)], `${r.source.file}${r.source.index !== undefined ? ` record #${r.source.index + 1}` : ''}`);
  });
  return [row(['TIME', 'EVENT', 'PRINCIPAL', 'ERROR'], 'WHERE'), ...lines].join('\n') + '\n';
}
