import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { VERSION } from '../version.js';

/**
 * Every command file declares its options and help cheaply; the heavy modules a command needs
 * are imported inside its action. Only the command named on the command line is even declared
 * (all of them for the top-level help), so `ringfence scan` never loads what other commands use.
 */
export type Define = (program: Command, setExit: (code: number) => void) => void;
const COMMANDS: Record<string, () => Promise<Define>> = {
  scan: async () => (await import('./scan.js')).defineScan,
  rules: async () => (await import('./rules.js')).defineRules,
  explain: async () => (await import('./explain.js')).defineExplain,
  iam: async () => (await import('./iam/index.js')).defineIam,
  trail: async () => (await import('./trail/index.js')).defineTrail,
  capture: async () => (await import('./capture/index.js')).defineCapture,
  data: async () => (await import('./data/index.js')).defineData,
};

/** The command the arguments name: the first one that is not an option. */
function namedCommand(argv: readonly string[]): string | undefined {
  const first = argv.find((a) => !a.startsWith('-'));
  return first !== undefined && Object.hasOwn(COMMANDS, first) && first !== 'help' ? first : undefined;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('ringfence')
    .description('Security posture, access analysis and threat detection for machine-learning workloads on AWS.')
    .version(VERSION, '-v, --version')
    .addOption(new Option('--no-color', 'no colours in output (also NO_COLOR=1)'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ ringfence scan examples/insecure-ml-stack
  $ ringfence scan infra/ --format sarif -o ringfence.sarif --fail-on high
  $ ringfence rules --ring network
  $ ringfence explain sagemaker-notebook-direct-internet

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage error or an
input that could not be read (the report still covers the rest).`,
    );
  const named = namedCommand(argv);
  const wanted = named ? [named] : Object.keys(COMMANDS);
  for (const define of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) define(program, (code) => (exitCode = code));
  for (const cmd of program.commands) cmd.exitOverride().showHelpAfterError('(run with --help for usage)');

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    // --help and --version end through here with exit code 0; parse errors were printed.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      process.stderr.write(`ringfence: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`ringfence: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}
