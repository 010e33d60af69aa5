import { InvalidArgumentError, Option, type Command } from 'commander';
import { actionText } from '../../iam/escalation/render.js';
import type { EscalationReport } from '../../iam/escalation/search.js';
import { clean, styler, type Styler } from '../../report/ansi.js';
import { collectList, collectPairs, useColor } from '../options.js';
import { emit } from '../output.js';

interface EscalationsFlags {
  format: 'table' | 'json';
  output?: string;
  from?: string[];
  maxHops: number;
  param?: Record<string, string>;
  var?: Record<string, string>;
  varFile?: string[];
  region?: string;
  accountId?: string;
  quiet?: boolean;
}

/** `ringfence iam escalations [PATHS]`: privilege-escalation paths, step by step. */
export function defineIamEscalations(iam: Command, setExit: (code: number) => void): void {
  iam
    .command('escalations')
    .description('Find the paths by which a principal gains the permissions of a stronger one (PassRole to notebooks and jobs, presigned URLs, lifecycle scripts, Studio profiles, policy changes, role assumption).')
    .argument('[paths...]', 'infrastructure code (templates, .tf modules, plan JSON, cdk.out) or IAM world JSON files', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--from <principals>', 'start only from these principals: ARN, user/NAME, role/NAME or NAME (repeatable, comma-separated)', collectList)
    .option('--max-hops <n>', 'longest path searched, in steps', parseHops, 5)
    .option('--param <Key=Value>', 'CloudFormation parameter value (repeatable)', collectPairs)
    .option('--var <name=value>', 'Terraform variable value (repeatable)', collectPairs)
    .option('--var-file <file>', 'Terraform .tfvars file (repeatable)', collectList)
    .option('--region <region>', 'value of AWS::Region for CloudFormation templates')
    .option('--account-id <id>', 'value of AWS::AccountId for CloudFormation templates')
    .option('-q, --quiet', 'no log lines on stderr')
    .addHelpText(
      'after',
      `
Each path lists its steps: who acts, the requests it makes (action on resource, with the
conditions the grant depends on), and the principal it gains. Every request was allowed by the
evaluator, with identity policies, trust policies, boundaries, SCPs and explicit denies. A path is
shown when the principal gained can do something the starting one cannot.

An IAM world file is JSON: { "principals": [ { "arn", "policies": [...], "trustPolicy"?,
"permissionsBoundary"?, "groups"?, "tags"? } ], "groups"?: [...], "resources"?: [ { "type":
"AWS::SageMaker::NotebookInstance", "arn", "roleArn" } ], "serviceControlPolicies"?: [...] }.

Examples:
  $ ringfence iam escalations infra/
  $ ringfence iam escalations world.json --from user/alice
  $ ringfence iam escalations infra/ --format json -o escalations.json

Exit codes: 0 no escalation path; 1 at least one path; 2 an input could not be read (the report
still covers the rest).`,
    )
    .action(async (paths: string[], flags: EscalationsFlags, cmd: Command) => {
      setExit(await runEscalations(paths, flags, cmd.optsWithGlobals().color as boolean | undefined));
    });
}

function parseHops(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new InvalidArgumentError('expected a whole number from 1 to 20');
  return n;
}

async function runEscalations(paths: string[], flags: EscalationsFlags, color: boolean | undefined): Promise<number> {
  const [{ loadWorld }, { findEscalations }, { DEFAULT_LIMITS }] = await Promise.all([
    import('../../iam/escalation/load.js'),
    import('../../iam/escalation/search.js'),
    import('../../core/limits.js'),
  ]);
  const loaded = await loadWorld(paths, {
    parameters: flags.param ?? {},
    variables: flags.var ?? {},
    varFiles: flags.varFile ?? [],
    limits: DEFAULT_LIMITS,
    region: flags.region,
    accountId: flags.accountId,
  });
  const report = findEscalations(loaded.world, { from: flags.from, maxHops: flags.maxHops });
  const failed = loaded.inputs.filter((i) => i.status === 'failed');
  const text =
    flags.format === 'json'
      ? JSON.stringify({ ...report, inputs: loaded.inputs }, null, 2) + '\n'
      : renderEscalations(report, styler(!flags.output && useColor(process.stdout, color)));
  await emit(text, flags.output);
  if (!flags.quiet) {
    for (const i of failed) {
      const pos = i.error?.line !== undefined ? `:${i.error.line}:${i.error.column ?? 1}` : '';
      process.stderr.write(`ringfence: error: ${clean(i.error?.file ?? i.path)}${pos}: ${clean(i.error?.message ?? 'could not be read')}\n`);
    }
    for (const u of report.unknownSources) process.stderr.write(`ringfence: error: --from ${clean(u)}: no such principal\n`);
  }
  if (failed.length || report.unknownSources.length) return 2;
  return report.paths.length ? 1 : 0;
}

/** The paths as text for people: each step, its requests, and what it gains. */
export function renderEscalations(report: EscalationReport, s: Styler): string {
  const lines: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  for (const p of report.paths) {
    const badge = p.adminEquivalent ? s.red(s.bold('ADMIN   ')) : s.yellow(s.bold('STRONGER'));
    const cond = p.conditional ? s.dim('  (conditional)') : '';
    lines.push(`${badge}  ${s.bold(clean(p.source.label))} → ${s.bold(clean(p.target.label))}  ${plural(p.steps.length, 'step')}${cond}`);
    if (p.sourceLocation?.file) lines.push(s.dim(`          ${clean(p.sourceLocation.file)}${p.sourceLocation.line !== undefined ? `:${p.sourceLocation.line}:${p.sourceLocation.column ?? 1}` : ''}`));
    p.steps.forEach((st, i) => {
      const pf = st.pathfinding.length ? s.dim(`  [pathfinding ${st.pathfinding.join(', ')}]`) : '';
      lines.push(`  ${i + 1}. ${clean(st.from)}: ${clean(st.title)}${pf}`);
      for (const a of st.actions) lines.push(`       ${clean(actionText(a))}`);
      if (st.via) lines.push(s.dim(`       via ${clean(st.via)}`));
      if (st.alsoNeeds) lines.push(s.dim(`       (needs ${clean(st.alsoNeeds.principal)} too, reached in ${plural(st.alsoNeeds.steps, 'step')})`));
      lines.push(`     → ${clean(st.to)}: ${clean(st.gains)}${st.note ? s.dim(` (${clean(st.note)})`) : ''}`);
    });
    lines.push(s.dim(`  why stronger: ${clean(p.evidence)}`), '');
  }
  for (const n of report.notes) lines.push(s.dim(`note: ${clean(n)}`));
  const admin = report.paths.filter((p) => p.adminEquivalent).length;
  const summary = report.paths.length
    ? `${plural(report.paths.length, 'escalation path')} (${admin} to admin-equivalent) from ${plural(report.sources, 'principal')}; ${report.evaluations} requests evaluated`
    : `No escalation path from ${plural(report.sources, 'principal')}; ${report.evaluations} requests evaluated`;
  lines.push(report.paths.length ? s.bold(summary) : s.green(summary));
  return lines.join('\n') + '\n';
}
