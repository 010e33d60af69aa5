/** The few dense linear-algebra routines the models and detectors need, on row arrays. */

export type Vector = ArrayLike<number>;

export function dot(a: Vector, b: Vector): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function squaredDistance(a: Vector, b: Vector): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return s;
}

/**
 * Least-squares solution of A x ≈ b by Householder QR with column pivoting; columns whose pivot
 * falls below `rankTolerance` × the largest are left at zero, so an under-determined or
 * rank-deficient system gets a basic solution instead of blowing up. Returns x and the rank.
 */
export function leastSquares(rows: readonly Vector[], b: Vector, rankTolerance = 1e-10): { x: Float64Array; rank: number } {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0]!.length;
  // Column-major copy: Householder works column by column.
  const a = Array.from({ length: n }, (_, j) => Float64Array.from(rows, (r) => r[j]!));
  const rhs = Float64Array.from(b);
  const perm = Array.from({ length: n }, (_, j) => j);
  const diagonal = new Float64Array(n);
  // Remaining norm of each column below the current row; recomputed, not downdated, for accuracy.
  const norms = new Float64Array(n);
  const steps = Math.min(m, n);
  let rank = 0;
  let first = 0;
  for (let k = 0; k < steps; k++) {
    for (let j = k; j < n; j++) {
      let s = 0;
      const c = a[j]!;
      for (let i = k; i < m; i++) s += c[i]! * c[i]!;
      norms[j] = s;
    }
    // Pivot: the remaining column with the largest remaining norm.
    let best = k;
    for (let j = k + 1; j < n; j++) if (norms[j]! > norms[best]!) best = j;
    if (best !== k) {
      [a[k], a[best]] = [a[best]!, a[k]!];
      [perm[k], perm[best]] = [perm[best]!, perm[k]!];
      [norms[k], norms[best]] = [norms[best]!, norms[k]!];
    }
    const col = a[k]!;
    let alpha = 0;
    for (let i = k; i < m; i++) alpha += col[i]! * col[i]!;
    alpha = Math.sqrt(alpha);
    if (k === 0) first = alpha;
    if (alpha <= rankTolerance * first || alpha === 0) break;
    rank++;
    if (col[k]! > 0) alpha = -alpha;
    // v = col[k:] - alpha e1, stored in place; R[k][k] = alpha.
    col[k] = col[k]! - alpha;
    let vv = 0;
    for (let i = k; i < m; i++) vv += col[i]! * col[i]!;
    const reflect = (target: Float64Array): void => {
      let s = 0;
      for (let i = k; i < m; i++) s += col[i]! * target[i]!;
      const f = (2 * s) / vv;
      for (let i = k; i < m; i++) target[i] = target[i]! - f * col[i]!;
    };
    for (let j = k + 1; j < n; j++) reflect(a[j]!);
    reflect(rhs);
    // The column now holds the reflector; R's diagonal is kept apart.
    diagonal[k] = alpha;
  }
  // Back substitution on the leading rank × rank triangle.
  const z = new Float64Array(n);
  for (let k = rank - 1; k >= 0; k--) {
    let s = rhs[k]!;
    for (let j = k + 1; j < rank; j++) s -= a[j]![k]! * z[j]!;
    z[k] = s / diagonal[k]!;
  }
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) x[perm[j]!] = z[j]!;
  return { x, rank };
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: eigenvalues in
 * decreasing order, each with its unit eigenvector. Accurate and simple; O(d³) per sweep, fine
 * for the tens to low hundreds of features of tabular data.
 */
export function symmetricEigen(matrix: readonly Vector[], maxSweeps = 60): { values: Float64Array; vectors: Float64Array[] } {
  const d = matrix.length;
  const a = matrix.map((r) => Float64Array.from(r));
  // v[i] is row i of the accumulated rotation; eigenvectors are its columns.
  const v = Array.from({ length: d }, (_, i) => {
    const row = new Float64Array(d);
    row[i] = 1;
    return row;
  });
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let total = 0;
    for (let p = 0; p < d; p++) {
      for (let q = 0; q < d; q++) {
        const x = a[p]![q]! * a[p]![q]!;
        total += x;
        if (p !== q) off += x;
      }
    }
    if (off <= 1e-30 * Math.max(total, 1e-300)) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        const app = a[p]![p]!;
        const aqq = a[q]![q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => a[j]![j]! - a[i]![i]!);
  return {
    values: Float64Array.from(order, (i) => a[i]![i]!),
    vectors: order.map((i) => Float64Array.from(v, (row) => row[i]!)),
  };
}

/**
 * The minimum-norm least-squares solution: for an under-determined system (fewer rows than
 * unknowns) the solution of smallest length, x = Aᵀ (A Aᵀ)⁺ b; otherwise `leastSquares`.
 */
export function minimumNormSolve(rows: readonly Vector[], b: Vector): Float64Array {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0]!.length;
  if (m >= n) return leastSquares(rows, b).x;
  const gram = rows.map((ri) => Float64Array.from(rows, (rj) => dot(ri, rj)));
  const y = leastSquares(gram, b).x;
  const x = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const r = rows[i]!;
    for (let j = 0; j < n; j++) x[j] = x[j]! + y[i]! * r[j]!;
  }
  return x;
}
