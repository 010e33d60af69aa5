import { UsageError } from '../../core/errors.js';
import type { DataSource } from './data-source.js';
import { LocalSource } from './local-source.js';
import { s3ClientFor, S3Source, type S3Access } from './s3-source.js';
import { isS3Uri, parseS3Uri } from './s3-uri.js';

export interface SourceOptions {
  s3?: S3Access;
  /** Local paths never listed (the manifest file itself). */
  exclude?: string[];
}

/** A local path or an `s3://bucket/prefix` URI as a data source. */
export async function openSource(target: string, options: SourceOptions = {}): Promise<DataSource> {
  if (!isS3Uri(target)) return new LocalSource(target, options.exclude ?? []);
  const location = parseS3Uri(target);
  if (!location) throw new UsageError(`"${target}" is not an S3 URI of the form s3://bucket/prefix`);
  return new S3Source(location, await s3ClientFor(options.s3 ?? {}));
}
