import { Option, type Command } from 'commander';
import { InputError, UsageError } from '../../core/errors.js';
import { emit } from '../output.js';
import { progressLine } from './manifest.js';

const FORMATS = ['table', 'json', 'sarif', 'junit'] as const;

interface VerifyFlags {
  publicKey?: string;
  kmsKeyId?: string;
  rehash?: boolean;
  region?: string;
  format: (typeof FORMATS)[number];
  output?: string;
  quiet?: boolean;
}

/** `ringfence data verify MANIFEST PATH|s3://…`: is the data still what was approved? */
export function defineDataVerify(data: Command, setExit: (code: number) => void): void {
  data
    .command('verify')
    .description('Prove a dataset is unchanged since its manifest was approved, or name every object added, removed or changed. The signature is checked first.')
    .argument('<manifest>', 'the manifest file (from ringfence data manifest)')
    .argument('<path>', 'the data now: a local file or folder, or s3://bucket/prefix')
    .option('--public-key <file>', 'the trusted key (PEM): Ed25519, or the public key of a KMS key to check its signatures offline')
    .option('--kms-key-id <key>', 'check the signature with AWS KMS Verify and this key')
    .option('--rehash', 're-read S3 objects even when their unchanged VersionId already proves their content')
    .option('--region <region>', "AWS region for S3 and KMS (default: the key ARN's, AWS_REGION, else us-east-1 for S3)")
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('table'))
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('-q, --quiet', 'no progress or error lines on stderr')
    .addHelpText(
      'after',
      `
Examples:
  $ ringfence data verify train.manifest.json data/train
  $ ringfence data verify fraud-v3.manifest.json s3://acme-training/fraud/v3/ --public-key approver.pub
  $ ringfence data verify m.json s3://acme-training/fraud/v3/ --kms-key-id arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab -f sarif -o verify.sarif

With --public-key or --kms-key-id the manifest must be signed by that key. Without a key, a signed
manifest is checked against the public key it embeds (showing it was not edited, not who signed)
and an unsigned one is reported as such. Objects in versioned S3 buckets whose VersionId, size and
ETag match the manifest are proven unchanged without being read (S3 never changes a version).

Exit codes: 0 the data is unchanged; 1 objects were added, removed or changed; 2 a usage error,
a manifest that cannot be read or whose signature does not verify (nothing else is checked), or
objects that could not be read (the report still lists every difference found).`,
    )
    .action(async (manifest: string, path: string, flags: VerifyFlags) => {
      setExit(await runVerify(manifest, path, flags));
    });
}

const EXIT: Readonly<Record<'unchanged' | 'changed' | 'error', number>> = { unchanged: 0, changed: 1, error: 2 };

async function runVerify(manifestFile: string, path: string, flags: VerifyFlags): Promise<number> {
  if (flags.publicKey && flags.kmsKeyId) throw new UsageError('give --public-key or --kms-key-id, not both');
  const integrity = await import('../../ml/integrity/index.js');
  const region = flags.region ? { region: flags.region } : {};
  try {
    const verifier = flags.publicKey
      ? await integrity.localVerifierFromFile(flags.publicKey)
      : flags.kmsKeyId
        ? await integrity.kmsVerifier(flags.kmsKeyId, region)
        : undefined;
    const progress = !flags.quiet && process.stderr.isTTY ? progressLine('verifying') : undefined;
    const result = await integrity.verifyManifestFile(manifestFile, path, {
      ...(verifier ? { verifier } : {}),
      ...(flags.rehash ? { rehash: true } : {}),
      s3: region,
      ...(progress ? { onProgress: progress.update } : {}),
    });
    progress?.done();
    await emit(await renderResult(result, flags.format), flags.output);
    if (!flags.quiet) {
      for (const e of result.errors) process.stderr.write(`ringfence: error: ${e.where}: ${e.message}\n`);
      if (flags.output && flags.output !== '-') process.stderr.write(`${integrity.verdictLine(result)}\n`);
    }
    return EXIT[result.verdict];
  } catch (e) {
    if (e instanceof InputError) {
      if (!flags.quiet) process.stderr.write(`ringfence: error: ${e.toString()}\n`);
      return 2;
    }
    throw e;
  }
}

async function renderResult(result: import('../../ml/integrity/index.js').VerifyResult, format: VerifyFlags['format']): Promise<string> {
  const integrity = await import('../../ml/integrity/index.js');
  if (format === 'table') return integrity.renderVerifyTable(result);
  if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
  const { render } = await import('../../report/index.js');
  return render(format, integrity.verifyResultToScanResult(result), integrity.VERIFY_RULES, { color: false, cwd: process.cwd() });
}
