import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { buildManifest } from '../../../src/ml/integrity/build-manifest.js';
import type { DataObject, DataSource } from '../../../src/ml/integrity/data-source.js';
import { LocalSource } from '../../../src/ml/integrity/local-source.js';
import { serializeManifest } from '../../../src/ml/integrity/manifest.js';
import { verifyManifestFile } from '../../../src/ml/integrity/verify-manifest.js';
import { datasetPath } from './support/data.js';

/** A dataset folder: two real CSVs, JSON Lines in a subfolder, and a hidden file. */
function dataset(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rf-data-'));
  copyFileSync(datasetPath('iris.csv'), join(dir, 'iris.csv'));
  copyFileSync(datasetPath('wine.csv'), join(dir, 'wine.csv'));
  mkdirSync(join(dir, 'extra'));
  writeFileSync(join(dir, 'extra', 'labels.jsonl'), '{"id":1,"label":0}\n{"id":2,"label":1}\n');
  writeFileSync(join(dir, '.provenance'), 'exported 2026-02-28 from the warehouse\n');
  return dir;
}

async function approve(dir: string, file = join(mkdtempSync(join(tmpdir(), 'rf-m-')), 'data.manifest.json')): Promise<string> {
  const built = await buildManifest(new LocalSource(dir, [file]));
  expect(built.errors).toEqual([]);
  writeFileSync(file, serializeManifest(built.manifest!));
  return file;
}

describe('local manifests', () => {
  it('list every file below the folder, hidden ones too, by relative key', async () => {
    const dir = dataset();
    const m = (await buildManifest(new LocalSource(dir))).manifest!;
    expect(m.source).toEqual({ kind: 'local', path: dir });
    expect(m.objects.map((o) => o.key)).toEqual(['.provenance', 'extra/labels.jsonl', 'iris.csv', 'wine.csv']);
    expect(m.objects.find((o) => o.key === 'iris.csv')).toMatchObject({ size: 2756, sha256: '874d28c2148c94ac8bed1b98ab1d93d27a473f72b2a712b06833f49b3259e54d' });
    expect(m.totals).toEqual({ objects: 4, bytes: m.objects.reduce((n, o) => n + o.size, 0), rows: 150 + 178 + 2 });
  });

  it('take a single file as a dataset of one object named by its file name', async () => {
    const m = (await buildManifest(new LocalSource(datasetPath('iris.csv')))).manifest!;
    expect(m.objects.map((o) => [o.key, o.tabular?.rows])).toEqual([['iris.csv', 150]]);
  });

  it('write no manifest when a file cannot be read, and name every such file', async () => {
    const dir = dataset();
    symlinkSync(join(dir, 'missing-target.csv'), join(dir, 'dangling.csv'));
    const built = await buildManifest(new LocalSource(dir));
    expect(built.manifest).toBeUndefined();
    expect(built.errors).toEqual([{ key: 'dangling.csv', where: join(dir, 'dangling.csv'), message: 'broken symbolic link' }]);
  });

  it('skip, and say so, links to folders and FIFOs (reading a FIFO would hang)', async () => {
    const dir = dataset();
    symlinkSync(join(dir, 'extra'), join(dir, 'loop'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const built = await buildManifest(new LocalSource(dir));
    expect(built.errors).toEqual([]);
    expect(built.warnings.map((w) => [w.key, w.message])).toEqual([
      ['loop', 'symbolic link to a folder, not followed; give its target as a dataset of its own'],
      ['pipe', 'not a regular file (a socket, FIFO or device)'],
    ]);
    expect(built.manifest!.objects.map((o) => o.key)).not.toContain('pipe');
  });

  it('record ragged rows as problems of the object, and warn about them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-ragged-'));
    writeFileSync(join(dir, 'train.csv'), 'a,b,label\n1,2,0\n3,1\n5,6,1\n');
    const built = await buildManifest(new LocalSource(dir));
    expect(built.manifest!.objects[0]!.tabular!.problems).toEqual({ count: 1, first: ['line 3 (row 2): 2 fields, the header has 3'] });
    expect(built.warnings).toEqual([{ key: 'train.csv', where: join(dir, 'train.csv'), message: 'line 3 (row 2): 2 fields, the header has 3' }]);
  });

  it('account for an object whose read fails and one that changes while it is read', async () => {
    const dir = dataset();
    const local = new LocalSource(dir);
    const flaky: DataSource = {
      display: local.display,
      description: local.description,
      list: async () => {
        const l = await local.list();
        return { ...l, objects: l.objects.map((o) => (o.key === 'wine.csv' ? { ...o, size: o.size + 1 } : o)) };
      },
      read: (o: DataObject) => {
        if (o.key === 'iris.csv') throw new Error('EIO: i/o error, read');
        return local.read(o);
      },
      randomAccess: (o) => local.randomAccess(o),
      where: (o) => local.where(o),
    };
    const built = await buildManifest(flaky);
    expect(built.manifest).toBeUndefined();
    expect(built.errors.map((e) => [e.key, e.message])).toEqual([
      ['iris.csv', 'EIO: i/o error, read'],
      ['wine.csv', expect.stringMatching(/^read 11302 bytes where the listing said 11303: the object changed while it was read$/)],
    ]);
  });
});

describe('local verification', () => {
  it('proves an untouched folder unchanged, leaving the manifest inside it out of the comparison', async () => {
    const dir = dataset();
    const file = await approve(dir, join(dir, 'data.manifest.json'));
    const r = await verifyManifestFile(file, dir);
    expect(r).toMatchObject({ verdict: 'unchanged', unchanged: 4, added: [], removed: [], changed: [], errors: [], signature: { status: 'unsigned' } });
  });

  it('names each object added, removed and changed, with rows and schema changes of tabular files', async () => {
    const dir = dataset();
    const file = await approve(dir);
    // Poisoning: flipped labels appended to iris, a renamed column in wine, an injected file.
    appendFileSync(join(dir, 'iris.csv'), '5.1,3.5,1.4,0.2,2\n6.3,3.3,6.0,2.5,0\n');
    const wine = readFileSync(join(dir, 'wine.csv'), 'utf8');
    writeFileSync(join(dir, 'wine.csv'), wine.replace('alcohol,', 'alcohol_pct,'));
    rmSync(join(dir, '.provenance'));
    writeFileSync(join(dir, 'extra', 'backdoor.jsonl'), '{"id":99,"label":1}\n');

    const r = await verifyManifestFile(file, dir);
    expect(r.verdict).toBe('changed');
    expect(r.added).toEqual([{ key: 'extra/backdoor.jsonl', where: join(dir, 'extra', 'backdoor.jsonl'), size: 20 }]);
    expect(r.removed.map((d) => d.key)).toEqual(['.provenance']);
    const changes = Object.fromEntries(r.changed.map((c) => [c.key, Object.fromEntries(c.changes.map((x) => [x.field, [x.expected, x.actual]]))]));
    expect(Object.keys(changes)).toEqual(['iris.csv', 'wine.csv']);
    expect(changes['iris.csv']!['rows']).toEqual([150, 152]);
    expect(changes['iris.csv']!['sha256']![0]).toBe('874d28c2148c94ac8bed1b98ab1d93d27a473f72b2a712b06833f49b3259e54d');
    expect(String(changes['wine.csv']!['columns']![1])).toMatch(/^alcohol_pct:number, malic_acid:number/);
    expect(r.unchanged).toBe(1);
  });

  it('reports a missing dataset as an error, not as every object removed', async () => {
    const dir = dataset();
    const file = await approve(dir);
    rmSync(dir, { recursive: true });
    const r = await verifyManifestFile(file, dir);
    expect(r.verdict).toBe('error');
    expect(r.errors).toEqual([{ where: dir, message: 'no such file or directory' }]);
    expect(r.removed).toEqual([]);
    expect(r.unverified).toHaveLength(4);
  });

  it('checks the manifest before looking at the data: a missing or truncated manifest is an InputError naming it', async () => {
    const dir = dataset();
    const missing = join(dir, 'nope.json');
    await expect(verifyManifestFile(missing, dir)).rejects.toThrow(new InputError('manifest not found', missing));
    const file = await approve(dir);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 300));
    const err = (await verifyManifestFile(file, dir).catch((e: unknown) => e)) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.toString()).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: manifest is truncated`));
    writeFileSync(file, '   \n');
    await expect(verifyManifestFile(file, dir)).rejects.toThrow('manifest is empty');
  });
});
