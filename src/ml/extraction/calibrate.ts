import { createRandom, type Random } from '../models/random.js';
import { binomialUpperTail, formatRate, type CountTestConfig } from './count-test.js';
import { countTest, type CalibrationOptions, type ExtractionConfig } from './config.js';
import { coverageGrid, type CoverageConfig } from './detectors/coverage.js';
import { topTwoGap } from './detectors/near-boundary.js';
import { DEFAULT_STEP_MEMORY, DEFAULT_STEP_TOLERANCE, numericPositions, StepIndex } from './detectors/equal-steps.js';
import { DEFAULT_LINE_MEMORY, DEFAULT_LINE_TOLERANCE, LineIndex } from './detectors/line-search.js';
import { PairIndex } from './detectors/one-feature-pairs.js';
import { crossFittedDistances, fitClassDistance, type ClassDistance } from './class-distance.js';
import { exceedance, fitTails, leaveOneOutExceedance, tailPValue, withDistanceTail, type OutOfRangeConfig, type TailModel } from './detectors/out-of-range.js';
import { PradaState, type PradaConfig } from './detectors/prada.js';
import { bucketOf, meanKnnDistance, type StatefulKnnConfig } from './detectors/stateful-knn.js';
import { halfUnits, learnPrecision } from './precision.js';
import { RowRing } from './rows.js';
import type { FeatureEncoder } from './encoding.js';
import { fitFeatureSpace, type FeatureSpace } from './feature-space.js';
import { SIGNALS, type SignalName } from './types.js';

export interface CalibrationInput {
  encoder: FeatureEncoder;
  /** Encoded baseline (training) rows: they define the feature space and its ranges. */
  baseline: readonly Float64Array[];
  /** Encoded benign rows held out from the baseline. */
  calibration: readonly Float64Array[];
  /** The model's class probabilities on the calibration rows (near-boundary's benign rate). */
  calibrationProbs?: readonly Float64Array[];
  /** The predicted (or labelled) class of each baseline and calibration row: PRADA's groups. */
  baselineClasses?: readonly number[];
  calibrationClasses?: readonly number[];
  classNames?: string[];
}

const RANGE_MARGINS = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 1];

/** Benign rows as the detectors see them, with their class for PRADA. */
interface BenignRows {
  x: readonly Float64Array[];
  z: Float64Array[];
  scores: Float64Array[];
  classes: readonly number[];
}

/**
 * Sets every detector's threshold on benign data only — the baseline rows and the calibration
 * rows held out from it — never on attack traffic. Benign callers are emulated by streams that
 * replay the benign rows in random orders. Where a rate measured on the same rows that set a
 * threshold would be optimistic, it is measured on rows the threshold was not set on: the
 * out-of-range rate by leave-one-out over the baseline plus the calibration rows, the stateful
 * k-NN rate on each quarter of the rows with thresholds set on the other three, PRADA's δ from
 * two halves.
 */
export function calibrate(input: CalibrationInput, options: CalibrationOptions = {}): ExtractionConfig {
  const { encoder, baseline, calibration } = input;
  if (calibration.length < 2) throw new RangeError('calibration needs at least 2 benign rows held out from the baseline');
  const enabled = new Set<SignalName>((options.signals as SignalName[] | undefined) ?? SIGNALS);
  for (const s of enabled) if (!SIGNALS.includes(s)) throw new RangeError(`unknown signal "${s}"; expected one of: ${SIGNALS.join(', ')}`);
  const space = fitFeatureSpace(encoder, baseline);
  const notes: string[] = [];
  const view = (rows: readonly Float64Array[], classes: readonly number[] | undefined): BenignRows => {
    const z = rows.map((x) => space.standardize(x));
    return { x: rows, z, scores: z.map((v) => space.project(v)), classes: classes ?? rows.map(() => 0) };
  };
  const base = view(baseline, input.baselineClasses);
  const held = view(calibration, input.calibrationClasses ?? input.calibrationProbs?.map(argmaxOf));
  const benign: BenignRows = {
    x: [...base.x, ...held.x],
    z: [...base.z, ...held.z],
    scores: [...base.scores, ...held.scores],
    classes: [...base.classes, ...held.classes],
  };
  const random = createRandom(options.seed ?? 1);

  const config: ExtractionConfig = {
    encoder,
    space,
    classNames: input.classNames ?? [],
    signals: {},
    calibration: { baselineRows: baseline.length, calibrationRows: calibration.length, notes },
  };
  const s = config.signals;

  if (enabled.has('out-of-range')) {
    // Benign exceedances: baseline rows left out one at a time, and the calibration rows.
    const benignExceedance = [
      ...leaveOneOutExceedance([base.z, base.scores]),
      ...held.z.map((z, i) => exceedance(space, { z, scores: held.scores[i]! }, 0)),
    ];
    const target = options.rangeTargetRate ?? 0.01;
    const levels = RANGE_MARGINS.map((margin) => {
      const hits = benignExceedance.filter((e) => e > margin).length;
      return { margin, hits, test: countTest(laplace(hits, benignExceedance.length), options) };
    });
    // Levels from the first whose benign share is within the target; at least the widest.
    const first = levels.findIndex((l) => l.hits / benignExceedance.length <= target);
    s.outOfRange = { levels: levels.slice(first < 0 ? levels.length - 1 : first).map(({ margin, test }) => ({ margin, test })), tail: calibrateTail(benign, space.width, options, notes) };
  }

  // The grid the data is recorded on: the precision signal's, and the rounding line search and equal steps allow for.
  const precision = learnPrecision(encoder, benign.x);
  const units = precision.features.length ? halfUnits(encoder.width, precision.features) : undefined;
  // The rounded variants replay streams of their own, so the other signals' calibration draws stay as they were.
  const roundedRandom = createRandom((options.seed ?? 1) ^ 0x5eed);
  if (enabled.has('precision')) {
    if (precision.features.length) s.precision = { features: precision.features, test: countTest(laplace(precision.offGrid, benign.x.length), options) };
    else notes.push('precision: off, no numeric feature is recorded at a fixed precision');
  }

  if (enabled.has('near-boundary')) {
    if (input.calibrationProbs) {
      const margin = options.nearBoundaryMargin ?? 0.1;
      const hits = input.calibrationProbs.filter((p) => topTwoGap(p) < margin).length;
      s.nearBoundary = { margin, test: countTest(laplace(hits, input.calibrationProbs.length), options) };
    } else notes.push('near-boundary: off, no class probabilities for the calibration rows');
  }

  if (enabled.has('one-feature-pairs')) {
    const memory = options.oneFeaturePairsMemory ?? 64;
    s.oneFeaturePairs = { memory, test: patternTest(benign.x, options, random, () => new PairIndex(memory, encoder.width)) };
  }

  if (enabled.has('line-search')) {
    const memory = options.lineSearch?.memory ?? DEFAULT_LINE_MEMORY;
    const tolerance = options.lineSearch?.tolerance ?? DEFAULT_LINE_TOLERANCE;
    s.lineSearch = { memory, tolerance, test: patternTest(benign.x, options, random, () => new LineIndex(memory, encoder.width, tolerance)) };
    if (units) {
      const test = roundedPatternTest(benign.x, options, roundedRandom, () => new LineIndex(memory, encoder.width, tolerance, units), 'line search', notes);
      if (test) s.lineSearch.rounded = { halfUnits: units, test };
    }
  }

  if (enabled.has('equal-steps')) {
    const memory = options.equalSteps?.memory ?? DEFAULT_STEP_MEMORY;
    const tolerance = options.equalSteps?.tolerance ?? DEFAULT_STEP_TOLERANCE;
    const numeric = numericPositions(encoder.oneHot);
    s.equalSteps = { memory, tolerance, numeric, test: patternTest(benign.z, options, random, () => new StepIndex(memory, numeric, tolerance)) };
    if (units) {
      // Each step is off by up to half a unit at either end, so two steps differ by up to two units (standardized).
      const tolerances = Float64Array.from(numeric, (j) => (4 * units[j]!) / space.scale[j]!);
      const test = roundedPatternTest(benign.z, options, roundedRandom, () => new StepIndex(memory, numeric, tolerance, tolerances), 'equal steps', notes);
      if (test) s.equalSteps.rounded = { tolerances, test };
    }
  }

  // Disjoint folds of the benign rows, for rates and thresholds that must be cross-checked.
  const order = random.shuffle(benign.z.map((_, i) => i));
  const foldsOf = (n: number) => Array.from({ length: n }, (_, f) => order.filter((_, i) => i % n === f));
  if (enabled.has('stateful-knn')) s.statefulKnn = calibrateKnn(benign, foldsOf(4), space, options, random, notes);
  if (enabled.has('prada')) s.prada = calibratePrada(benign, foldsOf(2), space, options, random, notes);
  if (enabled.has('coverage')) s.coverage = calibrateCoverage(space, benign, options);
  if (enabled.has('volume')) s.volume = { maxQueries: options.maxQueries ?? 10_000 };
  if (enabled.has('rate')) s.rate = options.rate ?? { maxPerWindow: 300, windowSeconds: 60 };
  return config;
}

/**
 * The out-of-range tail test: per-coordinate extreme-value tails plus the distance to the nearest
 * class, a query a hit when its p-value is at most the count tests' floor rate (so the model, not
 * a count of at most n rows, vouches for how rare such a query is among benign callers). The
 * model is checked by 5-fold cross-validation over every benign row — fitted without a fold, it
 * scores the fold's rows as new ones — and the hits are compared with the n·p a calibrated model
 * allows (a binomial test at 5%), and the rarest row with the least p-value n calibrated rows
 * would show (5%). The nearest-class distance is judged by the first reference of DISTANCE_KINDS
 * the rows bear out (Gaussian, multivariate t, its fitted tail), else left out. If even the coordinates'
 * tails fail, the test uses the counted share instead (which keeps it from firing early on
 * benign callers), and the model's word alone never flags a caller. The model kept is refitted
 * on every benign row.
 */
function calibrateTail(benign: BenignRows, width: number, options: CalibrationOptions, notes: string[]): OutOfRangeConfig['tail'] {
  const n = benign.z.length;
  if (n < 10) return undefined;
  const pValue = options.minRate ?? 0.001;
  const all = benign.z.map((_, i) => i);
  // The folds' fits are shared by every kind tried: only the reference differs between them.
  const folds = Array.from({ length: 5 }, (_, f) => tailParts(benign, all.filter((i) => i % 5 !== f), width));
  const check = (kind: DistanceKind) => {
    let hits = 0;
    let least = 1;
    for (let f = 0; f < 5; f++) {
      const model = tailModel(folds[f]!, width, kind);
      for (let i = f; i < n; i += 5) {
        const p = tailPValue(model, { z: benign.z[i]!, scores: benign.scores[i]! }, 0);
        if (p <= pValue) hits++;
        least = Math.min(least, p);
      }
    }
    // Two ways a model can overstate rarity: too many rows past its 1-in-1000 level, or one row
    // rarer than the least of n calibrated p-values is with 95% probability (1 − (1 − t)ⁿ = 5%).
    const confirmed = binomialUpperTail(hits, n, pValue) >= 0.05 && -Math.expm1(n * Math.log1p(-least)) >= 0.05;
    return { hits, confirmed };
  };
  const tried = new Map<DistanceKind, number>();
  const kind = DISTANCE_KINDS.find((k) => {
    const { hits, confirmed } = check(k);
    tried.set(k, hits);
    return confirmed;
  });
  const tail = kind && T_TAILS[kind];
  if (tail !== undefined && Number.isFinite(tail)) notes.push(`out-of-range: cross-validation contradicts a Gaussian shape of the classes; the nearest-class distance is judged by a heavier-tailed multivariate t reference (${tail} degrees of freedom)`);
  if (tried.has('fitted')) notes.push('out-of-range: cross-validation contradicts a Gaussian or multivariate t shape of the classes; the nearest-class distance is judged by its fitted tail');
  if (tried.has('none')) notes.push('out-of-range: cross-validation contradicts the fitted tail of the nearest-class distance too; that distance is left out');
  const model = tailModel(tailParts(benign, all, width), width, kind ?? 'fitted');
  if (kind) {
    const test = countTest(pValue, options);
    return { model, pValue, test, alpha: options.tailAlpha ?? 0.001, oneQueryAlpha: test.alpha };
  }
  const hits = tried.get('fitted')!;
  notes.push(`out-of-range: benign rows, each scored by a model fitted without it, pass the fitted tails more often than the model allows (${hits} of ${n} beyond its 1-in-${Math.round(1 / pValue)} level); the counted share is used instead`);
  return { model, pValue, test: countTest(laplace(hits, n), options) };
}

/**
 * How the nearest-class distance is judged, most to least powerful: Gaussian classes, then
 * multivariate t classes of ever heavier tails (the same covariance, rarer claims only further
 * out), then the distances' own fitted tail, then not at all.
 */
const DISTANCE_KINDS = ['gaussian', 't30', 't10', 't5', 'fitted', 'none'] as const;
type DistanceKind = (typeof DISTANCE_KINDS)[number];
/** Degrees of freedom of each parametric kind's reference (∞: Gaussian). */
const T_TAILS: Partial<Record<DistanceKind, number>> = { gaussian: Infinity, t30: 30, t10: 10, t5: 5 };

/** Rows the class-distance model is fitted on at most (every k-th row beyond): its cost is rows·d². */
const MAX_DISTANCE_ROWS = 4000;

/** What every kind of tail model fits on a set of rows: coordinate tails and the class distances. */
interface TailParts {
  tails: TailModel;
  classes: ClassDistance;
  /** The (sampled) rows and classes the class distances were fitted on. */
  z: Float64Array[];
  labels: number[];
}

function tailParts(benign: BenignRows, rows: number[], width: number): TailParts {
  const tails = fitTails([rows.map((i) => benign.z[i]!), rows.map((i) => benign.scores[i]!)]);
  const step = Math.ceil(rows.length / MAX_DISTANCE_ROWS);
  const sample = rows.filter((_, k) => k % step === 0);
  const z = sample.map((i) => benign.z[i]!);
  const labels = sample.map((i) => benign.classes[i]!);
  return { tails, classes: fitClassDistance(z, labels, width), z, labels };
}

function tailModel({ tails, classes, z, labels }: TailParts, width: number, kind: DistanceKind): TailModel {
  if (kind === 'none') return tails;
  const distances = kind === 'fitted' ? crossFittedDistances(z, labels, width) : undefined;
  return withDistanceTail(tails, classes, distances, T_TAILS[kind] ?? Infinity);
}

/**
 * The count test of a per-caller pattern (a one-feature pair, a point on a line, equal steps), from
 * the share of benign queries its index marks over benign callers emulated by replaying the rows in
 * random orders: enough streams for about 50,000 queries (20 to 200), each at most
 * `maxStreamLength` long. Taken at an upper bound: the rule of succession, and never below three in
 * the queries replayed (the 95% bound when none hits). A pattern the replay never met gets the
 * `minPatternRate` floor; one it met at all is a property of the data (values rounded to a grid
 * make exact pairs and lines), whose rate among new rows a replay of these few rows cannot pin
 * down, so it keeps the count tests' usual floor.
 */
function patternTest(rows: readonly Float64Array[], options: CalibrationOptions, random: Random, index: () => { add(x: Float64Array): boolean }): CountTestConfig {
  const length = Math.min(options.maxStreamLength ?? 500, rows.length);
  const count = options.streams ?? Math.max(20, Math.min(200, Math.ceil(50_000 / length)));
  let hits = 0;
  let total = 0;
  for (const stream of makeStreams(rows.length, count, length, random)) {
    const marks = index();
    for (const i of stream) if (marks.add(rows[i]!)) hits++;
    total += stream.length;
  }
  const rate = Math.max(laplace(hits, total), 3 / total);
  return hits === 0 ? countTest(rate, options, options.minPatternRate ?? 1e-4) : countTest(rate, options);
}

/**
 * Highest benign rate a rounded variant of a pattern test may have: on data recorded coarsely
 * (integers, one decimal) natural rows meet the looser test often, in bursts the count test does
 * not model, and the variant separates little; it is left out.
 */
const MAX_ROUNDED_RATE = 0.05;

/**
 * The count test of a pattern index's rounded variant (its `rounded` mark after each row), or
 * undefined, with a note, where natural rows meet it too often.
 */
function roundedPatternTest(
  rows: readonly Float64Array[],
  options: CalibrationOptions,
  random: Random,
  index: () => { add(x: Float64Array): boolean; rounded: boolean },
  signal: string,
  notes: string[],
): CountTestConfig | undefined {
  const test = patternTest(rows, options, random, () => {
    const marks = index();
    return { add: (x: Float64Array) => (marks.add(x), marks.rounded) };
  });
  if (test.rate <= MAX_ROUNDED_RATE) return test;
  notes.push(`${signal}: not judged up to the data's rounding, which natural rows meet too often (${formatRate(test.rate)} of benign queries)`);
  return undefined;
}

/** `count` random orders of `rows` indices, each cut to `length`. */
function makeStreams(rows: number, count: number, length: number, random: Random): number[][] {
  return Array.from({ length: count }, () => random.shuffle(Array.from({ length: rows }, (_, i) => i)).slice(0, length));
}

/** Rule of succession: (hits + 1) / (n + 2), so a small sample never claims a zero rate. */
function laplace(hits: number, n: number): number {
  return (hits + 1) / (n + 2);
}

function argmaxOf(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Stateful k-NN thresholds per buffer fill level: the benign quantile q of the mean neighbour
 * distance, but never more than `medianFraction` of the benign median. In many dimensions
 * distances concentrate, so a low quantile sits close to the bulk and a set of callers from a
 * slightly denser region would cross it often; half the median is a distance benign callers
 * rarely come near whatever the region. Benign rows cluster (near-duplicate rows), so a hit rate
 * measured on the rows that set the thresholds is too low for another set of callers.
 * The rows are dealt into four folds; for each, thresholds are set on streams of the other three
 * and the hit rate measured on streams of the fold itself; the benign rate is the largest of the
 * four. The final thresholds use all rows.
 */
function calibrateKnn(benign: BenignRows, folds: number[][], space: FeatureSpace, options: CalibrationOptions, random: Random, notes: string[]): StatefulKnnConfig | undefined {
  const k = options.knn?.k ?? 5;
  const q = options.knn?.quantile ?? 0.005;
  const smallest = Math.min(...folds.map((f) => f.length), options.maxStreamLength ?? 500);
  // The buffer never outgrows what benign streams of one fold can fill and calibrate.
  const buffer = Math.min(options.knn?.buffer ?? 128, smallest > 1 ? 2 ** bucketOf(smallest - 1) : 0);
  if (buffer < 2 * k) {
    notes.push(`stateful-knn: off, too few benign rows (${benign.z.length}) to calibrate a buffer of ${2 * k} queries`);
    return undefined;
  }
  const distances = (rows: number[]) => {
    const byBucket: number[][] = [];
    const scratch = new Float64Array(k);
    const length = Math.min(rows.length, 500);
    for (const stream of makeStreams(rows.length, Math.max(10, Math.min(1000, Math.ceil(40_000 / length))), length, random)) {
      const ring = new RowRing(buffer, space.width);
      for (const i of stream) {
        const z = benign.z[rows[i]!]!;
        if (ring.count >= k) (byBucket[bucketOf(ring.count)] ??= []).push(meanKnnDistance(ring.data, ring.count, ring.width, z, k, scratch));
        ring.push(z);
      }
    }
    return byBucket;
  };
  const fraction = options.knn?.medianFraction ?? 0.5;
  const thresholdsOf = (byBucket: number[][]) =>
    Array.from({ length: bucketOf(buffer) + 1 }, (_, b) => {
      const values = byBucket[b];
      // Too few benign measurements to place the quantile: that fill level is not judged.
      if (!values || values.length < Math.ceil(5 / q)) return NaN;
      const sorted = Float64Array.from(values).sort();
      return Math.min(quantile(sorted, q), fraction * quantile(sorted, 0.5));
    });
  const rateOf = (byBucket: number[][], thresholds: number[]) => {
    let hits = 0;
    let total = 0;
    byBucket.forEach((values, b) => {
      if (Number.isNaN(thresholds[b] ?? NaN)) return;
      total += values.length;
      for (const v of values) if (v < thresholds[b]!) hits++;
    });
    return total ? hits / total : q;
  };
  let rate = q;
  for (const fold of folds) {
    const inFold = new Set(fold);
    const rest = benign.z.map((_, i) => i).filter((i) => !inFold.has(i));
    rate = Math.max(rate, rateOf(distances(fold), thresholdsOf(distances(rest))));
  }
  return { k, buffer, thresholds: thresholdsOf(distances(benign.z.map((_, i) => i))), test: countTest(rate, options) };
}

/**
 * PRADA's δ: below the lowest W any benign stream reaches. 300 streams replayed from each of two
 * disjoint halves of the benign rows give two such minima; δ = the lower one minus their difference, so
 * δ allows again for the variation seen between two independent sets of benign callers.
 */
function calibratePrada(benign: BenignRows, halves: number[][], space: FeatureSpace, options: CalibrationOptions, random: Random, notes: string[]): PradaConfig {
  const base = {
    minQueries: options.prada?.minQueries ?? 100,
    testEvery: options.prada?.testEvery ?? 10,
    maxGrowingSet: options.prada?.maxGrowingSet ?? 200,
    maxDistances: Math.min(options.prada?.maxDistances ?? 1000, 5000),
  };
  if (options.prada?.delta !== undefined) return { ...base, delta: options.prada.delta };
  const fallback = options.prada?.defaultDelta ?? 0.9;
  // W varies most at the first tests; streams past 300 queries add little but time.
  const length = Math.min(halves[0]!.length, halves[1]!.length, options.maxStreamLength ?? 500, 300);
  if (length <= base.minQueries) {
    notes.push(`prada: δ = ${fallback} by default, too few benign rows (${benign.z.length}) for two halves of its ${base.minQueries}-query minimum`);
    return { ...base, delta: fallback };
  }
  // Enough streams that the lowest W stands for a small quantile of benign callers, not just a few.
  const streamsPer = 300;
  const [a, b] = halves.map((rows) => {
    let lowest = Infinity;
    for (const stream of makeStreams(rows.length, streamsPer, length, random)) {
      const state = new PradaState({ ...base, delta: 0 }, space.width);
      for (const i of stream) {
        const w = state.add(benign.z[rows[i]!]!, benign.classes[rows[i]!] ?? 0);
        if (w !== undefined && w < lowest) lowest = w;
      }
    }
    return lowest;
  }) as [number, number];
  return { ...base, delta: Math.max(0, Math.min(a, b) - Math.abs(a - b)) };
}

function calibrateCoverage(space: FeatureSpace, benign: BenignRows, options: CalibrationOptions): CoverageConfig {
  return { grid: coverageGrid(space, benign.scores, options.coverage?.axes ?? 3, options.coverage?.bins ?? 6), z: options.coverage?.z ?? 4 };
}
