import type { FeatureSpace } from '../feature-space.js';
import type { CallerDetector, QueryView, SignalVerdict } from '../types.js';

/**
 * Growth of feature-space coverage: the space of the first few principal axes is cut into a grid
 * (equal-width bins across the baseline's range on each axis, plus one bin below and one above),
 * and each caller's count of distinct cells visited is compared, query by query, with what a
 * benign caller would reach after as many queries. Benign traffic piles up where the data is;
 * exploring attacks (random probing, synthetic augmentation) spread over far more cells.
 *
 * The benign expectation comes from the cell frequencies of the benign rows (baseline and
 * calibration), with the Good–Turing estimate of the mass of cells never seen (cells seen once
 * ÷ rows) spread over them: after n queries E(n) = Σ 1 − (1 − p_c)ⁿ distinct cells, with variance
 * at most Σ qⁿ(1 − qⁿ) (the cells' negative covariances are left out, which errs towards fewer
 * alerts). A caller is flagged when its count exceeds E(n) + z·sd(n) + 1.
 */
export interface CoverageGrid {
  axes: number;
  /** Interior bins per axis (two more catch values outside the baseline range). */
  bins: number;
  lo: Float64Array;
  binWidth: Float64Array;
  /** Estimated benign probability of each cell. */
  cellShare: Float64Array;
}

export interface CoverageConfig {
  grid: CoverageGrid;
  z: number;
}

/** The grid over the baseline's principal axes, with cell probabilities from benign rows' scores. */
export function coverageGrid(space: FeatureSpace, benignScores: readonly Float64Array[], axes = 3, bins = 6): CoverageGrid {
  const a = Math.min(axes, space.axes.length);
  const lo = space.scoreMin.slice(0, a);
  const binWidth = Float64Array.from({ length: a }, (_, i) => Math.max((space.scoreMax[i]! - space.scoreMin[i]!) / bins, 1e-12));
  const grid: CoverageGrid = { axes: a, bins, lo, binWidth, cellShare: new Float64Array((bins + 2) ** a) };
  const counts = new Float64Array(grid.cellShare.length);
  for (const s of benignScores) counts[cellOf(grid, s)] = counts[cellOf(grid, s)]! + 1;
  const n = benignScores.length;
  let once = 0;
  let unseen = 0;
  for (const c of counts) {
    if (c === 1) once++;
    if (c === 0) unseen++;
  }
  const unseenMass = unseen > 0 ? once / n : 0;
  for (let c = 0; c < counts.length; c++) {
    grid.cellShare[c] = counts[c]! > 0 ? (counts[c]! / n) * (1 - unseenMass) : unseenMass / unseen;
  }
  return grid;
}

export function cellOf(grid: CoverageGrid, scores: Float64Array): number {
  let cell = 0;
  const side = grid.bins + 2;
  for (let a = grid.axes - 1; a >= 0; a--) {
    const t = (scores[a]! - grid.lo[a]!) / grid.binWidth[a]!;
    const bin = t < 0 ? 0 : t >= grid.bins ? (t > grid.bins + 1e-9 ? grid.bins + 1 : grid.bins) : 1 + Math.floor(t);
    cell = cell * side + bin;
  }
  return cell;
}

/** Mean and (an upper bound on the) variance of the distinct cells after n benign queries. */
export function distinctCellMoments(grid: CoverageGrid, n: number): { mean: number; variance: number } {
  let mean = 0;
  let variance = 0;
  for (const p of grid.cellShare) {
    if (p <= 0) continue;
    const missed = Math.pow(1 - p, n);
    mean += 1 - missed;
    variance += missed * (1 - missed);
  }
  return { mean, variance };
}

/** The most distinct cells a benign caller reaches after n queries (memoized per config). */
const thresholdCache = new WeakMap<CoverageConfig, Float64Array>();
const CACHED_LENGTHS = 20_000;

export function coverageThreshold(config: CoverageConfig, n: number): number {
  let cache = thresholdCache.get(config);
  if (!cache) thresholdCache.set(config, (cache = new Float64Array(CACHED_LENGTHS + 1).fill(NaN)));
  if (n <= CACHED_LENGTHS && !Number.isNaN(cache[n]!)) return cache[n]!;
  const { mean, variance } = distinctCellMoments(config.grid, n);
  const threshold = mean + config.z * Math.sqrt(variance) + 1;
  if (n <= CACHED_LENGTHS) cache[n] = threshold;
  return threshold;
}

/** A caller's set of visited cells (a bitset) and its size. */
export class CellSet {
  private readonly bits: Uint32Array;
  size = 0;
  constructor(cells: number) {
    this.bits = new Uint32Array(Math.ceil(cells / 32));
  }
  add(cell: number): void {
    const word = cell >>> 5;
    const mask = 1 << (cell & 31);
    if ((this.bits[word]! & mask) === 0) {
      this.bits[word] = this.bits[word]! | mask;
      this.size++;
    }
  }
}

export class CoverageDetector implements CallerDetector {
  private readonly cells: CellSet;

  constructor(private readonly config: CoverageConfig) {
    this.cells = new CellSet(config.grid.cellShare.length);
  }

  observe(_query: unknown, view: QueryView, queries: number): SignalVerdict | undefined {
    const before = this.cells.size;
    this.cells.add(cellOf(this.config.grid, view.scores));
    // Only a new cell can cross the threshold.
    if (this.cells.size === before) return undefined;
    const threshold = coverageThreshold(this.config, queries);
    if (this.cells.size <= threshold) return undefined;
    return {
      value: this.cells.size,
      threshold,
      detail: `visited ${this.cells.size} distinct cells of the ${this.config.grid.axes}-axis feature grid in ${queries} queries; benign callers reach at most ${threshold.toFixed(1)}`,
    };
  }
}
