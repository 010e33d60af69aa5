import type { Vector } from './linalg.js';
import { argmax, checkRow, checkTrainingData, type Classifier } from './types.js';

export interface TreeOptions {
  /** Deepest split (default 8). */
  maxDepth?: number;
  /** Fewest rows in a leaf (default 2). */
  minLeaf?: number;
  classes?: number;
}

export interface TreeModel extends Classifier {
  readonly kind: 'tree';
  readonly leaves: number;
}

type Node = { leaf: Float64Array } | { feature: number; threshold: number; left: Node; right: Node };

/** A CART classification tree: binary splits chosen by Gini impurity; leaves give class frequencies. */
export function fitTree(rows: readonly Vector[], labels: readonly number[], options: TreeOptions = {}): TreeModel {
  const { d, k } = checkTrainingData(rows, labels, options.classes);
  const maxDepth = options.maxDepth ?? 8;
  const minLeaf = Math.max(1, options.minLeaf ?? 2);
  let leaves = 0;

  const counts = (idx: number[]): Float64Array => {
    const c = new Float64Array(k);
    for (const i of idx) c[labels[i]!] = c[labels[i]!]! + 1;
    return c;
  };
  const gini = (c: Float64Array, total: number): number => {
    let s = 0;
    for (let j = 0; j < k; j++) s += c[j]! * c[j]!;
    return total === 0 ? 0 : 1 - s / (total * total);
  };
  const leaf = (c: Float64Array, total: number): Node => {
    leaves++;
    return { leaf: c.map((v) => v / total) };
  };

  const grow = (idx: number[], depth: number): Node => {
    const all = counts(idx);
    const n = idx.length;
    const impurity = gini(all, n);
    if (depth >= maxDepth || n < 2 * minLeaf || impurity === 0) return leaf(all, n);
    let best = { gain: 1e-12, feature: -1, threshold: 0 };
    const left = new Float64Array(k);
    const right = new Float64Array(k);
    for (let f = 0; f < d; f++) {
      const sorted = [...idx].sort((a, b) => rows[a]![f]! - rows[b]![f]!);
      left.fill(0);
      right.set(all);
      for (let m = 0; m < n - 1; m++) {
        const y = labels[sorted[m]!]!;
        left[y] = left[y]! + 1;
        right[y] = right[y]! - 1;
        const here = rows[sorted[m]!]![f]!;
        const next = rows[sorted[m + 1]!]![f]!;
        if (here === next || m + 1 < minLeaf || n - m - 1 < minLeaf) continue;
        const gain = impurity - ((m + 1) * gini(left, m + 1) + (n - m - 1) * gini(right, n - m - 1)) / n;
        if (gain > best.gain) best = { gain, feature: f, threshold: (here + next) / 2 };
      }
    }
    if (best.feature < 0) return leaf(all, n);
    const l: number[] = [];
    const r: number[] = [];
    for (const i of idx) (rows[i]![best.feature]! <= best.threshold ? l : r).push(i);
    return { feature: best.feature, threshold: best.threshold, left: grow(l, depth + 1), right: grow(r, depth + 1) };
  };

  const root = grow(
    Array.from({ length: rows.length }, (_, i) => i),
    0,
  );
  const predictRow = (row: Vector, out = new Float64Array(k)): Float64Array => {
    checkRow(row, d);
    let node = root;
    while (!('leaf' in node)) node = row[node.feature]! <= node.threshold ? node.left : node.right;
    out.set(node.leaf);
    return out;
  };
  return {
    kind: 'tree',
    classes: k,
    features: d,
    leaves,
    predictRow,
    predictProba: (rs) => rs.map((r) => Array.from(predictRow(r))),
    predict: (rs) => rs.map((r) => argmax(predictRow(r))),
  };
}
