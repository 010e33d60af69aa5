import { InputError } from '../../core/errors.js';
import { signedPayload, type Manifest, type ManifestSignature, type SignatureAlgorithm } from './manifest.js';

/** Signs manifests: a local Ed25519 key or an AWS KMS asymmetric key. */
export interface ManifestSigner {
  algorithm: SignatureAlgorithm;
  keyId: string;
  publicKeyFingerprint?: string;
  publicKey?: string;
  sign(payload: Buffer): Promise<Uint8Array>;
}

/** Checks signatures against a key the verifier trusts (never the key a manifest names itself). */
export interface ManifestVerifier {
  /** For messages: `Ed25519 key sha256:…`, `KMS key arn:…`. */
  label: string;
  /** Fingerprint of a local public key, to tell "another key" from "edited after signing". */
  fingerprint?: string;
  /** The KMS key, when verification goes through AWS KMS. */
  kmsKeyId?: string;
  /** Why this key cannot check that algorithm, if it cannot. */
  unsupported(algorithm: SignatureAlgorithm): string | undefined;
  verify(payload: Buffer, signature: Buffer, algorithm: SignatureAlgorithm): Promise<boolean>;
}

/**
 * What the signature check established:
 * - `verified`: signed by the key the verifier gave, and unchanged since;
 * - `intact`: unchanged since it was signed by the key it embeds; who that is was not checked;
 * - `unchecked`: signed, but no key was given and none is embedded (AWS KMS without GetPublicKey);
 * - `unsigned`: no signature; the manifest proves what it lists, not that anyone approved it.
 */
export type SignatureCheck =
  | { status: 'verified' | 'intact'; algorithm: SignatureAlgorithm; keyId: string; signedAt: string }
  | { status: 'unchecked'; algorithm: SignatureAlgorithm; keyId: string; signedAt: string; reason: string }
  | { status: 'unsigned' };

export async function signManifest(manifest: Manifest, signer: ManifestSigner, now: Date = new Date()): Promise<Manifest> {
  const signature: ManifestSignature = {
    algorithm: signer.algorithm,
    keyId: signer.keyId,
    ...(signer.publicKeyFingerprint ? { publicKeyFingerprint: signer.publicKeyFingerprint } : {}),
    ...(signer.publicKey ? { publicKey: signer.publicKey } : {}),
    signedAt: now.toISOString(),
    value: '',
  };
  const unsigned: Manifest = { ...manifest, signature };
  const value = Buffer.from(await signer.sign(signedPayload(unsigned))).toString('base64');
  return { ...manifest, signature: { ...signature, value } };
}

/**
 * Checks a manifest's signature before anything in it is used. With a trusted key the signature
 * must verify against that key; without one, an embedded public key shows whether the manifest
 * was edited after signing (not who signed). Failures are InputErrors naming the manifest file.
 * `embedded` builds a verifier from the manifest's own public key.
 */
export async function checkSignature(
  manifest: Manifest,
  file: string,
  trusted: ManifestVerifier | undefined,
  embedded: (sig: ManifestSignature) => ManifestVerifier | undefined,
): Promise<SignatureCheck> {
  const sig = manifest.signature;
  if (!sig) {
    if (trusted) throw new InputError(`manifest is not signed, so it cannot show that ${trusted.label} approved it`, file);
    return { status: 'unsigned' };
  }
  const facts = { algorithm: sig.algorithm, keyId: sig.keyId, signedAt: sig.signedAt };
  const verifier = trusted ?? embedded(sig);
  if (!verifier) return { status: 'unchecked', ...facts, reason: 'no key was given and the manifest embeds no public key' };

  const mismatch = verifier.unsupported(sig.algorithm);
  if (mismatch) throw new InputError(`manifest is signed with ${sig.algorithm} by ${sig.keyId}, but ${mismatch}`, file);
  const ok = await verifier.verify(signedPayload(manifest), Buffer.from(sig.value, 'base64'), sig.algorithm);
  if (ok) return { status: trusted ? 'verified' : 'intact', ...facts };

  if (trusted?.fingerprint && sig.publicKeyFingerprint && trusted.fingerprint !== sig.publicKeyFingerprint) {
    throw new InputError(`manifest was signed by key ${sig.publicKeyFingerprint}, not by the key given (${trusted.fingerprint}); its signature does not verify`, file);
  }
  if (trusted?.kmsKeyId && isKeyArn(trusted.kmsKeyId) && isKeyArn(sig.keyId) && trusted.kmsKeyId !== sig.keyId) {
    throw new InputError(`manifest was signed with KMS key ${sig.keyId}, not with ${trusted.kmsKeyId}; its signature does not verify`, file);
  }
  throw new InputError(`signature does not verify: the manifest was changed after it was signed (signed ${sig.signedAt} by ${sig.keyId})`, file);
}

const isKeyArn = (id: string): boolean => /^arn:aws[a-z-]*:kms:[^:]*:\d{12}:key\//.test(id);
