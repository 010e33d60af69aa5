import { copyFileSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../src/ml/integrity/local-key.js';
import { parseManifest } from '../../../src/ml/integrity/manifest.js';
import type { VerifyResult } from '../../../src/ml/integrity/verify-manifest.js';
import { FakeAws } from './support/fake-aws.js';
import { datasetPath } from './support/data.js';
import { runCli } from '../../support/run-cli.js';

// The `data manifest` and `data verify` commands, in-process through main(), output captured.
const run = (...argv: string[]) => runCli('data', ...argv);

const work = mkdtempSync(join(tmpdir(), 'rf-cli-data-'));
const keys = generateSigningKey();
const KEY = join(work, 'approver.pem');
const PUB = join(work, 'approver.pub');
writeFileSync(KEY, keys.privateKeyPem);
writeFileSync(PUB, keys.publicKeyPem);

function dataset(): string {
  const dir = mkdtempSync(join(work, 'ds-'));
  for (const f of ['iris.csv', 'breast_cancer.csv']) copyFileSync(datasetPath(f), join(dir, f));
  return dir;
}

describe('ringfence data manifest', () => {
  it('prints the manifest to stdout and a summary to stderr', async () => {
    const dir = dataset();
    const r = await run('manifest', dir);
    expect(r.code).toBe(0);
    const m = parseManifest(r.stdout, 'stdout');
    expect(m.objects.map((o) => o.key)).toEqual(['breast_cancer.csv', 'iris.csv']);
    expect(r.stderr).toMatch(/manifest of .*: 2 objects, .*, 719 rows; unsigned/);
  });

  it('writes a signed manifest to -o, and --quiet silences stderr', async () => {
    const dir = dataset();
    const out = join(work, 'signed', 'm.json');
    const r = await run('manifest', dir, '--sign-key', KEY, '-o', out, '--quiet');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(parseManifest(readFileSync(out, 'utf8'), out).signature).toMatchObject({ algorithm: 'ed25519', keyId: keys.fingerprint });
  });

  it('--no-tabular records hashes only', async () => {
    const r = await run('manifest', dataset(), '--no-tabular', '-q');
    expect(parseManifest(r.stdout, 'stdout').objects.every((o) => o.tabular === undefined)).toBe(true);
  });

  it('exits 2 and writes nothing when a file cannot be read, naming it', async () => {
    const dir = dataset();
    symlinkSync(join(dir, 'gone.csv'), join(dir, 'link.csv'));
    const out = join(work, 'never.json');
    const r = await run('manifest', dir, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`ringfence: error: ${join(dir, 'link.csv')}: broken symbolic link`);
    expect(r.stderr).toMatch(/no manifest written: 1 problem listing or reading/);
    expect(existsSync(out)).toBe(false);
  });

  it('checks the signing key before reading any data', async () => {
    const r = await run('manifest', join(work, 'no-such-data'), '--sign-key', PUB);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ringfence: error: ${PUB}: not a usable private key: this is a public key; signing needs the private key\n`);
  });

  it('rejects two signing keys as a usage error', async () => {
    const r = await run('manifest', dataset(), '--sign-key', KEY, '--kms-key-id', 'alias/approver');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give --sign-key or --kms-key-id, not both/);
  });
});

describe('ringfence data verify', () => {
  async function approved(): Promise<{ dir: string; manifest: string }> {
    const dir = dataset();
    const manifest = join(mkdtempSync(join(work, 'm-')), 'train.manifest.json');
    expect((await run('manifest', dir, '--sign-key', KEY, '-o', manifest, '-q')).code).toBe(0);
    return { dir, manifest };
  }

  it('exits 0 on unchanged data, reporting the verified signer', async () => {
    const { dir, manifest } = await approved();
    const r = await run('verify', manifest, dir, '--public-key', PUB);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`signature  verified: signed with ed25519 by ${keys.fingerprint}`);
    expect(r.stdout).toMatch(/UNCHANGED: 2 of 2 unchanged\n$/);
  });

  it('exits 1 and names what changed', async () => {
    const { dir, manifest } = await approved();
    appendFileSync(join(dir, 'iris.csv'), '4.9,3.0,1.4,0.2,2\n');
    writeFileSync(join(dir, 'new.csv'), 'x\n1\n');
    const r = await run('verify', manifest, dir, '--public-key', PUB);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/changed +iris\.csv +sha256 874d28c2148c… -> [0-9a-f]{12}…; size 2756 -> 2774; rows 150 -> 151/);
    expect(r.stdout).toMatch(/added +new\.csv +4 bytes, not in the manifest/);
    expect(r.stdout).toMatch(/CHANGED: 1 changed, 1 added; 1 of 2 unchanged/);
  });

  it('exits 2 without looking at the data when the manifest was edited after signing', async () => {
    const { dir, manifest } = await approved();
    const text = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, text.replace(/"sha256":"874d/, '"sha256":"974d'));
    const r = await run('verify', manifest, dir, '--public-key', PUB);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^ringfence: error: ${manifest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: signature does not verify: the manifest was changed after it was signed`));
  });

  it('exits 2 with the position of a truncated manifest', async () => {
    const { dir, manifest } = await approved();
    writeFileSync(manifest, readFileSync(manifest, 'utf8').slice(0, 500));
    const r = await run('verify', manifest, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/train\.manifest\.json:\d+:\d+: manifest is truncated/);
  });

  it('exits 2 for a manifest signed by another key', async () => {
    const { dir, manifest } = await approved();
    const other = join(work, 'other.pub');
    writeFileSync(other, generateSigningKey().publicKeyPem);
    const r = await run('verify', manifest, dir, '--public-key', other);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`manifest was signed by key ${keys.fingerprint}, not by the key given`);
  });

  it('writes the result as JSON, SARIF and JUnit', async () => {
    const { dir, manifest } = await approved();
    appendFileSync(join(dir, 'iris.csv'), '4.9,3.0,1.4,0.2,2\n');
    const json = await run('verify', manifest, dir, '-f', 'json');
    const result = JSON.parse(json.stdout) as VerifyResult;
    expect(result).toMatchObject({ verdict: 'changed', signature: { status: 'intact' }, changed: [{ key: 'iris.csv' }] });

    const sarifFile = join(work, 'verify.sarif');
    const sarif = await run('verify', manifest, dir, '-f', 'sarif', '-o', sarifFile);
    expect(sarif.code).toBe(1);
    expect(sarif.stderr).toMatch(/^CHANGED: 1 changed; 1 of 2 unchanged\n$/);
    const log = JSON.parse(readFileSync(sarifFile, 'utf8')) as { runs: { results: { ruleId: string; level: string }[] }[] };
    expect(log.runs[0]!.results.filter((x) => x.level === 'error').map((x) => x.ruleId)).toContain('dataset-object-changed');

    const junit = await run('verify', manifest, dir, '-f', 'junit');
    expect(junit.stdout).toMatch(/<testsuites[\s\S]*dataset-object-changed[\s\S]*<failure/);
  });
});

describe('S3 and KMS through the command line (endpoints from the environment)', () => {
  const aws = new FakeAws();
  const saved: Record<string, string | undefined> = {};
  const env = (vars: Record<string, string>) => {
    for (const [k, v] of Object.entries(vars)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  };
  beforeAll(async () => {
    await aws.start();
    env({
      AWS_ENDPOINT_URL: aws.endpoint,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_REGION: 'eu-west-1',
      AWS_MAX_ATTEMPTS: '1',
    });
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await aws.stop();
  });

  it('approves an S3 prefix with a KMS key and verifies it with KMS Verify', async () => {
    aws.createBucket('acme-training');
    aws.put('acme-training', 'fraud/v3/train.csv', readFileSync(datasetPath('banknote_authentication.csv')));
    const arn = aws.createKey('ECC_NIST_P256');
    const manifest = join(work, 'fraud.manifest.json');
    const made = await run('manifest', 's3://acme-training/fraud/v3/', '--kms-key-id', arn, '-o', manifest);
    expect(made.stderr).toMatch(/1 object, .*, 1372 rows; signed with ECDSA_SHA_256 by arn:aws:kms:eu-west-1:111122223333:key\//);
    expect(made.code).toBe(0);
    const ok = await run('verify', manifest, 's3://acme-training/fraud/v3/', '--kms-key-id', arn);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/UNCHANGED: 1 of 1 unchanged \(1 proven by S3 version id\)/);

    aws.put('acme-training', 'fraud/v3/train.csv', 'variance,skewness,curtosis,entropy,label\n0,0,0,0,1\n');
    const bad = await run('verify', manifest, 's3://acme-training/fraud/v3/', '--kms-key-id', arn);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/changed +train\.csv .*rows 1372 -> 1/);
  });

  it('rejects a malformed S3 URI as a usage error', async () => {
    const r = await run('manifest', 's3:///no-bucket');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"s3:\/\/\/no-bucket" is not an S3 URI of the form s3:\/\/bucket\/prefix/);
  });
});
