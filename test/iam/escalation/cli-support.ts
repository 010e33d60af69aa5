import { runCli } from '../../support/run-cli.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ringfence iam …` in-process through main(), output captured. */
export function runIam(...argv: string[]): Promise<Run> {
  return runCli('iam', ...argv);
}
