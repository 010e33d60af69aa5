import { Command, CommanderError, Option } from 'commander';
import { vi } from 'vitest';
import { defineIamEscalations } from '../../../src/cli/iam/escalations.js';
import { defineIamGenerate } from '../../../src/cli/iam/generate.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ringfence iam …` in-process through our command definitions only, with output captured. */
export async function runIam(...argv: string[]): Promise<Run> {
  let code = 0;
  const program = new Command('ringfence').addOption(new Option('--no-color')).exitOverride();
  const iam = program.command('iam').exitOverride();
  defineIamEscalations(iam, (c) => (code = c));
  defineIamGenerate(iam, (c) => (code = c));
  for (const cmd of iam.commands) cmd.exitOverride();
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  }) as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stderr.write);
  try {
    await program.parseAsync(['iam', ...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.exitCode === 0 ? 0 : 2;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { code, stdout, stderr };
}
