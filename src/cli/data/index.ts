import type { Define } from '../main.js';
import { defineDataAudit } from './audit.js';
import { defineDataManifest } from './manifest.js';
import { defineDataVerify } from './verify.js';

/** `ringfence data …`: training data — the poisoning audit, and tamper-proof manifests. */
export const defineData: Define = (program, setExit) => {
  const data = program
    .command('data')
    .description('Training data: audit it for poisoning; write and verify signed manifests of what was approved.')
    .addHelpText(
      'after',
      `
Datasets are CSV, JSON Lines or Parquet files, or folders of part files as a SageMaker channel
reads them from S3 (every file under the prefix, in key order).

Examples:
  $ ringfence data audit train.csv --label label
  $ ringfence data manifest data/train -o train.manifest.json --sign-key approver.pem
  $ ringfence data verify train.manifest.json data/train --public-key approver.pub`,
    );
  defineDataAudit(data, setExit);
  defineDataManifest(data, setExit);
  defineDataVerify(data, setExit);
  for (const cmd of data.commands) cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
};
