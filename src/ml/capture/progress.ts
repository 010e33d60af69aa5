/** Passes records through, calling `onCount` every `every` records and once at the end. */
export async function* withProgress<T>(records: AsyncIterable<T>, onCount: (count: number, done: boolean) => void, every = 10_000): AsyncGenerator<T> {
  let count = 0;
  for await (const r of records) {
    if (++count % every === 0) onCount(count, false);
    yield r;
  }
  onCount(count, true);
}

/** A progress line on a terminal's stderr (`reading 120000 records`), cleared when done; nothing elsewhere. */
export function terminalProgress(stream: NodeJS.WriteStream, what: string): ((count: number, done: boolean) => void) | undefined {
  if (!stream.isTTY) return undefined;
  return (count, done) => stream.write(done ? '\r\x1b[K' : `\r\x1b[K${what} ${count}`);
}
