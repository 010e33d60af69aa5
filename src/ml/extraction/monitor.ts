import type { ExtractionConfig } from './config.js';
import { CoverageDetector } from './detectors/coverage.js';
import { EqualStepsDetector } from './detectors/equal-steps.js';
import { LineSearchDetector } from './detectors/line-search.js';
import { NearBoundaryDetector } from './detectors/near-boundary.js';
import { OneFeaturePairsDetector } from './detectors/one-feature-pairs.js';
import { OutOfRangeDetector } from './detectors/out-of-range.js';
import { PradaDetector } from './detectors/prada.js';
import { PrecisionDetector } from './detectors/precision.js';
import { StatefulKnnDetector } from './detectors/stateful-knn.js';
import { RateDetector, VolumeDetector } from './detectors/volume.js';
import type { CallerDetector, ExtractionAlert, Query, QueryView, SignalName } from './types.js';

/** How each signal's per-caller detector is made from the config; absent config = signal off. */
const FACTORIES: { [S in SignalName]: (config: ExtractionConfig) => (() => CallerDetector) | undefined } = {
  prada: ({ signals, space }) => signals.prada && (() => new PradaDetector(signals.prada!, space.width)),
  'stateful-knn': ({ signals, space }) => signals.statefulKnn && (() => new StatefulKnnDetector(signals.statefulKnn!, space.width)),
  'out-of-range': ({ signals, space }) => signals.outOfRange && (() => new OutOfRangeDetector(signals.outOfRange!, space)),
  precision: ({ signals }) => signals.precision && (() => new PrecisionDetector(signals.precision!)),
  'one-feature-pairs': ({ signals, space }) => signals.oneFeaturePairs && (() => new OneFeaturePairsDetector(signals.oneFeaturePairs!, space.width)),
  'line-search': ({ signals, space }) => signals.lineSearch && (() => new LineSearchDetector(signals.lineSearch!, space.width)),
  'equal-steps': ({ signals }) => signals.equalSteps && (() => new EqualStepsDetector(signals.equalSteps!)),
  'near-boundary': ({ signals }) => signals.nearBoundary && (() => new NearBoundaryDetector(signals.nearBoundary!)),
  coverage: ({ signals }) => signals.coverage && (() => new CoverageDetector(signals.coverage!)),
  volume: ({ signals }) => signals.volume && (() => new VolumeDetector(signals.volume!)),
  rate: ({ signals }) => signals.rate && (() => new RateDetector(signals.rate!)),
};

export interface MonitorOptions {
  /**
   * Callers tracked at once; beyond this a caller not seen lately is forgotten (default 100,000).
   * A caller's state grows with its queries up to the detectors' caps — PRADA's growing sets
   * (maxGrowingSet rows per class) and distance window, the k-NN buffer and the one-feature-pair
   * memory, rows of the encoded width — so memory is bounded by maxCallers times that cap, and a
   * caller with a handful of queries costs a few kilobytes.
   */
  maxCallers?: number;
}

export interface CallerSummary {
  caller: string;
  queries: number;
  firstIndex: number;
  lastIndex: number;
  firstTimeMs?: number;
  lastTimeMs?: number;
  signals: SignalName[];
}

interface CallerState {
  summary: CallerSummary;
  /** Seen since the eviction hand last passed (CLOCK's reference bit). */
  recent: boolean;
  /** One per active signal, dropped (undefined) once it has fired. */
  detectors: (CallerDetector | undefined)[];
}

/**
 * Runs every active detector over a stream of queries, per caller, in one pass with bounded
 * state: at most `maxCallers` callers (one not seen lately is forgotten first, and counted), each
 * with the detectors' own caps. Alerts are raised once per caller and signal.
 */
export class ExtractionMonitor {
  private readonly callers = new Map<string, CallerState>();
  private readonly signals: SignalName[] = [];
  private readonly factories: (() => CallerDetector)[] = [];
  private readonly maxCallers: number;
  /** Reused for every query: detectors copy what they keep. */
  private readonly view: QueryView;
  readonly alerts: ExtractionAlert[] = [];
  /** Callers forgotten to stay within maxCallers. */
  evicted = 0;
  records = 0;

  constructor(
    readonly config: ExtractionConfig,
    options: MonitorOptions = {},
  ) {
    for (const [signal, factory] of Object.entries(FACTORIES) as [SignalName, (c: ExtractionConfig) => (() => CallerDetector) | undefined][]) {
      const make = factory(config);
      if (!make) continue;
      this.signals.push(signal);
      this.factories.push(make);
    }
    this.maxCallers = options.maxCallers ?? 100_000;
    this.view = { z: new Float64Array(config.space.width), scores: new Float64Array(config.space.axes.length) };
  }

  /** The signals running. */
  get activeSignals(): readonly SignalName[] {
    return this.signals;
  }

  /** Feeds one query; returns the alerts it raised (also appended to `alerts`). */
  observe(query: Query): ExtractionAlert[] {
    this.records++;
    const state = this.stateOf(query);
    const s = state.summary;
    s.queries++;
    s.lastIndex = query.index;
    if (query.timeMs !== undefined) {
      s.firstTimeMs ??= query.timeMs;
      s.lastTimeMs = query.timeMs;
    }
    const view = this.view;
    this.config.space.standardize(query.x, view.z);
    this.config.space.project(view.z, view.scores);
    let raised: ExtractionAlert[] | undefined;
    for (let i = 0; i < state.detectors.length; i++) {
      const detector = state.detectors[i];
      if (!detector) continue;
      const verdict = detector.observe(query, view, s.queries);
      if (!verdict) continue;
      state.detectors[i] = undefined;
      const alert: ExtractionAlert = {
        caller: query.caller,
        signal: this.signals[i]!,
        ...verdict,
        queries: s.queries,
        index: query.index,
        ...(query.timeMs !== undefined ? { timeMs: query.timeMs } : {}),
        ...(query.source ? { source: query.source } : {}),
      };
      s.signals.push(alert.signal);
      this.alerts.push(alert);
      (raised ??= []).push(alert);
    }
    return raised ?? NONE;
  }

  /** Every caller still tracked, with its counts and the signals it raised. */
  summaries(): CallerSummary[] {
    return [...this.callers.values()].map((c) => c.summary);
  }

  private stateOf(query: Query): CallerState {
    let state = this.callers.get(query.caller);
    if (state) {
      state.recent = true;
      return state;
    }
    if (this.callers.size >= this.maxCallers) this.evictOne();
    state = {
      summary: { caller: query.caller, queries: 0, firstIndex: query.index, lastIndex: query.index, signals: [] },
      recent: false,
      detectors: this.factories.map((make) => make()),
    };
    this.callers.set(query.caller, state);
    return state;
  }

  /**
   * Forgets one caller not seen lately (CLOCK, the second-chance approximation of least recently
   * used): callers are visited oldest first; one seen since the last visit is moved to the back
   * with its mark cleared, the first unmarked one goes. O(1) amortized, nothing to do per query
   * but set the mark.
   */
  private evictOne(): void {
    for (const [caller, state] of this.callers) {
      this.callers.delete(caller);
      if (!state.recent) {
        this.evicted++;
        return;
      }
      state.recent = false;
      this.callers.set(caller, state);
    }
  }
}

const NONE: ExtractionAlert[] = Object.freeze([]) as unknown as ExtractionAlert[];
