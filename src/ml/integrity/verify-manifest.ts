import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../../core/errors.js';
import type { DataObject, DataSource, ObjectProblem } from './data-source.js';
import { digestObject, mapLimit, type Digest } from './digest.js';
import { embeddedVerifier } from './local-key.js';
import { byKey, MAX_MANIFEST_BYTES, parseManifest, type Manifest, type ManifestObject, type ManifestSource, type TabularSummary } from './manifest.js';
import { openSource, type SourceOptions } from './open-source.js';
import { checkSignature, type ManifestVerifier, type SignatureCheck } from './signature.js';

/** One difference of one object: `sha256 ab12… → 9f8e…`. */
export interface FieldChange {
  field: 'size' | 'sha256' | 'versionId' | 'etag' | 'rows' | 'columns';
  expected: string | number;
  actual: string | number;
}

export interface ChangedObject {
  key: string;
  /** Path or URI of the object as it is now. */
  where: string;
  changes: FieldChange[];
}

export interface VerifyResult {
  manifest: { path: string; source: ManifestSource; createdAt: string; objects: number; bytes: number };
  signature: SignatureCheck;
  /** The data verified, as given. */
  target: string;
  /** `unchanged`: every object proven identical; `changed`: something added, removed or changed; `error`: something could not be checked. */
  verdict: 'unchanged' | 'changed' | 'error';
  unchanged: number;
  /** Unchanged objects proven by their S3 VersionId (immutable) rather than by re-reading them. */
  provenByVersion: number;
  added: { key: string; where: string; size: number }[];
  removed: { key: string; size: number; sha256: string }[];
  changed: ChangedObject[];
  /** Same bytes written again: a new S3 version or ETag, identical SHA-256 and size. Not a change of content. */
  rewritten: ChangedObject[];
  /** Objects of the manifest that could not be checked because the listing was incomplete. */
  unverified: string[];
  errors: ObjectProblem[];
  skipped: ObjectProblem[];
}

export interface VerifyOptions extends SourceOptions {
  /** The trusted key; without one an embedded public key only shows the manifest is intact. */
  verifier?: ManifestVerifier;
  /** Re-read S3 objects even when their VersionId proves them unchanged. */
  rehash?: boolean;
  concurrency?: number;
  onProgress?: (done: number, total: number, key: string) => void;
}

/** Reads, parses and checks a manifest file: nothing in it is used before its signature is checked. */
export async function readManifest(file: string, verifier?: ManifestVerifier): Promise<{ manifest: Manifest; signature: SignatureCheck }> {
  let text: string;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new InputError('is not a file', file);
    if (s.size > MAX_MANIFEST_BYTES) throw new InputError(`manifest is ${s.size} bytes, over the ${MAX_MANIFEST_BYTES}-byte limit`, file);
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'manifest not found' : `cannot read the manifest: ${(e as Error).message}`, file);
  }
  if (text.trim() === '') throw new InputError('manifest is empty', file);
  const manifest = parseManifest(text, file);
  const signature = await checkSignature(manifest, file, verifier, embeddedVerifier);
  return { manifest, signature };
}

/** Verifies the data at `target` (a path or s3:// URI) against the manifest file. */
export async function verifyManifestFile(manifestFile: string, target: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { manifest, signature } = await readManifest(manifestFile, options.verifier);
  const source = await openSource(target, { ...options, exclude: [...(options.exclude ?? []), manifestFile] });
  return compareWithSource(manifest, manifestFile, signature, source, options);
}

/** Compares what the source holds now with what the manifest approved. */
export async function compareWithSource(
  manifest: Manifest,
  manifestFile: string,
  signature: SignatureCheck,
  source: DataSource,
  options: Pick<VerifyOptions, 'rehash' | 'concurrency' | 'onProgress'> = {},
): Promise<VerifyResult> {
  const listing = await source.list();
  const result: VerifyResult = {
    manifest: { path: manifestFile, source: manifest.source, createdAt: manifest.createdAt, objects: manifest.totals.objects, bytes: manifest.totals.bytes },
    signature,
    target: source.display,
    verdict: 'unchanged',
    unchanged: 0,
    provenByVersion: 0,
    added: [],
    removed: [],
    changed: [],
    rewritten: [],
    unverified: [],
    errors: [...listing.errors],
    skipped: [...listing.skipped],
  };
  const expected = new Map(manifest.objects.map((o) => [o.key, o]));
  const actual = new Map(listing.objects.map((o) => [o.key, o]));
  for (const o of [...listing.objects].sort(byKey)) if (!expected.has(o.key)) result.added.push({ key: o.key, where: source.where(o), size: o.size });
  for (const e of manifest.objects) {
    if (actual.has(e.key)) continue;
    // When the listing failed part-way, an object it did not return may still be there.
    if (listing.errors.length) result.unverified.push(e.key);
    else result.removed.push({ key: e.key, size: e.size, sha256: e.sha256 });
  }

  const common = manifest.objects.filter((e) => actual.has(e.key));
  let done = 0;
  const outcomes = await mapLimit(common, options.concurrency ?? 8, async (e) => {
    const a = actual.get(e.key)!;
    try {
      if (!options.rehash && provenByVersion(e, a)) return { kind: 'version' as const };
      // Hash only; a changed tabular object is read again for its rows and schema (changes are rare).
      const d = await digestObject(source, a, false);
      const changed = d.sha256 !== e.sha256 || d.size !== e.size;
      return { kind: 'digest' as const, e, a, d: changed && e.tabular ? await digestObject(source, a, true) : d };
    } catch (err) {
      return { kind: 'error' as const, problem: { key: e.key, where: source.where(a), message: (err as Error).message } };
    } finally {
      options.onProgress?.(++done, common.length, e.key);
    }
  });
  for (const out of outcomes) {
    if (out.kind === 'version') {
      result.unchanged++;
      result.provenByVersion++;
    } else if (out.kind === 'error') result.errors.push(out.problem);
    else classify(result, out.e, out.a, out.d, source.where(out.a));
  }
  result.verdict = result.errors.length ? 'error' : result.added.length || result.removed.length || result.changed.length ? 'changed' : 'unchanged';
  return result;
}

/** S3 never changes the bytes of an object version: the same VersionId, size and ETag are the same object. */
function provenByVersion(e: ManifestObject, a: DataObject): boolean {
  return Boolean(e.versionId && e.versionId !== 'null' && a.versionId === e.versionId && a.size === e.size && (!e.etag || e.etag === a.etag));
}

function classify(result: VerifyResult, e: ManifestObject, a: DataObject, d: Digest, where: string): void {
  const content: FieldChange[] = [];
  if (d.sha256 !== e.sha256) content.push({ field: 'sha256', expected: e.sha256, actual: d.sha256 });
  if (d.size !== e.size) content.push({ field: 'size', expected: e.size, actual: d.size });
  const identity: FieldChange[] = [];
  if (e.versionId && a.versionId && e.versionId !== a.versionId) identity.push({ field: 'versionId', expected: e.versionId, actual: a.versionId });
  if (e.etag && a.etag && e.etag !== a.etag) identity.push({ field: 'etag', expected: e.etag, actual: a.etag });
  if (content.length === 0) {
    result.unchanged++;
    if (identity.length) result.rewritten.push({ key: e.key, where, changes: identity });
    return;
  }
  result.changed.push({ key: e.key, where, changes: [...content, ...identity, ...tabularChanges(e.tabular, d.tabular)] });
}

/** Row count and schema differences, so a reviewer sees what kind of change it was. */
function tabularChanges(before: TabularSummary | undefined, after: TabularSummary | undefined): FieldChange[] {
  if (!before || !after) return [];
  const out: FieldChange[] = [];
  if (before.rows !== after.rows) out.push({ field: 'rows', expected: before.rows, actual: after.rows });
  const show = (t: TabularSummary) => t.columns.map((c) => `${c.name}:${c.type}`).join(', ');
  if (show(before) !== show(after)) out.push({ field: 'columns', expected: show(before), actual: show(after) });
  return out;
}
