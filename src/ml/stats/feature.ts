import { KllSketch, MODEL_MONITOR_KLL, type KllParameters } from './kll.js';
import type { MmFeatureStatistics } from './model-monitor.js';
import { Moments } from './moments.js';
import { inferType, valueType, type InferredType, type ValueType } from './value-type.js';

export interface FeatureOptions {
  kll?: KllParameters;
  /** Equal-width buckets materialised from the sketch (Model Monitor: 10, not configurable). */
  buckets?: number;
  /** Distinct values counted exactly; past this, new values are no longer tracked. */
  maxDistinct?: number;
}

export const DEFAULT_MAX_DISTINCT = 10_000;

/**
 * Everything Model Monitor reports about one column, in one pass: presence, value types, moments,
 * a KLL sketch of the numbers and the counts of each distinct value.
 */
export class FeatureAccumulator {
  present = 0;
  missing = 0;
  readonly types = { integral: 0, fractional: 0, string: 0 };
  readonly moments = new Moments();
  readonly sketch: KllSketch;
  /** Counts per distinct value (as text), until `maxDistinct` values were seen. */
  readonly distinct = new Map<string, number>();
  /** Present values not counted in `distinct` because it was full. */
  untracked = 0;
  private readonly maxDistinct: number;
  private readonly bucketCount: number;

  constructor(
    readonly name: string,
    options: FeatureOptions = {},
  ) {
    this.sketch = new KllSketch(options.kll ?? MODEL_MONITOR_KLL);
    this.maxDistinct = options.maxDistinct ?? DEFAULT_MAX_DISTINCT;
    this.bucketCount = options.buckets ?? 10;
  }

  /** Adds one value; returns its type. */
  add(v: string | number | null | undefined): ValueType {
    const type = valueType(v);
    if (type === 'Missing') {
      this.missing++;
      return type;
    }
    this.present++;
    const text = typeof v === 'string' ? v.trim() : String(v);
    if (type === 'String') this.types.string++;
    else {
      if (type === 'Integral') this.types.integral++;
      else this.types.fractional++;
      const x = typeof v === 'number' ? v : Number(text);
      if (Number.isFinite(x)) {
        this.moments.add(x);
        this.sketch.update(x);
      }
    }
    const seen = this.distinct.get(text);
    if (seen !== undefined) this.distinct.set(text, seen + 1);
    else if (this.distinct.size < this.maxDistinct) this.distinct.set(text, 1);
    else this.untracked++;
    return type;
  }

  get inferredType(): InferredType {
    return inferType(this.types);
  }

  /** True when every present value was counted in `distinct`. */
  get distinctComplete(): boolean {
    return this.untracked === 0;
  }

  /** The feature's entry in statistics.json. */
  toStatistics(): MmFeatureStatistics {
    const inferred = this.inferredType;
    const common = { num_present: this.present, num_missing: this.missing };
    if ((inferred === 'Integral' || inferred === 'Fractional') && this.moments.count > 0) {
      const m = this.moments;
      return {
        name: this.name,
        inferred_type: inferred,
        numerical_statistics: {
          common,
          mean: m.mean,
          sum: m.sum,
          std_dev: m.stdDev,
          min: m.min,
          max: m.max,
          distribution: { kll: { buckets: this.sketch.buckets(m.min, m.max, this.bucketCount), sketch: this.sketch.toJSON() } },
        },
      };
    }
    const buckets = [...this.distinct].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([value, count]) => ({ value, count }));
    return {
      name: this.name,
      inferred_type: inferred,
      string_statistics: { common, distinct_count: this.distinct.size, distribution: { categorical: { buckets } } },
    };
  }
}
