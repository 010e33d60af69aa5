import { describe, expect, it } from 'vitest';
import { readAhead } from '../../src/sources/read-ahead.js';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('readAhead', () => {
  it('yields every item in order even when later reads finish first', async () => {
    const items = [30, 5, 20, 1, 10, 0];
    const seen: number[] = [];
    for await (const [item, result] of readAhead(items, async (ms) => (await delay(ms), ms * 2), 3)) {
      expect(result).toBe(item * 2);
      seen.push(item);
    }
    expect(seen).toEqual(items);
  });

  it('never has more than the window in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const start = async (i: number) => {
      most = Math.max(most, ++inFlight);
      await delay(1);
      inFlight--;
      return i;
    };
    const out: number[] = [];
    for await (const [, r] of readAhead(Array.from({ length: 20 }, (_, i) => i), start, 4)) out.push(r);
    expect(out).toHaveLength(20);
    expect(most).toBe(4);
  });

  it('rethrows a failure at its own turn, after the items before it', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const [i] of readAhead([1, 2, 3], async (i) => (i === 3 ? Promise.reject(new Error('bad 3')) : i), 3)) seen.push(i);
    };
    await expect(run()).rejects.toThrow('bad 3');
    expect(seen).toEqual([1, 2]);
  });
});
