import { minimize } from '../models/lbfgs.js';

// Multinomial logistic regression over sparse rows. Encoded tabular data is mostly one-hot zeros
// (the Adult census: 14 non-zeros in 100+ columns), so the objective walks only the non-zeros;
// that is what keeps five cross-validation fits of 26,000 rows within a second. The optimizer is
// the models package's L-BFGS; src/ml/models' dense logistic regression is the same model.

/** Compressed sparse rows: row i's values are values[start[i]..start[i+1]) at columns cols[…]. */
export interface SparseRows {
  n: number;
  d: number;
  start: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

/**
 * The non-zeros of a dense row-major matrix, for the rows listed (all rows by default), leaving
 * out the columns marked in `drop` (a model that must not see them).
 */
export function toSparse(X: Float64Array, n: number, d: number, rows?: ArrayLike<number>, drop?: Uint8Array): SparseRows {
  const take = rows ?? { length: n };
  const count = take.length;
  let nnz = 0;
  for (let r = 0; r < count; r++) {
    const base = (rows ? rows[r]! : r) * d;
    for (let j = 0; j < d; j++) if (X[base + j] !== 0 && !drop?.[j]) nnz++;
  }
  const start = new Int32Array(count + 1);
  const cols = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  for (let r = 0; r < count; r++) {
    const base = (rows ? rows[r]! : r) * d;
    for (let j = 0; j < d; j++) {
      const v = X[base + j]!;
      if (v !== 0 && !drop?.[j]) {
        cols[at] = j;
        values[at++] = v;
      }
    }
    start[r + 1] = at;
  }
  return { n: count, d, start, cols, values };
}

export interface SoftmaxOptions {
  /** L2 penalty on the weights (not the intercepts) added to the mean log-loss (default 1/n). */
  l2?: number;
  maxIterations?: number;
  tolerance?: number;
  /** Parameters to start from (a previous fold's): fewer iterations to converge. */
  start?: Float64Array;
}

export interface SoftmaxModel {
  k: number;
  d: number;
  /** Per class: d weights then the intercept. */
  theta: Float64Array;
  iterations: number;
}

export function fitSoftmax(rows: SparseRows, y: ArrayLike<number>, k: number, options: SoftmaxOptions = {}): SoftmaxModel {
  if (k === 2) return fitBinary(rows, y, options);
  const { n, d, start, cols, values } = rows;
  const stride = d + 1;
  const l2 = options.l2 ?? 1 / Math.max(n, 1);
  const z = new Float64Array(k);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    const w = 1 / n;
    for (let i = 0; i < n; i++) {
      const a = start[i]!;
      const b = start[i + 1]!;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        const off = c * stride;
        let s = theta[off + d]!;
        for (let t = a; t < b; t++) s += theta[off + cols[t]!]! * values[t]!;
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(z[c]! - max);
      const logSum = max + Math.log(sum);
      const yi = y[i]!;
      loss += w * (logSum - z[yi]!);
      for (let c = 0; c < k; c++) {
        const residual = w * (Math.exp(z[c]! - logSum) - (c === yi ? 1 : 0));
        const off = c * stride;
        for (let t = a; t < b; t++) grad[off + cols[t]!] += residual * values[t]!;
        grad[off + d] += residual;
      }
    }
    for (let c = 0; c < k; c++) {
      const off = c * stride;
      for (let j = 0; j < d; j++) {
        const t = theta[off + j]!;
        loss += 0.5 * l2 * t * t;
        grad[off + j] += l2 * t;
      }
    }
    return loss;
  };
  const result = minimize(objective, options.start ? Float64Array.from(options.start) : new Float64Array(k * stride), {
    maxIterations: options.maxIterations ?? 200,
    gradientTolerance: options.tolerance ?? 1e-5,
  });
  return { k, d, theta: result.x, iterations: result.iterations };
}

/**
 * Two classes: one weight vector w, p(1|x) = σ(w·x + b), three times cheaper than the softmax.
 * The softmax's penalty λ/2 (|w₀|² + |w₁|²) at its optimum w₁ = −w₀ = w/2 is λ/4 |w|², so the
 * same λ gives the same model; it is returned in softmax form (w₁ = w/2, w₀ = −w/2).
 */
function fitBinary(rows: SparseRows, y: ArrayLike<number>, options: SoftmaxOptions): SoftmaxModel {
  const { n, d, start, cols, values } = rows;
  const l2 = (options.l2 ?? 1 / Math.max(n, 1)) / 2;
  const objective = (w: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    const inv = 1 / n;
    for (let i = 0; i < n; i++) {
      const a = start[i]!;
      const b = start[i + 1]!;
      let s = w[d]!;
      for (let t = a; t < b; t++) s += w[cols[t]!]! * values[t]!;
      const yi = y[i]!;
      // log(1 + e^s) − y·s, computed without overflow.
      const e = Math.exp(-Math.abs(s));
      loss += inv * ((s > 0 ? s : 0) + Math.log1p(e) - yi * s);
      const p = s >= 0 ? 1 / (1 + e) : e / (1 + e);
      const residual = inv * (p - yi);
      for (let t = a; t < b; t++) grad[cols[t]!] += residual * values[t]!;
      grad[d] += residual;
    }
    for (let j = 0; j < d; j++) {
      const t = w[j]!;
      loss += 0.5 * l2 * t * t;
      grad[j] += l2 * t;
    }
    return loss;
  };
  const start0 = new Float64Array(d + 1);
  if (options.start) for (let j = 0; j <= d; j++) start0[j] = options.start[d + 1 + j]! - options.start[j]!;
  const result = minimize(objective, start0, { maxIterations: options.maxIterations ?? 200, gradientTolerance: options.tolerance ?? 1e-5 });
  const theta = new Float64Array(2 * (d + 1));
  for (let j = 0; j <= d; j++) {
    theta[j] = -result.x[j]! / 2;
    theta[d + 1 + j] = result.x[j]! / 2;
  }
  return { k: 2, d, theta, iterations: result.iterations };
}

/** Class probabilities of sparse row r, written into out (length k). */
export function predictSparseRow(model: SoftmaxModel, rows: SparseRows, r: number, out: Float64Array): Float64Array {
  const { k, d, theta } = model;
  const stride = d + 1;
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    const off = c * stride;
    let s = theta[off + d]!;
    for (let t = rows.start[r]!; t < rows.start[r + 1]!; t++) s += theta[off + rows.cols[t]!]! * rows.values[t]!;
    out[c] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < k; c++) out[c] = out[c]! / sum;
  return out;
}
