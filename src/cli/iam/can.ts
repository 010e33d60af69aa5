import type { Command } from 'commander';
import { displayText } from '../../iam/inventory/placeholders.js';
import type { PrincipalAnswer } from '../../iam/inventory/questions.js';
import type { IamWorld } from '../../iam/inventory/world.js';
import { clean, type Styler } from '../../report/ansi.js';
import { addInventoryQuestionOptions, footer, gapsJson, loadWorldFor, placeholdersJson, principalLines, resolving, resourceJson, type InventoryQuestionFlags } from './who-can.js';

/** `ringfence iam can PRINCIPAL ACTION RESOURCE`: may this principal of the code do this, and when? */
export function defineIamCan(iam: Command, setExit: (code: number) => void): void {
  const cmd = iam
    .command('can')
    .description('Answer whether one principal can perform an action on a resource, given every policy of the code that applies, and under which conditions.')
    .argument('<principal>', 'a role or user of the code (logical id, Terraform address or ARN), a service principal, an account id, or "*" (anonymous)')
    .argument('<action>', 'the action, e.g. s3:GetObject')
    .argument('<resource>', 'an ARN, or a resource of the code (a bucket stands for its objects with object actions)');
  addInventoryQuestionOptions(cmd)
    .addHelpText(
      'after',
      `
Examples:
  $ ringfence iam can SageMakerExecutionRole s3:GetObject TrainingDataBucket --in examples/insecure-ml-stack/cloudformation
  $ ringfence iam can aws_iam_role.sagemaker_execution iam:PassRole '*' --in infra/
  $ ringfence iam can '*' s3:GetObject arn:aws:s3:::my-bucket/x.csv --in stack.yaml --format json
  $ ringfence iam can SageMakerExecutionRole s3:GetObject TrainingDataBucket --in . --context aws:SourceVpce=vpce-0abc

Exit codes: 0 the question was answered (whatever the answer: a denial is data, not a failure);
2 a usage error, or an input could not be read.`,
    )
    .action(async (principal: string, action: string, resource: string, flags: InventoryQuestionFlags, c: Command) => {
      setExit(await runCan(principal, action, resource, flags, c.optsWithGlobals().color as boolean | undefined));
    });
}

async function runCan(principalText: string, action: string, resourceText: string, flags: InventoryQuestionFlags, color: boolean | undefined): Promise<number> {
  const [{ can, principalAnswerJson }, { resolvePrincipal, resolveResource, checkAction }, { styler }, { useColor }, { emit }] = await Promise.all([
    import('../../iam/inventory/questions.js'),
    import('../../iam/inventory/resolve.js'),
    import('../../report/ansi.js'),
    import('../options.js'),
    import('../output.js'),
  ]);
  await resolving(() => checkAction(action));
  const { world, failed } = await loadWorldFor(flags);
  const principal = await resolving(() => resolvePrincipal(world, principalText));
  const resource = await resolving(() => resolveResource(world, resourceText, action));
  const answer = can(world, principal, action, resource, flags.context ? { context: flags.context } : {});
  const text =
    flags.format === 'json'
      ? JSON.stringify({ action, resource: resourceJson(resource), placeholders: placeholdersJson(world), ...principalAnswerJson(answer), unknownValues: gapsJson(world) }, null, 2) + '\n'
      : renderCan(world, action, resourceText, answer, styler(!flags.output && useColor(process.stdout, color)), Boolean(flags.verbose));
  await emit(text, flags.output);
  return failed ? 2 : 0;
}

const VERDICT = { allowed: 'yes', conditional: 'yes, only when the conditions below hold', unknown: 'it depends on values not known before deployment', denied: 'no' } as const;

export function renderCan(world: IamWorld, action: string, resourceText: string, answer: PrincipalAnswer, s: Styler, verbose: boolean): string {
  const show = (t: string) => displayText(t, world.placeholders);
  const lines = [
    s.bold(`can ${clean(show(answer.principal.label))} ${clean(action)} on ${clean(resourceText)}?`),
    `${s.bold(VERDICT[answer.status])}`,
    '',
    ...principalLines(answer, s, show, true),
    '',
    ...footer(world, s, verbose),
  ];
  return lines.join('\n') + '\n';
}
