import { Option, type Command } from 'commander';
import { clean } from '../../report/ansi.js';
import { collectList } from '../options.js';
import { emit } from '../output.js';

interface GenerateFlags {
  fromTrail?: string[];
  role?: string;
  output?: string;
  format: 'policy' | 'json';
  quiet?: boolean;
}

/** `ringfence iam generate --from-trail FILES --role ARN`: the least policy the role's calls needed. */
export function defineIamGenerate(iam: Command, setExit: (code: number) => void): void {
  iam
    .command('generate')
    .description('Write the least-privilege policy that allows every call a role made in CloudTrail records, proven by the evaluator.')
    .requiredOption('--from-trail <paths...>', 'CloudTrail files or folders: S3 log files (.json, .json.gz), CloudWatch Logs exports, lookup-events output, JSON Lines (several, or comma-separated)', collectList)
    .requiredOption('--role <arn>', 'the role whose calls to read: arn:aws:iam::ACCOUNT:role/NAME (its path does not matter)')
    .option('-o, --output <file>', 'write the policy to FILE instead of stdout')
    .addOption(new Option('-f, --format <format>', 'policy: the policy document; json: the policy with the notes, the proof and the counts').choices(['policy', 'json']).default('policy'))
    .option('-q, --quiet', 'no notes or progress on stderr')
    .addHelpText(
      'after',
      `
The policy grants each action the role used (SageMaker at the action level too) on the resources
it used it on: ARNs from the records, or built from the request parameters with the catalog's
ARN formats; S3 objects narrowed to the folders the keys were in; iam:PassRole inferred from the
roles the calls handed to services (CreateTrainingJob RoleArn, CreateModel ExecutionRoleArn, …),
limited by iam:PassedToService. Notes on stderr say what the records could not show (no S3 data
events, actions without resource-level permissions, names without their path). Every observed
request is replayed through the evaluator against the policy before it is written.

Examples:
  $ ringfence iam generate --from-trail AWSLogs/ --role arn:aws:iam::111122223333:role/ml-pipeline
  $ ringfence iam generate --from-trail trail.json.gz --role arn:aws:iam::111122223333:role/ml-pipeline -o policy.json
  $ ringfence iam generate --from-trail logs/ --role arn:aws:iam::111122223333:role/ml-pipeline --format json

Exit codes: 0 the policy was written; 1 the evaluator could not prove it allows every observed
call (the failures are listed); 2 an input could not be read, the role ARN is malformed, or no
call of the role was found.`,
    )
    .action(async (flags: GenerateFlags) => {
      setExit(await runGenerate(flags));
    });
}

async function runGenerate(flags: GenerateFlags): Promise<number> {
  const [{ openTrail }, { generateLeastPrivilege, GenerateError }] = await Promise.all([import('../../trail/read/index.js'), import('../../iam/generate/index.js')]);
  const log = (line: string) => {
    if (!flags.quiet) process.stderr.write(`${line}\n`);
  };
  const tty = !flags.quiet && process.stderr.isTTY;
  const trail = openTrail(flags.fromTrail ?? [], {
    onProgress: tty ? (p) => process.stderr.write(`\r\x1b[Kreading ${p.filesDone + 1}/${p.filesTotal} ${clean(p.file).slice(0, 80)}`) : undefined,
  });
  let result;
  try {
    result = await generateLeastPrivilege(trail.records, { role: flags.role! });
  } catch (e) {
    if (tty) process.stderr.write('\r\x1b[K');
    if (!(e instanceof GenerateError)) throw e;
    reportInputs(trail.inputs, log);
    process.stderr.write(`ringfence: error: ${clean(e.message)}\n`);
    return 2;
  }
  if (tty) process.stderr.write('\r\x1b[K');
  const failedInputs = reportInputs(trail.inputs, log);
  const text = flags.format === 'json' ? JSON.stringify(withoutCalls(result), null, 2) + '\n' : JSON.stringify(result.policy, null, 2) + '\n';
  await emit(text, flags.output);
  for (const n of result.notes) log(`note: ${clean(n)}`);
  const { proof } = result;
  log(`${result.matched} of ${result.records} records are calls of the role; ${result.calls.length} granted in ${result.policy.Statement.length} statements`);
  if (proof.failures.length) {
    for (const f of proof.failures) process.stderr.write(`ringfence: error: not proven: ${clean(f.eventName)} at ${clean(f.eventTime)}: ${clean(f.action)} on ${clean(f.resource)} is ${f.decision}\n`);
    return 1;
  }
  log(`proven: the evaluator allows all ${proof.checked} observed requests under this policy`);
  return failedInputs ? 2 : 0;
}

/** The JSON report: everything but the per-call list, which can be large (its count stays). */
function withoutCalls<T extends { calls: unknown[] }>(r: T): Omit<T, 'calls'> & { callCount: number } {
  const { calls, ...rest } = r;
  return { ...rest, callCount: calls.length };
}

type Input = { path: string; status: string; reason?: string; error?: { message: string; file: string; line?: number; column?: number }; warnings?: { message: string; line?: number }[] };

/** Every input accounted for on stderr: failures always, skips and record warnings unless --quiet. */
function reportInputs(inputs: readonly Input[], log: (line: string) => void): number {
  let failed = 0;
  for (const i of inputs) {
    for (const w of i.warnings ?? []) log(`warning: ${clean(i.path)}${w.line !== undefined ? `:${w.line}` : ''}: ${clean(w.message)}`);
    if (i.status === 'failed') {
      failed++;
      const pos = i.error?.line !== undefined ? `:${i.error.line}:${i.error.column ?? 1}` : '';
      process.stderr.write(`ringfence: error: ${clean(i.error?.file ?? i.path)}${pos}: ${clean(i.error?.message ?? 'could not be read')}\n`);
    } else if (i.status === 'skipped') log(`skipped: ${clean(i.path)}${i.reason ? `: ${clean(i.reason)}` : ''}`);
  }
  return failed;
}
