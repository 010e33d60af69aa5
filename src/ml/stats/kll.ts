// A KLL quantile sketch (Karnin, Lang and Liberty, "Optimal Quantile Approximation in Streams",
// FOCS 2016), in the lazy-compaction form SageMaker Model Monitor stores in statistics.json:
// `sketch.parameters {c, k}` and `sketch.data`, one array of items per level, level 0 first.
// An item at level h stands for 2^h values. Level h of H holds about k·c^(H-1-h) items (at least
// 2); when the sketch is full, the lowest full level is sorted and every other item, from a random
// offset, moves up a level with twice the weight. Total weight always equals the count.

export interface KllParameters {
  /** Capacity of the top level; accuracy grows with k (rank error about 1.7/k at c = 2/3). */
  k: number;
  /** How fast capacities shrink towards level 0. */
  c: number;
}

/** Model Monitor's defaults (`"parameters": {"c": 0.64, "k": 2048.0}`). */
export const MODEL_MONITOR_KLL: KllParameters = { k: 2048, c: 0.64 };

/** The JSON Model Monitor writes under `distribution.kll.sketch`. */
export interface KllSketchJson {
  parameters: { c: number; k: number };
  data: number[][];
}

const MIN_CAPACITY = 2;

export class KllSketch {
  readonly k: number;
  readonly c: number;
  private levels: number[][] = [[]];
  private held = 0;
  private total = 0;
  /** xorshift32 state: compaction offsets are random but reproducible. */
  private seed: number;

  constructor(parameters: KllParameters = MODEL_MONITOR_KLL, seed = 0x9e3779b9) {
    if (!(parameters.k >= MIN_CAPACITY) || !(parameters.c > 0 && parameters.c <= 1)) throw new RangeError(`KLL parameters need k >= 2 and 0 < c <= 1, got k=${parameters.k}, c=${parameters.c}`);
    this.k = Math.floor(parameters.k);
    this.c = parameters.c;
    this.seed = seed >>> 0 || 1;
  }

  /** Values summarised. */
  get count(): number {
    return this.total;
  }

  /** Items held (memory), across levels. */
  get size(): number {
    return this.held;
  }

  update(x: number): void {
    if (!Number.isFinite(x)) return;
    this.levels[0]!.push(x);
    this.held++;
    this.total++;
    if (this.held >= this.capacityTotal()) this.compress();
  }

  /** Folds another sketch in (same parameters expected; ours win otherwise). */
  merge(other: KllSketch): void {
    other.levels.forEach((items, h) => {
      while (this.levels.length <= h) this.levels.push([]);
      this.levels[h]!.push(...items);
      this.held += items.length;
    });
    this.total += other.total;
    while (this.held >= this.capacityTotal()) {
      if (!this.compress()) break;
    }
  }

  /** Estimated number of values <= x. */
  rank(x: number): number {
    let r = 0;
    this.levels.forEach((items, h) => {
      const w = 2 ** h;
      for (const v of items) if (v <= x) r += w;
    });
    return r;
  }

  /** Estimated value at normalised rank q in [0, 1]. */
  quantile(q: number): number {
    const sorted = this.weightedItems();
    if (sorted.length === 0) return NaN;
    const target = Math.min(Math.max(q, 0), 1) * this.total;
    let cum = 0;
    for (const [v, w] of sorted) {
      cum += w;
      if (cum >= target) return v;
    }
    return sorted[sorted.length - 1]![0];
  }

  /** Items with their weights, sorted by value. */
  weightedItems(): [number, number][] {
    const out: [number, number][] = [];
    this.levels.forEach((items, h) => {
      const w = 2 ** h;
      for (const v of items) out.push([v, w]);
    });
    return out.sort((a, b) => a[0] - b[0]);
  }

  /**
   * Counts per equal-width bucket between min and max, as Model Monitor materialises them: bucket i
   * covers [min + (max-min)·i/n, min + (max-min)·(i+1)/n), the last one includes max.
   */
  buckets(min: number, max: number, n = 10): { lower_bound: number; upper_bound: number; count: number }[] {
    if (!(max > min)) return [{ lower_bound: min, upper_bound: max, count: this.total }];
    const bounds = Array.from({ length: n + 1 }, (_, i) => (i === n ? max : min + ((max - min) * i) / n));
    const counts = new Array<number>(n).fill(0);
    this.levels.forEach((items, h) => {
      const w = 2 ** h;
      for (const v of items) counts[bucketOf(bounds, v)]! += w;
    });
    return counts.map((count, i) => ({ lower_bound: bounds[i]!, upper_bound: bounds[i + 1]!, count }));
  }

  toJSON(): KllSketchJson {
    return { parameters: { c: this.c, k: this.k }, data: this.levels.map((l) => [...l]) };
  }

  /** A sketch read back from statistics.json, ready for rank queries and merging. */
  static fromJSON(json: KllSketchJson): KllSketch {
    const sketch = new KllSketch({ k: json.parameters.k, c: json.parameters.c });
    sketch.levels = json.data.map((l) => l.filter((v) => Number.isFinite(v)));
    if (sketch.levels.length === 0) sketch.levels = [[]];
    sketch.held = sketch.levels.reduce((s, l) => s + l.length, 0);
    sketch.total = sketch.levels.reduce((s, l, h) => s + l.length * 2 ** h, 0);
    return sketch;
  }

  private capacity(h: number): number {
    const depth = this.levels.length - h - 1;
    return Math.max(MIN_CAPACITY, Math.ceil(this.k * this.c ** depth));
  }

  private capacityTotal(): number {
    let s = 0;
    for (let h = 0; h < this.levels.length; h++) s += this.capacity(h);
    return s;
  }

  /** Compacts the lowest full level (lazily: one level per call). Returns false if none was full. */
  private compress(): boolean {
    for (let h = 0; h < this.levels.length; h++) {
      const items = this.levels[h]!;
      if (items.length < this.capacity(h)) continue;
      if (h + 1 === this.levels.length) this.levels.push([]);
      items.sort((a, b) => a - b);
      // An odd item out (the largest) stays at this level with its weight; the offset is random.
      const keep = items.length % 2 === 1 ? items.pop()! : undefined;
      const coin = this.nextBit();
      const up = this.levels[h + 1]!;
      for (let i = coin; i < items.length; i += 2) up.push(items[i]!);
      this.held -= items.length / 2;
      this.levels[h] = keep === undefined ? [] : [keep];
      return true;
    }
    return false;
  }

  private nextBit(): number {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed & 1;
  }
}

function bucketOf(bounds: number[], v: number): number {
  const n = bounds.length - 1;
  if (v <= bounds[0]!) return 0;
  if (v >= bounds[n]!) return n - 1;
  let lo = 0;
  let hi = n - 1;
  // The last bucket whose lower bound is <= v.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
