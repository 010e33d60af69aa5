import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { VERSION } from '../version.js';
import { defineCapture } from './capture/index.js';
import { defineData } from './data/index.js';
import { defineExplain } from './explain.js';
import { defineIam } from './iam/index.js';
import { defineRules } from './rules.js';
import { defineScan } from './scan.js';
import { defineTrail } from './trail/index.js';

/**
 * Every command file declares its options and help cheaply; the heavy modules a command needs
 * are imported inside its action, so `ringfence scan` never loads what other commands use.
 */
export type Define = (program: Command, setExit: (code: number) => void) => void;
const COMMANDS: Define[] = [defineScan, defineRules, defineExplain, defineCapture, defineTrail, defineIam, defineData];

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
  for (const define of COMMANDS) define(program, (code) => (exitCode = code));
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
