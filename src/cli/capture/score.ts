import { Option, type Command } from 'commander';
import type { CallerMode, CaptureInputRecord } from '../../ml/capture/types.js';
import type { OodCalibration, OodMethod } from '../../ml/ood/detector.js';
import type { ColumnEncoding } from '../../ml/ood/encode.js';
import type { FlaggedRecord, ScoreSummary } from '../../ml/ood/score-capture.js';
import { collectList, collectPaths, openRate, wholeNumber } from '../options.js';
import { emit } from '../output.js';
import { openTrainingSource } from './training-source.js';

interface ScoreFlags {
  baseline: string;
  fpr: number;
  method?: string[];
  k: number;
  header?: boolean;
  excludeColumn?: string[];
  callerAttribute?: string;
  callerMap?: string;
  groundTruth?: string[];
  limit: number;
  format: 'json' | 'table';
  output?: string;
  quiet?: boolean;
}

export function defineCaptureScore(capture: Command, setExit: (code: number) => void): void {
  capture
    .command('score')
    .description('Score captured requests against the training data and list the out-of-distribution (possibly adversarial) ones.')
    .argument('<capture...>', 'Data Capture files or directories (<prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl)')
    .requiredOption('--baseline <dir|csv>', 'a directory from `capture baseline` (its training sample), or the training CSV with the columns the endpoint receives')
    .option('--fpr <rate>', 'false-positive rate the thresholds are calibrated for, on held-out training rows', openRate, 0.01)
    .option('--method <names>', 'mahalanobis, knn (repeatable, comma-separated; default both)', collectList)
    .option('--k <n>', 'neighbours averaged by the k-NN score', wholeNumber(), 5)
    .option('--header', 'the first row of the training CSV names the columns')
    .option('--no-header', 'the first row of the training CSV is data')
    .option('--exclude-column <names>', 'training columns the endpoint does not receive, e.g. the label (repeatable, comma-separated)', collectList)
    .option('--caller-attribute <name>', 'read the caller from NAME=value in each record\'s CustomAttributes')
    .option('--caller-map <file>', 'an access-log join: inferenceId (or eventId) → caller, CSV or JSON Lines')
    .option('--ground-truth <path>', "Model Monitor ground-truth files or directories (groundTruthData records), joined on eventId / inferenceId: flagged inputs say whether the model got them wrong (repeatable)", collectPaths)
    .option('--limit <n>', 'list at most N flagged records (the highest scores); all are counted', wholeNumber(), 1000)
    .addOption(new Option('-f, --format <format>', 'report format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('-q, --quiet', 'no summary or warnings on stderr')
    .addHelpText(
      'after',
      `
Each captured row gets a Mahalanobis distance (Ledoit–Wolf shrunk covariance of the standardised
training features) and a k-nearest-neighbour distance to the training rows. Thresholds are set on
training rows held out from fitting, so that rows like the training data are flagged at about
--fpr (split between the methods; with n held-out rows no method can promise less than 1/(n+1)).
Each flagged row names the features that drive its score.

CloudTrail does not record InvokeEndpoint: to see who sent what, tag callers through
CustomAttributes in the API layer in front of the endpoint (--caller-attribute) or join an access
log (--caller-map); otherwise rows are reported per endpoint.

Examples:
  $ ringfence capture score capture/ --baseline train.csv --exclude-column label
  $ ringfence capture score capture/ --baseline train.csv --fpr 0.001 --caller-attribute caller -f json -o ood.json

Exit codes: 0 nothing flagged; 1 flagged rows; 2 an input could not be read (the rest is still
scored), or a usage error.`,
    )
    .action(async (paths: string[], flags: ScoreFlags) => {
      setExit(await runScore(paths, flags));
    });
}

async function runScore(paths: string[], flags: ScoreFlags): Promise<number> {
  const [{ UsageError }, capture, ood, { VERSION }] = await Promise.all([
    import('../../core/errors.js'),
    import('../../ml/capture/index.js'),
    import('../../ml/ood/index.js'),
    import('../../version.js'),
  ]);
  const log = (line: string): void => {
    if (!flags.quiet) process.stderr.write(`ringfence: ${line}\n`);
  };
  const methods = (flags.method ?? [...ood.OOD_METHODS]) as OodMethod[];
  const unknown = methods.filter((m) => !(ood.OOD_METHODS as readonly string[]).includes(m));
  if (unknown.length) throw new UsageError(`unknown method ${unknown.join(', ')}; expected ${ood.OOD_METHODS.join(', ')}`);

  const source = await openTrainingSource(flags.baseline, flags, log);
  if (!source) return 2;
  const baselineFile = capture.displayPath(source.csv);
  const base = await ood.readBaselineRows(source.csv, baselineFile, { header: source.header, exclude: [...(flags.excludeColumn ?? []), ...(source.label !== undefined ? [source.label] : [])] });
  for (const line of capture.inputProblems([base.input])) log(line);
  if (base.rows.length < 10) {
    log(`error: ${baselineFile}: ${base.rows.length} usable training rows; at least 10 are needed`);
    return 2;
  }
  let detector;
  try {
    detector = ood.fitOodDetector(base.names, base.rows, { fpr: flags.fpr, k: flags.k, methods });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    log(`error: ${baselineFile}: ${e.message}`);
    return 2;
  }

  const stream = capture.openCapture(paths, { callerAttribute: flags.callerAttribute, callerMap: flags.callerMap, ...(flags.groundTruth ? { groundTruth: flags.groundTruth } : {}) });
  const progress = flags.quiet ? undefined : capture.terminalProgress(process.stderr, 'reading captured records:');
  const records = progress ? capture.withProgress(stream.records, progress) : stream.records;
  const result = await ood.scoreCapture(records, detector, { limit: flags.limit });
  const report: ScoreReport = {
    tool: { name: 'ringfence', version: VERSION },
    baseline: {
      file: baselineFile,
      rows: base.read,
      sampled: base.rows.length < base.read ? base.rows.length : undefined,
      excluded: base.excluded,
      features: detector.columns.map(describeColumn),
    },
    calibration: detector.calibration,
    fpr: flags.fpr,
    callers: stream.callerMode,
    summary: result.summary,
    flagged: result.flagged,
    inputs: [base.input, ...stream.inputs],
  };
  await emit(flags.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : scoreTable(report), flags.output);

  for (const line of capture.inputProblems(stream.inputs)) log(line);
  const s = result.summary;
  if (s.skipped.width > 0) {
    const ex = s.widthExample!;
    log(`warning: ${s.skipped.width} row(s) with a number of values other than the ${detector.names.length} training features were not scored (first: ${ex.file}:${ex.line}, ${ex.width} values); --exclude-column the label?`);
  }
  if (stream.callerMode.kind === 'none') log(`note: ${stream.callerMode.note}`);
  log(`${s.scored} rows scored, ${s.flagged} flagged (target false-positive rate ${flags.fpr})`);
  if (capture.countInputs(stream.inputs).failed > 0) return 2;
  return s.flagged > 0 ? 1 : 0;
}

/** The `capture score` report (`--format json`). */
export interface ScoreReport {
  tool: { name: 'ringfence'; version: string };
  baseline: { file: string; rows: number; sampled?: number; excluded: string[]; features: { name: string; kind: string; reason?: string }[] };
  calibration: OodCalibration[];
  fpr: number;
  callers: CallerMode;
  summary: ScoreSummary;
  flagged: FlaggedRecord[];
  inputs: CaptureInputRecord[];
}

function describeColumn(c: ColumnEncoding): { name: string; kind: string; reason?: string } {
  return c.kind === 'dropped' ? { name: c.name, kind: c.kind, reason: c.reason } : { name: c.name, kind: c.kind };
}

export function scoreTable(report: ScoreReport): string {
  const s = report.summary;
  const lines: string[] = [];
  const used = report.baseline.features.filter((f) => f.kind !== 'dropped').length;
  lines.push(`baseline ${report.baseline.file}: ${report.baseline.rows} rows, ${used} features used` + (report.baseline.excluded.length ? ` (excluded ${report.baseline.excluded.join(', ')})` : ''));
  for (const c of report.calibration) lines.push(`  ${c.method.padEnd(11)} threshold ${c.threshold.toPrecision(4)} (false-positive rate <= ${round(c.achievableFpr)})`);
  lines.push(report.callers.kind === 'none' ? `callers: ${report.callers.note}` : report.callers.kind === 'attribute' ? `callers: CustomAttributes ${report.callers.attribute}` : `callers: ${report.callers.file}`);
  lines.push('');
  if (report.flagged.length === 0) lines.push('No flagged rows.');
  for (const f of report.flagged) {
    const scores = f.flaggedBy.map((m) => `${m} ${f.scores[m]!.score.toPrecision(4)} > ${f.scores[m]!.threshold.toPrecision(4)}`).join(', ');
    const truth = f.groundTruth === undefined ? '' : `  ground truth ${String(f.groundTruth)}${f.misclassified ? ', misclassified' : ''}`;
    lines.push(`${f.time ?? '(no time)'}  ${f.subject}  ${f.source.file}:${f.source.line}${f.row > 0 ? ` row ${f.row}` : ''}  ${scores}${truth}`);
    const drivers = f.scores[f.flaggedBy[0]!]!.drivers.map((d) => `${d.feature}=${String(d.value)} (${Math.round(d.share * 100)}%, baseline ${typeof d.baseline === 'number' ? d.baseline.toPrecision(4) : String(d.baseline)})`);
    if (drivers.length) lines.push(`    driven by ${drivers.join(', ')}`);
  }
  lines.push('');
  const skipped = s.skipped.noInput + s.skipped.width;
  lines.push(`${s.scored} rows scored, ${s.flagged} flagged${s.flagged > s.listed ? ` (${s.listed} listed)` : ''}${skipped ? `, ${skipped} not scored` : ''}`);
  return lines.join('\n') + '\n';
}

function round(x: number): string {
  return Number(x.toPrecision(2)).toString();
}
