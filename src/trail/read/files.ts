import { stat } from 'node:fs/promises';
import { basename, isAbsolute, relative } from 'node:path';
import { walk } from '../../sources/walk.js';
import type { TrailInput } from './read-file.js';

/** CloudTrail writes integrity digests beside the logs (AWSLogs/<account>/CloudTrail-Digest/…); they hold no events. */
const DIGEST_DIR = 'CloudTrail-Digest';

export interface TrailFile {
  path: string;
  shown: string;
  explicit: boolean;
}

/** A file to read, or the record of a path that will not be read (missing, a digest folder). */
export type TrailEntry = { file: TrailFile } | { input: TrailInput };

/**
 * What to read, in a stable order: the paths as given, directories walked in path order (AWS's
 * AWSLogs/<account>/CloudTrail/<region>/yyyy/mm/dd/ layout sorts by date).
 */
export async function trailEntries(paths: string[], maxFiles: number): Promise<TrailEntry[]> {
  const entries: TrailEntry[] = [];
  const seen = new Set<string>();
  let files = 0;
  for (const p of paths) {
    const s = await stat(p).catch((e: NodeJS.ErrnoException) => e);
    if (s instanceof Error) {
      entries.push({ input: failed(p, s.code === 'ENOENT' ? 'no such file or directory' : s.message) });
      continue;
    }
    const found: { key: string; entry: TrailEntry }[] = [];
    if (!s.isDirectory()) {
      found.push({ key: p, entry: { file: { path: p, shown: display(p), explicit: true } } });
    } else {
      const claim = async (dir: string): Promise<boolean> => {
        if (basename(dir) !== DIGEST_DIR) return false;
        found.push({ key: dir, entry: { input: { path: display(dir), status: 'skipped', records: 0, reason: 'CloudTrail digest files: integrity proofs, not events' } } });
        return true;
      };
      try {
        for (const f of await walk(p, claim, maxFiles - files)) found.push({ key: f, entry: { file: { path: f, shown: display(f), explicit: false } } });
      } catch (e) {
        entries.push({ input: failed(p, (e as Error).message) });
        continue;
      }
      found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    for (const { entry } of found) {
      const shown = 'file' in entry ? entry.file.shown : entry.input.path;
      if (seen.has(shown)) continue;
      seen.add(shown);
      if ('file' in entry) files++;
      entries.push(entry);
    }
  }
  return entries;
}

function failed(p: string, message: string): TrailInput {
  return { path: display(p), status: 'failed', records: 0, error: { message, file: display(p) } };
}

/**
 * Paths as reports show them: relative to the working directory when below it (the rule the
 * infrastructure loaders follow; not imported from them, so reading a trail loads no parsers).
 */
export function display(p: string): string {
  if (!isAbsolute(p)) return p.replace(/\\/g, '/');
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.replace(/\\/g, '/') : p;
}
