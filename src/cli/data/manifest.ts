import { Option, type Command } from 'commander';
import { InputError, UsageError } from '../../core/errors.js';
import { emit } from '../output.js';

interface ManifestFlags {
  output?: string;
  signKey?: string;
  kmsKeyId?: string;
  kmsAlgorithm?: 'ECDSA_SHA_256' | 'RSASSA_PSS_SHA_256';
  region?: string;
  tabular: boolean;
  quiet?: boolean;
}

/** `ringfence data manifest PATH|s3://bucket/prefix`: record what is approved, object by object. */
export function defineDataManifest(data: Command, setExit: (code: number) => void): void {
  data
    .command('manifest')
    .description('Write a manifest of a dataset: per object its key, size and SHA-256 (and S3 VersionId and ETag), rows and schema of CSV, JSON Lines and Parquet files; optionally signed.')
    .argument('<path>', 'a local file or folder, or s3://bucket/prefix (every object whose key starts with it, as SageMaker reads a channel)')
    .option('-o, --output <file>', 'write the manifest to FILE (its folder is created) instead of stdout')
    .option('--sign-key <file>', 'sign with this Ed25519 private key (PEM; openssl genpkey -algorithm ed25519 -out key.pem)')
    .option('--kms-key-id <key>', 'sign with this AWS KMS asymmetric SIGN_VERIFY key (ARN, key id or alias)')
    .addOption(new Option('--kms-algorithm <algorithm>', 'KMS signing algorithm (default: the first of these the key offers)').choices(['ECDSA_SHA_256', 'RSASSA_PSS_SHA_256']))
    .option('--region <region>', "AWS region for S3 and KMS (default: the key ARN's, AWS_REGION, else us-east-1 for S3)")
    .option('--no-tabular', 'do not count rows or infer column types')
    .option('-q, --quiet', 'no progress or summary on stderr')
    .addHelpText(
      'after',
      `
Examples:
  $ ringfence data manifest data/train -o train.manifest.json
  $ ringfence data manifest s3://acme-training/fraud/v3/ --sign-key approver.pem -o fraud-v3.manifest.json
  $ ringfence data manifest s3://acme-training/fraud/v3/ --kms-key-id arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab -o m.json

The manifest is JSON (format "ringfence-dataset-manifest", version 1). A signature covers its
canonical form (RFC 8785 key order, no whitespace) without the signature value itself. Object
keys are relative to PATH, so a manifest of a local folder verifies the S3 prefix it is uploaded
to. If any object cannot be read, no manifest is written: a partial one must never be approved.

Exit codes: 0 manifest written; 2 a usage error, a key that cannot be used, or an object that
could not be listed or read (each is named on stderr).`,
    )
    .action(async (path: string, flags: ManifestFlags) => {
      setExit(await runManifest(path, flags));
    });
}

async function runManifest(path: string, flags: ManifestFlags): Promise<number> {
  if (flags.signKey && flags.kmsKeyId) throw new UsageError('give --sign-key or --kms-key-id, not both');
  if (flags.kmsAlgorithm && !flags.kmsKeyId) throw new UsageError('--kms-algorithm needs --kms-key-id');
  const integrity = await import('../../ml/integrity/index.js');
  const log = (line: string) => {
    if (!flags.quiet) process.stderr.write(`${line}\n`);
  };
  try {
    // The key is checked before any data is read: a wrong key must not cost an hour of hashing.
    const signer = flags.signKey
      ? await integrity.localSigner(flags.signKey)
      : flags.kmsKeyId
        ? await integrity.kmsSigner(flags.kmsKeyId, flags.region ? { region: flags.region } : {}, flags.kmsAlgorithm)
        : undefined;
    const source = await integrity.openSource(path, { exclude: flags.output && flags.output !== '-' ? [flags.output] : [], s3: flags.region ? { region: flags.region } : {} });
    const progress = !flags.quiet && process.stderr.isTTY ? progressLine('hashing') : undefined;
    const built = await integrity.buildManifest(source, { tabular: flags.tabular, ...(progress ? { onProgress: progress.update } : {}) });
    progress?.done();
    for (const w of built.warnings) log(`ringfence: warning: ${w.where}: ${w.message}`);
    if (!built.manifest) {
      for (const e of built.errors) process.stderr.write(`ringfence: error: ${e.where}: ${e.message}\n`);
      process.stderr.write(`ringfence: no manifest written: ${built.errors.length} problem${built.errors.length === 1 ? '' : 's'} listing or reading ${source.display}\n`);
      return 2;
    }
    const manifest = signer ? await integrity.signManifest(built.manifest, signer) : built.manifest;
    await emit(integrity.serializeManifest(manifest), flags.output);
    const t = manifest.totals;
    const rows = t.rows !== undefined ? `, ${t.rows} rows` : '';
    const signed = manifest.signature ? `signed with ${manifest.signature.algorithm} by ${manifest.signature.keyId}` : 'unsigned';
    log(`manifest of ${source.display}: ${t.objects} object${t.objects === 1 ? '' : 's'}, ${integrity.formatBytes(t.bytes)}${rows}; ${signed}${flags.output && flags.output !== '-' ? ` -> ${flags.output}` : ''}`);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`ringfence: error: ${e.toString()}\n`);
      return 2;
    }
    throw e;
  }
}

/** One rewritten stderr line, on a terminal only. */
export function progressLine(verb: string): { update: (done: number, total: number, key: string) => void; done: () => void } {
  let last = 0;
  return {
    update: (done, total, key) => {
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
      const line = `${verb} ${done}/${total} ${key}`;
      process.stderr.write(`\r\x1b[K${line.length > 100 ? line.slice(0, 97) + '...' : line}`);
    },
    done: () => process.stderr.write('\r\x1b[K'),
  };
}
