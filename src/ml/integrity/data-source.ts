import type { AsyncBuffer } from 'hyparquet';
import type { ManifestSource } from './manifest.js';

/**
 * Where a dataset lives: a local file or folder, or an S3 prefix. A manifest is built from one
 * and verified against one, and either kind can verify a manifest made from the other, because
 * object keys are relative to the source.
 */
export interface DataObject {
  /** Relative to the source, '/'-separated. */
  key: string;
  size: number;
  versionId?: string;
  etag?: string;
  lastModified?: string;
}

/** A problem with one object or with the listing, named precisely (a path, an s3:// URI). */
export interface ObjectProblem {
  /** The object's key, when the problem is about one object. */
  key?: string;
  /** The path or URI the problem is about. */
  where: string;
  message: string;
}

export interface Listing {
  objects: DataObject[];
  /** Objects that could not be listed: the manifest would be incomplete. */
  errors: ObjectProblem[];
  /** Entries deliberately left out (a link to a folder, a FIFO): reported, never silent. */
  skipped: ObjectProblem[];
}

export interface DataSource {
  /** As the user wrote it: `data/train`, `s3://bucket/train/`. */
  readonly display: string;
  readonly description: ManifestSource;
  list(): Promise<Listing>;
  /** The object's bytes, in order. */
  read(object: DataObject): AsyncIterable<Uint8Array>;
  /** Random access, for formats that keep their metadata at the end (Parquet). */
  randomAccess(object: DataObject): AsyncBuffer;
  /** The path or URI of one object, for messages. */
  where(object: DataObject): string;
}

/** Most objects one manifest lists; more is an error rather than a silently partial manifest. */
export const MAX_OBJECTS = 1_000_000;
