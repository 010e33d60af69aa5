import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { kmsSigner, kmsVerifier } from '../../../src/ml/integrity/kms-key.js';
import { embeddedVerifier, generateSigningKey, localSigner, localVerifierFromFile } from '../../../src/ml/integrity/local-key.js';
import { MANIFEST_FORMAT, parseManifest, serializeManifest, signedPayload, totalsOf, type Manifest, type ManifestObject } from '../../../src/ml/integrity/manifest.js';
import { checkSignature, signManifest, type ManifestVerifier } from '../../../src/ml/integrity/signature.js';
import { FakeAws } from './support/fake-aws.js';

const dir = mkdtempSync(join(tmpdir(), 'rf-sign-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const approver = generateSigningKey();
const intruder = generateSigningKey();
const APPROVER_KEY = write('approver.pem', approver.privateKeyPem);
const APPROVER_PUB = write('approver.pub', approver.publicKeyPem);
const INTRUDER_KEY = write('intruder.pem', intruder.privateKeyPem);

function manifest(objects = 3): Manifest {
  const list: ManifestObject[] = Array.from({ length: objects }, (_, i) => ({ key: `part-${String(i).padStart(4, '0')}.csv`, size: 100 + i, sha256: String(i % 10).repeat(64) }));
  return {
    format: MANIFEST_FORMAT,
    version: 1,
    createdAt: '2026-03-01T10:00:00.000Z',
    createdBy: { tool: 'ringfence', version: '0.1.0' },
    source: { kind: 's3', uri: 's3://acme-training/fraud/v3/', bucket: 'acme-training', prefix: 'fraud/v3/' },
    objects: list,
    totals: totalsOf(list),
  };
}

/** A manifest as a verifier reads it: serialized, edited by `edit`, parsed again. */
function roundTrip(m: Manifest, edit: (text: string) => string = (t) => t): Manifest {
  return parseManifest(edit(serializeManifest(m)), 'm.manifest.json');
}

const check = (m: Manifest, trusted?: ManifestVerifier) => checkSignature(m, 'm.manifest.json', trusted, embeddedVerifier);
const NOW = new Date('2026-03-01T10:05:00Z');

describe('Ed25519 signatures with local keys', () => {
  it('verifies against the trusted public key, a private key file standing in for it, and the embedded key', async () => {
    const signed = roundTrip(await signManifest(manifest(), await localSigner(APPROVER_KEY), NOW));
    expect(signed.signature).toMatchObject({ algorithm: 'ed25519', keyId: approver.fingerprint, publicKeyFingerprint: approver.fingerprint, signedAt: NOW.toISOString() });
    expect(await check(signed, await localVerifierFromFile(APPROVER_PUB))).toMatchObject({ status: 'verified', keyId: approver.fingerprint });
    expect(await check(signed, await localVerifierFromFile(APPROVER_KEY))).toMatchObject({ status: 'verified' });
    expect(await check(signed)).toMatchObject({ status: 'intact' });
  });

  it('signs the canonical form, so the layout of the file does not matter', async () => {
    const signed = await signManifest(manifest(), await localSigner(APPROVER_KEY), NOW);
    const compact = parseManifest(JSON.stringify(signed), 'compact.json');
    expect(await check(compact, await localVerifierFromFile(APPROVER_PUB))).toMatchObject({ status: 'verified' });
    expect(signedPayload(compact).equals(signedPayload(signed))).toBe(true);
  });

  it('rejects a manifest edited after signing, naming the file', async () => {
    const signed = await signManifest(manifest(), await localSigner(APPROVER_KEY), NOW);
    const edited = roundTrip(signed, (t) => t.replace('"sha256":"1111', '"sha256":"2222'));
    expect(edited.objects[1]!.sha256.startsWith('2222')).toBe(true);
    const err = await check(edited, await localVerifierFromFile(APPROVER_PUB)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).file).toBe('m.manifest.json');
    expect((err as InputError).message).toMatch(/signature does not verify: the manifest was changed after it was signed/);
    // Without a trusted key the embedded key still catches the edit.
    await expect(check(edited)).rejects.toThrow(/changed after it was signed/);
  });

  it('catches the signer metadata being edited too: the signature covers everything but its own value', async () => {
    const signed = await signManifest(manifest(), await localSigner(APPROVER_KEY), NOW);
    const edited = roundTrip(signed, (t) => t.replace(NOW.toISOString(), '2026-03-02T00:00:00.000Z'));
    await expect(check(edited, await localVerifierFromFile(APPROVER_PUB))).rejects.toThrow(/changed after it was signed/);
  });

  it('tells a manifest signed by another key from an edited one', async () => {
    const forged = roundTrip(await signManifest(manifest(), await localSigner(INTRUDER_KEY), NOW));
    // Re-signed by an intruder with the intruder's key embedded: intact, but not verified...
    expect(await check(forged)).toMatchObject({ status: 'intact', keyId: intruder.fingerprint });
    // ...which is why the verifier names the key it trusts.
    await expect(check(forged, await localVerifierFromFile(APPROVER_PUB))).rejects.toThrow(
      `manifest was signed by key ${intruder.fingerprint}, not by the key given (${approver.fingerprint})`,
    );
  });

  it('refuses an unsigned manifest when a key is given, and reports it as unsigned otherwise', async () => {
    const plain = roundTrip(manifest());
    await expect(check(plain, await localVerifierFromFile(APPROVER_PUB))).rejects.toThrow(/not signed, so it cannot show that Ed25519 key sha256:[0-9a-f]{64} approved it/);
    expect(await check(plain)).toEqual({ status: 'unsigned' });
  });

  it('refuses an embedded key that does not match its fingerprint', async () => {
    const signed = await signManifest(manifest(), await localSigner(APPROVER_KEY), NOW);
    const swapped = { ...signed, signature: { ...signed.signature!, publicKey: intruder.publicKeyPem } };
    await expect(check(swapped)).rejects.toThrow(/changed after it was signed/);
  });

  it('explains keys it cannot use, naming the key file', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cases: [string, RegExp][] = [
      [APPROVER_PUB, /this is a public key; signing needs the private key/],
      [write('rsa.pem', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), /is a rsa key; --sign-key takes an Ed25519 private key/],
      [write('garbage.pem', 'not a key\n'), /expected a PEM key/],
      [
        write('encrypted.pem', generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString()),
        /the key is encrypted/,
      ],
      [join(dir, 'missing.pem'), /key file not found/],
    ];
    for (const [file, message] of cases) {
      const err = await localSigner(file).catch((e: unknown) => e);
      expect(err, file).toBeInstanceOf(InputError);
      expect((err as InputError).file).toBe(file);
      expect((err as InputError).message).toMatch(message);
    }
    const dsa = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    await expect(localVerifierFromFile(write('p384.pub', dsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()))).rejects.toThrow(/EC key on secp384r1; ECDSA_SHA_256 uses P-256/);
  });
});

describe('AWS KMS signatures (the real KMS client against a local KMS endpoint)', () => {
  const aws = new FakeAws();
  beforeAll(async () => {
    await aws.start();
  });
  afterAll(async () => {
    await aws.stop();
  });
  const access = () => ({ client: aws.kmsClient() });

  it.each([
    ['ECC_NIST_P256', 'ECDSA_SHA_256'],
    ['RSA_2048', 'RSASSA_PSS_SHA_256'],
  ] as const)('signs with a %s key (%s) over the digest, verifiable through KMS and offline', async (spec, algorithm) => {
    const arn = aws.createKey(spec);
    // 400 objects: far over the 4096 bytes a RAW KMS message may hold.
    const big = manifest(400);
    expect(signedPayload(big).length).toBeGreaterThan(4096);
    const signed = roundTrip(await signManifest(big, await kmsSigner(arn, access()), NOW));
    expect(signed.signature).toMatchObject({ algorithm, keyId: arn });
    expect(signed.signature!.publicKey).toMatch(/BEGIN PUBLIC KEY/);
    const sign = aws.requests.filter((r) => r.endsWith('TrentService.Sign'));
    expect(sign.length).toBeGreaterThan(0);

    expect(await check(signed, await kmsVerifier(arn, access()))).toMatchObject({ status: 'verified', keyId: arn });
    // The public key from GetPublicKey checks the same signature without calling AWS.
    const pub = write(`${spec}.pub`, signed.signature!.publicKey!);
    expect(await check(signed, await localVerifierFromFile(pub))).toMatchObject({ status: 'verified' });
    expect(await check(signed)).toMatchObject({ status: 'intact' });

    const edited = roundTrip(signed, (t) => t.replace('"size":150,"sha256":"0000', '"size":150,"sha256":"1234'));
    expect(edited.objects[50]!.sha256.startsWith('1234')).toBe(true);
    await expect(check(edited, await kmsVerifier(arn, access()))).rejects.toThrow(/changed after it was signed/);
    await expect(check(edited, await localVerifierFromFile(pub))).rejects.toThrow(/changed after it was signed/);
  });

  it('names both keys when the manifest was signed with another KMS key', async () => {
    const signedWith = aws.createKey('ECC_NIST_P256');
    const expected = aws.createKey('ECC_NIST_P256');
    const signed = roundTrip(await signManifest(manifest(), await kmsSigner(signedWith, access()), NOW));
    await expect(check(signed, await kmsVerifier(expected, access()))).rejects.toThrow(`manifest was signed with KMS key ${signedWith}, not with ${expected}`);
  });

  it('refuses a key that cannot sign, and a key it may not use, with the service error', async () => {
    const encrypt = aws.createKey('RSA_2048', 'ENCRYPT_DECRYPT');
    await expect(kmsSigner(encrypt, access())).rejects.toThrow(/KeyUsage ENCRYPT_DECRYPT; signing needs an asymmetric SIGN_VERIFY key/);
    const missing = `arn:aws:kms:eu-west-1:111122223333:key/00000000-0000-4000-8000-000000000000`;
    const err = await kmsSigner(missing, access()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/GetPublicKey on arn:aws:kms:.* failed: NotFoundException: Key '.*' does not exist \(HTTP 400\)/);
    const ecdsa = aws.createKey('ECC_NIST_P256');
    await expect(kmsSigner(ecdsa, access(), 'RSASSA_PSS_SHA_256')).rejects.toThrow(/does not offer RSASSA_PSS_SHA_256; it offers ECDSA_SHA_256/);
  });

  it('says which key type a local key is when it cannot check a KMS signature', async () => {
    const arn = aws.createKey('ECC_NIST_P256');
    const signed = roundTrip(await signManifest(manifest(), await kmsSigner(arn, access()), NOW));
    await expect(check(signed, await localVerifierFromFile(APPROVER_PUB))).rejects.toThrow(/signed with ECDSA_SHA_256 by arn:aws:kms:.*, but the key given is an Ed25519 key/);
  });
});
