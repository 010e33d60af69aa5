import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTrail, type ReadTrailOptions } from '../../../src/trail/read/index.js';
import type { CloudTrailRecord, SourcedRecord } from '../../../src/trail/record.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** The shared corpus, beside the repository (../shared/data). */
export const SHARED = resolve(REPO, '..', 'shared', 'data', 'cloudtrail');
export const STRATUS = join(SHARED, 'stratus');
export const FIXTURES = join(REPO, 'test', 'fixtures', 'trail');

/** Every record of the Stratus corpus, in file order. */
export function stratusRecords(): CloudTrailRecord[] {
  return readdirSync(STRATUS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(STRATUS, f), 'utf8')) as CloudTrailRecord[]);
}

export async function readAll(paths: string[], options?: ReadTrailOptions) {
  const t = openTrail(paths, options);
  const records: SourcedRecord[] = [];
  for await (const r of t.records) records.push(r);
  return { records, inputs: t.inputs, stats: t.stats };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ringfence-trail-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
