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
}

export const DEFAULT_LINE_MEMORY = 8;
export const DEFAULT_LINE_TOLERANCE = 1e-6;

/** The caller's recent rows, to find queries on a line through two of them. */
export class LineIndex {
  private readonly ring: RowRing;
  private readonly v: Float64Array;

  constructor(
    memory: number,
    width: number,
    private readonly tolerance = DEFAULT_LINE_TOLERANCE,
  ) {
    this.ring = new RowRing(memory, width);
    this.v = new Float64Array(width);
  }

  /** Whether x lies on the line through two distinct remembered rows (and differs from both); then remembers x. */
  add(x: Float64Array): boolean {
    const { data, count, width: d } = this.ring;
    const eps2 = this.tolerance * this.tolerance;
    const v = this.v;
    let found = false;
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
      }
    }
    this.ring.push(x);
    return found;
  }
}

export class LineSearchDetector implements CallerDetector {
  private readonly test: CountTest;
  private readonly lines: LineIndex;

  constructor(
    private readonly config: LineSearchConfig,
    width: number,
  ) {
    this.test = new CountTest(config.test);
    this.lines = new LineIndex(config.memory, width, config.tolerance);
  }

  observe(query: Query): SignalVerdict | undefined {
    return patternVerdict(this.test, this.config.test.rate, this.lines.add(query.x), "lie on the line through two of the caller's recent queries (a line search)");
  }
}
