import { symmetricEigen } from '../models/linalg.js';
import { toSparse, type SparseRows } from './sparse-softmax.js';

// The k nearest neighbours of every row among the other rows (Euclidean, on encoded features).
// Small data: exact, by brute force. Large data (where n²·d would take seconds): the rows are
// projected on their leading principal components and searched in a k-d tree, best bin first,
// comparing a bounded number of rows per query: approximate neighbours in O(n log n).

export interface Neighbours {
  n: number;
  k: number;
  /** Row-major n × k: the neighbours of row i, nearest first. */
  index: Int32Array;
  /** Their squared distances. */
  distance: Float64Array;
  /** How they were found, for reports: `exact` or `pca-<m>`. */
  method: string;
}

export interface NeighbourOptions {
  /** Brute force while n² · d stays under this many operations. */
  bruteForceWork?: number;
  /** Dimensions kept by the projection for large data. */
  dimensions?: number;
  /** Rows used to estimate the covariance for the projection. */
  covarianceSample?: number;
  /** Most rows compared per query in the tree search; beyond it the neighbours are approximate. */
  maxChecks?: number;
  /** Candidates per neighbour taken from the projection and re-ranked in the full space. */
  rerank?: number;
}

const DEFAULTS = { bruteForceWork: 4e8, dimensions: 12, covarianceSample: 8000, maxChecks: 128, rerank: 4 };

export function nearestNeighbours(X: Float64Array, n: number, d: number, k: number, options: NeighbourOptions = {}): Neighbours {
  const kk = Math.max(1, Math.min(k, n - 1));
  const o = { ...DEFAULTS, ...options };
  if (n * n * d <= o.bruteForceWork) return { ...bruteForce(X, n, d, kk), method: 'exact' };
  const m = Math.min(d, o.dimensions);
  if (d <= m) return { ...kdTreeSearch(X, n, m, kk, o.maxChecks), method: 'kd-tree' };
  // Candidates from the projection, re-ranked by their distance in the full space. Encoded rows
  // are mostly one-hot zeros, so both steps walk the non-zeros only.
  const sparse = toSparse(X, n, d);
  const candidates = Math.min(n - 1, kk * o.rerank);
  const found = kdTreeSearch(project(sparse, m, o.covarianceSample), n, m, candidates, o.maxChecks);
  return { ...rerank(sparse, found, kk), method: `pca-${m}` };
}

/** A bounded list of the k smallest distances seen, kept sorted by insertion. */
function insert(dist: Float64Array, idx: Int32Array, base: number, k: number, filled: number, s: number, j: number): number {
  let pos = filled < k ? filled++ : k - 1;
  while (pos > 0 && dist[base + pos - 1]! > s) {
    dist[base + pos] = dist[base + pos - 1]!;
    idx[base + pos] = idx[base + pos - 1]!;
    pos--;
  }
  dist[base + pos] = s;
  idx[base + pos] = j;
  return filled;
}

function bruteForce(X: Float64Array, n: number, d: number, k: number): Omit<Neighbours, 'method'> {
  const index = new Int32Array(n * k);
  const distance = new Float64Array(n * k).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    const xi = i * d;
    let filled = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const limit = filled === k ? distance[base + k - 1]! : Infinity;
      const xj = j * d;
      let s = 0;
      for (let t = 0; t < d && s < limit; t++) {
        const diff = X[xi + t]! - X[xj + t]!;
        s += diff * diff;
      }
      if (s < limit) filled = insert(distance, index, base, k, filled, s, j);
    }
  }
  return { n, k, index, distance };
}

/** The k nearest of each row's candidates, by distance in the full space: |a|² + |b|² − 2 a·b. */
function rerank(rows: SparseRows, found: Omit<Neighbours, 'method'>, k: number): Omit<Neighbours, 'method'> {
  const { n, k: kc } = found;
  const { start, cols, values, d } = rows;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let t = start[i]!; t < start[i + 1]!; t++) norms[i] += values[t]! * values[t]!;
  const index = new Int32Array(n * k);
  const distance = new Float64Array(n * k).fill(Infinity);
  const dense = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let t = start[i]!; t < start[i + 1]!; t++) dense[cols[t]!] = values[t]!;
    const base = i * k;
    let filled = 0;
    for (let a = 0; a < kc; a++) {
      if (found.distance[i * kc + a] === Infinity) break;
      const j = found.index[i * kc + a]!;
      let dot = 0;
      for (let t = start[j]!; t < start[j + 1]!; t++) dot += dense[cols[t]!]! * values[t]!;
      const s = Math.max(0, norms[i]! + norms[j]! - 2 * dot);
      if (filled < k || s < distance[base + k - 1]!) filled = insert(distance, index, base, k, filled, s, j);
    }
    for (let t = start[i]!; t < start[i + 1]!; t++) dense[cols[t]!] = 0;
  }
  return { n, k, index, distance };
}

/** Rows projected on the m leading principal components of (an even sample of) the data. */
export function project(rows: SparseRows, m: number, sampleSize: number): Float64Array {
  const { n, d, start, cols, values } = rows;
  const step = Math.max(1, Math.floor(n / sampleSize));
  // Covariance as E[x xᵀ] − μ μᵀ, accumulated over the non-zeros of the sampled rows.
  const mean = new Float64Array(d);
  const second = Array.from({ length: d }, () => new Float64Array(d));
  let count = 0;
  for (let i = 0; i < n; i += step, count++) {
    for (let a = start[i]!; a < start[i + 1]!; a++) {
      const ca = cols[a]!;
      const va = values[a]!;
      mean[ca] += va;
      const row = second[ca]!;
      for (let b = start[i]!; b < start[i + 1]!; b++) row[cols[b]!] += va * values[b]!;
    }
  }
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / count;
  const cov = second.map((row, a) => row.map((v, b) => v / count - mean[a]! * mean[b]!));
  const { vectors } = symmetricEigen(cov, 30);
  const basis = vectors.slice(0, m);
  const offsets = basis.map((v) => v.reduce((acc, x, j) => acc + x * mean[j]!, 0));
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < m; c++) {
      const v = basis[c]!;
      let s = -offsets[c]!;
      for (let t = start[i]!; t < start[i + 1]!; t++) s += values[t]! * v[cols[t]!]!;
      out[i * m + c] = s;
    }
  }
  return out;
}

const LEAF_SIZE = 16;

interface Tree {
  /** Row ids, arranged so each node covers a contiguous range. */
  perm: Int32Array;
  lo: number[];
  hi: number[];
  dim: number[];
  split: number[];
  left: number[];
  right: number[];
}

function kdTreeSearch(P: Float64Array, n: number, m: number, k: number, maxChecks: number): Omit<Neighbours, 'method'> {
  const tree: Tree = { perm: Int32Array.from({ length: n }, (_, i) => i), lo: [], hi: [], dim: [], split: [], left: [], right: [] };
  build(tree, P, m, 0, n);
  const index = new Int32Array(n * k);
  const distance = new Float64Array(n * k).fill(Infinity);
  const queue = new NodeQueue(tree.lo.length);
  for (let i = 0; i < n; i++) search(tree, P, m, k, i, index, distance, queue, maxChecks);
  return { n, k, index, distance };
}

/** A min-heap of tree nodes by a lower bound of their distance to the query. */
class NodeQueue {
  readonly bound: Float64Array;
  readonly node: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.bound = new Float64Array(capacity + 1);
    this.node = new Int32Array(capacity + 1);
  }
  push(bound: number, node: number): void {
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.bound[parent]! <= bound) break;
      this.bound[i] = this.bound[parent]!;
      this.node[i] = this.node[parent]!;
      i = parent;
    }
    this.bound[i] = bound;
    this.node[i] = node;
  }
  /** Removes the top; read it first from bound[0], node[0]. */
  pop(): void {
    const last = --this.size;
    const b = this.bound[last]!;
    const nd = this.node[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.bound[child + 1]! < this.bound[child]!) child++;
      if (this.bound[child]! >= b) break;
      this.bound[i] = this.bound[child]!;
      this.node[i] = this.node[child]!;
      i = child;
    }
    this.bound[i] = b;
    this.node[i] = nd;
  }
}

/**
 * Best-bin-first search (Beis & Lowe 1997): leaves in order of their distance bound, stopping
 * when no leaf can hold a closer row, or after maxChecks rows (then the result is approximate).
 */
function search(tree: Tree, P: Float64Array, m: number, k: number, q: number, index: Int32Array, distance: Float64Array, queue: NodeQueue, maxChecks: number): void {
  const base = q * k;
  let filled = 0;
  let checks = 0;
  queue.size = 0;
  queue.push(0, 0);
  while (queue.size > 0) {
    const bound = queue.bound[0]!;
    let node = queue.node[0]!;
    queue.pop();
    const worst = filled === k ? distance[base + k - 1]! : Infinity;
    if (bound > worst || checks >= maxChecks) break;
    // Descend to a leaf, queueing the far side of each split with its bound.
    while (tree.dim[node] !== -1) {
      const dim = tree.dim[node]!;
      const delta = P[q * m + dim]! - tree.split[node]!;
      const far = delta < 0 ? tree.right[node]! : tree.left[node]!;
      const farBound = Math.max(bound, delta * delta);
      if (farBound <= (filled === k ? distance[base + k - 1]! : Infinity)) queue.push(farBound, far);
      node = delta < 0 ? tree.left[node]! : tree.right[node]!;
    }
    for (let t = tree.lo[node]!; t < tree.hi[node]!; t++) {
      const j = tree.perm[t]!;
      if (j === q) continue;
      checks++;
      const limit = filled === k ? distance[base + k - 1]! : Infinity;
      let s = 0;
      for (let c = 0; c < m && s < limit; c++) {
        const diff = P[q * m + c]! - P[j * m + c]!;
        s += diff * diff;
      }
      if (s < limit) filled = insert(distance, index, base, k, filled, s, j);
    }
  }
}

function build(tree: Tree, P: Float64Array, m: number, lo: number, hi: number): number {
  const node = tree.lo.length;
  tree.lo.push(lo);
  tree.hi.push(hi);
  tree.dim.push(-1);
  tree.split.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  if (hi - lo <= LEAF_SIZE) return node;
  // Split on the dimension of widest spread, at the median.
  let bestDim = 0;
  let bestSpread = -1;
  for (let c = 0; c < m; c++) {
    let min = Infinity;
    let max = -Infinity;
    for (let t = lo; t < hi; t++) {
      const v = P[tree.perm[t]! * m + c]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (max - min > bestSpread) {
      bestSpread = max - min;
      bestDim = c;
    }
  }
  if (bestSpread <= 0) return node;
  const ids = Array.from(tree.perm.subarray(lo, hi)).sort((a, b) => P[a * m + bestDim]! - P[b * m + bestDim]!);
  tree.perm.set(ids, lo);
  const mid = lo + ((hi - lo) >> 1);
  tree.dim[node] = bestDim;
  tree.split[node] = P[tree.perm[mid]! * m + bestDim]!;
  tree.left[node] = build(tree, P, m, lo, mid);
  tree.right[node] = build(tree, P, m, mid, hi);
  return node;
}
