import { CountTest, patternVerdict, type CountTestConfig } from '../count-test.js';
import { RowRing } from '../rows.js';
import type { CallerDetector, Query, QueryView, SignalVerdict } from '../types.js';

/**
 * Share of a caller's queries that step from one of its recent queries by the same amount in
 * every feature, up to sign, as another of its recent steps. Gradient-sign methods move an input
 * by x + ε·sign(∇) — Jacobian-based augmentation (Papernot et al. 2017), FGSM and its iterated
 * forms (Goodfellow et al. 2015; Kurakin et al. 2017) — so every such step changes each feature
 * by the same ε_j, whatever the gradient's signs. Two pairs of natural inputs differing by equal
 * amounts in three or more features happen essentially never (on coarsely rounded data they can,
 * and calibration counts them).
 *
 * Judged on the numeric features in the detectors' standardized space: categories are left out,
 * since a gradient's sign says nothing about which category to move to (and every change of
 * category has the same size, so categories would match by themselves). A quarter of the changed
 * features may differ (an attacker clamping steps at the edge of a feature's range shortens them);
 * at least three must agree. A repeated query (a retry) is neither a hit nor remembered.
 *
 * An attacker who rounds its queries to the data's recorded decimals makes its steps equal only
 * up to a recording unit (a step from a real row of finer precision rounds differently each
 * time). With `rounded`, steps are also compared within a unit per feature and counted by a count
 * test of their own, calibrated the same way.
 */
export interface EqualStepsConfig {
  /** Recent queries remembered per caller: each new one's steps are taken from them. */
  memory: number;
  /** Largest difference, in standard deviations, between two steps' sizes that counts as equal. */
  tolerance: number;
  /** Positions of the numeric (not one-hot) features in the encoded rows. */
  numeric: number[];
  test: CountTestConfig;
  /** Steps equal up to rounding: the allowed difference per numeric feature (standardized units), and its count test. */
  rounded?: { tolerances: Float64Array; test: CountTestConfig };
}

export const DEFAULT_STEP_MEMORY = 6;
export const DEFAULT_STEP_TOLERANCE = 1e-5;
/** Fewest features that must change, by equal amounts, in both steps. */
const MIN_EQUAL = 3;

/** The positions of an encoding's numeric (not one-hot) features. */
export function numericPositions(oneHot: Uint8Array): number[] {
  const out: number[] = [];
  oneHot.forEach((flag, j) => flag || out.push(j));
  return out;
}

/** The caller's recent rows (their numeric features) and the sizes of the steps between them. */
export class StepIndex {
  private readonly width: number;
  private readonly rows: RowRing;
  private readonly own: Float64Array;
  /** Step sizes |z − r|, the last `memory` queries' worth. */
  private readonly steps: RowRing;
  /** This query's steps, before they join `steps`. */
  private readonly fresh: Float64Array;
  private readonly changedOf: Int32Array;

  /** Whether the last row added matched a step up to rounding (or exactly); only judged with `roundedTolerances`. */
  rounded = false;
  /** Per feature, the larger of the exact tolerance and the rounded one. */
  private readonly loose: Float64Array | undefined;

  /** `numeric`: the positions of the numeric features in the rows given to `add`; `roundedTolerances` one per numeric feature. */
  constructor(
    memory: number,
    private readonly numeric: readonly number[],
    private readonly tolerance = DEFAULT_STEP_TOLERANCE,
    roundedTolerances?: Float64Array,
  ) {
    this.loose = roundedTolerances && roundedTolerances.map((t) => Math.max(tolerance, t));
    const width = numeric.length;
    this.width = width;
    this.own = new Float64Array(width);
    this.rows = new RowRing(memory, width);
    this.steps = new RowRing(memory * memory, width);
    this.fresh = new Float64Array(memory * width);
    this.changedOf = new Int32Array(memory);
  }

  /** Whether a step from a remembered row to z matches a remembered step; then remembers z and its steps. */
  add(row: Float64Array): boolean {
    const z = this.own;
    for (let j = 0; j < z.length; j++) z[j] = row[this.numeric[j]!]!;
    const { data, count } = this.rows;
    const d = this.width;
    const tol = this.tolerance;
    const fresh = this.fresh;
    let made = 0;
    for (let r = 0; r < count; r++) {
      const base = r * d;
      const at = made * d;
      let changed = 0;
      for (let j = 0; j < d; j++) {
        const s = Math.abs(z[j]! - data[base + j]!);
        fresh[at + j] = s;
        if (s > tol) changed++;
      }
      if (changed === 0) return false; // a retry
      if (changed < MIN_EQUAL) continue;
      this.changedOf[made++] = changed;
    }
    let found = false;
    this.rounded = false;
    for (let k = 0; k < made && !found; k++) found = this.matches(k * d, this.changedOf[k]!);
    this.rows.push(z);
    for (let k = 0; k < made; k++) this.steps.push(fresh.subarray(k * d, (k + 1) * d));
    return found;
  }

  /**
   * Whether the fresh step at `at` (with `changed` features changed) equals a remembered step;
   * sets `rounded` when one is equal up to rounding.
   */
  private matches(at: number, changed: number): boolean {
    const { data, count } = this.steps;
    const d = this.width;
    const tol = this.tolerance;
    // Once a rounded match is found, only an exact one is still of interest.
    const loose = this.rounded ? undefined : this.loose;
    const fresh = this.fresh;
    const allowed = Math.min(changed >> 2, changed - MIN_EQUAL);
    for (let s = 0; s < count; s++) {
      const base = s * d;
      // The looser comparison first when it is still open: steps that fail it (nearly all) fail the exact one too.
      if (loose) {
        let differLoose = 0;
        for (let j = 0; j < d && differLoose <= allowed; j++) if (Math.abs(fresh[at + j]! - data[base + j]!) > loose[j]!) differLoose++;
        if (differLoose > allowed) continue;
        this.rounded = true;
      }
      let differ = 0;
      for (let j = 0; j < d && differ <= allowed; j++) if (Math.abs(fresh[at + j]! - data[base + j]!) > tol) differ++;
      if (differ <= allowed) return true;
    }
    return false;
  }
}

export class EqualStepsDetector implements CallerDetector {
  private readonly test: CountTest;
  private readonly steps: StepIndex;

  private readonly roundedTest: CountTest | undefined;

  constructor(private readonly config: EqualStepsConfig) {
    this.test = new CountTest(config.test);
    this.roundedTest = config.rounded && new CountTest(config.rounded.test);
    this.steps = new StepIndex(config.memory, config.numeric, config.tolerance, config.rounded?.tolerances);
  }

  observe(_query: Query, view: QueryView): SignalVerdict | undefined {
    const exact = patternVerdict(this.test, this.config.test.rate, this.steps.add(view.z), "step from a recent query by the same amount in every feature as another of the caller's steps (gradient-sign steps)");
    const rounded =
      this.roundedTest &&
      patternVerdict(this.roundedTest, this.config.rounded!.test.rate, this.steps.rounded, "step from a recent query by the same amount in every feature, up to the data's rounding, as another of the caller's steps (gradient-sign steps rounded to the recorded decimals)");
    return exact ?? rounded;
  }
}
