import { Option, type Command } from 'commander';
import type { Severity } from '../../core/finding.js';
import { SIGNALS } from '../../ml/extraction/types.js';
import { collectList, parseSeverity, useColor, wholeNumber } from '../options.js';
import { emit } from '../output.js';
import { detectionWarnings } from './detection-warnings.js';
import { callerHelp, CAPTURE_EXIT_CODES } from './help-text.js';
import { checkSignals } from './signals-option.js';
import { openTrainingSource } from './training-source.js';

const FORMATS = ['table', 'json', 'sarif', 'junit'] as const;

interface ExtractionFlags {
  baseline: string;
  label?: string;
  excludeColumn?: string[];
  header: boolean;
  callerAttribute?: string;
  callerMap?: string;
  signals?: string[];
  maxQueries?: number;
  maxRate?: number;
  seed: number;
  format: (typeof FORMATS)[number];
  output?: string;
  failOn: Severity | 'none';
  quiet?: boolean;
}

/** `ringfence capture extraction`: per-caller model-extraction detection over Data Capture. */
export function defineCaptureExtraction(capture: Command, setExit: (code: number) => void): void {
  capture
    .command('extraction')
    .description('Detect model-extraction attacks in captured endpoint traffic, per caller (PRADA, stateful k-NN and simpler signals).')
    .argument('<capture...>', 'Data Capture files or directories (<prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl)')
    .requiredOption('--baseline <dir|csv>', 'a directory from `capture baseline` (its training sample and label), or the training CSV with a header: defines the feature space; thresholds are calibrated on held-out rows of it')
    .option('--label <column>', 'the label column of the baseline: left out of the features, groups PRADA by class, and enables the near-boundary signal')
    .option('--exclude-column <names>', 'other baseline columns the endpoint does not receive (repeatable, comma-separated)', collectList)
    .option('--no-header', 'the baseline has no header row (columns are named 1, 2, …)')
    .option('--caller-attribute <name>', "read the caller from NAME=value in each record's CustomAttributes")
    .option('--caller-map <file>', 'an access-log join: inferenceId (or eventId) → caller, CSV or JSON Lines')
    .option('--signals <names>', `run only these signals (repeatable, comma-separated): ${SIGNALS.join(', ')}`, collectList)
    .option('--max-queries <n>', 'volume signal: queries one caller may send (default 10000)', wholeNumber())
    .option('--max-rate <n>', 'rate signal: queries one caller may send per 60 s (default 300)', wholeNumber())
    .option('--seed <n>', 'seed of the baseline/calibration split', wholeNumber(), 1)
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: info, low, medium, high, critical, none', parseSeverity, 'low')
    .option('-q, --quiet', 'no notes or warnings on stderr')
    .addHelpText(
      'after',
      `
Each caller's queries are watched by streaming detectors with bounded state: PRADA (Shapiro–Wilk
normality of the minimum distances between its queries), a stateful k-nearest-neighbour detector,
and the share of its inputs outside the training range, of inputs more precise than the training
data is recorded (computed values, not measurements), of queries differing from an earlier one
in exactly one feature, of queries on the line through two earlier ones (line searches), of
steps between queries of the same size in every feature (gradient-sign augmentation), of
predictions near the decision boundary, the growth of its coverage of the feature space, its
volume and its rate. Thresholds are calibrated on the baseline alone (30%
of its rows held out): benign traffic, never attacks. Each alert is a finding naming the caller,
the signal, its value and the record and time it fired at, with MITRE ATLAS AML.T0024.002
(Extract AI Model) and the mitigations that apply.

${callerHelp('every signal')}

Examples:
  $ ringfence capture extraction capture/ --baseline train.csv --label label --caller-attribute caller
  $ ringfence capture extraction capture/ --baseline train.csv --label label --caller-map access-log.csv -f sarif -o extraction.sarif

${CAPTURE_EXIT_CODES}`,
    )
    .action(async (paths: string[], flags: ExtractionFlags, cmd: Command) => {
      setExit(await runExtraction(paths, flags, cmd.optsWithGlobals().color as boolean | undefined));
    });
}

async function runExtraction(paths: string[], flags: ExtractionFlags, color: boolean | undefined): Promise<number> {
  const [capture, extraction, { readTable }, { render }, { summarize }, { exitCode }, { VERSION }] = await Promise.all([
    import('../../ml/capture/index.js'),
    import('../../ml/extraction/index.js'),
    import('../../ml/tabular/csv.js'),
    import('../../report/index.js'),
    import('../../core/scan-result.js'),
    import('../scan.js'),
    import('../../version.js'),
  ]);
  const log = (line: string): void => {
    if (!flags.quiet) process.stderr.write(`ringfence: ${line}\n`);
  };
  checkSignals(flags.signals);

  const source = await openTrainingSource(flags.baseline, flags, log);
  if (!source) return 2;
  const label = source.label;
  const baselineFile = capture.displayPath(source.csv);
  const table = await readTable(source.csv, { header: source.header, ...(label ? { text: [label] } : {}) });
  const baselineInputs = table.inputs.map((i) => ({ ...i, path: baselineFile, kind: 'baseline' }));
  for (const line of capture.inputProblems(baselineInputs)) log(line);
  if (table.rejected.length) log(`warning: ${baselineFile}: ${table.rejected.length} row(s) left out; first: row ${table.rejected[0]!.row}${table.rejected[0]!.line ? ` (line ${table.rejected[0]!.line})` : ''}: ${table.rejected[0]!.message}`);
  if (baselineInputs.some((i) => i.status === 'failed')) return 2;

  let config;
  try {
    config = extraction.configFromTable(table.columns, table.rows, {
      ...(label ? { label } : {}),
      ...(flags.excludeColumn ? { exclude: flags.excludeColumn } : {}),
      seed: flags.seed,
      calibration: {
        ...(flags.signals ? { signals: flags.signals } : {}),
        ...(flags.maxQueries ? { maxQueries: flags.maxQueries } : {}),
        ...(flags.maxRate ? { rate: { maxPerWindow: flags.maxRate, windowSeconds: 60 } } : {}),
      },
    });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    log(`error: ${baselineFile}: ${e.message}`);
    return 2;
  }
  for (const note of config.calibration.notes) log(`note: ${note}`);

  const stream = capture.openCapture(paths, { callerAttribute: flags.callerAttribute, callerMap: flags.callerMap });
  const progress = flags.quiet ? undefined : capture.terminalProgress(process.stderr, 'reading captured records:');
  const records = progress ? capture.withProgress(stream.records, progress) : stream.records;
  const detection = await extraction.detectExtraction(records, config, capture.subjectOf);

  const findings = extraction.extractionFindings(detection.alerts, {
    endpointOf: (a) => detection.endpoints.get(a.caller),
    callersIdentified: stream.callerMode.kind !== 'none',
  });
  const inputs = [...baselineInputs, ...stream.inputs];
  const active = new Set(Object.keys(config.signals)).size;
  const result = {
    tool: { name: 'ringfence' as const, version: VERSION },
    profile: 'capture-extraction',
    findings,
    inputs,
    errors: [],
    summary: summarize(findings, inputs, detection.callers, active, { resources: 'caller', rules: 'detector' }),
  };
  const text = render(flags.format, result, extraction.EXTRACTION_DETECTORS, {
    color: flags.format === 'table' && !flags.output && useColor(process.stdout, color),
    cwd: process.cwd(),
  });
  await emit(text, flags.output);

  for (const line of capture.inputProblems(stream.inputs)) log(line);
  const s = detection.skipped;
  if (s.width > 0) {
    const ex = s.widthExample!;
    log(`warning: ${s.width} row(s) with a number of values other than the ${config.encoder.columns.length} baseline features were not analysed (first: ${ex.file}:${ex.line}, ${ex.values} values); --label or --exclude-column the columns the endpoint does not receive?`);
  }
  if (s.noInput > 0) log(`warning: ${s.noInput} record(s) captured no input and were not analysed`);
  for (const line of detectionWarnings(detection)) log(line);
  if (stream.callerMode.kind === 'none') log(`note: ${stream.callerMode.note}`);
  const flagged = new Set(detection.alerts.map((a) => a.caller)).size;
  log(`${detection.analysed} rows analysed from ${detection.callers} caller(s); ${flagged} flagged, ${detection.alerts.length} alert(s)`);
  return exitCode(result, flags.failOn);
}
