import { createHash, createPublicKey } from 'node:crypto';
import type { KMSClient } from '@aws-sdk/client-kms';
import { InputError } from '../../core/errors.js';
import { awsErrorText } from './aws-errors.js';
import { fingerprint, publicKeyPem } from './local-key.js';
import type { SignatureAlgorithm } from './manifest.js';
import type { ManifestSigner, ManifestVerifier } from './signature.js';

/**
 * AWS KMS asymmetric keys (KeyUsage SIGN_VERIFY). The manifest's SHA-256 digest is sent with
 * MessageType DIGEST, so manifests of any size can be signed (a RAW message is limited to
 * 4096 bytes); the signature is the same as over the canonical bytes themselves, which is why
 * the public key from GetPublicKey can check it offline (see local-key.ts).
 */

/** The algorithms ringfence signs with, in order of preference. */
export const KMS_ALGORITHMS = ['ECDSA_SHA_256', 'RSASSA_PSS_SHA_256'] as const satisfies readonly SignatureAlgorithm[];
export type KmsAlgorithm = (typeof KMS_ALGORITHMS)[number];

export interface KmsAccess {
  client?: KMSClient;
  region?: string;
}

/** The region in a key ARN (`arn:aws:kms:eu-west-1:…`), else the configured one. */
export async function kmsClientFor(keyId: string, access: KmsAccess): Promise<KMSClient> {
  if (access.client) return access.client;
  const { KMSClient } = await import('@aws-sdk/client-kms');
  const fromArn = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):/.exec(keyId)?.[1];
  const region = access.region ?? fromArn ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'];
  if (!region) throw new InputError('no AWS region: give --region, a key ARN, or set AWS_REGION', keyId);
  return new KMSClient({ region });
}

const digest = (payload: Buffer): Buffer => createHash('sha256').update(payload).digest();

export async function kmsSigner(keyId: string, access: KmsAccess, algorithm?: KmsAlgorithm): Promise<ManifestSigner> {
  const { GetPublicKeyCommand, SignCommand } = await import('@aws-sdk/client-kms');
  const client = await kmsClientFor(keyId, access);
  let info;
  try {
    info = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
  } catch (e) {
    // Without kms:GetPublicKey the manifest can still be signed when the algorithm is named.
    if (!algorithm) throw new InputError(`${awsErrorText(e, 'GetPublicKey', keyId)}; give --kms-algorithm to sign without it`, keyId);
  }
  if (info?.KeyUsage && info.KeyUsage !== 'SIGN_VERIFY') {
    throw new InputError(`KMS key has KeyUsage ${info.KeyUsage}; signing needs an asymmetric SIGN_VERIFY key (KeySpec ECC_NIST_P256 or RSA_2048/3072/4096)`, keyId);
  }
  const offered = info?.SigningAlgorithms ?? [];
  const chosen = algorithm ?? KMS_ALGORITHMS.find((a) => offered.includes(a));
  if (!chosen) throw new InputError(`KMS key (${info?.KeySpec ?? 'unknown spec'}) offers ${offered.join(', ') || 'no signing algorithm'}; ringfence signs with ${KMS_ALGORITHMS.join(' or ')}`, keyId);
  if (info && offered.length && !offered.includes(chosen)) throw new InputError(`KMS key does not offer ${chosen}; it offers ${offered.join(', ')}`, keyId);

  const arn = info?.KeyId ?? keyId;
  const pub = info?.PublicKey ? createPublicKey({ key: Buffer.from(info.PublicKey), format: 'der', type: 'spki' }) : undefined;
  return {
    algorithm: chosen,
    keyId: arn,
    ...(pub ? { publicKeyFingerprint: fingerprint(pub), publicKey: publicKeyPem(pub) } : {}),
    sign: async (payload) => {
      try {
        const out = await client.send(new SignCommand({ KeyId: arn, Message: digest(payload), MessageType: 'DIGEST', SigningAlgorithm: chosen }));
        if (!out.Signature) throw new Error('the response has no Signature');
        return out.Signature;
      } catch (e) {
        throw new InputError(awsErrorText(e, 'Sign', arn), keyId);
      }
    },
  };
}

/** Verification through the KMS Verify API, with the key the verifier names (kms:Verify). */
export async function kmsVerifier(keyId: string, access: KmsAccess): Promise<ManifestVerifier> {
  const { VerifyCommand } = await import('@aws-sdk/client-kms');
  const client = await kmsClientFor(keyId, access);
  return {
    label: `KMS key ${keyId}`,
    kmsKeyId: keyId,
    unsupported: (algorithm) => ((KMS_ALGORITHMS as readonly string[]).includes(algorithm) ? undefined : `KMS keys do not sign with ${algorithm}; give --public-key`),
    verify: async (payload, signature, algorithm) => {
      try {
        const out = await client.send(
          new VerifyCommand({ KeyId: keyId, Message: digest(payload), MessageType: 'DIGEST', Signature: signature, SigningAlgorithm: algorithm as KmsAlgorithm }),
        );
        return out.SignatureValid === true;
      } catch (e) {
        // KMS answers a signature that does not verify with this exception, not with SignatureValid: false.
        if ((e as { name?: string }).name === 'KMSInvalidSignatureException') return false;
        throw new InputError(awsErrorText(e, 'Verify', keyId), keyId);
      }
    },
  };
}
