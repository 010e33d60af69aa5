import { CountTest, type CountTestConfig } from '../count-test.js';
import type { CallerDetector, Query, SignalVerdict } from '../types.js';
import { pct } from './out-of-range.js';

/**
 * Share of a caller's queries that differ from one of its recent queries in exactly one
 * feature: line searches along a feature (Lowd & Meek's reverse engineering, boundary walking,
 * sensitivity probing) make such pairs; natural inputs almost never do. Each query hashes its
 * row once per feature with that feature left out; a match with a remembered hash is a
 * candidate pair, confirmed by comparing the rows.
 */
export interface OneFeaturePairsConfig {
  /** Recent queries remembered per caller (a ring). */
  memory: number;
  test: CountTestConfig;
}

/** The caller's recent rows, indexed by "all features but one", to find one-feature pairs. */
export class PairIndex {
  private readonly rows: Float64Array[] = [];
  /** Per ring slot, its masked hashes (to forget them when the slot is reused). */
  private readonly slotKeys: Float64Array[] = [];
  private readonly index = new Map<number, number>();
  private next = 0;
  private readonly prefix: Float64Array;
  private readonly suffix: Float64Array;

  constructor(
    private readonly memory: number,
    private readonly width: number,
  ) {
    this.prefix = new Float64Array(width + 1);
    this.suffix = new Float64Array(width + 1);
  }

  /** Whether x differs from a remembered row in exactly one feature; then remembers x. */
  add(x: Float64Array): boolean {
    const d = this.width;
    // prefix[j] hashes x[0..j), suffix[j] hashes x[j..d); the key for "all but j" mixes both and j.
    this.prefix[0] = 0x9e3779b9;
    for (let j = 0; j < d; j++) this.prefix[j + 1] = mix(this.prefix[j]!, x[j]!);
    this.suffix[d] = 0x85ebca6b;
    for (let j = d - 1; j >= 0; j--) this.suffix[j] = mix(this.suffix[j + 1]!, x[j]!);
    let paired = false;
    const keys = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const key = combine(this.prefix[j]!, this.suffix[j + 1]!, j);
      keys[j] = key;
      if (paired) continue;
      const slot = this.index.get(key);
      if (slot !== undefined && differsOnlyAt(this.rows[slot]!, x, j)) paired = true;
    }
    const slot = this.next;
    this.next = (this.next + 1) % this.memory;
    const old = this.slotKeys[slot];
    if (old) for (const key of old) if (this.index.get(key) === slot) this.index.delete(key);
    this.rows[slot] = Float64Array.from(x);
    this.slotKeys[slot] = keys;
    for (const key of keys) this.index.set(key, slot);
    return paired;
  }
}

export class OneFeaturePairsDetector implements CallerDetector {
  private readonly test: CountTest;
  private readonly pairs: PairIndex;

  constructor(
    private readonly config: OneFeaturePairsConfig,
    width: number,
  ) {
    this.test = new CountTest(config.test);
    this.pairs = new PairIndex(config.memory, width);
  }

  observe(query: Query): SignalVerdict | undefined {
    const tail = this.test.record(this.pairs.add(query.x));
    if (tail === undefined) return undefined;
    const { n, k } = this.test;
    return {
      value: k / n,
      threshold: this.config.test.rate,
      detail: `${k} of ${n} queries differ from an earlier query of the caller in exactly one feature; benign rate ${pct(this.config.test.rate)}, binomial tail ${tail.toExponential(1)}`,
    };
  }
}

function differsOnlyAt(a: Float64Array, b: Float64Array, j: number): boolean {
  if (a[j] === b[j]) return false;
  for (let i = 0; i < a.length; i++) if (i !== j && a[i] !== b[i]) return false;
  return true;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** Mixes a double's bits into a 32-bit running hash (murmur3-style finalizer steps). */
function mix(h: number, v: number): number {
  bits[0] = v === 0 ? 0 : v; // −0 and +0 are the same value
  let x = (h ^ words[0]!) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = (x ^ words[1]!) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A 52-bit key from two 32-bit hashes and the left-out position (collisions are confirmed away). */
function combine(a: number, b: number, j: number): number {
  const high = Math.imul(a ^ Math.imul(j + 1, 0x27d4eb2d), 0x165667b1) >>> 12; // 20 bits
  return high * 4294967296 + ((b ^ Math.imul(j + 1, 0x9e3779b1)) >>> 0);
}
