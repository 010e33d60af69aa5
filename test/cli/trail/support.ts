import { runCli } from '../../support/run-cli.js';

/** Runs `ringfence trail …` in-process through main(), output captured. */
export function runTrail(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli('trail', ...argv);
}
