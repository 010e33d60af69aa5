import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { Resource } from '../../core/resource.js';
import type { InputRecord } from '../../core/scan-result.js';
import { DATASET_MANIFEST_TYPE } from '../../rules/data/training-job-inputs.js';
import { display, failed } from '../../sources/load.js';
import { MANIFEST_FORMAT, MAX_MANIFEST_BYTES, parseManifest } from './manifest.js';

/**
 * How `scan` learns which datasets were approved. A dataset manifest is read when it is
 * - given with `--manifests` (a file, or a folder whose .json files are read, recursively);
 * - among the scanned files (a .json file whose `format` is ringfence-dataset-manifest, which the
 *   template loaders skip as "not a template");
 * - named `*.manifest.json` beside a template file given on the command line.
 * Each becomes a resource of type Ringfence::Dataset::Manifest that the training-data rules match
 * against job inputs. Its signature is checked against the key it embeds: an edited manifest is a
 * failed input and approves nothing. Who signed is checked by `ringfence data verify --public-key`.
 */

export interface LinkRequest {
  /** The paths the scan was given. */
  scanPaths: readonly string[];
  /** `--manifests` paths. */
  manifests: readonly string[];
  /** The scan's input records so far; manifests among them were skipped as non-templates. */
  inputs: readonly InputRecord[];
}

export interface Linked {
  resources: Resource[];
  /** The input records, with each manifest's record replacing the "skipped" one. */
  inputs: InputRecord[];
}

type Origin = 'explicit' | 'scanned' | 'beside';

export async function linkDatasetManifests(req: LinkRequest): Promise<Linked> {
  const records = new Map(req.inputs.map((r) => [resolve(r.path), r]));
  const candidates = new Map<string, { path: string; origin: Origin }>();
  const extra: InputRecord[] = [];
  const propose = (path: string, origin: Origin) => {
    const key = resolve(path);
    if (!candidates.has(key) || origin === 'explicit') candidates.set(key, { path: display(path), origin });
  };

  for (const p of req.manifests) {
    const s = await stat(p).catch(() => undefined);
    if (!s) extra.push(failed(display(p), new InputError('no such file or directory', display(p))));
    else if (s.isDirectory()) for (const f of await jsonFilesBelow(p)) propose(f, 'explicit');
    else propose(p, 'explicit');
  }
  for (const r of req.inputs) {
    if (r.status === 'skipped' && !r.kind && r.path.toLowerCase().endsWith('.json')) propose(r.path, 'scanned');
  }
  for (const p of req.scanPaths) {
    const s = await stat(p).catch(() => undefined);
    if (!s?.isFile()) continue;
    const dir = dirname(p);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const n of names.filter((n) => n.toLowerCase().endsWith('.manifest.json')).sort()) propose(join(dir, n), 'beside');
  }

  const resources: Resource[] = [];
  for (const [key, c] of candidates) {
    const out = await linkOne(c.path, c.origin);
    if (out.resource) resources.push(out.resource);
    if (out.record) records.set(key, out.record);
  }
  return { resources, inputs: [...records.values(), ...extra] };
}

async function linkOne(path: string, origin: Origin): Promise<{ resource?: Resource; record?: InputRecord }> {
  let text: string;
  try {
    const s = await stat(path);
    if (s.size > MAX_MANIFEST_BYTES) throw new InputError(`file is ${s.size} bytes, over the ${MAX_MANIFEST_BYTES}-byte manifest limit`, path);
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { record: failed(path, e instanceof InputError ? e : new InputError(`cannot read: ${(e as Error).message}`, path)) };
  }
  // A scanned JSON file that is not a manifest keeps the loader's "skipped" record.
  if (!text.includes(`"${MANIFEST_FORMAT}"`)) {
    return origin === 'scanned' ? {} : { record: { path, status: 'skipped', reason: `not a ringfence dataset manifest (no "format": "${MANIFEST_FORMAT}")` } };
  }
  try {
    const manifest = parseManifest(text, path);
    // Signature checking loads node:crypto: only for scans that meet a manifest (start-up stays fast).
    const [{ checkSignature }, { embeddedVerifier }] = await Promise.all([import('./signature.js'), import('./local-key.js')]);
    const sig = await checkSignature(manifest, path, undefined, embeddedVerifier);
    if (manifest.source.kind !== 's3') {
      return {
        record: { path, kind: 'dataset-manifest', status: 'skipped', reason: `describes local files (${manifest.source.path}); only manifests of s3:// locations approve SageMaker inputs` },
      };
    }
    const status = sig.status === 'verified' ? 'intact' : sig.status;
    const resource: Resource = {
      key: `${path}#manifest`,
      type: DATASET_MANIFEST_TYPE,
      id: basename(path),
      properties: {
        Uri: manifest.source.uri,
        Bucket: manifest.source.bucket,
        Prefix: manifest.source.prefix,
        SignatureStatus: status,
        Objects: manifest.totals.objects,
        CreatedAt: manifest.createdAt,
        ...(sig.status !== 'unsigned' ? { KeyId: sig.keyId, SignedAt: sig.signedAt } : {}),
      },
      source: 'aws',
      origin: { apiCall: 'ringfence data manifest' },
      location: { file: path, line: 1, column: 1 },
      propertyLocations: {},
      suppressions: [],
      unit: path,
    };
    const warnings = status === 'unsigned' ? [{ message: 'the manifest is not signed; it approves nothing' }] : [];
    return { resource, record: { path, kind: 'dataset-manifest', status: 'read', resources: 1, ...(warnings.length ? { warnings } : {}) } };
  } catch (e) {
    return { record: failed(path, e instanceof InputError ? e : new InputError((e as Error).message, path)) };
  }
}

async function jsonFilesBelow(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    if (e.isFile() && e.name.toLowerCase().endsWith('.json')) out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}
