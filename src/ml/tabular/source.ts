import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../core/errors.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/** `1.5 GiB`, for messages about sizes. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** The first bytes of a file, to recognise it by content. */
export async function readHead(path: string, length = 8): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function isGzip(head: Uint8Array): boolean {
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** Refuses a file over the size limit before reading any of it. */
export async function checkSize(path: string, maxBytes: number): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  if (!s) throw new InputError('no such file', path);
  if (!s.isFile()) throw new InputError('not a regular file', path);
  if (s.size > maxBytes) {
    throw new InputError(`the file is ${formatBytes(s.size)}, over the ${formatBytes(maxBytes)} limit (raise it with --max-bytes, or audit a sample)`, path);
  }
  return s.size;
}

/**
 * The text of a file as a stream of chunks, never as one string: decoded as UTF-8 (a byte-order
 * mark is dropped), gunzipped when the file is gzip, and stopped with an error naming the file as
 * soon as the decompressed size passes the limit.
 */
export async function* textChunks(path: string, maxBytes: number): AsyncGenerator<string> {
  await checkSize(path, maxBytes);
  const gz = isGzip(await readHead(path, 2));
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const stream = gz ? file.pipe(createGunzip()) : file;
  if (gz) file.on('error', (e) => stream.destroy(e));
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw new InputError(`the decompressed data passes the ${formatBytes(maxBytes)} limit (raise it with --max-bytes)`, path);
      let text = decoder.write(chunk);
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(gz ? `not readable as gzip: ${(e as Error).message}` : `could not be read: ${code ?? (e as Error).message}`, path);
  } finally {
    stream.destroy();
    file.destroy();
  }
}
