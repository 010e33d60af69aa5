import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { AsyncBuffer } from 'hyparquet';
import { MAX_OBJECTS, type DataObject, type DataSource, type Listing } from './data-source.js';

/**
 * A local dataset: one file (its key is its name) or a folder walked recursively (keys are paths
 * below it). Hidden files count, because SageMaker would read them from the S3 prefix too. Links
 * to files are followed; links to folders are not (no cycles), and are reported as skipped.
 */
export class LocalSource implements DataSource {
  readonly description;
  private root = '';

  constructor(
    readonly display: string,
    /** Absolute paths never listed: the manifest file itself when it is written inside the folder. */
    private readonly exclude: readonly string[] = [],
    private readonly maxObjects = MAX_OBJECTS,
  ) {
    this.description = { kind: 'local' as const, path: display };
  }

  async list(): Promise<Listing> {
    const listing: Listing = { objects: [], errors: [], skipped: [] };
    const s = await stat(this.display).catch((e: NodeJS.ErrnoException) => e);
    if (s instanceof Error) {
      listing.errors.push({ where: this.display, message: s.code === 'ENOENT' ? 'no such file or directory' : s.message });
      return listing;
    }
    const excluded = new Set(this.exclude.map((p) => resolve(p)));
    if (!s.isDirectory()) {
      this.root = dirname(this.display);
      if (!excluded.has(resolve(this.display))) listing.objects.push({ key: basename(this.display), size: s.size });
      return listing;
    }
    this.root = this.display;
    const stack = [this.display];
    while (stack.length) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (e) {
        listing.errors.push({ where: dir, message: `cannot list the folder: ${(e as Error).message}` });
        continue;
      }
      for (const e of entries) {
        const path = join(dir, e.name);
        if (excluded.has(resolve(path))) continue;
        if (e.isDirectory()) {
          stack.push(path);
          continue;
        }
        const key = relative(this.display, path).split(sep).join('/');
        if (e.isFile() || e.isSymbolicLink()) {
          const target = await stat(path).catch((err: Error) => err);
          if (target instanceof Error) listing.errors.push({ key, where: path, message: e.isSymbolicLink() ? 'broken symbolic link' : target.message });
          else if (target.isFile()) listing.objects.push({ key, size: target.size });
          else if (target.isDirectory()) listing.skipped.push({ key, where: path, message: 'symbolic link to a folder, not followed; give its target as a dataset of its own' });
          else listing.skipped.push({ key, where: path, message: 'not a regular file' });
        } else {
          listing.skipped.push({ key, where: path, message: 'not a regular file (a socket, FIFO or device)' });
        }
        if (listing.objects.length > this.maxObjects) {
          listing.errors.push({ where: this.display, message: `more than ${this.maxObjects} files; split the dataset into several manifests` });
          return listing;
        }
      }
    }
    return listing;
  }

  read(object: DataObject): AsyncIterable<Uint8Array> {
    return createReadStream(this.pathOf(object), { highWaterMark: 1024 * 1024 });
  }

  randomAccess(object: DataObject): AsyncBuffer {
    const path = this.pathOf(object);
    return {
      byteLength: object.size,
      async slice(start: number, end?: number): Promise<ArrayBuffer> {
        const stop = Math.min(end ?? object.size, object.size);
        const length = Math.max(0, stop - start);
        const buf = Buffer.alloc(length);
        const fh = await open(path, 'r');
        try {
          await fh.read(buf, 0, length, start);
        } finally {
          await fh.close();
        }
        return buf.buffer.slice(buf.byteOffset, buf.byteOffset + length) as ArrayBuffer;
      },
    };
  }

  where(object: DataObject): string {
    return this.pathOf(object);
  }

  private pathOf(object: DataObject): string {
    return join(this.root, ...object.key.split('/'));
  }
}
