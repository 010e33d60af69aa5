import type { CallerDetector, Query, SignalVerdict } from '../types.js';

/**
 * Query volume and rate per caller. Volume: more than `maxQueries` queries in the stream. Rate:
 * more than `maxPerWindow` queries within any `windowSeconds` (counted in one-second buckets, so
 * the state is a small ring whatever the rate). Both are limits an operator sets from their own
 * traffic (ATLAS mitigation AML.M0004, Restrict Number of AI Model Queries); records without a
 * time are not rated.
 */
export interface VolumeConfig {
  maxQueries: number;
}

export interface RateConfig {
  maxPerWindow: number;
  windowSeconds: number;
}

export class VolumeDetector implements CallerDetector {
  constructor(private readonly config: VolumeConfig) {}
  observe(_query: Query, _view: unknown, queries: number): SignalVerdict | undefined {
    if (queries !== this.config.maxQueries + 1) return undefined;
    return { value: queries, threshold: this.config.maxQueries, detail: `more than ${this.config.maxQueries} queries from one caller` };
  }
}

export class RateDetector implements CallerDetector {
  private readonly buckets: Uint32Array;
  private readonly seconds: Float64Array;

  constructor(private readonly config: RateConfig) {
    this.buckets = new Uint32Array(config.windowSeconds);
    this.seconds = new Float64Array(config.windowSeconds).fill(-Infinity);
  }

  observe(query: Query): SignalVerdict | undefined {
    if (query.timeMs === undefined) return undefined;
    const second = Math.floor(query.timeMs / 1000);
    const slot = ((second % this.config.windowSeconds) + this.config.windowSeconds) % this.config.windowSeconds;
    if (this.seconds[slot] !== second) {
      this.seconds[slot] = second;
      this.buckets[slot] = 0;
    }
    this.buckets[slot]!++;
    // Count the buckets still inside the window ending at this second.
    let total = 0;
    for (let i = 0; i < this.buckets.length; i++) if (second - this.seconds[i]! < this.config.windowSeconds && this.seconds[i]! <= second) total += this.buckets[i]!;
    if (total <= this.config.maxPerWindow) return undefined;
    return {
      value: total,
      threshold: this.config.maxPerWindow,
      detail: `${total} queries within ${this.config.windowSeconds} s (limit ${this.config.maxPerWindow})`,
    };
  }
}
