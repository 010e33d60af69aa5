/**
 * Runs `start` for the items in order, keeping up to `window` of them in flight ahead of the
 * consumer, and yields each result in the original order. Reading the next files while the
 * current one is parsed hides the file system's latency; the window keeps memory bounded.
 */
export async function* readAhead<T, R>(items: readonly T[], start: (item: T) => Promise<R>, window = 8): AsyncGenerator<[T, R]> {
  const pending: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && pending.length < window) {
      const p = start(items[next++]!);
      // A failure ahead of the consumer is rethrown when its turn comes, not reported as unhandled.
      p.catch(() => undefined);
      pending.push(p);
    }
  };
  for (let i = 0; i < items.length; i++) {
    fill();
    const result = await pending.shift()!;
    yield [items[i]!, result];
  }
}
