import { calibrateThreshold, shuffledIndexes } from './calibrate.js';
import { fitEncoder, type ColumnEncoding, type Encoder, type EncoderOptions, type RawValue } from './encode.js';
import { KnnModel } from './knn.js';
import { MahalanobisModel } from './mahalanobis.js';

export const OOD_METHODS = ['mahalanobis', 'knn'] as const;
export type OodMethod = (typeof OOD_METHODS)[number];

export interface OodOptions extends EncoderOptions {
  /** Target false-positive rate on data like the baseline. */
  fpr?: number;
  /** Neighbours averaged by the k-NN score. */
  k?: number;
  /** Share of the baseline held out to calibrate thresholds. */
  holdout?: number;
  /** Most rows held out (2,000 put 20 rows above a 1% threshold: enough to place it). */
  maxHeldOut?: number;
  /** Most baseline rows kept as k-NN reference (a reproducible sample). */
  maxReference?: number;
  /** Most baseline rows used to estimate the covariance. */
  maxFitRows?: number;
  methods?: readonly OodMethod[];
  seed?: number;
  /** Features named per flagged record. */
  topFeatures?: number;
}

export const DEFAULT_OOD: Required<Omit<OodOptions, keyof EncoderOptions>> = {
  fpr: 0.01,
  k: 5,
  holdout: 0.2,
  maxHeldOut: 2000,
  maxReference: 2000,
  maxFitRows: 50_000,
  methods: OOD_METHODS,
  seed: 20240501,
  topFeatures: 3,
};

/** One column's share of a record's score. */
export interface FeatureContribution {
  feature: string;
  /** Share of the score, in [−1, 1] (Mahalanobis terms may be negative; these are left out). */
  share: number;
  /** The record's value for the column. */
  value: RawValue;
  /** The baseline's mean (numbers) or most frequent value (text). */
  baseline?: number | string;
}

export interface MethodScore {
  score: number;
  threshold: number;
  flagged: boolean;
  drivers: FeatureContribution[];
}

export interface OodScore {
  flagged: boolean;
  methods: Partial<Record<OodMethod, MethodScore>>;
  /** Values absent or unreadable, encoded as the baseline mean. */
  missing: number;
}

export interface OodCalibration {
  method: OodMethod;
  threshold: number;
  /** The rate this method's threshold promises: its part of the target, or 1/(n+1) with few held-out rows. */
  achievableFpr: number;
  /** Share of held-out rows above the threshold (by construction about the target). */
  heldOutFlagged: number;
}

/** Scores records against a baseline; thresholds were set on held-out baseline rows. */
export class OodDetector {
  constructor(
    readonly names: readonly string[],
    readonly encoder: Encoder,
    readonly models: Partial<Record<OodMethod, { model: MahalanobisModel | KnnModel; threshold: number }>>,
    readonly calibration: OodCalibration[],
    readonly summary: { fitRows: number; heldOutRows: number; fpr: number; shrinkage?: number; k?: number; referenceRows?: number },
    private readonly topFeatures: number,
  ) {}

  get columns(): readonly ColumnEncoding[] {
    return this.encoder.columns;
  }

  score(row: readonly RawValue[]): OodScore {
    const { z, missing } = this.encoder.encode(row);
    const methods: OodScore['methods'] = {};
    let flagged = false;
    for (const [method, m] of Object.entries(this.models) as [OodMethod, { model: MahalanobisModel | KnnModel; threshold: number }][]) {
      const { distance, terms } = m.model.score(z);
      const hit = distance > m.threshold;
      flagged ||= hit;
      methods[method] = { score: distance, threshold: m.threshold, flagged: hit, drivers: this.drivers(terms, row) };
    }
    return { flagged, methods, missing };
  }

  /** The columns with the largest positive share of the score. */
  private drivers(terms: Float64Array, row: readonly RawValue[]): FeatureContribution[] {
    const perColumn = new Float64Array(this.encoder.columns.length);
    let total = 0;
    terms.forEach((t, d) => {
      perColumn[this.encoder.dimFeature[d]!]! += t;
      total += t;
    });
    if (!(total > 0)) return [];
    return [...perColumn]
      .map((t, i) => ({ i, share: t / total }))
      .filter((c) => c.share > 0)
      .sort((a, b) => b.share - a.share)
      .slice(0, this.topFeatures)
      .map(({ i, share }) => {
        const col = this.encoder.columns[i]!;
        const baseline = col.kind === 'numeric' ? col.mean : col.kind === 'categorical' ? col.categories[0] : undefined;
        return { feature: col.name, share, value: row[i] ?? null, ...(baseline !== undefined ? { baseline } : {}) };
      });
  }
}

/**
 * Fits the detector on baseline rows: a reproducible split into fit and held-out rows, the encoder,
 * the Ledoit–Wolf Mahalanobis model and the k-NN reference on the fit rows, and each method's
 * threshold on the held-out rows, at the target false-positive rate divided among the methods.
 */
export function fitOodDetector(names: readonly string[], rows: readonly (readonly RawValue[])[], options: OodOptions = {}): OodDetector {
  const o = { ...DEFAULT_OOD, ...options };
  if (!(o.fpr > 0 && o.fpr < 1)) throw new RangeError(`the false-positive rate must be between 0 and 1, got ${o.fpr}`);
  if (!(o.holdout > 0 && o.holdout < 1)) throw new RangeError(`the held-out share must be between 0 and 1, got ${o.holdout}`);
  if (rows.length < 10) throw new RangeError(`at least 10 baseline rows are needed, got ${rows.length}`);
  const order = shuffledIndexes(rows.length, o.seed);
  const heldCount = Math.min(o.maxHeldOut, Math.max(1, Math.round(rows.length * o.holdout)));
  const held = order.slice(0, heldCount).map((i) => rows[i]!);
  const fit = order.slice(heldCount).map((i) => rows[i]!);

  const encoder = fitEncoder(names, fit, o);
  if (encoder.dims === 0) throw new RangeError('no usable feature in the baseline (every column is constant, empty or an identifier)');
  const fitZ = fit.map((r) => encoder.encode(r).z);
  const heldZ = held.map((r) => encoder.encode(r).z);

  const models: OodDetector['models'] = {};
  const calibration: OodCalibration[] = [];
  const summary: OodDetector['summary'] = { fitRows: fit.length, heldOutRows: held.length, fpr: o.fpr };
  for (const method of o.methods) {
    let model: MahalanobisModel | KnnModel;
    if (method === 'mahalanobis') {
      const m = MahalanobisModel.fit(fitZ.slice(0, o.maxFitRows), encoder.dims);
      summary.shrinkage = m.shrinkage;
      model = m;
    } else {
      const reference = fitZ.length > o.maxReference ? shuffledIndexes(fitZ.length, o.seed ^ 0x5bd1e995).slice(0, o.maxReference).map((i) => fitZ[i]!) : fitZ;
      summary.k = o.k;
      summary.referenceRows = reference.length;
      model = new KnnModel(reference, o.k);
    }
    const scores = heldZ.map((z) => model.score(z).distance);
    // Each method gets an equal part of the rate, so "flagged by any" stays within it (Bonferroni).
    const { threshold, achievableFpr } = calibrateThreshold(scores, o.fpr / o.methods.length);
    models[method] = { model, threshold };
    calibration.push({ method, threshold, achievableFpr, heldOutFlagged: scores.filter((s) => s > threshold).length / scores.length });
  }
  return new OodDetector(names, encoder, models, calibration, summary, o.topFeatures);
}
