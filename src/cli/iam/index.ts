import type { Define } from '../main.js';
import { defineIamSimulate } from './simulate.js';
import { defineIamEscalations } from './escalations.js';
import { defineIamGenerate } from './generate.js';
import { defineIamLint } from './lint.js';
import { defineIamCan } from './can.js';
import { defineIamWhoCan } from './who-can.js';

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
  $ ringfence iam simulate case.json --unknown aws:SourceVpce    # under which conditions is it allowed?
  $ ringfence iam escalations infra/ --from role/DataScientist
  $ ringfence iam generate --from-trail AWSLogs/ --role arn:aws:iam::111122223333:role/ml-pipeline
  $ ringfence iam lint policy.json --type identity
  $ ringfence iam who-can s3:GetObject TrainingDataBucket --in infra/
  $ ringfence iam can SageMakerExecutionRole iam:PassRole '*' --in infra/`,
    );
  defineIamSimulate(iam, setExit);
  defineIamEscalations(iam, setExit);
  defineIamGenerate(iam, setExit);
  defineIamLint(iam, setExit);
  defineIamCan(iam, setExit);
  defineIamWhoCan(iam, setExit);
  for (const cmd of iam.commands) cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
};
