import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { Severity } from '../../core/finding.js';
import type { ScanResult } from '../../core/scan-result.js';
import { collectList, parseSeverity, useColor } from '../options.js';
import { emit } from '../output.js';
import { exitCode } from '../scan.js';

const FORMAT_NAMES = ['table', 'json', 'sarif', 'junit'] as const;
type FormatName = (typeof FORMAT_NAMES)[number];

interface TrailScanFlags {
  format: FormatName;
  output?: string;
  failOn: Severity | 'none';
  detection?: string[];
  skipDetection?: string[];
  bucket?: string[];
  baselineDays?: number;
  set?: Record<string, Record<string, string>>;
  list?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** `--set access-denied-burst.threshold=20`, repeatable: detection id, parameter, value. */
export function collectSetting(value: string, previous: Record<string, Record<string, string>> = {}): Record<string, Record<string, string>> {
  const m = /^([a-z0-9-]+)\.([A-Za-z]+)=(.*)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected DETECTION.PARAMETER=VALUE (e.g. access-denied-burst.threshold=20), got "${value}"`);
  const [, id, name, v] = m as unknown as [string, string, string, string];
  return { ...previous, [id]: { ...previous[id], [name]: v } };
}

function parseDays(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of days, 0 or more');
  return n;
}

/** Adds `ringfence trail scan` to the `trail` command group. */
export function defineTrailScan(trail: Command, setExit: (code: number) => void): void {
  trail
    .command('scan')
    .description('Run the threat detections over CloudTrail logs and report findings like a scan does.')
    .argument('[files...]', 'CloudTrail files or directories: S3 log files (.json, .json.gz, AWSLogs/ layout), CloudWatch Logs exports, JSON arrays or lines')
    .addOption(new Option('-f, --format <format>', 'report format (with --list: table or json)').choices(FORMAT_NAMES).default('table'))
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: info, low, medium, high, critical, none', parseSeverity, 'low')
    .option('--detection <ids>', 'run only these detections (repeatable, comma-separated)', collectList)
    .option('--skip-detection <ids>', 'skip these detections (repeatable, comma-separated)', collectList)
    .option('--bucket <bucket>', 'training-data bucket, or s3://bucket/prefix, watched for bulk reads and new writers (repeatable); inputs of SageMaker jobs in the logs are added by themselves', collectList)
    .option('--baseline-days <days>', 'learning period of the first-seen detections, from the start of the logs (default 1; 0 reports every first sighting)', parseDays)
    .option('--set <detection.parameter=value>', 'override a detection parameter (repeatable); --list shows them', collectSetting)
    .option('--list', 'list the detections, their parameters and defaults, and exit')
    .option('-q, --quiet', 'no progress or log lines on stderr')
    .option('--verbose', 'table format: also list passing checks')
    .addHelpText(
      'after',
      `
Examples:
  $ ringfence trail scan AWSLogs/                      # a synced CloudTrail bucket
  $ ringfence trail scan trail.json.gz --format sarif -o trail.sarif --fail-on high
  $ ringfence trail scan logs/ --bucket acme-ml-training-data --bucket s3://acme-features/churn/
  $ ringfence trail scan logs/ --detection access-denied-burst --set access-denied-burst.threshold=20
  $ ringfence trail scan logs/ --baseline-days 7         # first week learns who passes which role
  $ ringfence trail scan --list                          # the catalog; --list -f json for machines

First-seen detections (sagemaker-role-new-passer, sagemaker-presigned-url-new-ip,
s3-training-data-new-writer) learn silently during the first --baseline-days of the logs and
report pairs never seen before after it. Exit codes: 0 nothing at or above --fail-on; 1 findings
at or above it; 2 usage error or a log file that could not be read (the report covers the rest).`,
    )
    .action(async (files: string[], flags: TrailScanFlags, cmd: Command) => {
      setExit(await runTrailScan(files, flags, cmd.optsWithGlobals().color as boolean | undefined));
    });
}

async function runTrailScan(files: string[], flags: TrailScanFlags, color: boolean | undefined): Promise<number> {
  if (flags.list) {
    const { DETECTIONS, describeDetections } = await import('../../trail/detect/index.js');
    if (flags.format !== 'table' && flags.format !== 'json') throw new UsageError('--list prints a table or json (-f json)');
    await emit(flags.format === 'json' ? JSON.stringify(describeDetections(DETECTIONS), null, 2) + '\n' : listTable(DETECTIONS), flags.output);
    return 0;
  }
  if (files.length === 0) throw new UsageError('no CloudTrail files given (ringfence trail scan FILES...; --list shows the detections)');

  const [{ trailScan }, { render }] = await Promise.all([import('../../trail/detect/scan.js'), import('../../report/index.js')]);
  const progress = !flags.quiet && process.stderr.isTTY ? progressLine() : undefined;
  const scanned = await trailScan({
    paths: files,
    ...(flags.detection ? { detections: flags.detection } : {}),
    ...(flags.skipDetection ? { skipDetections: flags.skipDetection } : {}),
    ...(flags.bucket ? { trainingBuckets: flags.bucket } : {}),
    ...(flags.baselineDays !== undefined ? { baselineDays: flags.baselineDays } : {}),
    ...(flags.set ? { parameters: flags.set } : {}),
    ...(progress ? { read: { onProgress: (p) => progress.file(p.filesDone, p.filesTotal, p.file) }, onProgress: progress.records } : {}),
  });
  progress?.done();
  const { result, detections, stats } = scanned;
  const text = render(flags.format, result, detections, {
    color: flags.format === 'table' && !flags.output && useColor(process.stdout, color),
    verbose: flags.verbose,
    cwd: process.cwd(),
  });
  await emit(text, flags.output);
  if (!flags.quiet) {
    logProblems(result);
    if (stats.failureCount > stats.failures.length) process.stderr.write(`ringfence: error: ${stats.failureCount - stats.failures.length} more records could not be judged by a detection\n`);
    for (const [id, n] of Object.entries(stats.droppedAlerts)) process.stderr.write(`ringfence: note: ${id}: ${n} more alerts beyond the first ${result.findings.filter((f) => f.ruleId === id).length} were counted but not reported\n`);
    for (const [id, n] of Object.entries(stats.evictions)) process.stderr.write(`ringfence: note: ${id}: its state was full and forgot ${n} entries (raise its max* parameter with --set)\n`);
  }
  return exitCode(result, flags.failOn);
}

/** Failed files and records go to stderr as well, so they are seen even when the report goes to a file. */
function logProblems(result: ScanResult): void {
  const at = (file: string, line?: number, column?: number) => `${file}${line !== undefined ? `:${line}:${column ?? 1}` : ''}`;
  for (const i of result.inputs) {
    if (i.status === 'failed' && i.error) process.stderr.write(`ringfence: error: ${at(i.error.file, i.error.line, i.error.column)}: ${i.error.message}\n`);
  }
  for (const e of result.errors) process.stderr.write(`ringfence: error: ${e.file ? `${at(e.file, e.line, e.column)}: ` : ''}${e.message}\n`);
}

interface Listed {
  id: string;
  ring: string;
  severity: string;
  kind: string;
  title: string;
  parameters: Readonly<Record<string, { default: unknown; description: string }>>;
}

function listTable(detections: readonly Listed[]): string {
  const idWidth = Math.max(...detections.map((d) => d.id.length));
  const lines = [`${'DETECTION'.padEnd(idWidth)}  ${'RING'.padEnd(10)}  ${'SEVERITY'.padEnd(8)}  ${'KIND'.padEnd(9)}  TITLE`];
  for (const d of detections) {
    lines.push(`${d.id.padEnd(idWidth)}  ${d.ring.padEnd(10)}  ${d.severity.padEnd(8)}  ${d.kind.padEnd(9)}  ${d.title}`);
    for (const [name, p] of Object.entries(d.parameters)) {
      lines.push(`${''.padEnd(idWidth)}    --set ${d.id}.${name}=${Array.isArray(p.default) ? p.default.join(',') : String(p.default)}  ${p.description}`);
    }
  }
  return lines.join('\n') + '\n';
}

function progressLine(): { file: (done: number, total: number, path: string) => void; records: (n: number) => void; done: () => void } {
  let current = '';
  let count = 0;
  const draw = () => {
    const line = `reading ${current} · ${count.toLocaleString('en-US')} records`;
    process.stderr.write(`\r\x1b[K${line.length > 100 ? line.slice(0, 97) + '...' : line}`);
  };
  return {
    file: (done, total, path) => {
      current = `${done + 1}/${total} ${path}`;
      draw();
    },
    records: (n) => {
      count = n;
      draw();
    },
    done: () => process.stderr.write('\r\x1b[K'),
  };
}
