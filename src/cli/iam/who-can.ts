import { Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { InputRecord } from '../../core/scan-result.js';
import type { AccessStatus } from '../../iam/inventory/access.js';
import { displayText as shown, THIS_ACCOUNT, type Placeholders } from '../../iam/inventory/placeholders.js';
import type { PrincipalAnswer, TargetAnswer } from '../../iam/inventory/questions.js';
import type { ResolvedResource } from '../../iam/inventory/resolve.js';
import type { IamWorld } from '../../iam/inventory/world.js';
import { clean, type Styler } from '../../report/ansi.js';
import { collectList, collectPairs } from '../options.js';

/** Options `iam can` and `iam who-can` share: where the code is, how to resolve it, how to report. */
export interface InventoryQuestionFlags {
  in?: string[];
  param?: Record<string, string>;
  var?: Record<string, string>;
  varFile?: string[];
  region?: string;
  accountId?: string;
  context?: Record<string, string>;
  format: 'table' | 'json';
  output?: string;
  quiet?: boolean;
  verbose?: boolean;
}

export function addInventoryQuestionOptions(cmd: Command): Command {
  return cmd
    .option('--in <paths>', 'the code to read: files or folders, as for `ringfence scan` (repeatable, comma-separated; default .)', collectList)
    .option('--context <key=value>', 'request context, e.g. aws:SourceVpce=vpce-0abc (repeatable); keys not given are left unknown, and answers say what they must be', collectPairs)
    .option('--param <Key=Value>', 'CloudFormation parameter value (repeatable)', collectPairs)
    .option('--var <name=value>', 'Terraform variable value (repeatable)', collectPairs)
    .option('--var-file <file>', 'Terraform .tfvars file (repeatable)', collectList)
    .option('--region <region>', 'the region the code is deployed to')
    .option('--account-id <id>', 'the account the code is deployed to (otherwise {this-account})')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write the answer to FILE instead of stdout')
    .option('-q, --quiet', 'no error lines on stderr')
    .option('--verbose', 'table: also list the principals that are denied, and every value that is not known');
}

/** Loads the world; inputs that failed are reported on stderr and make the exit code 2. */
export async function loadWorldFor(flags: InventoryQuestionFlags): Promise<{ world: IamWorld; inputs: InputRecord[]; failed: boolean }> {
  if (flags.accountId !== undefined && !/^\d{12}$/.test(flags.accountId)) throw new UsageError(`--account-id must be a 12-digit account id, not "${flags.accountId}"`);
  const { loadIamWorld } = await import('../../iam/inventory/load.js');
  const { world, inputs } = await loadIamWorld({
    paths: flags.in ?? ['.'],
    parameters: flags.param,
    variables: flags.var,
    varFiles: flags.varFile,
    region: flags.region,
    accountId: flags.accountId,
  });
  const failed = inputs.filter((i) => i.status === 'failed');
  if (!flags.quiet) {
    for (const i of failed) {
      const pos = i.error?.line !== undefined ? `:${i.error.line}:${i.error.column ?? 1}` : '';
      process.stderr.write(`ringfence: error: ${i.error?.file ?? i.path}${pos}: ${i.error?.message ?? 'could not be read'}\n`);
    }
  }
  return { world, inputs, failed: failed.length > 0 };
}

/** Turns resolution problems (an unknown principal, a resource that is not in the code) into usage errors. */
export async function resolving<T>(fn: () => T): Promise<T> {
  const { ResolveError } = await import('../../iam/inventory/resolve.js');
  try {
    return fn();
  } catch (e) {
    if (e instanceof ResolveError) throw new UsageError(e.message);
    throw e;
  }
}

interface WhoCanFlags extends InventoryQuestionFlags {}

/** `ringfence iam who-can ACTION RESOURCE`: every principal of the code that may perform the action, and when. */
export function defineIamWhoCan(iam: Command, setExit: (code: number) => void): void {
  const cmd = iam
    .command('who-can')
    .description('List every principal of the code (roles, users, services, accounts, anyone) that can perform an action on a resource, and under which conditions.')
    .argument('<action>', 'the action, e.g. s3:GetObject')
    .argument('<resource>', 'an ARN, or a resource of the code: CloudFormation logical id, Terraform address (a bucket stands for its objects with object actions)');
  addInventoryQuestionOptions(cmd)
    .addHelpText(
      'after',
      `
Principals are the roles and users of the code, the services and accounts its policies name,
anonymous callers, and "any other principal" of this account and of another account (each
assumed to hold any permission of its own: who can reach the resource if their own policies allow).
Values the code does not fix are bounded, not guessed: "unknown" means the answer depends on them.

Examples:
  $ ringfence iam who-can s3:GetObject TrainingDataBucket --in examples/hardened-ml-stack/cloudformation
  $ ringfence iam who-can s3:GetObject aws_s3_bucket.training_data --in infra/ --format json
  $ ringfence iam who-can kms:Decrypt MlKey --in stack.yaml --account-id 111122223333
  $ ringfence iam who-can s3:GetObject arn:aws:s3:::my-bucket/data.csv --in . --context aws:SourceVpce=vpce-0abc

Exit codes: 0 the question was answered; 2 a usage error, or an input could not be read (the
answer still covers the rest).`,
    )
    .action(async (action: string, resource: string, flags: WhoCanFlags, c: Command) => {
      setExit(await runWhoCan(action, resource, flags, c.optsWithGlobals().color as boolean | undefined));
    });
}

async function runWhoCan(action: string, resourceText: string, flags: WhoCanFlags, color: boolean | undefined): Promise<number> {
  const [{ whoCan, principalAnswerJson }, { resolveResource, checkAction }, { styler }, { useColor }, { emit }] = await Promise.all([
    import('../../iam/inventory/questions.js'),
    import('../../iam/inventory/resolve.js'),
    import('../../report/ansi.js'),
    import('../options.js'),
    import('../output.js'),
  ]);
  await resolving(() => checkAction(action));
  const { world, failed } = await loadWorldFor(flags);
  const resource = await resolving(() => resolveResource(world, resourceText, action));
  const answers = whoCan(world, action, resource, flags.context ? { context: flags.context } : {});
  const text =
    flags.format === 'json'
      ? JSON.stringify({ action, resource: resourceJson(resource), placeholders: placeholdersJson(world), principals: answers.map(principalAnswerJson), unknownValues: gapsJson(world) }, null, 2) + '\n'
      : renderWhoCan(world, action, resourceText, resource, answers, styler(!flags.output && useColor(process.stdout, color)), Boolean(flags.verbose));
  await emit(text, flags.output);
  return failed ? 2 : 0;
}

export function resourceJson(r: ResolvedResource): Record<string, unknown> {
  return { ...(r.resource ? { id: r.resource.id, type: r.resource.type, ...(r.resource.location ? { location: r.resource.location } : {}) } : {}), targets: r.targets };
}

export function placeholdersJson(world: IamWorld): Placeholders & { note: string } {
  return { ...world.placeholders, note: 'account and region stand-ins used where the code leaves them to deployment (give --account-id, --region)' };
}

export function gapsJson(world: IamWorld): { resource?: string; path: string; reason: string }[] {
  return world.gaps.map((g) => ({ ...(g.resource ? { resource: g.resource.id } : {}), path: g.gap.path, reason: g.gap.reason }));
}

const HEADINGS: Record<AccessStatus, string> = {
  allowed: 'CAN',
  conditional: 'CAN, ONLY WHEN',
  unknown: 'MAY (depends on values not known before deployment)',
  denied: 'CANNOT',
};
const STATUS_STYLE: Record<AccessStatus, keyof Styler> = { allowed: 'red', conditional: 'yellow', unknown: 'magenta', denied: 'green' };
const ORDER: readonly AccessStatus[] = ['allowed', 'conditional', 'unknown', 'denied'];

export function renderWhoCan(world: IamWorld, action: string, resourceText: string, resource: ResolvedResource, answers: PrincipalAnswer[], s: Styler, verbose: boolean): string {
  const displayText = (t: string) => shown(t, world.placeholders);
  const where = resource.resource?.location ? ` (${resource.resource.location.file}:${resource.resource.location.line})` : '';
  const lines = [s.bold(`who can ${clean(action)} on ${clean(resourceText)}${clean(where)}`), ''];
  for (const status of ORDER) {
    const group = answers.filter((a) => a.status === status);
    if (group.length === 0) continue;
    if (status === 'denied' && !verbose) {
      lines.push(s.bold(s[STATUS_STYLE[status]](HEADINGS[status])) + s.dim(`  ${group.map((a) => clean(displayText(a.principal.label))).join('; ')}`), '');
      continue;
    }
    lines.push(s.bold(s[STATUS_STYLE[status]](HEADINGS[status])));
    for (const a of group) lines.push(...principalLines(a, s, displayText, verbose), '');
  }
  lines.push(...footer(world, s, verbose));
  return lines.join('\n') + '\n';
}

/** The lines of one principal: its targets grouped by answer, each with the statements that decided. */
export function principalLines(a: PrincipalAnswer, s: Styler, displayText: (t: string) => string, verbose: boolean): string[] {
  const p = a.principal;
  const trusted = p.trustedBy?.length ? s.dim(` (assumed by ${p.trustedBy.map(clean).join(', ')})`) : '';
  const out = [`  ${clean(displayText(p.label))}${trusted}`];
  const groups = new Map<string, TargetAnswer[]>();
  for (const t of a.targets) {
    if (t.answer.status === 'denied' && !verbose && a.status !== 'denied') continue;
    const key = `${t.answer.status}|${t.answer.conditionsText ?? ''}|${t.deciding.map((d) => d.policy).join(',')}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const rank = (list: TargetAnswer[]) => ORDER.indexOf(list[0]!.answer.status);
  for (const list of [...groups.values()].sort((a, b) => rank(a) - rank(b))) {
    const first = list[0]!;
    const st = first.answer.status;
    const targets = list.map((t) => clean(displayText(t.target.label))).join(', ');
    out.push(`    ${s[STATUS_STYLE[st]](st.padEnd(11))} ${targets}`);
    if (first.answer.conditionsText) out.push(`    ${''.padEnd(11)} ${st === 'unknown' ? 'at most when' : 'only when'} ${clean(displayText(first.answer.conditionsText))}`);
    for (const d of first.deciding.filter((x) => x.ref.effect === 'Allow' || st === 'denied').slice(0, verbose ? 20 : 3)) {
      const loc = d.location ? ` ${d.location.file}:${d.location.line}:${d.location.column}` : '';
      out.push(s.dim(`    ${''.padEnd(11)} by ${clean(d.policy)}${d.path ? ` ${clean(d.path)}` : ''}${clean(loc)}`));
    }
    for (const e of first.endpoints) {
      out.push(`    ${''.padEnd(11)} through endpoint ${clean(e.endpoint)}: ${e.answer.status}${e.answer.blockedBy ? ` (blocked by the ${e.answer.blockedBy} policy)` : ''}`);
    }
  }
  return out;
}

export function footer(world: IamWorld, s: Styler, verbose: boolean): string[] {
  const out: string[] = [];
  if (world.placeholders.account === THIS_ACCOUNT) out.push(s.dim('{this-account} is the account the code is deployed to (give --account-id); {other-account} any other account.'));
  if (world.gaps.length) {
    out.push(s.dim(`${world.gaps.length} value(s) of the code are not known before deployment; answers that depend on them say "unknown"${verbose ? ':' : ' (--verbose lists them).'}`));
    if (verbose) for (const g of world.gaps) out.push(s.dim(`  ${clean(g.resource?.id ?? '')} ${clean(g.gap.path)}: ${clean(g.gap.reason)}`));
  }
  return out;
}
