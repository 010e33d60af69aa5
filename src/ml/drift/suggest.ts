import type { CategoricalDriftMethod, ComparisonMethod, MmConstraints, MmFeatureConstraint, MmStatistics } from '../stats/model-monitor.js';

export interface SuggestOptions {
  /** `distribution_constraints.comparison_threshold` (Model Monitor's default 0.1). */
  comparisonThreshold?: number;
  /** `comparison_method`; Model Monitor's baselining job writes Robust. */
  comparisonMethod?: ComparisonMethod;
  /** Written only when given: `categorical_comparison_threshold`. */
  categoricalThreshold?: number;
  /** Written only when given: `categorical_drift_method`. */
  categoricalDriftMethod?: CategoricalDriftMethod;
  /** Share of values that must have the baseline's type; the baselining job writes 1.0. */
  datatypeCheckThreshold?: number;
  /** Share of a String feature's values that must be in its domain; the baselining job writes 1.0. */
  domainContentThreshold?: number;
  /** A String feature with at most this many distinct values gets a domain. */
  maxDomainSize?: number;
}

export const DEFAULT_SUGGEST: Required<Pick<SuggestOptions, 'comparisonThreshold' | 'comparisonMethod' | 'datatypeCheckThreshold' | 'domainContentThreshold' | 'maxDomainSize'>> = {
  comparisonThreshold: 0.1,
  comparisonMethod: 'Robust',
  datatypeCheckThreshold: 1.0,
  domainContentThreshold: 1.0,
  maxDomainSize: 100,
};

/**
 * constraints.json suggested from a baseline's statistics, as Model Monitor's baselining job does:
 * each feature's inferred type and observed completeness, `is_non_negative` for numbers, the
 * domain of low-cardinality strings, and the monitoring config with distribution comparison on.
 */
export function suggestConstraints(statistics: MmStatistics, options: SuggestOptions = {}): MmConstraints {
  const o = { ...DEFAULT_SUGGEST, ...options };
  const features = statistics.features.map((f): MmFeatureConstraint => {
    const common = f.numerical_statistics?.common ?? f.string_statistics?.common ?? { num_present: 0, num_missing: 0 };
    const total = common.num_present + common.num_missing;
    const out: MmFeatureConstraint = { name: f.name, inferred_type: f.inferred_type, completeness: total === 0 ? 1.0 : common.num_present / total };
    if (f.numerical_statistics) out.num_constraints = { is_non_negative: f.numerical_statistics.min >= 0 };
    const s = f.string_statistics;
    if (f.inferred_type === 'String' && s) {
      const buckets = s.distribution.categorical.buckets;
      const counted = buckets.reduce((sum, b) => sum + b.count, 0);
      // A domain only when every value was counted and there are few of them relative to the rows.
      if (buckets.length > 0 && buckets.length <= o.maxDomainSize && counted === s.common.num_present && buckets.length * 5 <= s.common.num_present) {
        out.string_constraints = { domains: buckets.map((b) => b.value) };
      }
    }
    return out;
  });
  const distribution: NonNullable<MmConstraints['monitoring_config']['distribution_constraints']> = {
    perform_comparison: 'Enabled',
    comparison_threshold: o.comparisonThreshold,
    comparison_method: o.comparisonMethod,
  };
  if (options.categoricalThreshold !== undefined) distribution.categorical_comparison_threshold = options.categoricalThreshold;
  if (options.categoricalDriftMethod !== undefined) distribution.categorical_drift_method = options.categoricalDriftMethod;
  return {
    version: 0.0,
    features,
    monitoring_config: {
      evaluate_constraints: 'Enabled',
      emit_metrics: 'Enabled',
      datatype_check_threshold: o.datatypeCheckThreshold,
      domain_content_threshold: o.domainContentThreshold,
      distribution_constraints: distribution,
    },
  };
}
