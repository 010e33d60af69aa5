import { Option, type Command } from 'commander';
import type { MmViolation } from '../../ml/stats/model-monitor.js';
import { emit } from '../output.js';

interface CheckFlags {
  baseline: string;
  output?: string;
  format: 'json' | 'table';
  quiet?: boolean;
}

export function defineCaptureCheck(capture: Command, setExit: (code: number) => void): void {
  capture
    .command('check')
    .description("Check captured requests against a baseline's constraints, writing constraint_violations.json as Model Monitor does.")
    .argument('<capture...>', 'Data Capture files or directories (<prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl)')
    .requiredOption('--baseline <dir>', 'directory with constraints.json (and statistics.json, for the drift check), e.g. from `ringfence capture baseline`')
    .option('-o, --output <dir>', 'write constraint_violations.json and the current statistics.json into DIR instead of printing')
    .addOption(new Option('-f, --format <format>', 'what to print when there is no -o').choices(['json', 'table']).default('json'))
    .option('-q, --quiet', 'no summary or warnings on stderr')
    .addHelpText(
      'after',
      `
Checks, as Model Monitor's data-quality job: data_type_check, completeness_check,
baseline_drift_check (L∞ distance between the baseline's and the captured distribution, Simple
or Robust per constraints.json; categorical features LInfinity or ChiSquared),
missing_column_check, extra_column_check, categorical_values_check. Captured CSV rows are matched
to the baseline's features by position.

Examples:
  $ ringfence capture check s3-copy/datacapture/my-endpoint --baseline baseline/
  $ ringfence capture check capture/ --baseline baseline/ -o report/
  $ ringfence capture check capture/2024/05/01/13 --baseline baseline/ --format table

Exit codes: 0 no violations; 1 violations; 2 the baseline or an input could not be read (what
could be read is still checked), or a usage error.`,
    )
    .action(async (paths: string[], flags: CheckFlags) => {
      setExit(await runCheck(paths, flags));
    });
}

async function runCheck(paths: string[], flags: CheckFlags): Promise<number> {
  const [{ InputError }, capture, drift] = await Promise.all([import('../../core/errors.js'), import('../../ml/capture/index.js'), import('../../ml/drift/index.js')]);
  const log = (line: string): void => {
    if (!flags.quiet) process.stderr.write(`ringfence: ${line}\n`);
  };
  let baseline;
  try {
    baseline = await drift.loadBaseline(flags.baseline, capture.displayPath);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    log(`error: ${e.toString()}`);
    return 2;
  }
  if (!baseline.statistics) log(`warning: no statistics.json beside ${baseline.constraintsFile}; the baseline drift check is skipped`);

  const stream = capture.openCapture(paths);
  const names = baseline.constraints.features.map((f) => f.name);
  const progress = flags.quiet ? undefined : capture.terminalProgress(process.stderr, 'reading captured records:');
  const records = progress ? capture.withProgress(stream.records, progress) : stream.records;
  const current = await drift.captureDataset(records, names);
  const result = drift.checkConstraints(baseline.constraints, baseline.statistics, current.dataset);
  const violations = { violations: result.violations };

  for (const line of capture.inputProblems(stream.inputs)) log(line);
  if (flags.output) {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    await mkdir(flags.output, { recursive: true });
    await writeFile(join(flags.output, drift.VIOLATIONS_FILE), drift.toJsonText(violations));
    await writeFile(join(flags.output, drift.STATISTICS_FILE), drift.toJsonText(current.dataset.toStatistics()));
  } else {
    await emit(flags.format === 'json' ? drift.toJsonText(violations) : violationTable(result.violations), undefined);
  }
  const counts = capture.countInputs(stream.inputs);
  log(
    `${result.items} captured rows from ${counts.read} file(s) checked against ${names.length} features: ${result.violations.length} violation(s)` +
      `${current.skipped ? `; ${current.skipped} record(s) without a readable input skipped` : ''}${flags.output ? `; written to ${capture.displayPath(flags.output)}` : ''}`,
  );
  if (result.items === 0) log('warning: no captured rows to check');
  if (counts.failed > 0) return 2;
  return result.violations.length > 0 ? 1 : 0;
}

function violationTable(violations: readonly MmViolation[]): string {
  if (violations.length === 0) return 'No violations.\n';
  const width = Math.max(...violations.map((v) => v.feature_name.length), 'feature'.length);
  const typeWidth = Math.max(...violations.map((v) => v.constraint_check_type.length));
  return violations.map((v) => `${v.feature_name.padEnd(width)}  ${v.constraint_check_type.padEnd(typeWidth)}  ${v.description}`).join('\n') + '\n';
}
