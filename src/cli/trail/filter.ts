import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CloudTrailRecord, SourcedRecord } from '../../trail/record.js';
import { openSink, patternOrUsageError, reportInputs, warnLints } from './pattern-cli.js';

const FORMATS = ['table', 'json', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

interface FilterFlags {
  format: Format;
  output?: string;
  limit?: number;
  quiet?: boolean;
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number, 1 or more');
  return n;
}

/** `ringfence trail filter PATTERN FILES…`: the records a CloudWatch Logs filter pattern matches. */
export function defineTrailFilter(trail: Command, setExit: (code: number) => void): void {
  trail
    .command('filter')
    .description('Print the CloudTrail records that a CloudWatch Logs filter pattern matches, as a metric filter would count them.')
    .argument('<pattern>', 'filter pattern: JSON ({ $.errorCode = "AccessDenied*" }), space-delimited ([a, b, ...]) or terms (ERROR -DEBUG)')
    .argument('<files...>', 'CloudTrail files or directories: S3 log files (.json, .json.gz, AWSLogs/ layout), CloudWatch Logs exports, JSON arrays or lines')
    .addOption(new Option('-f, --format <format>', 'table; json writes {"Records":[…]} that ringfence reads back; jsonl one record per line').choices(FORMATS).default('table'))
    .option('-o, --output <file>', 'write the records to FILE instead of stdout')
    .option('--limit <n>', 'stop after N matching records', parseLimit)
    .option('-q, --quiet', 'no summary, warnings or progress on stderr')
    .addHelpText(
      'after',
      `
Patterns are CloudWatch Logs' own language, evaluated as CloudWatch does: && binds tighter than
||, * is a wildcard only at either end of a string, a selector that reaches an object or array
matches nothing. Term and space-delimited patterns see each record as CloudWatch Logs holds it:
its compact JSON.

Examples:
  $ ringfence trail filter '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }' AWSLogs/
  $ ringfence trail filter '{ $.eventSource = sagemaker.amazonaws.com && $.eventName = CreatePresigned* }' trail.json.gz
  $ ringfence trail filter '{ $.userIdentity.type = "Root" }' logs/ -f json -o root.json
  $ ringfence trail filter 'StopLogging' logs/ --limit 10

Exit codes: 0 the pattern ran (whether or not anything matched); 2 an invalid pattern (with its
position) or a file that could not be read (the other files are still filtered).`,
    )
    .action(async (pattern: string, files: string[], flags: FilterFlags) => {
      setExit(await runFilter(pattern, files, flags));
    });
}

async function runFilter(pattern: string, files: string[], flags: FilterFlags): Promise<number> {
  const [{ compileFilterPattern, lintPattern }, { openTrail }] = await Promise.all([import('../../trail/pattern/index.js'), import('../../trail/read/index.js')]);
  const compiled = patternOrUsageError(() => compileFilterPattern(pattern), pattern);
  if (!flags.quiet) warnLints(lintPattern(compiled.ast));

  const progress = !flags.quiet && process.stderr.isTTY;
  const trail = openTrail(files, progress ? { onProgress: (p) => process.stderr.write(`\r\x1b[Kreading ${p.filesDone + 1}/${p.filesTotal} ${p.file}`.slice(0, 110)) } : {});
  const sink = await openSink(flags.output);
  const format = FORMAT_WRITERS[flags.format];
  let matched = 0;
  await sink.write(format.start);
  for await (const r of trail.records) {
    if (!compiled.test(r.record)) continue;
    await sink.write(format.record(r, matched));
    if (++matched === flags.limit) break;
  }
  await sink.write(format.end(matched));
  await sink.close();
  if (progress) process.stderr.write('\r\x1b[K');
  return reportInputs(trail.inputs, flags.quiet ? undefined : `${matched} of ${trail.stats.records} records matched`);
}

interface FormatWriter {
  start: string;
  record(r: SourcedRecord, i: number): string;
  end(matched: number): string;
}

const COLUMNS: [string, number][] = [
  ['TIME', 20],
  ['SOURCE', 16],
  ['EVENT', 34],
  ['PRINCIPAL', 44],
  ['SOURCE IP', 18],
  ['ERROR', 26],
];

const FORMAT_WRITERS: Record<Format, FormatWriter> = {
  json: { start: '{"Records":[\n', record: (r, i) => (i ? ',\n' : '') + JSON.stringify(r.record), end: () => '\n]}\n' },
  jsonl: { start: '', record: (r) => JSON.stringify(r.record) + '\n', end: () => '' },
  table: {
    start: row(COLUMNS.map(([h]) => h), 'WHERE'),
    record: (r) => row(cells(r.record), `${r.source.file}${r.source.line !== undefined ? `:${r.source.line}` : ''}`),
    end: (n) => (n === 0 ? '(no matching records)\n' : ''),
  },
};

function row(values: string[], last: string): string {
  return values.map((v, i) => fit(v, COLUMNS[i]![1])).join(' ') + ' ' + last + '\n';
}

function fit(v: string, width: number): string {
  return v.length >= width ? v.slice(0, width - 2) + '… ' : v.padEnd(width);
}

function cells(r: CloudTrailRecord): string[] {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : '-');
  return [text(r.eventTime), text(r.eventSource?.replace(/\.amazonaws\.com$/, '')), text(r.eventName), principal(r), text(r.sourceIPAddress), text(r.errorCode)];
}

/** `user/alice`, `assumed-role/ml-engineer/session`, `root`: the short form of who called. */
function principal(r: CloudTrailRecord): string {
  const id = r.userIdentity;
  if (!id) return '-';
  if (id.type === 'Root') return 'root';
  if (typeof id.arn === 'string' && id.arn.includes(':')) return id.arn.slice(id.arn.lastIndexOf(':') + 1);
  return id.invokedBy ?? id.type ?? '-';
}
