import { stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { walk } from '../../sources/walk.js';
import type { CaptureInputRecord } from './types.js';

/** A path as reports show it: relative to the working directory when inside it. */
export function displayPath(p: string): string {
  if (!isAbsolute(p)) return p.replace(/\\/g, '/');
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.replace(/\\/g, '/') : p;
}

/**
 * The JSON Lines files below the given paths, in path order. A file named on the command line is
 * read whatever its name; inside a directory only `*.jsonl` files are, the others are accounted as
 * skipped. Missing paths are accounted as failed.
 */
export async function listJsonlFiles(paths: string[], maxFiles: number, kind: string, inputs: CaptureInputRecord[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => undefined);
    if (!s) {
      inputs.push({ path: displayPath(p), kind, status: 'failed', error: { message: 'no such file or directory', file: displayPath(p) } });
    } else if (s.isDirectory()) {
      let found: string[];
      try {
        found = await walk(p, async () => false, maxFiles);
      } catch (e) {
        inputs.push({ path: displayPath(p), kind, status: 'failed', error: { message: (e as Error).message, file: displayPath(p) } });
        continue;
      }
      for (const f of found) {
        if (f.toLowerCase().endsWith('.jsonl')) files.push(f);
        else inputs.push({ path: displayPath(f), kind, status: 'skipped', reason: 'not a .jsonl file' });
      }
    } else files.push(p);
  }
  return files;
}
