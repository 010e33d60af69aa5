import type { S3Client } from '@aws-sdk/client-s3';
import type { AsyncBuffer } from 'hyparquet';
import { awsErrorText } from './aws-errors.js';
import { MAX_OBJECTS, type DataObject, type DataSource, type Listing } from './data-source.js';
import { keyBase, type S3Location } from './s3-uri.js';

/**
 * A dataset under an S3 prefix, with SageMaker's S3Prefix semantics: every object whose key starts
 * with the prefix. The listing comes from ListObjectVersions, so every object is pinned to the
 * version that is current at listing time (VersionId "null" in unversioned buckets); reads name
 * that version and its ETag (If-Match), so an object replaced meanwhile fails instead of being
 * hashed as something else. Delete markers and zero-byte "folder" keys ending in '/' are not
 * objects of the dataset.
 */
export class S3Source implements DataSource {
  readonly description;
  private readonly base: string;

  constructor(
    private readonly location: S3Location,
    private readonly client: S3Client,
    private readonly maxObjects = MAX_OBJECTS,
  ) {
    this.description = { kind: 's3' as const, uri: location.uri, bucket: location.bucket, prefix: location.prefix };
    this.base = keyBase(location.prefix);
  }

  get display(): string {
    return this.location.uri;
  }

  async list(): Promise<Listing> {
    const { ListObjectVersionsCommand } = await import('@aws-sdk/client-s3');
    const listing: Listing = { objects: [], errors: [], skipped: [] };
    const latest = new Map<string, DataObject | 'deleted'>();
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    for (;;) {
      let page;
      try {
        page = await this.client.send(
          new ListObjectVersionsCommand({ Bucket: this.location.bucket, Prefix: this.location.prefix, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
        );
      } catch (e) {
        listing.errors.push({ where: this.location.uri, message: awsErrorText(e, 'ListObjectVersions', this.location.uri) });
        return listing;
      }
      for (const v of page.Versions ?? []) {
        if (!v.IsLatest || v.Key === undefined) continue;
        latest.set(v.Key, {
          key: v.Key,
          size: Number(v.Size ?? 0),
          versionId: v.VersionId ?? 'null',
          ...(v.ETag ? { etag: v.ETag } : {}),
          ...(v.LastModified ? { lastModified: v.LastModified.toISOString() } : {}),
        });
      }
      for (const d of page.DeleteMarkers ?? []) if (d.IsLatest && d.Key !== undefined) latest.set(d.Key, 'deleted');
      if (latest.size > this.maxObjects) {
        listing.errors.push({ where: this.location.uri, message: `more than ${this.maxObjects} objects; split the dataset into several manifests` });
        return listing;
      }
      if (!page.IsTruncated) break;
      if (page.NextKeyMarker === keyMarker && page.NextVersionIdMarker === versionMarker) {
        listing.errors.push({ where: this.location.uri, message: 'ListObjectVersions returned the same page marker twice; the listing is incomplete' });
        return listing;
      }
      keyMarker = page.NextKeyMarker;
      versionMarker = page.NextVersionIdMarker;
    }
    for (const [key, v] of latest) {
      if (v === 'deleted') continue;
      if (key.endsWith('/') && v.size === 0) continue;
      listing.objects.push({ ...v, key: key.slice(this.base.length) });
    }
    return listing;
  }

  async *read(object: DataObject): AsyncIterable<Uint8Array> {
    const body = await this.get(object);
    yield* body as AsyncIterable<Uint8Array>;
  }

  randomAccess(object: DataObject): AsyncBuffer {
    return {
      byteLength: object.size,
      slice: async (start: number, end?: number): Promise<ArrayBuffer> => {
        const stop = Math.min(end ?? object.size, object.size);
        if (stop <= start) return new ArrayBuffer(0);
        const body = await this.get(object, `bytes=${start}-${stop - 1}`);
        const bytes = await (body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      },
    };
  }

  where(object: DataObject): string {
    return `s3://${this.location.bucket}/${this.base}${object.key}`;
  }

  private async get(object: DataObject, range?: string): Promise<unknown> {
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const where = this.where(object);
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.location.bucket,
          Key: this.base + object.key,
          ...(object.versionId && object.versionId !== 'null' ? { VersionId: object.versionId } : {}),
          ...(object.etag ? { IfMatch: object.etag } : {}),
          ...(range ? { Range: range } : {}),
        }),
      );
      if (!out.Body) throw new Error('the response has no body');
      return out.Body;
    } catch (e) {
      throw new Error(awsErrorText(e, 'GetObject', where));
    }
  }
}

/** Where to reach S3: a client built by the caller (tests, custom endpoints) or a region. */
export interface S3Access {
  client?: S3Client;
  region?: string;
}

/**
 * An S3 client from the default credential chain. It follows region redirects, so a bucket in
 * another region than the one configured still works; AWS_ENDPOINT_URL(_S3) select another
 * endpoint (the SDK reads them), and then path-style addressing, which S3-compatible servers expect.
 */
export async function s3ClientFor(access: S3Access): Promise<S3Client> {
  if (access.client) return access.client;
  const { S3Client } = await import('@aws-sdk/client-s3');
  const custom = Boolean(process.env['AWS_ENDPOINT_URL_S3'] || process.env['AWS_ENDPOINT_URL']);
  return new S3Client({
    region: access.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
    followRegionRedirects: true,
    ...(custom ? { forcePathStyle: true } : {}),
  });
}
