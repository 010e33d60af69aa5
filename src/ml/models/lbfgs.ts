/**
 * Limited-memory BFGS (Nocedal & Wright, "Numerical Optimization", algorithm 7.4) with a
 * backtracking line search on the Armijo condition. Enough for the smooth, convex objectives of
 * our models (regularized logistic regression); not a general-purpose optimizer.
 */

/** Returns the objective at x and writes its gradient into `gradient`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  /** Most iterations (default 500). */
  maxIterations?: number;
  /** Stop when the largest gradient component is below this (default 1e-6). */
  gradientTolerance?: number;
  /** Stop when the objective improves by less than this, relatively (default 1e-12). */
  valueTolerance?: number;
  /** Pairs of correction vectors kept (default 10). */
  memory?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

export function minimize(objective: Objective, start: Float64Array, options: MinimizeOptions = {}): MinimizeResult {
  const maxIterations = options.maxIterations ?? 500;
  const gradientTolerance = options.gradientTolerance ?? 1e-6;
  const valueTolerance = options.valueTolerance ?? 1e-12;
  const memory = options.memory ?? 10;
  const n = start.length;

  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let f = objective(x, g);
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rhoHistory: number[] = [];
  const direction = new Float64Array(n);
  const alphas = new Float64Array(memory);
  let xNext = new Float64Array(n);
  let gNext = new Float64Array(n);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (maxAbs(g) < gradientTolerance) return { x, value: f, iterations: iteration - 1, converged: true };

    // Two-loop recursion: direction = -H g.
    for (let i = 0; i < n; i++) direction[i] = -g[i]!;
    const k = sHistory.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = rhoHistory[j]! * dotArrays(sHistory[j]!, direction);
      alphas[j] = a;
      axpy(-a, yHistory[j]!, direction);
    }
    if (k > 0) {
      const last = k - 1;
      const gamma = dotArrays(sHistory[last]!, yHistory[last]!) / dotArrays(yHistory[last]!, yHistory[last]!);
      for (let i = 0; i < n; i++) direction[i] = direction[i]! * gamma;
    } else {
      // First step: a unit-length move along the steepest descent.
      const norm = Math.sqrt(dotArrays(g, g));
      for (let i = 0; i < n; i++) direction[i] = direction[i]! / norm;
    }
    for (let j = 0; j < k; j++) {
      const b = rhoHistory[j]! * dotArrays(yHistory[j]!, direction);
      axpy(alphas[j]! - b, sHistory[j]!, direction);
    }

    let slope = dotArrays(g, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sHistory.length = yHistory.length = rhoHistory.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i]!;
      slope = -dotArrays(g, g);
    }

    let step = 1;
    let fNext = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) xNext[i] = x[i]! + step * direction[i]!;
      fNext = objective(xNext, gNext);
      if (Number.isFinite(fNext) && fNext <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNext <= f)) return { x, value: f, iterations: iteration, converged: false };

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNext[i]! - x[i]!;
      y[i] = gNext[i]! - g[i]!;
    }
    const sy = dotArrays(s, y);
    // Keep only pairs with positive curvature, so H stays positive definite.
    if (sy > 1e-12 * Math.sqrt(dotArrays(y, y) * dotArrays(s, s))) {
      if (sHistory.length === memory) {
        sHistory.shift();
        yHistory.shift();
        rhoHistory.shift();
      }
      sHistory.push(s);
      yHistory.push(y);
      rhoHistory.push(1 / sy);
    }
    const improvement = f - fNext;
    [x, xNext] = [xNext, x];
    [g, gNext] = [gNext, g];
    f = fNext;
    if (improvement <= valueTolerance * Math.max(1, Math.abs(f))) {
      return { x, value: f, iterations: iteration, converged: maxAbs(g) < Math.sqrt(gradientTolerance) };
    }
  }
  return { x, value: f, iterations: maxIterations, converged: maxAbs(g) < gradientTolerance };
}

function dotArrays(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] = y[i]! + a * x[i]!;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
