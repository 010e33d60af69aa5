import { InputError } from '../../core/errors.js';
import { lineColumnAt } from '../../core/text-position.js';
import { jsonErrorOffset } from '../../sources/terraform/json-error.js';
import { canonicalBytes, type Json } from './canonical-json.js';

/**
 * The dataset manifest, format version 1: what was approved, object by object.
 *
 * ```jsonc
 * {
 *   "format": "ringfence-dataset-manifest",
 *   "version": 1,
 *   "createdAt": "2026-05-01T12:00:00.000Z",
 *   "createdBy": { "tool": "ringfence", "version": "0.1.0" },
 *   "source": { "kind": "local", "path": "data/train" }
 *          | { "kind": "s3", "uri": "s3://bucket/train/", "bucket": "bucket", "prefix": "train/" },
 *   "objects": [                       // sorted by key
 *     { "key": "part-0.csv",           // relative to the source ('/'-separated)
 *       "size": 1234, "sha256": "<64 hex>",
 *       "versionId": "…", "etag": "\"…\"", "lastModified": "…",   // S3 only
 *       "tabular": { "format": "csv|tsv|jsonl|parquet", "rows": 100,   // "header": false when CSV has none
 *                    "columns": [ { "name": "age", "type": "integer" } ],
 *                    "problems": { "count": 1, "first": ["line 7: 3 fields, the header has 5"] } } }
 *   ],
 *   "totals": { "objects": 1, "bytes": 1234, "rows": 100 },
 *   "signature": { "algorithm": "ed25519|ECDSA_SHA_256|RSASSA_PSS_SHA_256", "keyId": "…",
 *                  "publicKeyFingerprint": "sha256:<hex>", "publicKey": "-----BEGIN PUBLIC KEY-----…",
 *                  "signedAt": "…", "value": "<base64>" }
 * }
 * ```
 *
 * The signature covers the canonical JSON (RFC 8785 key order, no whitespace) of the whole
 * manifest with only `signature.value` left out, so the algorithm and key named are signed too.
 * The file itself is written indented, one line per object; its layout is never signed.
 * Object keys are relative to the source so a manifest made from a local folder can verify the
 * S3 prefix it was uploaded to, and the reverse.
 */

export const MANIFEST_FORMAT = 'ringfence-dataset-manifest';
export const MANIFEST_VERSION = 1;

/** Largest manifest read (a million objects take about 300 MB of JSON). */
export const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

/** `empty`: no value seen in any row; `mixed`: JSON values of more than one kind. */
export const COLUMN_TYPES = ['integer', 'number', 'boolean', 'string', 'date', 'time', 'timestamp', 'binary', 'object', 'array', 'mixed', 'empty'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const TABULAR_FORMATS = ['csv', 'tsv', 'jsonl', 'parquet'] as const;
export type TabularFormat = (typeof TABULAR_FORMATS)[number];

export const SIGNATURE_ALGORITHMS = ['ed25519', 'ECDSA_SHA_256', 'RSASSA_PSS_SHA_256'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

export interface TabularColumn {
  name: string;
  type: ColumnType;
}

export interface TabularSummary {
  format: TabularFormat;
  /** CSV/TSV: `false` when the first row is data (all numbers); the columns are then named 0, 1, … */
  header?: false;
  /** Data rows, header excluded. */
  rows: number;
  columns: TabularColumn[];
  /** Rows that do not fit (ragged CSV rows, JSON lines that do not parse): how many, and the first few. */
  problems?: { count: number; first: string[] };
}

export interface ManifestObject {
  key: string;
  size: number;
  sha256: string;
  versionId?: string;
  etag?: string;
  lastModified?: string;
  tabular?: TabularSummary;
}

export type ManifestSource = { kind: 'local'; path: string } | { kind: 's3'; uri: string; bucket: string; prefix: string };

export interface ManifestSignature {
  algorithm: SignatureAlgorithm;
  /** `sha256:<hex>` fingerprint of a local key; the key ARN for AWS KMS. */
  keyId: string;
  /** SHA-256 of the public key's DER SubjectPublicKeyInfo, `sha256:<hex>`. */
  publicKeyFingerprint?: string;
  /** The public key (PEM), for offline integrity checks; trust always comes from the key the verifier gives. */
  publicKey?: string;
  signedAt: string;
  /** Base64 signature over `signedPayload(manifest)`. */
  value: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  createdAt: string;
  createdBy: { tool: string; version: string };
  source: ManifestSource;
  objects: ManifestObject[];
  totals: { objects: number; bytes: number; rows?: number };
  signature?: ManifestSignature;
}

/** The bytes a signature covers: the canonical manifest without `signature.value`. */
export function signedPayload(manifest: Manifest): Buffer {
  const { signature, ...rest } = manifest;
  const payload = signature ? { ...rest, signature: { ...signature, value: undefined } } : rest;
  return canonicalBytes(payload as unknown as Json);
}

/** Field order of the file, for people: what it is first, the (long) object list last. */
const FILE_ORDER = {
  manifest: ['format', 'version', 'createdAt', 'createdBy', 'source', 'totals', 'signature', 'objects'],
  object: ['key', 'size', 'sha256', 'versionId', 'etag', 'lastModified', 'tabular'],
  tabular: ['format', 'header', 'rows', 'columns', 'problems'],
  signature: ['algorithm', 'keyId', 'publicKeyFingerprint', 'signedAt', 'value', 'publicKey'],
} as const;

function ordered<T extends object>(value: T, order: readonly string[]): T {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out = {} as Record<string, unknown>;
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out as T;
}

/**
 * The manifest file: indented, with one line per object so that a re-approval diffs line by line.
 * The layout never matters to the signature, which covers the canonical form (signedPayload).
 */
export function serializeManifest(manifest: Manifest): string {
  const { objects, ...head } = ordered(manifest, FILE_ORDER.manifest);
  const top = { ...head, ...(head.signature ? { signature: ordered(head.signature, FILE_ORDER.signature) } : {}) };
  const lines = objects.map((o) => {
    const entry = o.tabular ? { ...o, tabular: ordered(o.tabular, FILE_ORDER.tabular) } : o;
    return `    ${JSON.stringify(ordered(entry, FILE_ORDER.object))}`;
  });
  const list = lines.length ? `[\n${lines.join(',\n')}\n  ]` : '[]';
  return `${JSON.stringify(top, null, 2).slice(0, -2)},\n  "objects": ${list}\n}\n`;
}

/** Totals as the objects imply them; `rows` only when some object is tabular. */
export function totalsOf(objects: readonly ManifestObject[]): Manifest['totals'] {
  const tabular = objects.filter((o) => o.tabular);
  return {
    objects: objects.length,
    bytes: objects.reduce((n, o) => n + o.size, 0),
    ...(tabular.length ? { rows: tabular.reduce((n, o) => n + o.tabular!.rows, 0) } : {}),
  };
}

/** Key order for objects: by UTF-16 code units, like the canonical form. */
export const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

// ---------------------------------------------------------------- reading

/** Parses and validates manifest text; any problem is an InputError naming the file and where. */
export function parseManifest(text: string, file: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text) ?? text.length;
    const { line, column } = lineColumnAt(text, offset);
    const truncated = offset >= text.trimEnd().length ? 'is truncated: ' : 'is not valid JSON: ';
    throw new InputError(`manifest ${truncated}${(e as Error).message}`, file, line, column);
  }
  const problems: string[] = [];
  const manifest = checkManifest(raw, problems);
  if (problems.length || !manifest) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new InputError(`not a valid ringfence dataset manifest: ${problems[0] ?? 'unreadable'}${more}`, file);
  }
  return manifest;
}


type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonNegativeInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Field checks as data: for each object shape, the fields it may have, whether each is required,
 * and how its value is checked. Unknown fields are errors: a manifest says exactly what was approved.
 */
interface FieldCheck {
  required: boolean;
  check: (v: unknown, path: string, problems: string[]) => void;
}

const text = (what = 'a string'): FieldCheck['check'] => (v, path, problems) => {
  if (typeof v !== 'string' || v === '') problems.push(`${path}: expected ${what}`);
};
const oneOf = (allowed: readonly (string | number | boolean)[]): FieldCheck['check'] => (v, path, problems) => {
  if (!allowed.includes(v as string | number | boolean)) problems.push(`${path}: expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(v)}`);
};
const count: FieldCheck['check'] = (v, path, problems) => {
  if (!isNonNegativeInteger(v)) problems.push(`${path}: expected a whole number of 0 or more`);
};
const hash: FieldCheck['check'] = (v, path, problems) => {
  if (typeof v !== 'string' || !SHA256_HEX.test(v)) problems.push(`${path}: expected a SHA-256 as 64 lowercase hex characters`);
};
const isoTime: FieldCheck['check'] = (v, path, problems) => {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) problems.push(`${path}: expected an ISO 8601 time`);
};
const shape = (fields: Record<string, FieldCheck>): FieldCheck['check'] => (v, path, problems) => checkShape(v, path, fields, problems);
const listOf = (item: FieldCheck['check']): FieldCheck['check'] => (v, path, problems) => {
  if (!Array.isArray(v)) problems.push(`${path}: expected a list`);
  else v.forEach((x, i) => item(x, `${path}[${i}]`, problems));
};
const req = (check: FieldCheck['check']): FieldCheck => ({ required: true, check });
const opt = (check: FieldCheck['check']): FieldCheck => ({ required: false, check });

const TABULAR_FIELDS: Record<string, FieldCheck> = {
  format: req(oneOf(TABULAR_FORMATS)),
  header: opt(oneOf([false])),
  rows: req(count),
  columns: req(listOf(shape({ name: req((v, p, pr) => typeof v !== 'string' && pr.push(`${p}: expected a string`)), type: req(oneOf(COLUMN_TYPES)) }))),
  problems: opt(shape({ count: req(count), first: req(listOf((v, p, pr) => typeof v !== 'string' && pr.push(`${p}: expected a string`))) })),
};

const OBJECT_FIELDS: Record<string, FieldCheck> = {
  key: req(text('a non-empty key')),
  size: req(count),
  sha256: req(hash),
  versionId: opt(text()),
  etag: opt(text()),
  lastModified: opt(isoTime),
  tabular: opt(shape(TABULAR_FIELDS)),
};

const SIGNATURE_FIELDS: Record<string, FieldCheck> = {
  algorithm: req(oneOf(SIGNATURE_ALGORITHMS)),
  keyId: req(text()),
  publicKeyFingerprint: opt(text()),
  publicKey: opt(text()),
  signedAt: req(isoTime),
  value: req((v, path, problems) => {
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(v)) problems.push(`${path}: expected a base64 signature`);
  }),
};

const SOURCE_FIELDS: Record<'local' | 's3', Record<string, FieldCheck>> = {
  local: { kind: req(oneOf(['local'])), path: req(text()) },
  s3: { kind: req(oneOf(['s3'])), uri: req(text()), bucket: req(text()), prefix: req((v, p, pr) => typeof v !== 'string' && pr.push(`${p}: expected a string`)) },
};

const MANIFEST_FIELDS: Record<string, FieldCheck> = {
  format: req((v, path, problems) => {
    if (v !== MANIFEST_FORMAT) problems.push(`${path}: expected "${MANIFEST_FORMAT}", got ${JSON.stringify(v)}`);
  }),
  version: req((v, path, problems) => {
    if (v === MANIFEST_VERSION) return;
    problems.push(
      typeof v === 'number' && v > MANIFEST_VERSION
        ? `${path}: manifest version ${v} is newer than this ringfence reads (${MANIFEST_VERSION}); upgrade ringfence`
        : `${path}: expected ${MANIFEST_VERSION}, got ${JSON.stringify(v)}`,
    );
  }),
  createdAt: req(isoTime),
  createdBy: req(shape({ tool: req(text()), version: req(text()) })),
  source: req((v, path, problems) => {
    const kind = isObj(v) ? v['kind'] : undefined;
    if (kind !== 'local' && kind !== 's3') problems.push(`${path}.kind: expected "local" or "s3", got ${JSON.stringify(kind)}`);
    else checkShape(v, path, SOURCE_FIELDS[kind], problems);
  }),
  objects: req(listOf(shape(OBJECT_FIELDS))),
  totals: req(shape({ objects: req(count), bytes: req(count), rows: opt(count) })),
  signature: opt(shape(SIGNATURE_FIELDS)),
};

function checkShape(v: unknown, path: string, fields: Record<string, FieldCheck>, problems: string[]): void {
  if (!isObj(v)) {
    problems.push(`${path || '(top level)'}: expected an object`);
    return;
  }
  const at = (k: string) => (path ? `${path}.${k}` : k);
  for (const [k, f] of Object.entries(fields)) {
    if (v[k] === undefined) {
      if (f.required) problems.push(`${at(k)}: missing`);
    } else f.check(v[k], at(k), problems);
  }
  for (const k of Object.keys(v)) if (!Object.hasOwn(fields, k)) problems.push(`${at(k)}: unknown field`);
}

/** Shape, then the facts that tie fields together: unique keys, totals that add up. */
function checkManifest(raw: unknown, problems: string[]): Manifest | undefined {
  checkShape(raw, '', MANIFEST_FIELDS, problems);
  if (problems.length) return undefined;
  const m = raw as Manifest;
  const seen = new Set<string>();
  m.objects.forEach((o, i) => {
    if (seen.has(o.key)) problems.push(`objects[${i}].key: "${o.key}" is listed twice`);
    seen.add(o.key);
  });
  const expected = totalsOf(m.objects);
  for (const k of ['objects', 'bytes', 'rows'] as const) {
    if (m.totals[k] !== expected[k]) problems.push(`totals.${k}: says ${m.totals[k] ?? 'nothing'} but the objects add up to ${expected[k] ?? 'nothing'}`);
  }
  return problems.length ? undefined : m;
}
