import { createReadStream } from 'node:fs';

/** One line of a file: its text, or only its size when it was longer than the limit. */
export interface Line {
  /** 1-based. */
  line: number;
  text?: string;
  /** Bytes of a line that exceeded the limit; its text was never held in memory. */
  oversized?: number;
}

const NEWLINE = 0x0a;

/**
 * Streams a file line by line without ever holding more than `maxLineBytes` of one line: a longer
 * line is reported by its size and skipped, so a file without newlines cannot exhaust memory.
 */
export async function* readLines(path: string, maxLineBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let held = 0;
  let dropped = -1;
  let line = 1;

  const take = (): Line => {
    if (dropped >= 0) {
      const out = { line, oversized: dropped };
      dropped = -1;
      return out;
    }
    let text = parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts, held).toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    parts = [];
    held = 0;
    return { line, text };
  };

  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    while (start <= chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl === -1 ? chunk.length : nl;
      const size = end - start;
      if (dropped >= 0) dropped += size;
      else if (held + size > maxLineBytes) {
        dropped = held + size;
        parts = [];
        held = 0;
      } else if (size > 0) {
        parts.push(chunk.subarray(start, end));
        held += size;
      }
      if (nl === -1) break;
      yield take();
      line++;
      start = nl + 1;
    }
  }
  if (held > 0 || dropped >= 0) yield take();
}
