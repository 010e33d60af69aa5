import { describe as group, expect, it } from 'vitest';
import { BurstCounter, FirstSeen, LruMap, SlidingSum } from '../../../src/trail/detect/bounded.js';

const MIN = 60_000;
const DAY = 86_400_000;

group('bounded state', () => {
  it('LruMap evicts the least recently used entry and counts evictions', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    m.get('a'); // a is now the most recent
    m.set('c', 3);
    expect(m.has('a')).toBe(true);
    expect(m.has('b')).toBe(false);
    expect(m.size).toBe(2);
    expect(m.evicted).toBe(1);
  });

  it('FirstSeen learns during the baseline and reports new keys after it', () => {
    const f = new FirstSeen(100, DAY);
    const t0 = Date.parse('2024-09-02T00:00:00Z');
    expect(f.observe('alice role', t0)).toBe(false); // learning
    expect(f.observe('bob role', t0 + DAY - 1)).toBe(false); // still learning
    expect(f.observe('alice role', t0 + 2 * DAY)).toBe(false); // known
    expect(f.observe('mallory role', t0 + 2 * DAY)).toBe(true); // new after the learning period
    expect(f.observe('mallory role', t0 + 3 * DAY)).toBe(false); // reported once
    expect(f.observe('undated', NaN)).toBe(false);
  });

  it('FirstSeen anchors the learning period at the run start when given', () => {
    const t0 = Date.parse('2024-09-02T00:00:00Z');
    const f = new FirstSeen(100, DAY, () => t0);
    // The tracker's own first event is on day 3, but the log began on day 0.
    expect(f.observe('mallory role', t0 + 3 * DAY)).toBe(true);
  });

  it('FirstSeen with no learning period reports every first sighting; a full cap forgets the oldest', () => {
    const f = new FirstSeen(2, 0);
    expect(f.observe('a', 1)).toBe(true);
    expect(f.observe('b', 2)).toBe(true);
    expect(f.observe('c', 3)).toBe(true);
    expect(f.observe('a', 4)).toBe(true); // forgotten, so new again
    expect(f.evicted).toBe(2);
  });

  it('BurstCounter fires once per burst, only when the threshold falls within the window', () => {
    const b = new BurstCounter(10, 3, 10 * MIN);
    expect(b.add('p', 0)).toBeUndefined();
    expect(b.add('p', 11 * MIN)).toBeUndefined();
    expect(b.add('p', 12 * MIN)).toBeUndefined(); // 0, 11, 12: spread over 12 minutes
    expect(b.add('p', 13 * MIN)).toEqual({ first: 11 * MIN, last: 13 * MIN });
    expect(b.add('p', 14 * MIN)).toBeUndefined(); // quiet for one window after an alert
    expect(b.add('q', 14 * MIN)).toBeUndefined(); // keys are separate
    expect(b.add('p', 30 * MIN)).toBeUndefined();
    expect(b.add('p', 30 * MIN + 1)).toBeUndefined();
    expect(b.add('p', 30 * MIN + 2)).toEqual({ first: 30 * MIN, last: 30 * MIN + 2 });
  });

  it('BurstCounter counts records slightly out of order', () => {
    const b = new BurstCounter(10, 3, MIN);
    b.add('p', 30_000);
    b.add('p', 10_000);
    expect(b.add('p', 20_000)).toEqual({ first: 10_000, last: 30_000 });
  });

  it('SlidingSum sums counts and amounts over the window and forgets older slots', () => {
    const s = new SlidingSum(10, 60 * MIN, 12);
    expect(s.add('k', 0, 100)).toMatchObject({ count: 1, amount: 100 });
    expect(s.add('k', 30 * MIN, 50)).toMatchObject({ count: 2, amount: 150 });
    expect(s.add('k', 59 * MIN, 1)).toMatchObject({ count: 3, amount: 151 });
    // 65 minutes: the first slot (0-5 min) left the window.
    expect(s.add('k', 65 * MIN, 1)).toMatchObject({ count: 3, amount: 52 });
    expect(s.add('k', 200 * MIN, 7)).toMatchObject({ count: 1, amount: 7 });
    s.quiet('k', 200 * MIN);
    expect(s.add('k', 201 * MIN, 1).quiet).toBe(true);
    expect(s.add('k', 261 * MIN, 1).quiet).toBe(false);
  });
});
