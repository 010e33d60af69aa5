import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { Severity } from '../../core/finding.js';
import type { ScanResult } from '../../core/scan-result.js';
import type { AuditSection } from '../../ml/poisoning/audit.js';
import { collectList, parseSeverity, useColor } from '../options.js';
import { emit } from '../output.js';
import { exitCode } from '../scan.js';

const FORMAT_NAMES = ['table', 'json', 'sarif', 'junit'] as const;
const INPUT_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
/** Kept in step with DETECTOR_NAMES in src/ml/poisoning/catalog.ts (checked by a test). */
export const DETECTOR_CHOICES = ['label-issues', 'label-knn', 'duplicates', 'backdoor', 'outliers-iforest', 'outliers-robust-z', 'shift', 'reference-diff'] as const;

interface AuditFlags {
  label: string;
  reference?: string;
  detectors?: string[];
  ignore?: string[];
  scores: 'flagged' | 'all';
  format: (typeof FORMAT_NAMES)[number];
  output?: string;
  failOn: Severity | 'none';
  maxFindings: number;
  seed: number;
  inputFormat?: (typeof INPUT_FORMATS)[number];
  header: boolean;
  delimiter?: string;
  maxBytes?: number;
  maxRows?: number;
  quiet?: boolean;
  verbose?: boolean;
}

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `512MB`, `2GiB`, `1000000`: binary units, as the limit messages print them. */
export function parseBytes(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new InvalidArgumentError('expected a size such as 500000000, 512MB or 2GiB');
  return Math.floor(Number(m[1]) * unit);
}

function parseCount(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number, ${min} or more`);
    return n;
  };
}

/** `ringfence data audit DATASET --label COLUMN`: find poison in training data. */
export function defineDataAudit(data: Command, setExit: (code: number) => void): void {
  data
    .command('audit')
    .description('Audit a training dataset for poisoning: flipped labels, injected outliers, duplicates, backdoor triggers, and changes since an approved version.')
    .argument('<dataset>', 'a CSV, JSON Lines or Parquet file, or a folder of part files (a SageMaker channel synced from S3)')
    .requiredOption('--label <column>', 'the label column (without a header: its 1-based position)')
    .option('--reference <dataset>', 'the approved version of the dataset, to compare with (enables the shift and reference-diff detectors)')
    .option('--detectors <names>', `run only these detectors (repeatable, comma-separated): ${DETECTOR_CHOICES.join(', ')}`, collectList)
    .option('--ignore <columns>', 'columns that are not features, such as ids or timestamps (repeatable, comma-separated)', collectList)
    .addOption(new Option('--scores <which>', 'json format: the scores of flagged rows only, or of every row').choices(['flagged', 'all']).default('flagged'))
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMAT_NAMES).default('table'))
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: info, low, medium, high, critical, none', parseSeverity, 'low')
    .option('--max-findings <n>', 'findings per detector in the report, most suspicious first; 0 for all (json lists every flagged row regardless)', parseCount(0), 20)
    .option('--seed <n>', 'seed of the folds, trees and hashing (the same seed gives the same audit)', parseCount(0), 1)
    .addOption(new Option('--input-format <format>', 'read every file as this format instead of recognising it').choices(INPUT_FORMATS))
    .option('--no-header', 'CSV files have no header row: columns are named 1, 2, …')
    .option('--delimiter <char>', 'CSV field delimiter (default: sniffed from the first line; tab for .tsv)')
    .option('--max-bytes <size>', 'largest dataset read (default 256MiB)', parseBytes)
    .option('--max-rows <n>', 'most data rows read (default 5000000)', parseCount(1))
    .option('-q, --quiet', 'no progress or error lines on stderr')
    .option('--verbose', 'table format: also list how each detector ran')
    .addHelpText(
      'after',
      `
Examples:
  $ ringfence data audit train.csv --label label
  $ ringfence data audit data/train/ --label churn --format json -o audit.json
  $ ringfence data audit train.parquet --label y --reference approved/train.parquet --fail-on high
  $ ringfence data audit train.csv --label 1 --no-header --detectors label-issues,duplicates
  $ ringfence data audit train.csv --label label --format json --scores all   # choose your own thresholds

Detectors: label-issues (confident learning on out-of-fold probabilities), label-knn (nearest
neighbours disagree with the label), duplicates (exact and near copies, copies with another
label), backdoor (a value tied to one label and rare elsewhere), outliers-iforest (isolation
forest), outliers-robust-z (median/MAD z-scores), and with --reference: shift (class balance
and column distributions) and reference-diff (rows added or relabelled since approval).
Rows are numbered from 1 after the header, across part files in S3 key order; each is also
given as file:line. Malformed rows, wrong types and missing labels are always reported.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage error or a file
that could not be read (the report covers the rest).`,
    )
    .action(async (dataset: string, flags: AuditFlags, cmd: Command) => {
      setExit(await runAudit(dataset, flags, cmd.optsWithGlobals().color as boolean | undefined));
    });
}

async function runAudit(dataset: string, flags: AuditFlags, color: boolean | undefined): Promise<number> {
  const unknown = (flags.detectors ?? []).filter((d) => !(DETECTOR_CHOICES as readonly string[]).includes(d));
  if (unknown.length) throw new UsageError(`unknown detector ${unknown.map((d) => `"${d}"`).join(', ')}; expected: ${DETECTOR_CHOICES.join(', ')}`);
  if (flags.delimiter !== undefined && [...flags.delimiter.replace(/^\\t$/, '\t')].length !== 1) throw new UsageError('--delimiter must be one character');
  const needsReference = (flags.detectors ?? []).filter((d) => d === 'shift' || d === 'reference-diff');
  if (needsReference.length && !flags.reference) throw new UsageError(`${needsReference.join(' and ')} need --reference (the approved version of the dataset)`);

  const [{ auditDataset }, { AUDIT_RULES }, { render }] = await Promise.all([import('../../ml/poisoning/audit.js'), import('../../ml/poisoning/catalog.js'), import('../../report/index.js')]);
  const progress = !flags.quiet && process.stderr.isTTY ? (stage: string) => process.stderr.write(`\r\x1b[K${stage.length > 100 ? stage.slice(0, 97) + '...' : stage}`) : undefined;
  const result = await auditDataset({
    dataset,
    label: flags.label,
    ...(flags.reference ? { reference: flags.reference } : {}),
    ...(flags.detectors ? { detectors: flags.detectors } : {}),
    ...(flags.ignore ? { ignore: flags.ignore } : {}),
    seed: flags.seed,
    allScores: flags.scores === 'all',
    maxFindings: flags.maxFindings,
    header: flags.header,
    ...(flags.inputFormat ? { format: flags.inputFormat } : {}),
    ...(flags.delimiter !== undefined ? { delimiter: flags.delimiter.replace(/^\\t$/, '\t') } : {}),
    ...(flags.maxBytes !== undefined ? { maxBytes: flags.maxBytes } : {}),
    ...(flags.maxRows !== undefined ? { maxRows: flags.maxRows } : {}),
    ...(progress ? { onProgress: progress } : {}),
  });
  if (progress) process.stderr.write('\r\x1b[K');
  const useAnsi = flags.format === 'table' && !flags.output && useColor(process.stdout, color);
  let text = render(flags.format, result, AUDIT_RULES, { color: useAnsi, cwd: process.cwd() });
  if (flags.format === 'table') text += auditSummary(result.audit, flags.verbose ?? false);
  await emit(text, flags.output);
  if (!flags.quiet) logProblems(result);
  return exitCode(result, flags.failOn);
}

/** After the findings, the table format says what was audited and what each detector found. */
export function auditSummary(audit: AuditSection, verbose: boolean): string {
  const r = audit.rows;
  const lines = [
    '',
    `Audit of ${audit.dataset} (label ${JSON.stringify(audit.label)}${audit.reference ? `, approved version ${audit.reference}` : ''}): ${r.read} rows read, ${r.audited} audited, ${r.rejected} malformed, ${r.unlabelled} without a label`,
    `  classes: ${audit.classes.map((c) => `${c.label} ${c.rows}`).join(', ') || '(none)'}; features: ${audit.features.used.length} used${audit.features.excluded.length ? `, left out: ${audit.features.excluded.map((e) => `${e.column} (${e.reason})`).join(', ')}` : ''}`,
  ];
  const width = Math.max(...audit.detectors.map((d) => d.name.length), 8);
  for (const d of audit.detectors) {
    const what = d.status === 'ran' ? `${d.flagged.length} row${d.flagged.length === 1 ? '' : 's'} flagged${d.issues.length ? `, ${d.issues.length} dataset finding${d.issues.length === 1 ? '' : 's'}` : ''}` : `${d.status}: ${d.reason ?? ''}`;
    lines.push(`  ${d.name.padEnd(width)}  ${what}`);
    if (verbose) for (const note of d.notes) lines.push(`  ${''.padEnd(width)}    ${note}`);
  }
  return lines.join('\n') + '\n';
}

/** Failed files and errors go to stderr too, so they are seen when the report goes to a file. */
function logProblems(result: ScanResult): void {
  const at = (file: string, line?: number) => `${file}${line !== undefined ? `:${line}` : ''}`;
  for (const i of result.inputs) {
    if (i.status === 'failed' && i.error) process.stderr.write(`ringfence: error: ${at(i.error.file, i.error.line)}: ${i.error.message}\n`);
  }
  for (const e of result.errors) process.stderr.write(`ringfence: error: ${e.file ? `${at(e.file, e.line)}: ` : ''}${e.message}\n`);
}
