import { Command, CommanderError } from 'commander';
import { vi } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { defineTrail } from '../../../src/cli/trail/index.js';

/**
 * Runs `ringfence trail …` in-process through the group's define, as main() does once the lead
 * registers it: stdout/stderr captured, UsageError and parse errors mapped to exit code 2.
 */
export async function runTrail(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
  let code = 0;
  const program = new Command('ringfence').exitOverride();
  defineTrail(program, (c) => (code = c));
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(['trail', ...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
    else if (e instanceof UsageError) {
      stderr += `ringfence: ${e.message}\n`;
      code = 2;
    } else throw e;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { code, stdout, stderr };
}
