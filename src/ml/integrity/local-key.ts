import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, constants, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InputError } from '../../core/errors.js';
import type { ManifestSignature, SignatureAlgorithm } from './manifest.js';
import type { ManifestSigner, ManifestVerifier } from './signature.js';

/**
 * Local keys (node:crypto). Signing uses Ed25519 private keys (PKCS#8 PEM, as written by
 * `openssl genpkey -algorithm ed25519`). Verification takes a public key in PEM (or a private key,
 * whose public half is used): Ed25519, or the EC P-256 / RSA public key of an AWS KMS key (from
 * GetPublicKey), which checks KMS signatures offline.
 */

/** `sha256:<hex>` of the DER SubjectPublicKeyInfo: the same bytes `openssl pkey -pubout -outform DER` writes. */
export function fingerprint(publicKey: KeyObject): string {
  return `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** A fresh Ed25519 key pair, PEM-encoded. */
export function generateSigningKey(): { privateKeyPem: string; publicKeyPem: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKeyPem(publicKey),
    fingerprint: fingerprint(publicKey),
  };
}

async function readKeyFile(file: string): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    if (text.length > 64 * 1024) throw new InputError('is over 64 KiB, too large to be a key', file);
    return text;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'key file not found' : `cannot read the key file: ${(e as Error).message}`, file);
  }
}

/** An Ed25519 signer from a private key file. */
export async function localSigner(file: string): Promise<ManifestSigner> {
  const text = await readKeyFile(file);
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch (e) {
    const hint = /PUBLIC KEY/.test(text) ? 'this is a public key; signing needs the private key' : keyParseHint(e, text);
    throw new InputError(`not a usable private key: ${hint}`, file);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new InputError(`is a ${key.asymmetricKeyType ?? 'unknown'} key; --sign-key takes an Ed25519 private key (openssl genpkey -algorithm ed25519 -out key.pem), or use --kms-key-id`, file);
  }
  const pub = createPublicKey(key);
  const fp = fingerprint(pub);
  return {
    algorithm: 'ed25519',
    keyId: fp,
    publicKeyFingerprint: fp,
    publicKey: publicKeyPem(pub),
    sign: async (payload) => sign(null, payload, key),
  };
}

/** A verifier from a trusted public key file (a private key file works too). */
export async function localVerifierFromFile(file: string): Promise<ManifestVerifier> {
  const text = await readKeyFile(file);
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch (e) {
    throw new InputError(`not a usable public key: ${keyParseHint(e, text)}`, file);
  }
  const problem = keyProblem(key);
  if (problem) throw new InputError(problem, file);
  return localVerifier(key);
}

/** The verifier for a manifest's embedded public key, when it has one that matches its fingerprint. */
export function embeddedVerifier(sig: ManifestSignature): ManifestVerifier | undefined {
  if (!sig.publicKey) return undefined;
  let key: KeyObject;
  try {
    key = createPublicKey(sig.publicKey);
  } catch {
    return undefined;
  }
  // A fingerprint that does not match the embedded key means one of them was edited: refuse both.
  if (keyProblem(key) || (sig.publicKeyFingerprint && sig.publicKeyFingerprint !== fingerprint(key))) return rejectAll('the embedded public key');
  return localVerifier(key);
}

function rejectAll(label: string): ManifestVerifier {
  return { label, unsupported: () => undefined, verify: async () => false };
}

function keyParseHint(e: unknown, text: string): string {
  const m = (e as Error).message;
  if (/passphrase/i.test(m) || /BEGIN ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED/.test(text)) return 'the key is encrypted; give an unencrypted key';
  return 'expected a PEM key (-----BEGIN ... KEY-----)';
}

function keyProblem(key: KeyObject): string | undefined {
  const t = key.asymmetricKeyType;
  if (t === 'ed25519' || t === 'rsa' || t === 'rsa-pss') return undefined;
  if (t === 'ec') return key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? undefined : `is an EC key on ${key.asymmetricKeyDetails?.namedCurve}; ECDSA_SHA_256 uses P-256`;
  return `is a ${t ?? 'unknown'} key; expected Ed25519, EC P-256 or RSA`;
}

/** Which key types check which algorithm. */
const KEY_TYPES: Readonly<Record<SignatureAlgorithm, readonly string[]>> = {
  ed25519: ['ed25519'],
  ECDSA_SHA_256: ['ec'],
  RSASSA_PSS_SHA_256: ['rsa', 'rsa-pss'],
};

export function localVerifier(key: KeyObject): ManifestVerifier {
  const fp = fingerprint(key);
  const type = key.asymmetricKeyType ?? 'unknown';
  return {
    label: `${type === 'ed25519' ? 'Ed25519' : type.toUpperCase()} key ${fp}`,
    fingerprint: fp,
    unsupported: (algorithm) => (KEY_TYPES[algorithm].includes(type) ? undefined : `the key given is ${type === 'ed25519' ? 'an Ed25519' : `a ${type}`} key (${fp})`),
    verify: async (payload, signature, algorithm) => {
      try {
        if (algorithm === 'ed25519') return verify(null, payload, key, signature);
        if (algorithm === 'ECDSA_SHA_256') return verify('sha256', payload, { key, dsaEncoding: 'der' }, signature);
        // AWS KMS RSASSA-PSS uses MGF1 with SHA-256 and a salt as long as the digest.
        return verify('sha256', payload, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
      } catch {
        return false;
      }
    },
  };
}
