// Just enough dense linear algebra for covariance work: row-major p×p matrices in Float64Array.

export type Matrix = Float64Array;

/** Lower-triangular L with L·Lᵀ = A, for a symmetric positive-definite A (p×p). */
export function cholesky(a: Matrix, p: number): Matrix {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`matrix is not positive definite (pivot ${i} is ${s})`);
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j]!;
    }
  }
  return l;
}

/** y with L·y = b (forward substitution), into `y` when given (scoring loops reuse one buffer). */
export function solveLower(l: Matrix, p: number, b: ArrayLike<number>, y: Float64Array = new Float64Array(p)): Float64Array {
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * y[k]!;
    y[i] = s / l[i * p + i]!;
  }
  return y;
}

/** x with Lᵀ·x = y (back substitution). */
export function solveUpperTransposed(l: Matrix, p: number, y: ArrayLike<number>): Float64Array {
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!;
    x[i] = s / l[i * p + i]!;
  }
  return x;
}
