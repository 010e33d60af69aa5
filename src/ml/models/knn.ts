import type { Vector } from './linalg.js';
import { fitStandardizer, standardize, type Standardizer } from './standardizer.js';
import { argmax, checkRow, checkTrainingData, type Classifier } from './types.js';

export interface KnnOptions {
  /** Neighbours that vote (default 5, at most the number of rows). */
  k?: number;
  /** Weight votes by 1/distance instead of equally (default false). */
  distanceWeighted?: boolean;
  /** Added to every class's votes before normalizing, so no probability is exactly 0 (default 0). */
  smoothing?: number;
  classes?: number;
}

export interface KnnModel extends Classifier {
  readonly kind: 'knn';
  readonly k: number;
}

/** k-nearest-neighbour classifier on standardized features (Euclidean distance). */
export function fitKnn(rows: readonly Vector[], labels: readonly number[], options: KnnOptions = {}): KnnModel {
  const { d, k: classes } = checkTrainingData(rows, labels, options.classes);
  const k = Math.max(1, Math.min(options.k ?? 5, rows.length));
  const scaler: Standardizer = fitStandardizer(rows);
  const n = rows.length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) data.set(standardize(scaler, rows[i]!), i * d);
  const y = Int32Array.from(labels);
  const smoothing = options.smoothing ?? 0;
  const query = new Float64Array(d);
  const bestDist = new Float64Array(k);
  const bestIndex = new Int32Array(k);

  const predictRow = (row: Vector, out = new Float64Array(classes)): Float64Array => {
    checkRow(row, d);
    standardize(scaler, row, query);
    // Keep the k nearest in an insertion-sorted buffer.
    let filled = 0;
    for (let i = 0; i < n; i++) {
      const base = i * d;
      const limit = filled === k ? bestDist[k - 1]! : Infinity;
      let s = 0;
      for (let j = 0; j < d && s < limit; j++) {
        const t = data[base + j]! - query[j]!;
        s += t * t;
      }
      if (s >= limit) continue;
      let pos = filled < k ? filled++ : k - 1;
      while (pos > 0 && bestDist[pos - 1]! > s) {
        bestDist[pos] = bestDist[pos - 1]!;
        bestIndex[pos] = bestIndex[pos - 1]!;
        pos--;
      }
      bestDist[pos] = s;
      bestIndex[pos] = i;
    }
    out.fill(smoothing);
    let total = smoothing * classes;
    for (let m = 0; m < filled; m++) {
      const w = options.distanceWeighted ? 1 / (Math.sqrt(bestDist[m]!) + 1e-9) : 1;
      out[y[bestIndex[m]!]!] = out[y[bestIndex[m]!]!]! + w;
      total += w;
    }
    for (let c = 0; c < classes; c++) out[c] = out[c]! / total;
    return out;
  };
  return {
    kind: 'knn',
    classes,
    features: d,
    k,
    predictRow,
    predictProba: (rs) => rs.map((r) => Array.from(predictRow(r))),
    predict: (rs) => rs.map((r) => argmax(predictRow(r))),
  };
}
