import { CountTest, patternVerdict, type CountTestConfig } from '../count-test.js';
import { GridCheck, recordedDigits, type FeaturePrecision } from '../precision.js';
import type { CallerDetector, ExtractionAlert, Query, SignalVerdict } from '../types.js';

/**
 * Inputs more precise than the data is recorded: a value between the points of a feature's
 * recorded grid (precision.ts) is one a query generator produces and a real source almost never
 * does. Almost: real data has one-off glitches (wine's one 9.899999 among two-decimal values), so a query
 * off the grid is a hit of a count test whose benign rate is the leave-one-out share of benign
 * rows off the grid — a caller is flagged for sending such values again and again, never for
 * replaying one odd real row. An attacker who rounds to the grid is not seen by this signal; the
 * others still watch it.
 */
export interface PrecisionConfig {
  /** Numeric features with a recorded grid. */
  features: FeaturePrecision[];
  test: CountTestConfig;
}

export class PrecisionDetector implements CallerDetector {
  private readonly test: CountTest;
  private readonly grids: GridCheck;
  constructor(private readonly config: PrecisionConfig) {
    this.test = new CountTest(config.test);
    this.grids = gridCheckOf(config.features);
  }

  observe(query: Query): SignalVerdict | undefined {
    const i = this.grids.offGridFeature(query.x);
    const verdict = patternVerdict(this.test, this.config.test.rate, i >= 0, 'carry values finer than the training data records');
    if (!verdict) return undefined;
    // The query that fired is off the grid: say where.
    const p = this.config.features[i]!;
    const value = query.x[p.position]!;
    const { decimals, digits } = recordedDigits(value);
    return {
      ...verdict,
      detail: `${verdict.detail}; this one sets "${p.name}" to ${value} (${plural(decimals, 'decimal')}, ${digits} significant digits), recorded to at most ${plural(p.decimals, 'decimal')} or ${p.digits} significant digits: generated, not measured`,
    };
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One GridCheck per config, shared by every caller's detector. */
const GRID_CHECKS = new WeakMap<readonly FeaturePrecision[], GridCheck>();
function gridCheckOf(features: readonly FeaturePrecision[]): GridCheck {
  let check = GRID_CHECKS.get(features);
  if (!check) GRID_CHECKS.set(features, (check = new GridCheck(features)));
  return check;
}

/**
 * When most callers send values off the grid, the training data was rounded on export, not the
 * callers generating queries: the signal says nothing there. Returns why, when the precision
 * alerts of `alerts` should be set aside (at least three callers, more than half of them flagged).
 */
export function precisionContradicted(alerts: readonly ExtractionAlert[], callers: number): string | undefined {
  const flagged = new Set(alerts.filter((a) => a.signal === 'precision').map((a) => a.caller)).size;
  if (callers < 3 || flagged * 2 <= callers) return undefined;
  return `${flagged} of ${callers} callers send values more precise than the training data records: the baseline was probably rounded when it was exported, so the precision signal's alerts are set aside; write the baseline from data at the precision clients send`;
}
