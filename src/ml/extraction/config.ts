import type { CountTestConfig } from './count-test.js';
import type { CoverageConfig } from './detectors/coverage.js';
import type { EqualStepsConfig } from './detectors/equal-steps.js';
import type { LineSearchConfig } from './detectors/line-search.js';
import type { NearBoundaryConfig } from './detectors/near-boundary.js';
import type { OneFeaturePairsConfig } from './detectors/one-feature-pairs.js';
import type { OutOfRangeConfig } from './detectors/out-of-range.js';
import type { PradaConfig } from './detectors/prada.js';
import type { PrecisionConfig } from './detectors/precision.js';
import type { StatefulKnnConfig } from './detectors/stateful-knn.js';
import type { RateConfig, VolumeConfig } from './detectors/volume.js';
import type { FeatureEncoder } from './encoding.js';
import type { FeatureSpace } from './feature-space.js';

/** Everything the streaming detectors need, calibrated on benign data (see `calibrate`). */
export interface ExtractionConfig {
  encoder: FeatureEncoder;
  space: FeatureSpace;
  /** Class names in index order, to map a returned label to the class index PRADA groups by. */
  classNames: string[];
  /** A signal whose config is absent is off. */
  signals: {
    prada?: PradaConfig;
    statefulKnn?: StatefulKnnConfig;
    outOfRange?: OutOfRangeConfig;
    precision?: PrecisionConfig;
    oneFeaturePairs?: OneFeaturePairsConfig;
    lineSearch?: LineSearchConfig;
    equalSteps?: EqualStepsConfig;
    nearBoundary?: NearBoundaryConfig;
    coverage?: CoverageConfig;
    volume?: VolumeConfig;
    rate?: RateConfig;
  };
  /** How the thresholds were set, for the report. */
  calibration: CalibrationSummary;
}

export interface CalibrationSummary {
  baselineRows: number;
  calibrationRows: number;
  /** Thresholds that could not be calibrated and fell back to a default, and why. */
  notes: string[];
}

/** Defaults of the count tests and the caps on per-caller state; every one can be overridden. */
export interface CalibrationOptions {
  seed?: number;
  /** Benign streams replayed to count one-feature pairs (default: enough for ~50,000 queries, 20–200). */
  streams?: number;
  /** Longest calibration stream (default 500). */
  maxStreamLength?: number;
  /** Count tests: flag below this binomial tail probability (default 1e-5). */
  alpha?: number;
  /** Count tests: fewest hits that can flag (default 2). */
  minHits?: number;
  /** Count tests: floor on a calibrated benign rate (default 0.001). */
  minRate?: number;
  /**
   * Count tests of the query-pattern signals (one-feature pairs, line search, equal steps): floor
   * on their benign rate (default 1e-4). Each rate is measured over about 50,000 replayed benign
   * queries and taken at its 95% upper bound (three in that many when none is seen), so the data
   * itself vouches for rates down to about this.
   */
  minPatternRate?: number;
  /**
   * Out-of-range: chance that a benign caller is flagged on the tail model's word alone, over all
   * its queries (default 0.001, a tenth of the 1% benign budget); used only when held-out rows
   * confirm the model.
   */
  tailAlpha?: number;
  /** Out-of-range: the lowest severity level tested is the first whose benign share is within this (default 0.01). */
  rangeTargetRate?: number;
  /** Near-boundary: gap between the top two probabilities that counts as near (default 0.1). */
  nearBoundaryMargin?: number;
  /**
   * Stateful k-NN: neighbours (default 5), buffer per caller (default 128), benign quantile the
   * threshold sits at (default 0.005), capped at this fraction of the benign median (default 0.5).
   */
  knn?: { k?: number; buffer?: number; quantile?: number; medianFraction?: number };
  /** PRADA caps and schedule; `delta` overrides the calibrated threshold, `defaultDelta` is used when it cannot be calibrated. */
  prada?: Partial<PradaConfig> & { defaultDelta?: number };
  /** Coverage grid: principal axes (default 3), interior bins per axis (default 6), and z, the benign standard deviations allowed (default 4). */
  coverage?: { axes?: number; bins?: number; z?: number };
  /** One-feature pairs: recent queries remembered per caller (default 64). */
  oneFeaturePairsMemory?: number;
  /** Line search: recent queries remembered per caller (default 6) and the sine tolerance (default 1e-6). */
  lineSearch?: { memory?: number; tolerance?: number };
  /** Equal steps: recent queries remembered per caller (default 6) and the tolerance in standard deviations (default 1e-5). */
  equalSteps?: { memory?: number; tolerance?: number };
  /** Volume limit per caller (default 10,000 queries). */
  maxQueries?: number;
  /** Rate limit per caller (default 300 queries per 60 s). */
  rate?: RateConfig;
  /** Only these signals (default all). */
  signals?: readonly string[];
}

export function countTest(rate: number, options: CalibrationOptions, floor = options.minRate ?? 0.001): CountTestConfig {
  return { rate: Math.max(floor, rate), alpha: options.alpha ?? 1e-5, minHits: options.minHits ?? 2 };
}
