import { InvalidArgumentError, Option, type Command } from 'commander';
import { choice, collectList, wholeNumber } from '../options.js';

interface BaselineFlags {
  output: string;
  header?: boolean;
  excludeColumn?: string[];
  label?: string;
  sampleRows: number;
  comparisonThreshold: number;
  comparisonMethod: 'Simple' | 'Robust';
  categoricalThreshold?: number;
  categoricalDriftMethod?: 'LInfinity' | 'ChiSquared';
  quiet?: boolean;
}

export function defineCaptureBaseline(capture: Command, setExit: (code: number) => void): void {
  capture
    .command('baseline')
    .description("Compute statistics.json and constraints.json for a training CSV, in SageMaker Model Monitor's schema.")
    .argument('<training-csv>', 'the training (or reference) dataset, CSV, as the endpoint receives its features')
    .requiredOption('-o, --output <dir>', 'directory to write statistics.json and constraints.json into (created if missing)')
    .option('--header', 'the first row names the columns')
    .option('--no-header', 'the first row is data (columns are named _c0, _c1, … as Model Monitor names them)')
    .option('--exclude-column <names>', 'leave out these columns, e.g. an id (names or 0-based indexes; repeatable, comma-separated)', collectList)
    .option('--label <column>', "the label column: left out of Model Monitor's statistics, kept in ringfence's training sample for the extraction detectors")
    .option('--sample-rows <n>', "rows of the training data kept in ringfence-training.csv for capture score/scan (seeded sample beyond)", wholeNumber(20), 20_000)
    .option('--comparison-threshold <n>', 'distribution_constraints.comparison_threshold (L∞ distance that counts as drift)', number('comparison threshold'), 0.1)
    .addOption(new Option('--comparison-method <method>', 'distribution_constraints.comparison_method').choices(['Robust', 'Simple']).default('Robust'))
    .option('--categorical-threshold <n>', 'distribution_constraints.categorical_comparison_threshold (default: the comparison threshold)', number('categorical threshold'))
    .option('--categorical-drift-method <method>', 'distribution_constraints.categorical_drift_method: LInfinity or ChiSquared', choice(['LInfinity', 'ChiSquared'] as const))
    .option('-q, --quiet', 'no summary or warnings on stderr')
    .addHelpText(
      'after',
      `
Without --header or --no-header, the first row is a header when it is all text above a row with
a number in it. Name the label (--label) or leave it out (--exclude-column) when the endpoint
receives features only, so that the baseline's columns line up with the captured requests.

Besides Model Monitor's statistics.json and constraints.json, the directory gets
ringfence-training.csv (a seeded sample of the training rows: the detectors of capture scan need
rows, not statistics) and ringfence-baseline.json (its manifest, naming the label).

Examples:
  $ ringfence capture baseline train.csv --label label -o baseline/
  $ ringfence capture baseline training-dataset-with-header.csv --label Churn -o baseline/
  $ ringfence capture baseline features.csv --no-header --comparison-method Simple -o baseline/

Exit codes: 0 written; 2 the CSV could not be read (nothing usable), or a usage error.`,
    )
    .action(async (csv: string, flags: BaselineFlags) => {
      setExit(await runBaseline(csv, flags));
    });
}

async function runBaseline(csv: string, flags: BaselineFlags): Promise<number> {
  const [{ buildBaseline, writeBaseline }, { writeTrainingSample }, { displayPath, inputProblems }] = await Promise.all([
    import('../../ml/drift/index.js'),
    import('../../ml/drift/training-sample.js'),
    import('../../ml/capture/index.js'),
  ]);
  const result = await buildBaseline(csv, displayPath(csv), {
    header: flags.header,
    exclude: [...(flags.excludeColumn ?? []), ...(flags.label !== undefined ? [flags.label] : [])],
    suggest: {
      comparisonThreshold: flags.comparisonThreshold,
      comparisonMethod: flags.comparisonMethod,
      ...(flags.categoricalThreshold !== undefined ? { categoricalThreshold: flags.categoricalThreshold } : {}),
      ...(flags.categoricalDriftMethod !== undefined ? { categoricalDriftMethod: flags.categoricalDriftMethod } : {}),
    },
  });
  const log = (line: string): void => {
    if (!flags.quiet) process.stderr.write(`ringfence: ${line}\n`);
  };
  for (const line of inputProblems([result.input])) log(line);
  if (result.statistics.dataset.item_count === 0) {
    log(`error: ${displayPath(csv)}: no data rows; nothing written`);
    return 2;
  }
  if (flags.label !== undefined && !result.excluded.includes(flags.label)) {
    log(`error: ${displayPath(csv)}: no column "${flags.label}" to use as the label`);
    return 2;
  }
  const files = await writeBaseline(flags.output, result);
  const sample = await writeTrainingSample(flags.output, csv, displayPath(csv), { header: result.header, exclude: flags.excludeColumn, label: flags.label, maxRows: flags.sampleRows });
  files.push(...sample.files);
  const features = result.statistics.features;
  log(
    `wrote ${files.map(displayPath).join(', ')}: ${result.statistics.dataset.item_count} rows, ${features.length} features (${typeSummary(features.map((f) => f.inferred_type))})` +
      `${result.header ? ', header row' : ', no header'}${result.excluded.length ? `, excluded ${result.excluded.join(', ')}` : ''}`,
  );
  for (const w of result.input.warnings ?? []) log(`warning: ${displayPath(csv)}${w.line !== undefined ? `:${w.line}` : ''}: ${w.message}`);
  return result.input.status === 'failed' ? 2 : 0;
}

function typeSummary(types: string[]): string {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([t, n]) => `${n} ${t}`).join(', ');
}


function number(what: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${what} must be a number >= 0, got "${value}"`);
    return n;
  };
}
