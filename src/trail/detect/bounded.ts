// Bounded state for stateful detections. A trail can hold millions of principals, IPs and keys;
// every structure here has a cap, evicts the least recently used entry when full, and counts what
// it evicted so a run can report that its memory was full (an evicted first-seen key may alert
// again as "new"; an evicted counter restarts from zero).

/** A Map capped at `max` entries, evicting the least recently used. */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  evicted = 0;
  constructor(readonly max: number) {
    if (!(max >= 1)) throw new Error(`LruMap needs a positive cap, got ${max}`);
  }
  get size(): number {
    return this.map.size;
  }
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      // Re-insert to mark it most recently used (Map keeps insertion order).
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  /** Reads without marking the entry used (for lookups that should not keep an entry alive). */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }
  has(key: K): boolean {
    return this.map.has(key);
  }
  set(key: K, value: V): void {
    if (this.map.has(key)) this.map.delete(key);
    else if (this.map.size >= this.max) {
      const oldest = this.map.keys().next().value as K;
      this.map.delete(oldest);
      this.evicted++;
    }
    this.map.set(key, value);
  }
  values(): IterableIterator<V> {
    return this.map.values();
  }
}

/**
 * First sightings of keys (principal × role, principal × IP), with a learning period: keys first
 * seen less than `baselineMs` after the start of the log are learned silently; after it, a key
 * never seen before is new. The start is the run's (`runStart`: the first record of the log, as
 * CloudTrail delivers files in time order), else the earliest time this tracker saw.
 */
export class FirstSeen {
  private readonly seen: LruMap<string, true>;
  private start = NaN;
  constructor(
    max: number,
    private readonly baselineMs: number,
    private readonly runStart?: () => number,
  ) {
    this.seen = new LruMap(max);
  }
  /** True when the key is new and the learning period is over. Records without a time never alert. */
  observe(key: string, timeMs: number): boolean {
    if (Number.isFinite(timeMs) && (Number.isNaN(this.start) || timeMs < this.start)) this.start = timeMs;
    if (this.seen.get(key)) return false;
    this.seen.set(key, true);
    if (!Number.isFinite(timeMs)) return false;
    const runStart = this.runStart?.();
    const start = runStart !== undefined && Number.isFinite(runStart) ? Math.min(runStart, this.start) : this.start;
    return timeMs >= start + this.baselineMs;
  }
  get evicted(): number {
    return this.seen.evicted;
  }
}

/**
 * At least `threshold` events within `windowMs`, per key: the last `threshold` event times are
 * kept in a ring, so memory per key is fixed and records slightly out of order still count.
 * After an alert a key stays quiet for one window, so one burst is one alert.
 */
export class BurstCounter {
  private readonly keys: LruMap<string, { times: Float64Array; next: number; filled: number; quietUntil: number }>;
  constructor(
    max: number,
    private readonly threshold: number,
    private readonly windowMs: number,
  ) {
    this.keys = new LruMap(max);
  }
  /** The burst's first and last times when this event completes one, else undefined. */
  add(key: string, timeMs: number): { first: number; last: number } | undefined {
    if (!Number.isFinite(timeMs)) return undefined;
    let s = this.keys.get(key);
    if (!s) {
      s = { times: new Float64Array(this.threshold), next: 0, filled: 0, quietUntil: -Infinity };
      this.keys.set(key, s);
    }
    s.times[s.next] = timeMs;
    s.next = (s.next + 1) % this.threshold;
    if (s.filled < this.threshold) s.filled++;
    if (s.filled < this.threshold || timeMs < s.quietUntil) return undefined;
    let first = Infinity;
    let last = -Infinity;
    for (const t of s.times) {
      if (t < first) first = t;
      if (t > last) last = t;
    }
    if (last - first > this.windowMs) return undefined;
    s.quietUntil = last + this.windowMs;
    return { first, last };
  }
  get evicted(): number {
    return this.keys.evicted;
  }
}

/**
 * Sums (event count and a quantity such as bytes) per key over a sliding window, kept as `slots`
 * sub-windows: memory per key is fixed and the window slides in steps of windowMs / slots.
 */
export class SlidingSum {
  private readonly keys: LruMap<string, { slot: Float64Array; count: Float64Array; amount: Float64Array; quietUntil: number }>;
  private readonly slotMs: number;
  constructor(
    max: number,
    private readonly windowMs: number,
    private readonly slots = 12,
  ) {
    this.keys = new LruMap(max);
    this.slotMs = windowMs / slots;
  }
  /** Adds one event; returns the window's totals. */
  add(key: string, timeMs: number, amount: number): { count: number; amount: number; quiet: boolean } {
    let s = this.keys.get(key);
    if (!s) {
      s = { slot: new Float64Array(this.slots).fill(-1), count: new Float64Array(this.slots), amount: new Float64Array(this.slots), quietUntil: -Infinity };
      this.keys.set(key, s);
    }
    const slot = Math.floor(timeMs / this.slotMs);
    const i = ((slot % this.slots) + this.slots) % this.slots;
    if (s.slot[i] !== slot) {
      // A slot from an older window is reused; one from a newer window means this event is too old to count.
      if (s.slot[i]! > slot) return { count: 0, amount: 0, quiet: true };
      s.slot[i] = slot;
      s.count[i] = 0;
      s.amount[i] = 0;
    }
    s.count[i]! += 1;
    s.amount[i]! += amount;
    let count = 0;
    let total = 0;
    for (let j = 0; j < this.slots; j++) {
      if (s.slot[j]! > slot - this.slots && s.slot[j]! <= slot) {
        count += s.count[j]!;
        total += s.amount[j]!;
      }
    }
    return { count, amount: total, quiet: timeMs < s.quietUntil };
  }
  /** After an alert: stay quiet for one window. */
  quiet(key: string, timeMs: number): void {
    const s = this.keys.get(key);
    if (s) s.quietUntil = timeMs + this.windowMs;
  }
  get evicted(): number {
    return this.keys.evicted;
  }
}
