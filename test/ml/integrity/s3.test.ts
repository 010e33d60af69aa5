import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildManifest } from '../../../src/ml/integrity/build-manifest.js';
import { compareWithSource } from '../../../src/ml/integrity/verify-manifest.js';
import { LocalSource } from '../../../src/ml/integrity/local-source.js';
import { S3Source } from '../../../src/ml/integrity/s3-source.js';
import { parseS3Uri } from '../../../src/ml/integrity/s3-uri.js';
import type { Manifest } from '../../../src/ml/integrity/manifest.js';
import { FakeAws } from './support/fake-aws.js';
import { datasetPath, parquetBytes } from './support/data.js';

// The real S3 client against a local server replaying S3's API: listing versions page by page,
// reading pinned versions, ranged reads of Parquet footers, and the errors S3 returns.

const aws = new FakeAws();
beforeAll(async () => {
  await aws.start();
});
afterAll(async () => {
  await aws.stop();
});

const IRIS = readFileSync(datasetPath('iris.csv'));
const source = (uri: string) => new S3Source(parseS3Uri(uri)!, aws.s3Client());
const unsigned = { status: 'unsigned' } as const;

let bucket = '';
let n = 0;
beforeEach(() => {
  bucket = `training-${++n}`;
  aws.createBucket(bucket);
  aws.pageSize = 2; // several pages even for a handful of objects
});

describe('S3 manifests', () => {
  it('lists the latest version of every object under the prefix, with VersionId and ETag', async () => {
    aws.put(bucket, 'fraud/v3/train/iris.csv', 'stale');
    const current = aws.put(bucket, 'fraud/v3/train/iris.csv', IRIS);
    aws.put(bucket, 'fraud/v3/train/labels.jsonl', '{"id":1,"label":"a"}\n{"id":2,"label":"b"}\n');
    aws.put(bucket, 'fraud/v3/validation/part-0.csv', 'a,b\n1,2\n');
    aws.put(bucket, 'fraud/v3/deleted.csv', 'x\n1\n');
    aws.remove(bucket, 'fraud/v3/deleted.csv');
    aws.put(bucket, 'fraud/v3/', ''); // a console "folder"
    aws.put(bucket, 'fraud/v2/old.csv', 'a\n1\n');

    const built = await buildManifest(source(`s3://${bucket}/fraud/v3/`), { now: new Date('2026-02-01T00:00:00Z') });
    expect(built.errors).toEqual([]);
    const m = built.manifest!;
    expect(m.source).toEqual({ kind: 's3', uri: `s3://${bucket}/fraud/v3/`, bucket, prefix: 'fraud/v3/' });
    expect(m.objects.map((o) => o.key)).toEqual(['train/iris.csv', 'train/labels.jsonl', 'validation/part-0.csv']);
    const iris = m.objects[0]!;
    expect(iris).toMatchObject({ size: IRIS.length, versionId: current.versionId, etag: current.etag, lastModified: current.lastModified.toISOString() });
    expect(iris.sha256).toBe('874d28c2148c94ac8bed1b98ab1d93d27a473f72b2a712b06833f49b3259e54d');
    expect(iris.tabular).toMatchObject({ format: 'csv', rows: 150 });
    expect(m.objects[1]!.tabular).toEqual({ format: 'jsonl', rows: 2, columns: [{ name: 'id', type: 'integer' }, { name: 'label', type: 'string' }] });
    // Pagination followed the markers, and reads named the version and its ETag.
    expect(aws.requests.filter((r) => r.includes('versions=') && r.includes(`/${bucket}/`)).length).toBeGreaterThan(2);
    expect(aws.requests.some((r) => r.includes(`versionId=${encodeURIComponent(current.versionId)}`))).toBe(true);
  });

  it('keeps keys with spaces, non-ASCII characters and XML metacharacters intact', async () => {
    const keys = ['d/part 1.csv', 'd/données é.csv', 'd/a&b<c>.jsonl'];
    for (const k of keys) aws.put(bucket, k, 'x\n1\n');
    const m = (await buildManifest(source(`s3://${bucket}/d/`))).manifest!;
    expect(m.objects.map((o) => o.key).sort()).toEqual(['a&b<c>.jsonl', 'données é.csv', 'part 1.csv']);
    expect((await compareWithSource(m, 'm.json', unsigned, source(`s3://${bucket}/d/`), { rehash: true })).verdict).toBe('unchanged');
  });

  it('uses SageMaker prefix semantics: s3://b/train also holds train2/ and training.csv', async () => {
    aws.put(bucket, 'train/a.csv', 'x\n1\n');
    aws.put(bucket, 'train2/b.csv', 'x\n2\n');
    aws.put(bucket, 'training.csv', 'x\n3\n');
    aws.put(bucket, 'test/c.csv', 'x\n4\n');
    const m = (await buildManifest(source(`s3://${bucket}/train`))).manifest!;
    expect(m.objects.map((o) => o.key)).toEqual(['train/a.csv', 'train2/b.csv', 'training.csv']);
  });

  it('reads row count and schema of Parquet objects from their footer with ranged GETs', async () => {
    aws.put(bucket, 'data/part-0.parquet', await parquetBytes());
    const m = (await buildManifest(source(`s3://${bucket}/data/`))).manifest!;
    expect(m.objects[0]!.tabular).toEqual({
      format: 'parquet',
      rows: 3,
      columns: [
        { name: 'age', type: 'integer' },
        { name: 'income', type: 'number' },
        { name: 'label', type: 'string' },
      ],
    });
    expect(aws.requests.filter((r) => r.includes('part-0.parquet')).length).toBeGreaterThanOrEqual(2);
  });

  it('works on unversioned buckets (VersionId "null") and hashes everything again when verifying', async () => {
    aws.createBucket('plain', false);
    aws.put('plain', 'd/iris.csv', IRIS);
    const src = source('s3://plain/d/');
    const m = (await buildManifest(src)).manifest!;
    expect(m.objects[0]!.versionId).toBe('null');
    const r = await compareWithSource(m, 'm.json', unsigned, source('s3://plain/d/'));
    expect(r).toMatchObject({ verdict: 'unchanged', unchanged: 1, provenByVersion: 0 });
  });

  describe('verification', () => {
    let approved: Manifest;
    beforeEach(async () => {
      aws.put(bucket, 'v/iris.csv', IRIS);
      aws.put(bucket, 'v/notes.txt', 'approved by the data team');
      aws.put(bucket, 'v/gone.csv', 'a\n1\n');
      approved = (await buildManifest(source(`s3://${bucket}/v/`))).manifest!;
    });

    it('proves unchanged objects by their immutable VersionId without reading them', async () => {
      const before = aws.requests.length;
      const r = await compareWithSource(approved, 'm.json', unsigned, source(`s3://${bucket}/v/`));
      expect(r).toMatchObject({ verdict: 'unchanged', unchanged: 3, provenByVersion: 3 });
      expect(aws.requests.slice(before).filter((q) => q.startsWith('GET') && !q.includes('versions='))).toEqual([]);
    });

    it('re-reads them with rehash', async () => {
      const r = await compareWithSource(approved, 'm.json', unsigned, source(`s3://${bucket}/v/`), { rehash: true });
      expect(r).toMatchObject({ verdict: 'unchanged', unchanged: 3, provenByVersion: 0 });
    });

    it('names what was added, removed and changed, with the new version and the row counts', async () => {
      const poisoned = Buffer.concat([IRIS, Buffer.from('5.0,3.4,1.5,0.2,2\n')]);
      const v = aws.put(bucket, 'v/iris.csv', poisoned);
      aws.remove(bucket, 'v/gone.csv');
      aws.put(bucket, 'v/extra.csv', 'a\n1\n');
      const r = await compareWithSource(approved, 'm.json', unsigned, source(`s3://${bucket}/v/`));
      expect(r.verdict).toBe('changed');
      expect(r.added.map((a) => a.key)).toEqual(['extra.csv']);
      expect(r.removed.map((d) => d.key)).toEqual(['gone.csv']);
      expect(r.changed).toHaveLength(1);
      const fields = Object.fromEntries(r.changed[0]!.changes.map((c) => [c.field, [c.expected, c.actual]]));
      expect(fields['size']).toEqual([IRIS.length, poisoned.length]);
      expect(fields['rows']).toEqual([150, 151]);
      expect(fields['versionId']).toEqual([approved.objects.find((o) => o.key === 'iris.csv')!.versionId, v.versionId]);
      expect(r.changed[0]!.where).toBe(`s3://${bucket}/v/iris.csv`);
      expect(r.unchanged).toBe(1);
    });

    it('tells a rewrite with identical bytes (new version, same SHA-256) from a change', async () => {
      aws.put(bucket, 'v/notes.txt', 'approved by the data team');
      const r = await compareWithSource(approved, 'm.json', unsigned, source(`s3://${bucket}/v/`));
      expect(r.verdict).toBe('unchanged');
      expect(r.rewritten.map((w) => [w.key, w.changes.map((c) => c.field)])).toEqual([['notes.txt', ['versionId']]]);
    });

    it('reports an object it may not read as an error, and still compares the rest', async () => {
      aws.put(bucket, 'v/iris.csv', 'changed\n');
      aws.buckets.get(bucket)!.denyGet = new Set(['v/notes.txt']);
      aws.put(bucket, 'v/notes.txt', 'rewritten');
      const r = await compareWithSource(approved, 'm.json', unsigned, source(`s3://${bucket}/v/`));
      expect(r.verdict).toBe('error');
      expect(r.errors).toEqual([{ key: 'notes.txt', where: `s3://${bucket}/v/notes.txt`, message: expect.stringMatching(/GetObject on s3:\/\/.*notes\.txt failed: AccessDenied.*403/) }]);
      expect(r.changed.map((c) => c.key)).toEqual(['iris.csv']);
    });

    it('does not call objects "removed" when the listing itself failed', async () => {
      aws.buckets.get(bucket)!.denyList = true;
      const r = await compareWithSource(approved, 'm.json', unsigned, source(`s3://${bucket}/v/`));
      expect(r.verdict).toBe('error');
      expect(r.removed).toEqual([]);
      expect(r.unverified).toEqual(['gone.csv', 'iris.csv', 'notes.txt']);
      expect(r.errors[0]!.message).toMatch(/ListObjectVersions on s3:\/\/training-\d+\/v\/ failed: AccessDenied/);
    });
  });

  it('verifies an S3 prefix against a manifest of the local folder it was uploaded from', async () => {
    const local = (await buildManifest(new LocalSource(datasetPath('churn')))).manifest!;
    for (const o of local.objects) aws.put(bucket, `churn/2026-03/${o.key}`, readFileSync(`${datasetPath('churn')}/${o.key}`));
    const r = await compareWithSource(local, 'churn.manifest.json', unsigned, source(`s3://${bucket}/churn/2026-03/`));
    expect(r).toMatchObject({ verdict: 'unchanged', unchanged: 5, added: [], removed: [] });
    aws.put(bucket, 'churn/2026-03/validation.csv', 'Churn\n1\n');
    const after = await compareWithSource(local, 'churn.manifest.json', unsigned, source(`s3://${bucket}/churn/2026-03/`));
    expect(after.changed.map((c) => c.key)).toEqual(['validation.csv']);
  });

  it('names the bucket when it does not exist, and writes no manifest', async () => {
    const built = await buildManifest(source('s3://no-such-bucket/x/'));
    expect(built.manifest).toBeUndefined();
    expect(built.errors).toEqual([{ where: 's3://no-such-bucket/x/', message: expect.stringMatching(/ListObjectVersions .* failed: NoSuchBucket.*404/) }]);
  });
});
