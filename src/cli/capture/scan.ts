import { Option, type Command } from 'commander';
import type { Finding, Severity } from '../../core/finding.js';
import { SIGNALS } from '../../ml/extraction/types.js';
import { collectList, collectPaths, openRate, parseSeverity, useColor, wholeNumber } from '../options.js';
import { emit } from '../output.js';
import { detectionWarnings } from './detection-warnings.js';
import { callerHelp, CAPTURE_EXIT_CODES } from './help-text.js';
import { checkSignals } from './signals-option.js';
import { openTrainingSource } from './training-source.js';

const FORMATS = ['table', 'json', 'sarif', 'junit'] as const;

interface ScanFlags {
  baseline: string;
  label?: string;
  excludeColumn?: string[];
  header?: boolean;
  callerAttribute?: string;
  callerMap?: string;
  groundTruth?: string[];
  fpr: number;
  limit: number;
  signals?: string[];
  seed: number;
  format: (typeof FORMATS)[number];
  output?: string;
  failOn: Severity | 'none';
  quiet?: boolean;
  verbose?: boolean;
}

/** `ringfence capture scan`: adversarial-input and model-extraction detection over Data Capture. */
export function defineCaptureScan(capture: Command, setExit: (code: number) => void): void {
  capture
    .command('scan')
    .description('Run the adversarial-input and model-extraction detectors over captured endpoint traffic and report findings.')
    .argument('<capture...>', 'Data Capture files or directories (<prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl)')
    .requiredOption('--baseline <dir|csv>', 'a directory written by `capture baseline` (its training sample and label), or the training CSV itself')
    .option('--label <column>', 'with a CSV baseline: its label column (not a feature; groups PRADA by class, enables the near-boundary signal)')
    .option('--exclude-column <names>', 'with a CSV baseline: other columns the endpoint does not receive (repeatable, comma-separated)', collectList)
    .option('--header', "with a CSV baseline: its first row names the columns")
    .option('--no-header', 'with a CSV baseline: its first row is data')
    .option('--caller-attribute <name>', "read the caller from NAME=value in each record's CustomAttributes")
    .option('--caller-map <file>', 'an access-log join: inferenceId (or eventId) → caller, CSV or JSON Lines')
    .option('--ground-truth <path>', "Model Monitor ground-truth files or directories (groundTruthData records), joined on eventId / inferenceId: flagged inputs say whether the model got them wrong (repeatable)", collectPaths)
    .option('--fpr <rate>', 'out-of-distribution inputs: false-positive rate the thresholds are calibrated for', openRate, 0.01)
    .option('--limit <n>', 'out-of-distribution inputs: report at most N records (the highest scores); all are counted', wholeNumber(), 1000)
    .option('--signals <names>', `extraction: run only these signals (repeatable, comma-separated): ${SIGNALS.join(', ')}`, collectList)
    .option('--seed <n>', 'seed of the baseline/calibration split', wholeNumber(), 1)
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: info, low, medium, high, critical, none', parseSeverity, 'low')
    .option('-q, --quiet', 'no notes or warnings on stderr')
    .option('--verbose', 'table format: list every out-of-distribution input (by default the first 3 per caller, then a count)')
    .addHelpText(
      'after',
      `
Two families of detectors run over the same records. Adversarial and out-of-distribution inputs:
each row's Mahalanobis distance (shrunk covariance) and k-nearest-neighbour distance to the
training rows, thresholds calibrated on held-out training rows at --fpr (MITRE ATLAS AML.T0043,
AML.T0040). Model extraction: per caller, PRADA, a stateful k-NN detector, inputs outside the
training range or off every class's shape, inputs more precise than the training data is
recorded, one-feature pairs, line searches, equal steps in every
feature (gradient-sign augmentation), near-boundary predictions, coverage growth, volume and rate
(AML.T0024). Every finding names the caller (or the endpoint), the
detector, its score against the threshold and the time it fired; --format json gives them as
fields of each finding's "detection".

${callerHelp('the extraction signals')}

Examples:
  $ ringfence capture baseline train.csv --label label -o baseline/
  $ ringfence capture scan capture/ --baseline baseline/ --caller-attribute caller
  $ ringfence capture scan capture/ --baseline train.csv --label label --caller-map access-log.csv -f json -o findings.json

${CAPTURE_EXIT_CODES}`,
    )
    .action(async (paths: string[], flags: ScanFlags, cmd: Command) => {
      setExit(await runCaptureScan(paths, flags, cmd.optsWithGlobals().color as boolean | undefined));
    });
}

async function runCaptureScan(paths: string[], flags: ScanFlags, color: boolean | undefined): Promise<number> {
  const [capture, extraction, ood, { readTable }, { render }, { summarize }, { exitCode }, { VERSION }] = await Promise.all([
    import('../../ml/capture/index.js'),
    import('../../ml/extraction/index.js'),
    import('../../ml/ood/index.js'),
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
  const trainingDisplay = capture.displayPath(source.csv);
  const exclude = flags.excludeColumn ?? [];
  const base = await ood.readBaselineRows(source.csv, trainingDisplay, { header: source.header, exclude: [...exclude, ...(source.label !== undefined ? [source.label] : [])] });
  const baselineInput = { ...base.input, kind: 'baseline' };
  for (const line of capture.inputProblems([baselineInput])) log(line);
  if (base.input.status === 'failed') return 2;
  const table = await readTable(source.csv, { header: source.header, ...(source.label !== undefined ? { text: [source.label] } : {}) });

  let detector;
  let config;
  try {
    detector = ood.fitOodDetector(base.names, base.rows, { fpr: flags.fpr });
    config = extraction.configFromTable(table.columns, table.rows, {
      ...(source.label !== undefined ? { label: source.label } : {}),
      ...(exclude.length ? { exclude } : {}),
      seed: flags.seed,
      calibration: flags.signals ? { signals: flags.signals } : {},
    });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    log(`error: ${trainingDisplay}: ${e.message}`);
    return 2;
  }
  for (const note of config.calibration.notes) log(`note: ${note}`);

  // Two passes over the capture, one per family: memory stays bounded by the detectors' state.
  const open = () => capture.openCapture(paths, { callerAttribute: flags.callerAttribute, callerMap: flags.callerMap, ...(flags.groundTruth ? { groundTruth: flags.groundTruth } : {}) });
  const first = open();
  const progress = flags.quiet ? undefined : capture.terminalProgress(process.stderr, 'reading captured records:');
  const scored = await ood.scoreCapture(progress ? capture.withProgress(first.records, progress) : first.records, detector, { limit: flags.limit });
  const second = open();
  const detection = await extraction.detectExtraction(second.records, config, capture.subjectOf);

  const findings = [
    ...extraction.extractionFindings(detection.alerts, { endpointOf: (a) => detection.endpoints.get(a.caller), callersIdentified: first.callerMode.kind !== 'none' }),
    ...ood.oodFindings(scored.flagged),
  ];
  const inputs = [baselineInput, ...first.inputs];
  const detectors = [ood.OOD_DETECTOR, ...extraction.EXTRACTION_DETECTORS];
  const result = {
    tool: { name: 'ringfence' as const, version: VERSION },
    profile: 'capture-scan',
    findings,
    inputs,
    errors: [],
    summary: summarize(findings, inputs, detection.callers, 1 + Object.keys(config.signals).length, { resources: 'caller', rules: 'detector' }),
  };
  const text = render(flags.format, result, detectors, { color: flags.format === 'table' && !flags.output && useColor(process.stdout, color), verbose: flags.verbose, cwd: process.cwd() });
  await emit(text, flags.output);

  for (const line of capture.inputProblems(first.inputs)) log(line);
  const width = Math.max(scored.summary.skipped.width, detection.skipped.width);
  if (width > 0) log(`warning: ${width} row(s) with a number of values other than the ${base.names.length} training features were not analysed; --label or --exclude-column the columns the endpoint does not receive?`);
  for (const line of detectionWarnings(detection)) log(line);
  if (first.callerMode.kind === 'none') log(`note: ${first.callerMode.note}`);
  for (const line of perSubject(findings)) log(line);
  const flaggedCallers = new Set(detection.alerts.map((a) => a.caller)).size;
  log(
    `${scored.summary.scored} rows from ${detection.callers} caller(s): ${scored.summary.flagged} out-of-distribution (target false-positive rate ${flags.fpr}${scored.summary.flagged > scored.summary.listed ? `, ${scored.summary.listed} reported` : ''}); ${flaggedCallers} caller(s) flagged for extraction, ${detection.alerts.length} alert(s)`,
  );
  return exitCode(result, flags.failOn);
}

/**
 * One line per caller (or endpoint) with findings, most alarming first: which extraction signals
 * fired and at which of its queries, and how many of its inputs were out of distribution.
 */
function perSubject(findings: readonly Finding[]): string[] {
  const bySubject = new Map<string, { signals: string[]; ood: number }>();
  for (const f of findings) {
    const d = f.detection;
    if (!d) continue;
    const entry = bySubject.get(d.subject) ?? { signals: [], ood: 0 };
    if (f.ruleId.startsWith('capture-extraction-')) entry.signals.push(`${d.detector}${d.time ? ` at ${d.time}` : ''}`);
    else entry.ood++;
    bySubject.set(d.subject, entry);
  }
  return [...bySubject]
    .sort(([a, x], [b, y]) => y.signals.length - x.signals.length || y.ood - x.ood || (a < b ? -1 : a > b ? 1 : 0))
    .map(([subject, { signals, ood }]) => {
      const parts = [...(signals.length ? [`extraction: ${signals.join(', ')}`] : []), ...(ood ? [`${ood} out-of-distribution input(s)`] : [])];
      return `${subject}: ${parts.join('; ')}`;
    });
}
