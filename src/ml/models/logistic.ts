import { minimize } from './lbfgs.js';
import type { Vector } from './linalg.js';
import { fitStandardizer } from './standardizer.js';
import { argmax, checkRow, checkTrainingData, type Classifier } from './types.js';

export interface LogisticOptions {
  /**
   * L2 penalty on the weights (not the intercepts), applied to the mean log-loss over
   * standardized features. Default 1/n, which is scikit-learn's default C = 1.
   */
  l2?: number;
  /** Number of classes, when some class is missing from these rows (default: largest label + 1). */
  classes?: number;
  /** A weight per row (default 1). */
  sampleWeight?: readonly number[];
  /** L-BFGS iterations (default 500). */
  maxIterations?: number;
  /** Gradient tolerance (default 1e-6). */
  tolerance?: number;
}

/**
 * Multinomial (softmax) logistic regression. Coefficients are kept in the units of the raw
 * features — logit_k(x) = weights[k]·x + intercepts[k] — so the model is exactly the linear-softmax
 * function an equation-solving attacker assumes (Tramèr et al. 2016).
 */
export interface LogisticModel extends Classifier {
  readonly kind: 'logistic';
  readonly weights: Float64Array[];
  readonly intercepts: Float64Array;
  /** The K logits of one row. */
  logits(row: Vector, out?: Float64Array): Float64Array;
  /** Gradient of the probability of class `k` with respect to the raw input row. */
  inputGradient(row: Vector, k: number): Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

export function fitLogistic(rows: readonly Vector[], labels: readonly number[], options: LogisticOptions = {}): LogisticModel {
  const { d, k } = checkTrainingData(rows, labels, options.classes);
  const n = rows.length;
  const weightsOf = options.sampleWeight;
  if (weightsOf && weightsOf.length !== n) throw new RangeError(`${n} rows but ${weightsOf.length} sample weights`);
  const scaler = fitStandardizer(rows, weightsOf);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    for (let j = 0; j < d; j++) x[i * d + j] = (r[j]! - scaler.mean[j]!) / scaler.scale[j]!;
  }
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += weightsOf?.[i] ?? 1;
  const l2 = options.l2 ?? 1 / n;
  const stride = d + 1; // per class: d weights, then the intercept
  const z = new Float64Array(k);

  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const w = (weightsOf?.[i] ?? 1) / totalWeight;
      if (w === 0) continue;
      const base = i * d;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = theta[c * stride + d]!;
        const off = c * stride;
        for (let j = 0; j < d; j++) s += theta[off + j]! * x[base + j]!;
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(z[c]! - max);
      const logSum = max + Math.log(sum);
      const y = labels[i]!;
      loss += w * (logSum - z[y]!);
      for (let c = 0; c < k; c++) {
        const residual = w * (Math.exp(z[c]! - logSum) - (c === y ? 1 : 0));
        const off = c * stride;
        for (let j = 0; j < d; j++) grad[off + j] = grad[off + j]! + residual * x[base + j]!;
        grad[off + d] = grad[off + d]! + residual;
      }
    }
    for (let c = 0; c < k; c++) {
      const off = c * stride;
      for (let j = 0; j < d; j++) {
        const t = theta[off + j]!;
        loss += 0.5 * l2 * t * t;
        grad[off + j] = grad[off + j]! + l2 * t;
      }
    }
    return loss;
  };

  const result = minimize(objective, new Float64Array(k * stride), {
    maxIterations: options.maxIterations ?? 500,
    gradientTolerance: options.tolerance ?? 1e-6,
  });
  // Fold the standardization into the coefficients: w·(x-μ)/σ + b = (w/σ)·x + (b - Σ wμ/σ).
  const weights: Float64Array[] = [];
  const intercepts = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const off = c * stride;
    const w = new Float64Array(d);
    let b = result.x[off + d]!;
    for (let j = 0; j < d; j++) {
      w[j] = result.x[off + j]! / scaler.scale[j]!;
      b -= w[j]! * scaler.mean[j]!;
    }
    weights.push(w);
    intercepts[c] = b;
  }
  return logisticFromCoefficients(weights, intercepts, { iterations: result.iterations, converged: result.converged });
}

/** A logistic model from known coefficients (a surrogate solved by an attacker, a stored model). */
export function logisticFromCoefficients(
  weights: readonly Float64Array[],
  intercepts: Float64Array,
  fitInfo: { iterations: number; converged: boolean } = { iterations: 0, converged: true },
): LogisticModel {
  const k = weights.length;
  const d = weights[0]!.length;
  const logits = (row: Vector, out = new Float64Array(k)): Float64Array => {
    for (let c = 0; c < k; c++) {
      const w = weights[c]!;
      let s = intercepts[c]!;
      for (let j = 0; j < d; j++) s += w[j]! * row[j]!;
      out[c] = s;
    }
    return out;
  };
  const predictRow = (row: Vector, out = new Float64Array(k)): Float64Array => {
    checkRow(row, d);
    softmaxInPlace(logits(row, out));
    return out;
  };
  return {
    kind: 'logistic',
    classes: k,
    features: d,
    weights: [...weights],
    intercepts,
    iterations: fitInfo.iterations,
    converged: fitInfo.converged,
    logits,
    predictRow,
    predictProba: (rows) => rows.map((r) => Array.from(predictRow(r))),
    predict: (rows) => rows.map((r) => argmax(predictRow(r))),
    inputGradient(row, target) {
      // ∂p_t/∂x = p_t (w_t − Σ_c p_c w_c)
      const p = predictRow(row);
      const g = new Float64Array(d);
      for (let c = 0; c < k; c++) {
        const f = (c === target ? p[target]! : 0) - p[target]! * p[c]!;
        const w = weights[c]!;
        for (let j = 0; j < d; j++) g[j] = g[j]! + f * w[j]!;
      }
      return g;
    },
  };
}

export function softmaxInPlace(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp(z[c]! - max);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < z.length; c++) z[c] = z[c]! / sum;
  return z;
}
