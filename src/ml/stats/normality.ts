/**
 * The Shapiro–Wilk test of normality, by Royston's algorithm: coefficients from the normal order
 * statistics with Royston's polynomial corrections, W, and its p-value from Royston's normalizing
 * transformations (Royston 1992, "Approximating the Shapiro–Wilk W-test for non-normality",
 * Statistics and Computing 2; Royston 1995, "Remark AS R94", Applied Statistics 44(4):547–551).
 * Valid for 3 ≤ n ≤ 5000, as the remark states. Our own implementation from the published
 * formulas; the normal distribution functions it needs are below.
 */

export interface ShapiroWilkResult {
  /** The statistic W, in (0, 1]; small values mean non-normal. */
  w: number;
  /** The p-value (exact for n = 3, Royston's approximation otherwise; adequate below about 0.1). */
  p: number;
  n: number;
}

export const SHAPIRO_WILK_MIN_N = 3;
export const SHAPIRO_WILK_MAX_N = 5000;

// Royston's polynomials in u = 1/√n for the two largest coefficients (R94, "c1" and "c2").
const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
// Mean and log standard deviation of −log(γ − log(1 − W)) for 4 ≤ n ≤ 11, polynomials in n.
const SMALL_GAMMA = [-2.273, 0.459];
const SMALL_MEAN = [0.544, -0.39978, 0.025054, -6.714e-4];
const SMALL_LOG_SD = [1.3822, -0.77857, 0.062767, -0.0020322];
// Mean and log standard deviation of log(1 − W) for n ≥ 12, polynomials in log n.
const LARGE_MEAN = [-1.5861, -0.31082, -0.083751, 0.0038915];
const LARGE_LOG_SD = [-0.4803, -0.082676, 0.0030302];

/** Coefficients depend on n only; detectors test many samples of the same few sizes. */
const coefficientCache = new Map<number, Float64Array>();
const COEFFICIENT_CACHE_SIZE = 64;

/**
 * The Shapiro–Wilk coefficients a₁ … a_⌊n/2⌋ for the largest order statistics (the smallest get
 * the same values with the opposite sign).
 */
export function shapiroWilkCoefficients(n: number): Float64Array {
  checkSize(n);
  const cached = coefficientCache.get(n);
  if (cached) return cached;
  const half = Math.floor(n / 2);
  const a = new Float64Array(half);
  if (n === 3) {
    a[0] = Math.SQRT1_2;
  } else {
    // m_i: expected normal order statistics, by Blom's approximation; only the upper half is needed.
    const m = new Float64Array(half);
    let sumSquares = 0;
    for (let i = 0; i < half; i++) {
      m[i] = normalQuantile((n - i - 0.375) / (n + 0.25));
      sumSquares += 2 * m[i]! * m[i]!;
    }
    const root = Math.sqrt(sumSquares);
    const u = 1 / Math.sqrt(n);
    a[0] = m[0]! / root + polynomial(C1, u);
    let first = 1;
    let numerator = sumSquares - 2 * m[0]! * m[0]!;
    let denominator = 1 - 2 * a[0]! * a[0]!;
    if (n > 5) {
      a[1] = m[1]! / root + polynomial(C2, u);
      first = 2;
      numerator -= 2 * m[1]! * m[1]!;
      denominator -= 2 * a[1]! * a[1]!;
    }
    const scale = Math.sqrt(numerator / denominator);
    for (let i = first; i < half; i++) a[i] = m[i]! / scale;
  }
  if (coefficientCache.size >= COEFFICIENT_CACHE_SIZE) coefficientCache.delete(coefficientCache.keys().next().value!);
  coefficientCache.set(n, a);
  return a;
}

/**
 * Shapiro–Wilk test of the sample. Throws a RangeError for fewer than 3 or more than 5000 values,
 * non-finite values, or a sample whose values are all equal (W is undefined).
 * Pass `sorted: true` when the values are already in increasing order to skip the sort.
 */
export function shapiroWilk(values: ArrayLike<number>, options: { sorted?: boolean } = {}): ShapiroWilkResult {
  const n = values.length;
  checkSize(n);
  const x = Float64Array.from(values);
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i])) throw new RangeError(`value ${i + 1} is not a finite number`);
  if (!options.sorted) x.sort();
  const range = x[n - 1]! - x[0]!;
  if (!(range > 0)) throw new RangeError('all values are equal: W is undefined');

  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) sumSquares += (x[i]! - mean) ** 2;
  const a = shapiroWilkCoefficients(n);
  let linear = 0;
  for (let i = 0; i < a.length; i++) linear += a[i]! * (x[n - 1 - i]! - x[i]!);
  const w = Math.min(1, (linear * linear) / sumSquares);
  return { w, p: shapiroWilkPValue(w, n), n };
}

/** The p-value of W for a sample of n (Royston 1992/1995). */
export function shapiroWilkPValue(w: number, n: number): number {
  checkSize(n);
  if (n === 3) {
    // Exact: W for n = 3 has the distribution (3/π)·… whose tail is (6/π)(asin √W − asin √¾).
    return Math.min(1, Math.max(0, (6 / Math.PI) * (Math.asin(Math.sqrt(w)) - Math.PI / 3)));
  }
  const logOneMinusW = Math.log(1 - w);
  if (n <= 11) {
    const gamma = polynomial(SMALL_GAMMA, n);
    // Beyond γ the transformation is undefined: W is so small the p-value is essentially zero.
    if (logOneMinusW >= gamma) return 1e-99;
    const y = -Math.log(gamma - logOneMinusW);
    return normalUpperTail((y - polynomial(SMALL_MEAN, n)) / Math.exp(polynomial(SMALL_LOG_SD, n)));
  }
  const logN = Math.log(n);
  return normalUpperTail((logOneMinusW - polynomial(LARGE_MEAN, logN)) / Math.exp(polynomial(LARGE_LOG_SD, logN)));
}

function checkSize(n: number): void {
  if (!Number.isInteger(n) || n < SHAPIRO_WILK_MIN_N || n > SHAPIRO_WILK_MAX_N) {
    throw new RangeError(`the Shapiro–Wilk test needs between ${SHAPIRO_WILK_MIN_N} and ${SHAPIRO_WILK_MAX_N} values, got ${n}`);
  }
}

/** c[0] + c[1]x + c[2]x² + … by Horner's rule. */
function polynomial(c: readonly number[], x: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + c[i]!;
  return s;
}

// ---------------------------------------------------------------------------------------------
// The standard normal distribution, to double precision.

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * erfc(x) for x ≥ 0: the Taylor series of erf (all terms positive, so no cancellation) below
 * 0.75, where 1 − erf loses no digits, and the continued fraction of erfc, evaluated by Lentz's
 * method, above (it needs a few hundred terms near 0.75, a dozen beyond 5).
 */
function erfcNonNegative(x: number): number {
  if (x < 0.75) {
    // erf(x) = (2/√π) e^{−x²} Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1))
    let term = x;
    let sum = x;
    for (let k = 1; k < 200; k++) {
      term *= (2 * x * x) / (2 * k + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - ((2 / SQRT_PI) * Math.exp(-x * x) * sum);
  }
  // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 2000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** P(Z > z) for a standard normal Z, accurate in the far tails. */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const t = Math.abs(z) / Math.SQRT2;
  const upper = 0.5 * erfcNonNegative(t);
  return z >= 0 ? upper : 1 - upper;
}

/** P(Z ≤ z). */
export function normalCdf(z: number): number {
  return normalUpperTail(-z);
}

/**
 * The standard normal quantile: Acklam's rational approximation (relative error below 1.2e-9)
 * refined by one Halley step on our accurate distribution function.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = rational(TAIL_NUM, TAIL_DEN, q);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = (q * polynomialHigh(CENTRAL_NUM, r)) / (polynomialHigh(CENTRAL_DEN, r) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -rational(TAIL_NUM, TAIL_DEN, q);
  }
  // Halley: e = Φ(x) − p, u = e √(2π) e^{x²/2}, x ← x − u / (1 + x u / 2). Work in the smaller tail.
  const e = p < 0.5 ? normalCdf(x) - p : -(normalUpperTail(x) - (1 - p));
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

// Acklam's coefficients, highest power first.
const CENTRAL_NUM = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const CENTRAL_DEN = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const TAIL_NUM = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const TAIL_DEN = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function polynomialHigh(c: readonly number[], x: number): number {
  let s = 0;
  for (const v of c) s = s * x + v;
  return s;
}

function rational(num: readonly number[], den: readonly number[], q: number): number {
  return polynomialHigh(num, q) / (polynomialHigh(den, q) * q + 1);
}
