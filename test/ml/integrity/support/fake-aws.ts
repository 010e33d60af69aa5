// A local stand-in for the S3 and KMS APIs, for the real AWS SDK clients to talk to on 127.0.0.1.
// Responses have the shapes AWS documents: S3 ListObjectVersions XML (paginated, with delete
// markers), GetObject/HeadObject headers (ETag, x-amz-version-id, If-Match, Range), S3 error XML;
// KMS GetPublicKey/Sign/Verify JSON (awsJson1_1, X-Amz-Target TrentService.*). KMS signatures
// are real: ECDSA P-256 and RSASSA-PSS over the SHA-256 digest the client sends (MessageType
// DIGEST), computed here because node:crypto only signs messages it hashes itself.
import { createHash, createPublicKey, generateKeyPairSync, privateEncrypt, randomBytes, constants, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

interface StoredVersion {
  key: string;
  versionId: string;
  body?: Buffer;
  etag?: string;
  lastModified: Date;
  deleteMarker?: boolean;
}

interface Bucket {
  versioned: boolean;
  /** Oldest first; the newest of a key is its latest. */
  versions: StoredVersion[];
  denyList?: boolean;
  denyGet?: Set<string>;
}

interface KmsKey {
  arn: string;
  spec: 'ECC_NIST_P256' | 'RSA_2048';
  usage: 'SIGN_VERIFY' | 'ENCRYPT_DECRYPT';
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Signatures this key issued, by digest: Verify accepts exactly those, as KMS would. */
  issued: Map<string, Set<string>>;
}

export class FakeAws {
  readonly buckets = new Map<string, Bucket>();
  readonly keys = new Map<string, KmsKey>();
  /** Every request: method, path with query, and X-Amz-Target for KMS. */
  readonly requests: string[] = [];
  pageSize = 1000;
  private server?: Server;
  private clock = Date.UTC(2026, 0, 5, 9, 0, 0);
  private counter = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((e: Error) => {
        res.statusCode = 500;
        res.end(String(e.stack));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.endpoint;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  s3Client(): S3Client {
    return new S3Client({ endpoint: this.endpoint, forcePathStyle: true, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  }

  kmsClient(): KMSClient {
    return new KMSClient({ endpoint: this.endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  }

  // ------------------------------------------------------------ S3 state

  createBucket(name: string, versioned = true): Bucket {
    const b: Bucket = { versioned, versions: [] };
    this.buckets.set(name, b);
    return b;
  }

  put(bucket: string, key: string, body: string | Buffer): StoredVersion {
    const b = this.buckets.get(bucket)!;
    const data = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const v: StoredVersion = {
      key,
      versionId: b.versioned ? `v${++this.counter}.${randomBytes(6).toString('hex')}` : 'null',
      body: data,
      etag: `"${createHash('md5').update(data).digest('hex')}"`,
      lastModified: new Date((this.clock += 60_000)),
    };
    if (!b.versioned) b.versions = b.versions.filter((x) => x.key !== key);
    b.versions.push(v);
    return v;
  }

  remove(bucket: string, key: string): void {
    const b = this.buckets.get(bucket)!;
    if (!b.versioned) b.versions = b.versions.filter((x) => x.key !== key);
    else b.versions.push({ key, versionId: `d${++this.counter}`, lastModified: new Date((this.clock += 60_000)), deleteMarker: true });
  }

  // ------------------------------------------------------------ KMS state

  createKey(spec: KmsKey['spec'], usage: KmsKey['usage'] = 'SIGN_VERIFY'): string {
    const id = `${(++this.counter).toString(16).padStart(8, '0')}-1234-4abc-8def-1234567890ab`;
    const arn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;
    const pair = spec === 'ECC_NIST_P256' ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.keys.set(arn, { arn, spec, usage, privateKey: pair.privateKey, publicKey: pair.publicKey, issued: new Map() });
    return arn;
  }

  // ------------------------------------------------------------ HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const target = req.headers['x-amz-target'];
    this.requests.push(`${req.method} ${req.url}${target ? ` ${target}` : ''}`);
    if (typeof target === 'string' && target.startsWith('TrentService.')) return this.kms(target.slice('TrentService.'.length), JSON.parse(body.toString() || '{}'), res);
    return this.s3(req, res);
  }

  private s3(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url!, 'http://localhost');
    const [bucketName, ...rest] = url.pathname.slice(1).split('/');
    const key = decodeURIComponent(rest.join('/'));
    const bucket = this.buckets.get(decodeURIComponent(bucketName!));
    if (!bucket) return s3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (req.method === 'GET' && !key && url.searchParams.has('versions')) return this.listVersions(decodeURIComponent(bucketName!), bucket, url.searchParams, res);
    if ((req.method === 'GET' || req.method === 'HEAD') && key) return this.getObject(req, bucket, key, url.searchParams.get('versionId'), res);
    s3Error(res, 400, 'NotImplemented', `the fake does not implement ${req.method} ${url.pathname}`);
  }

  private listVersions(name: string, bucket: Bucket, q: URLSearchParams, res: ServerResponse): void {
    if (bucket.denyList) return s3Error(res, 403, 'AccessDenied', 'Access Denied');
    const prefix = q.get('prefix') ?? '';
    // S3 orders by key, and within a key newest first.
    const all = bucket.versions
      .filter((v) => v.key.startsWith(prefix))
      .map((v, i) => ({ v, i }))
      .sort((a, b) => (a.v.key < b.v.key ? -1 : a.v.key > b.v.key ? 1 : b.i - a.i))
      .map(({ v }) => v);
    const latest = new Map<string, StoredVersion>();
    for (const v of all) if (!latest.has(v.key)) latest.set(v.key, v);
    const keyMarker = q.get('key-marker');
    const versionMarker = q.get('version-id-marker');
    let start = 0;
    if (keyMarker) {
      const at = all.findIndex((v) => v.key === keyMarker && v.versionId === versionMarker);
      start = at >= 0 ? at + 1 : all.findIndex((v) => v.key > keyMarker);
      if (start < 0) start = all.length;
    }
    const page = all.slice(start, start + this.pageSize);
    const truncated = start + this.pageSize < all.length;
    const last = page[page.length - 1];
    const owner = `<Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID><DisplayName>mtd</DisplayName></Owner>`;
    const entries = page.map((v) => {
      const common = `<Key>${xml(v.key)}</Key><VersionId>${xml(v.versionId)}</VersionId><IsLatest>${latest.get(v.key) === v}</IsLatest><LastModified>${v.lastModified.toISOString()}</LastModified>`;
      return v.deleteMarker
        ? `<DeleteMarker>${owner}${common}</DeleteMarker>`
        : `<Version>${common}<ETag>${xml(v.etag!)}</ETag><Size>${v.body!.length}</Size><StorageClass>STANDARD</StorageClass>${owner}</Version>`;
    });
    const next = truncated && last ? `<NextKeyMarker>${xml(last.key)}</NextKeyMarker><NextVersionIdMarker>${xml(last.versionId)}</NextVersionIdMarker>` : '';
    res.setHeader('Content-Type', 'application/xml');
    res.setHeader('x-amz-request-id', 'FAKE1234567890AB');
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xml(name)}</Name><Prefix>${xml(prefix)}</Prefix>` +
        `<KeyMarker>${xml(keyMarker ?? '')}</KeyMarker><VersionIdMarker>${xml(versionMarker ?? '')}</VersionIdMarker><MaxKeys>${this.pageSize}</MaxKeys>` +
        `<IsTruncated>${truncated}</IsTruncated>${next}${entries.join('')}</ListVersionsResult>`,
    );
  }

  private getObject(req: IncomingMessage, bucket: Bucket, key: string, versionId: string | null, res: ServerResponse): void {
    if (bucket.denyGet?.has(key)) return s3Error(res, 403, 'AccessDenied', 'Access Denied', req.method === 'HEAD');
    const versions = bucket.versions.filter((v) => v.key === key);
    const v = versionId ? versions.find((x) => x.versionId === versionId) : versions[versions.length - 1];
    if (!v || v.deleteMarker) return s3Error(res, 404, versionId ? 'NoSuchVersion' : 'NoSuchKey', 'The specified key does not exist.', req.method === 'HEAD');
    const ifMatch = req.headers['if-match'];
    if (ifMatch && ifMatch !== v.etag) return s3Error(res, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', req.method === 'HEAD');
    let data = v.body!;
    const range = /^bytes=(\d+)-(\d+)?$/.exec(String(req.headers['range'] ?? ''));
    res.setHeader('ETag', v.etag!);
    res.setHeader('Last-Modified', v.lastModified.toUTCString());
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', 'application/octet-stream');
    if (bucket.versioned) res.setHeader('x-amz-version-id', v.versionId);
    if (range) {
      const from = Number(range[1]);
      const to = Math.min(range[2] ? Number(range[2]) : data.length - 1, data.length - 1);
      res.statusCode = 206;
      res.setHeader('Content-Range', `bytes ${from}-${to}/${data.length}`);
      data = data.subarray(from, to + 1);
    }
    res.setHeader('Content-Length', String(data.length));
    res.end(req.method === 'HEAD' ? undefined : data);
  }

  private kms(operation: string, input: Record<string, string>, res: ServerResponse): void {
    const key = this.keys.get(input['KeyId'] ?? '');
    if (!key) return kmsError(res, 400, 'NotFoundException', `Key '${input['KeyId']}' does not exist`);
    const algorithms = key.spec === 'ECC_NIST_P256' ? ['ECDSA_SHA_256'] : ['RSASSA_PSS_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_256'];
    if (operation === 'GetPublicKey') {
      return kmsOk(res, {
        KeyId: key.arn,
        PublicKey: key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
        CustomerMasterKeySpec: key.spec,
        KeySpec: key.spec,
        KeyUsage: key.usage,
        ...(key.usage === 'SIGN_VERIFY' ? { SigningAlgorithms: algorithms } : { EncryptionAlgorithms: ['RSAES_OAEP_SHA_256'] }),
      });
    }
    if (key.usage !== 'SIGN_VERIFY') return kmsError(res, 400, 'InvalidKeyUsageException', `${key.arn} key usage is ENCRYPT_DECRYPT which is not valid for ${operation}.`);
    const algorithm = input['SigningAlgorithm']!;
    if (!algorithms.includes(algorithm)) return kmsError(res, 400, 'InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${key.spec}.`);
    if (input['MessageType'] !== 'DIGEST') return kmsError(res, 400, 'ValidationException', 'the fake only implements MessageType DIGEST');
    const digest = Buffer.from(input['Message']!, 'base64');
    if (digest.length !== 32) return kmsError(res, 400, 'ValidationException', 'Digest is invalid length for algorithm ' + algorithm + '.');
    const id = digest.toString('hex');
    if (operation === 'Sign') {
      const signature = algorithm === 'ECDSA_SHA_256' ? ecdsaSignDigest(key.privateKey, digest) : pssSignDigest(key.privateKey, digest);
      const issued = key.issued.get(id) ?? new Set<string>();
      issued.add(signature.toString('base64'));
      key.issued.set(id, issued);
      return kmsOk(res, { KeyId: key.arn, Signature: signature.toString('base64'), SigningAlgorithm: algorithm });
    }
    if (operation === 'Verify') {
      if (!key.issued.get(id)?.has(input['Signature']!)) return kmsError(res, 400, 'KMSInvalidSignatureException', '');
      return kmsOk(res, { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: algorithm });
    }
    kmsError(res, 400, 'UnsupportedOperationException', `the fake does not implement ${operation}`);
  }
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function s3Error(res: ServerResponse, status: number, code: string, message: string, head = false): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/xml');
  res.setHeader('x-amz-request-id', 'FAKE1234567890AB');
  res.end(head ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xml(message)}</Message><RequestId>FAKE1234567890AB</RequestId><HostId>fake</HostId></Error>`);
}

function kmsOk(res: ServerResponse, body: unknown): void {
  res.setHeader('Content-Type', 'application/x-amz-json-1.1');
  res.setHeader('x-amzn-RequestId', '7d2a4e8c-0000-4000-8000-000000000000');
  res.end(JSON.stringify(body));
}

function kmsError(res: ServerResponse, status: number, type: string, message: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/x-amz-json-1.1');
  res.setHeader('x-amzn-RequestId', '7d2a4e8c-0000-4000-8000-000000000000');
  res.end(JSON.stringify({ __type: type, message }));
}

// ------------------------------------------------------------ signing a precomputed digest

/** RSASSA-PSS (RFC 8017 §9.1.1, MGF1-SHA-256, 32-byte salt) over a SHA-256 digest, then the raw RSA private operation. */
function pssSignDigest(key: KeyObject, mHash: Buffer): Buffer {
  const modBits = createPublicKey(key).asymmetricKeyDetails!.modulusLength!;
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(32);
  const h = createHash('sha256').update(Buffer.concat([Buffer.alloc(8), mHash, salt])).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - salt.length - h.length - 2), Buffer.from([1]), salt]);
  const mask = mgf1(h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >> (8 * emLen - emBits);
  const em = Buffer.concat([db, h, Buffer.from([0xbc])]);
  const padded = Buffer.concat([Buffer.alloc(modBits / 8 - em.length), em]);
  return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, padded);
}

function mgf1(seed: Buffer, length: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < length; i++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(i);
    out.push(createHash('sha256').update(Buffer.concat([seed, c])).digest());
  }
  return Buffer.concat(out).subarray(0, length);
}

// P-256 (FIPS 186-4 D.1.2.3) for ECDSA over a digest.
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const A = P - 3n;
const G: Point = [0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n, 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n];
type Point = [bigint, bigint] | null;

const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;
function inv(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return mod(s0, m);
}
function add(p: Point, q: Point): Point {
  if (!p) return q;
  if (!q) return p;
  if (p[0] === q[0] && mod(p[1] + q[1], P) === 0n) return null;
  const l = p[0] === q[0] && p[1] === q[1] ? mod((3n * p[0] * p[0] + A) * inv(2n * p[1], P), P) : mod((q[1] - p[1]) * inv(q[0] - p[0], P), P);
  const x = mod(l * l - p[0] - q[0], P);
  return [x, mod(l * (p[0] - x) - p[1], P)];
}
function mul(k: bigint, p: Point): Point {
  let r: Point = null;
  for (let q = p; k > 0n; k >>= 1n, q = add(q, q)) if (k & 1n) r = add(r, q);
  return r;
}
const big = (b: Buffer): bigint => BigInt(`0x${b.toString('hex') || '0'}`);

function ecdsaSignDigest(key: KeyObject, digest: Buffer): Buffer {
  const d = big(Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url'));
  const e = big(digest);
  for (;;) {
    const k = mod(big(randomBytes(32)), N);
    if (k === 0n) continue;
    const r = mod(mul(k, G)![0], N);
    const s = mod(inv(k, N) * (e + r * d), N);
    if (r !== 0n && s !== 0n) return derSignature(r, s);
  }
}

function derSignature(r: bigint, s: bigint): Buffer {
  const int = (v: bigint): Buffer => {
    let b = Buffer.from(v.toString(16).padStart(64, '0'), 'hex');
    while (b.length > 1 && b[0] === 0 && b[1]! < 0x80) b = b.subarray(1);
    if (b[0]! >= 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return Buffer.concat([Buffer.from([0x02, b.length]), b]);
  };
  const body = Buffer.concat([int(r), int(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
