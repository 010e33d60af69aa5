import { createRandom } from '../models/random.js';

// Isolation forest (Liu, Ting & Zhou, "Isolation Forest", ICDM 2008), written from the paper:
// each tree splits a random subsample on a random feature at a random value between the node's
// minimum and maximum until a row stands alone or the height limit ⌈log2 ψ⌉ is reached. Outliers
// are isolated in few splits, so the anomaly score s(x) = 2^(−E[h(x)] / c(ψ)) nears 1 for them
// and stays near or below 0.5 for ordinary rows. Seeded: the same data gives the same scores.

export interface IsolationForestOptions {
  trees?: number;
  /** Rows per tree (ψ, default 256). */
  sampleSize?: number;
  seed?: number;
}

/** Average path length of an unsuccessful search in a binary search tree of n rows: c(n). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  const harmonic = Math.log(n - 1) + 0.5772156649015329;
  return 2 * harmonic - (2 * (n - 1)) / n;
}

/** Anomaly scores in (0, 1] for the n rows of a row-major n × p matrix. */
export function isolationForestScores(data: Float64Array, n: number, p: number, options: IsolationForestOptions = {}): Float64Array {
  const trees = options.trees ?? 100;
  const psi = Math.min(options.sampleSize ?? 256, n);
  const limit = Math.ceil(Math.log2(Math.max(psi, 2)));
  const random = createRandom(options.seed ?? 1);
  const pathSums = new Float64Array(n);
  const all = Array.from({ length: n }, (_, i) => i);

  for (let t = 0; t < trees; t++) {
    const sample = random.shuffle(all.slice()).slice(0, psi);
    // Flat arrays: feature (-1 for a leaf), split value, children, and a leaf's path length
    // (its depth plus c(size) for the rows the height limit left unseparated).
    const feature: number[] = [];
    const split: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const path: number[] = [];
    const grow = (rows: number[], depth: number): number => {
      const node = feature.length;
      feature.push(-1);
      split.push(0);
      left.push(-1);
      right.push(-1);
      path.push(depth + averagePathLength(rows.length));
      if (depth >= limit || rows.length <= 1) return node;
      // A random feature among those not constant in this node.
      const candidates: { q: number; min: number; max: number }[] = [];
      for (let q = 0; q < p; q++) {
        let min = Infinity;
        let max = -Infinity;
        for (const r of rows) {
          const v = data[r * p + q]!;
          if (v < min) min = v;
          if (v > max) max = v;
        }
        if (max > min) candidates.push({ q, min, max });
      }
      if (candidates.length === 0) return node;
      const { q, min, max } = candidates[random.int(candidates.length)]!;
      const value = min + random.next() * (max - min);
      const l: number[] = [];
      const r: number[] = [];
      for (const row of rows) (data[row * p + q]! < value ? l : r).push(row);
      feature[node] = q;
      split[node] = value;
      left[node] = grow(l, depth + 1);
      right[node] = grow(r, depth + 1);
      return node;
    };
    grow(sample, 0);
    for (let i = 0; i < n; i++) {
      let node = 0;
      while (feature[node] !== -1) node = data[i * p + feature[node]!]! < split[node]! ? left[node]! : right[node]!;
      pathSums[i] += path[node]!;
    }
  }
  const c = averagePathLength(psi);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = c > 0 ? Math.pow(2, -pathSums[i]! / trees / c) : 0.5;
  return scores;
}
