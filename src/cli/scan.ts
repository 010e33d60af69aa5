import { Option, type Command } from 'commander';
import { severityRank, type Severity } from '../core/finding.js';
import type { Profile } from '../core/rule.js';
import type { ScanResult } from '../core/scan-result.js';
import type { Define } from './main.js';
import { choice, collectList, collectPairs, parseProfile, parseSeverity, useColor } from './options.js';
import { emit } from './output.js';

const FORMAT_NAMES = ['table', 'json', 'sarif', 'junit'] as const;
type FormatName = (typeof FORMAT_NAMES)[number];

interface ScanFlags {
  format: FormatName;
  output?: string;
  failOn: Severity | 'none';
  rule?: string[];
  skipRule?: string[];
  profile: Profile;
  param?: Record<string, string>;
  var?: Record<string, string>;
  varFile?: string[];
  baseline?: string;
  manifests?: string[];
  region?: string;
  accountId?: string;
  quiet?: boolean;
  verbose?: boolean;
}

export const defineScan: Define = (program, setExit) => {
  program
    .command('scan')
    .description('Scan CloudFormation, Terraform and CDK code for misconfigurations of an ML stack.')
    .argument('[paths...]', 'files or directories (templates, .tf modules, plan JSON, cdk.out)', ['.'])
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMAT_NAMES).default('table'))
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: info, low, medium, high, critical, none', parseSeverity, 'low')
    .option('--rule <ids>', 'run only these rules (repeatable, comma-separated)', collectList)
    .option('--skip-rule <ids>', 'skip these rules (repeatable, comma-separated)', collectList)
    .option('--profile <name>', 'rule profile: default, strict (network isolation wherever SageMaker supports it)', parseProfile, 'default')
    .option('--param <Key=Value>', 'CloudFormation parameter value (repeatable)', collectPairs)
    .option('--var <name=value>', 'Terraform variable value (repeatable)', collectPairs)
    .option('--var-file <file>', 'Terraform .tfvars file (repeatable)', collectList)
    .option('--baseline <file>', 'JSON/YAML file of accepted findings, each with a reason')
    .option('--manifests <paths>', 'approved dataset manifests, files or folders (repeatable, comma-separated); *.manifest.json beside scanned files are read too', collectList)
    .option('--region <region>', 'the region the stack deploys to: AWS::Region in CloudFormation templates, and the IAM rules\' region')
    .option('--account-id <id>', 'the account the stack deploys to: AWS::AccountId in CloudFormation templates, and "this account" for the IAM rules')
    .option('-q, --quiet', 'no progress or log lines on stderr')
    .option('--verbose', 'table format: also list passing checks')
    .addHelpText(
      'after',
      `
Examples:
  $ ringfence scan                                   # the current directory
  $ ringfence scan examples/insecure-ml-stack
  $ ringfence scan template.yaml --param VpcId=vpc-0abc --param Env=prod
  $ ringfence scan infra/terraform --var-file prod.tfvars --profile strict
  $ ringfence scan plan.json cdk.out --format sarif -o ringfence.sarif
  $ ringfence scan . --rule sagemaker-notebook-direct-internet --fail-on high

Suppress a finding with a reason: CloudFormation resource Metadata
  Metadata: { ringfence: { suppress: [ { rule: RULE-ID, reason: "why" } ] } }
a Terraform comment above or inside the resource block
  # ringfence:ignore RULE-ID why
or a baseline file (--baseline) { "suppressions": [ { "rule", "resource", "reason" } ] }.`,
    )
    .action(async (paths: string[], flags: ScanFlags, cmd: Command) => {
      setExit(await runScan(paths, flags, cmd.optsWithGlobals().color as boolean | undefined));
    });
};

async function runScan(paths: string[], flags: ScanFlags, color: boolean | undefined): Promise<number> {
  const [{ scan }, render, { RULES }] = await Promise.all([import('../scan.js'), import('../report/load.js').then((m) => m.loadRenderer(flags.format)), import('../rules/index.js')]);
  const progress = !flags.quiet && process.stderr.isTTY ? progressLine() : undefined;
  const result = await scan({
    paths,
    rules: flags.rule,
    skipRules: flags.skipRule,
    profile: flags.profile,
    parameters: flags.param,
    variables: flags.var,
    varFiles: flags.varFile,
    baseline: flags.baseline,
    manifests: flags.manifests,
    region: flags.region,
    accountId: flags.accountId,
    onProgress: progress?.update,
  });
  progress?.done();
  const text = render(result, RULES, {
    color: flags.format === 'table' && !flags.output && useColor(process.stdout, color),
    verbose: flags.verbose,
    cwd: process.cwd(),
  });
  await emit(text, flags.output);
  if (!flags.quiet) logProblems(result);
  return exitCode(result, flags.failOn);
}

/** 2 when an input could not be read or the configuration is wrong; else 1 at/above the threshold. */
export function exitCode(result: ScanResult, failOn: Severity | 'none'): number {
  if (result.summary.inputs.failed > 0 || result.errors.length > 0) return 2;
  if (failOn === 'none') return 0;
  const threshold = severityRank(failOn);
  return result.findings.some((f) => f.status === 'fail' && severityRank(f.severity) >= threshold) ? 1 : 0;
}

/** Errors go to stderr as well, so they are seen even when the report goes to a file. */
function logProblems(result: ScanResult): void {
  for (const i of result.inputs) {
    if (i.status !== 'failed' || !i.error) continue;
    const pos = i.error.line !== undefined ? `:${i.error.line}:${i.error.column ?? 1}` : '';
    process.stderr.write(`ringfence: error: ${i.error.file}${pos}: ${i.error.message}\n`);
  }
  for (const e of result.errors) {
    const pos = e.file ? `${e.file}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''}: ` : '';
    process.stderr.write(`ringfence: error: ${pos}${e.message}\n`);
  }
}

function progressLine(): { update: (done: number, total: number, path: string) => void; done: () => void } {
  let last = 0;
  return {
    update: (done, total, path) => {
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
      const line = `scanning ${done}/${total} ${path}`;
      process.stderr.write(`\r\x1b[K${line.length > 100 ? line.slice(0, 97) + '...' : line}`);
    },
    done: () => process.stderr.write('\r\x1b[K'),
  };
}
