/** One query as the extraction detectors see it: who asked, what, what the model said, and when. */
export interface Query {
  /** The caller (or the endpoint, when callers are not identified). */
  caller: string;
  /** The input row, encoded to numbers by the baseline's FeatureEncoder. */
  x: Float64Array;
  /** How many input values the baseline never saw (a new category, text in a numeric column). */
  unseen?: number;
  /** Class probabilities, when the endpoint returned them. */
  probs?: Float64Array;
  /** The predicted class index, when known (from `probs` or a returned label). */
  predicted?: number;
  /** When the endpoint answered, in milliseconds since the epoch (absent when unknown). */
  timeMs?: number;
  /** 0-based position of the record in the whole stream. */
  index: number;
  /** Where the record was read from. */
  source?: { file: string; line: number };
}

/** The signals the detectors raise, one detector each. */
export const SIGNALS = [
  'prada',
  'stateful-knn',
  'out-of-range',
  'precision',
  'one-feature-pairs',
  'line-search',
  'equal-steps',
  'near-boundary',
  'coverage',
  'volume',
  'rate',
] as const;
export type SignalName = (typeof SIGNALS)[number];

/** A detector's verdict on one caller: raised once per caller and signal, when it first fires. */
export interface ExtractionAlert {
  caller: string;
  signal: SignalName;
  /** The measured value that fired (W, a share, a count, a rate…). */
  value: number;
  /** The threshold it crossed. */
  threshold: number;
  /** What value and threshold mean, for people. */
  detail: string;
  /** The caller's query count when it fired (1-based). */
  queries: number;
  /** The record that made it fire: its stream index, time and source. */
  index: number;
  timeMs?: number;
  source?: { file: string; line: number };
}

/** A per-caller detector of one signal: fed each of the caller's queries in order. */
export interface CallerDetector {
  /** Returns an alert (without caller and record fields, which the monitor fills) when the signal fires. */
  observe(query: Query, view: QueryView, queries: number): SignalVerdict | undefined;
}

export interface SignalVerdict {
  value: number;
  threshold: number;
  detail: string;
}

/** What the monitor computes once per query and every detector shares. */
export interface QueryView {
  /** Standardized features (numeric z-scores; one-hot columns scaled to unit distance per change). */
  z: Float64Array;
  /** Principal-component scores of z, all components, largest variance first. */
  scores: Float64Array;
}
