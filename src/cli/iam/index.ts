import type { Define } from '../main.js';
import { defineIamSimulate } from './simulate.js';

/** `ringfence iam …`: the IAM engine — exact policy evaluation and, later, who-can, lint, escalations, generation. */
export const defineIam: Define = (program, setExit) => {
  const iam = program
    .command('iam')
    .description('Evaluate IAM policies exactly as AWS does: simulate one request against every policy type that applies to it.')
    .addHelpText(
      'after',
      `
Examples:
  $ ringfence iam simulate case.json
  $ ringfence iam simulate case.json --format json
  $ ringfence iam simulate case.json --unknown aws:SourceVpce    # under which conditions is it allowed?`,
    );
  defineIamSimulate(iam, setExit);
  for (const cmd of iam.commands) cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
};
