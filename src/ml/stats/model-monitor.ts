// The file formats of SageMaker Model Monitor's data-quality jobs, as documented
// (https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-interpreting-statistics.html,
// model-monitor-byoc-constraints.html, model-monitor-interpreting-violations.html) and as the
// prebuilt container writes them. Key names are Model Monitor's, snake_case included.

import type { KllSketchJson } from './kll.js';
import type { InferredType } from './value-type.js';

export interface MmCommon {
  num_present: number;
  num_missing: number;
}

export interface MmKllBucket {
  lower_bound: number;
  upper_bound: number;
  count: number;
}

export interface MmNumericalStatistics {
  common: MmCommon;
  mean: number;
  sum: number;
  std_dev: number;
  min: number;
  max: number;
  distribution: { kll: { buckets: MmKllBucket[]; sketch: KllSketchJson } };
}

export interface MmCategoricalBucket {
  value: string;
  count: number;
}

export interface MmStringStatistics {
  common: MmCommon;
  distinct_count: number;
  distribution: { categorical: { buckets: MmCategoricalBucket[] } };
}

export interface MmFeatureStatistics {
  name: string;
  inferred_type: InferredType;
  numerical_statistics?: MmNumericalStatistics;
  string_statistics?: MmStringStatistics;
}

/** statistics.json */
export interface MmStatistics {
  version: number;
  dataset: { item_count: number };
  features: MmFeatureStatistics[];
}

export type Toggle = 'Enabled' | 'Disabled';
export type ComparisonMethod = 'Simple' | 'Robust';
export type CategoricalDriftMethod = 'LInfinity' | 'ChiSquared';

export interface MmDistributionConstraints {
  perform_comparison?: Toggle;
  comparison_threshold?: number;
  comparison_method?: ComparisonMethod;
  categorical_comparison_threshold?: number;
  categorical_drift_method?: CategoricalDriftMethod;
  /** Older constraints files (and the SDK's test data) spell the switch this way. */
  enable_comparisons?: boolean;
  min_domain_mass?: number;
}

export interface MmMonitoringConfig {
  evaluate_constraints?: Toggle;
  emit_metrics?: Toggle;
  datatype_check_threshold?: number;
  domain_content_threshold?: number;
  distribution_constraints?: MmDistributionConstraints;
}

export interface MmFeatureConstraint {
  name: string;
  inferred_type: InferredType;
  completeness?: number;
  num_constraints?: { is_non_negative?: boolean; monitoring_config_overrides?: MmMonitoringConfig };
  string_constraints?: { domains?: string[]; monitoring_config_overrides?: MmMonitoringConfig };
  /** Per-feature overrides of `monitoring_config`; the documentation spells it this way. */
  monitoringConfigOverrides?: MmMonitoringConfig;
  monitoring_config_overrides?: MmMonitoringConfig;
}

/** constraints.json */
export interface MmConstraints {
  version: number;
  features: MmFeatureConstraint[];
  monitoring_config: MmMonitoringConfig;
}

export const CONSTRAINT_CHECK_TYPES = [
  'data_type_check',
  'completeness_check',
  'baseline_drift_check',
  'missing_column_check',
  'extra_column_check',
  'categorical_values_check',
] as const;
export type ConstraintCheckType = (typeof CONSTRAINT_CHECK_TYPES)[number];

export interface MmViolation {
  feature_name: string;
  constraint_check_type: ConstraintCheckType;
  description: string;
}

/** constraint_violations.json */
export interface MmViolations {
  violations: MmViolation[];
}
