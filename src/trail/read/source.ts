import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** The bytes of a file, gunzipped when it starts with the gzip magic number (whatever its name). */
export async function openBytes(path: string, chunkBytes: number): Promise<{ chunks: AsyncIterable<Buffer>; gzip: boolean }> {
  const head = Buffer.alloc(2);
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, 2, 0);
  } finally {
    await fh.close();
  }
  const raw = createReadStream(path, { highWaterMark: chunkBytes });
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (!gzip) return { chunks: raw, gzip };
  const gunzip = createGunzip({ chunkSize: Math.min(chunkBytes, 1 << 20) });
  // Errors of either side surface in the consumer's for-await over `gunzip`.
  pipeline(raw, gunzip, () => {});
  return { chunks: gunzip, gzip };
}

/** A zlib failure in words: "unexpected end of file" means the .gz was cut short. */
export function gzipProblem(e: NodeJS.ErrnoException): string {
  if (e.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e.message)) return 'the gzip data ends early: the file is truncated';
  return `the gzip data is corrupt (${e.message})`;
}
