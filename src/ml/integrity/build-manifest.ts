import { VERSION } from '../../version.js';
import type { DataSource, ObjectProblem } from './data-source.js';
import { digestObject, mapLimit } from './digest.js';
import { byKey, MANIFEST_FORMAT, MANIFEST_VERSION, totalsOf, type Manifest, type ManifestObject } from './manifest.js';

export interface BuildOptions {
  /** Row counts and schemas of tabular objects (default true). */
  tabular?: boolean;
  /** Objects read at once (default 8: S3 latency hides behind parallel reads). */
  concurrency?: number;
  now?: Date;
  onProgress?: (done: number, total: number, key: string) => void;
}

export interface BuildResult {
  /** Absent when any object could not be listed or read: a partial manifest must never be approved. */
  manifest?: Manifest;
  errors: ObjectProblem[];
  /** Left out on purpose, or recorded without a summary; each says why. */
  warnings: ObjectProblem[];
}

/** Lists the source and reads every object: key, size, SHA-256, S3 version and ETag, rows and schema. */
export async function buildManifest(source: DataSource, options: BuildOptions = {}): Promise<BuildResult> {
  const listing = await source.list();
  const errors = [...listing.errors];
  const warnings = [...listing.skipped];
  const objects = [...listing.objects].sort(byKey);
  let done = 0;
  const entries = await mapLimit(objects, options.concurrency ?? 8, async (o): Promise<ManifestObject | undefined> => {
    try {
      const d = await digestObject(source, o, options.tabular ?? true);
      for (const p of d.tabular?.problems?.first ?? []) warnings.push({ key: o.key, where: source.where(o), message: p });
      if (d.tabular?.problems && d.tabular.problems.count > d.tabular.problems.first.length) {
        warnings.push({ key: o.key, where: source.where(o), message: `and ${d.tabular.problems.count - d.tabular.problems.first.length} more rows like these` });
      }
      if (d.note) warnings.push({ key: o.key, where: source.where(o), message: d.note });
      return {
        key: o.key,
        size: d.size,
        sha256: d.sha256,
        ...(o.versionId ? { versionId: o.versionId } : {}),
        ...(o.etag ? { etag: o.etag } : {}),
        ...(o.lastModified ? { lastModified: o.lastModified } : {}),
        ...(d.tabular ? { tabular: d.tabular } : {}),
      };
    } catch (e) {
      errors.push({ key: o.key, where: source.where(o), message: (e as Error).message });
      return undefined;
    } finally {
      options.onProgress?.(++done, objects.length, o.key);
    }
  });
  if (errors.length) return { errors, warnings };
  const list = entries.filter((e): e is ManifestObject => e !== undefined);
  return {
    manifest: {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      createdAt: (options.now ?? new Date()).toISOString(),
      createdBy: { tool: 'ringfence', version: VERSION },
      source: source.description,
      objects: list,
      totals: totalsOf(list),
    },
    errors,
    warnings,
  };
}
