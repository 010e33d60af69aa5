import { CountTest, patternVerdict, type CountTestConfig } from '../count-test.js';
import { RowRing } from '../rows.js';
import type { CallerDetector, Query, SignalVerdict } from '../types.js';

/**
 * Share of a caller's queries that lie on the line through two of its recent queries: bisection
 * between two inputs the model labels differently (Lowd & Meek's boundary finding, the first step
 * of boundary walking) and repeated steps along one direction make such triples; three natural
 * inputs are collinear essentially never. One-feature pairs catch searches along an axis; this
 * catches searches along any direction, from the first bisection step.
 *
 * Collinearity is affine-invariant, so it is judged on the raw encoded inputs: x is on the line
 * through a and b when the angle between x − a and b − a is (numerically) 0 or π, i.e.
 * ‖u‖²‖v‖² − (u·v)² ≤ ε²‖u‖²‖v‖², with ε allowing for values printed with a few significant digits
 * — and so is the angle between x − b and a − b. Judged at one vertex only, a near copy of b (the
 * same row printed to fewer digits, as real datasets hold) would pass: its offset from b is tiny
 * next to b − a, whatever its direction; at b that direction is what is measured.
 *
 * An attacker who rounds its queries to the data's recorded decimals moves them off the exact
 * line by up to half a unit per feature, more than ε allows once the steps get small. With
 * `rounded`, a query is also judged on the line up to rounding — x = a + t(b − a) within half a
 * unit in every feature, for some t that makes it a copy of neither a nor b — and counted by a
 * count test of its own, whose benign rate is calibrated the same way (on coarsely recorded data,
 * natural rows meet the looser test more often).
 */
export interface LineSearchConfig {
  /**
   * Recent queries remembered per caller: each new one is tested against every pair of them. A walk
   * that draws natural rows until two labels differ can bisect from a row drawn several queries back.
   */
  memory: number;
  /** Largest sine of the angle that still counts as on the line. */
  tolerance: number;
  test: CountTestConfig;
  /** Lines up to rounding: half a recording unit per encoded position (0: exact), and its count test. */
  rounded?: { halfUnits: Float64Array; test: CountTestConfig };
}

export const DEFAULT_LINE_MEMORY = 8;
export const DEFAULT_LINE_TOLERANCE = 1e-6;

/** The caller's recent rows, to find queries on a line through two of them. */
export class LineIndex {
  private readonly ring: RowRing;
  private readonly v: Float64Array;

  /** Whether the last query added lay on a line up to rounding (or exactly); only judged with `halfUnits`. */
  rounded = false;

  constructor(
    memory: number,
    width: number,
    private readonly tolerance = DEFAULT_LINE_TOLERANCE,
    private readonly halfUnits?: Float64Array,
  ) {
    this.ring = new RowRing(memory, width);
    this.v = new Float64Array(width);
  }

  /** Whether x lies on the line through two distinct remembered rows (and differs from both); then remembers x. */
  add(x: Float64Array): boolean {
    const { data, count, width: d } = this.ring;
    const eps2 = this.tolerance * this.tolerance;
    const v = this.v;
    const h = this.halfUnits;
    let found = false;
    let rounded = false;
    for (let a = 0; a < count && !found; a++) {
      const ab = a * d;
      let vv = 0;
      for (let j = 0; j < d; j++) {
        v[j] = x[j]! - data[ab + j]!;
        vv += v[j]! * v[j]!;
      }
      if (vv === 0) continue; // x repeats a: a retry, not a search
      for (let b = a + 1; b < count && !found; b++) {
        const bb = b * d;
        let uu = 0;
        let uv = 0;
        let ww = 0;
        let uw = 0;
        for (let j = 0; j < d; j++) {
          const t = data[bb + j]! - data[ab + j]!;
          uu += t * t;
          uv += t * v[j]!;
          const w = x[j]! - data[bb + j]!;
          ww += w * w;
          uw += t * w;
        }
        if (uu === 0 || ww === 0) continue;
        found = uu * vv - uv * uv <= eps2 * uu * vv && uu * ww - uw * uw <= eps2 * uu * ww;
        if (h && !rounded) rounded = found || onRoundedLine(data, ab, bb, x, h, d);
      }
    }
    this.ring.push(x);
    this.rounded = rounded || found;
    return found;
  }
}

/**
 * Whether x = a + t(b − a) up to |error_j| ≤ h_j in every coordinate for some t, with neither
 * t = 0 nor t = 1 possible (x would be a rounded copy of a or b). Each coordinate bounds t to an
 * interval; the line exists when they meet. Coordinates without a grid (h_j = 0) get the
 * doubles' own slack.
 */
function onRoundedLine(data: Float64Array, ab: number, bb: number, x: Float64Array, h: Float64Array, d: number): boolean {
  let lo = -Infinity;
  let hi = Infinity;
  for (let j = 0; j < d; j++) {
    const a = data[ab + j]!;
    const step = data[bb + j]! - a;
    const off = x[j]! - a;
    const slack = h[j]! || 1e-12 * (Math.abs(a) + Math.abs(x[j]!) + Math.abs(step));
    if (step === 0) {
      if (Math.abs(off) > slack) return false;
      continue;
    }
    const t1 = (off - slack) / step;
    const t2 = (off + slack) / step;
    if (t1 < t2) {
      if (t1 > lo) lo = t1;
      if (t2 < hi) hi = t2;
    } else {
      if (t2 > lo) lo = t2;
      if (t1 < hi) hi = t1;
    }
    if (lo > hi) return false;
  }
  return !(lo <= 0 && 0 <= hi) && !(lo <= 1 && 1 <= hi);
}

export class LineSearchDetector implements CallerDetector {
  private readonly test: CountTest;
  private readonly lines: LineIndex;

  private readonly roundedTest: CountTest | undefined;

  constructor(
    private readonly config: LineSearchConfig,
    width: number,
  ) {
    this.test = new CountTest(config.test);
    this.roundedTest = config.rounded && new CountTest(config.rounded.test);
    this.lines = new LineIndex(config.memory, width, config.tolerance, config.rounded?.halfUnits);
  }

  observe(query: Query): SignalVerdict | undefined {
    const exact = patternVerdict(this.test, this.config.test.rate, this.lines.add(query.x), "lie on the line through two of the caller's recent queries (a line search)");
    const rounded = this.roundedTest && patternVerdict(this.roundedTest, this.config.rounded!.test.rate, this.lines.rounded, "lie on the line through two of the caller's recent queries up to the data's rounding (a line search rounded to the recorded decimals)");
    return exact ?? rounded;
  }
}
