import type { DatasetAccumulator } from '../stats/dataset.js';
import { defaultColumnName } from '../stats/dataset.js';
import type { FeatureAccumulator } from '../stats/feature.js';
import { KllSketch } from '../stats/kll.js';
import type {
  CategoricalDriftMethod,
  ComparisonMethod,
  MmConstraints,
  MmFeatureConstraint,
  MmFeatureStatistics,
  MmMonitoringConfig,
  MmStatistics,
  MmViolation,
} from '../stats/model-monitor.js';
import { chiSquaredHomogeneity } from './chi-squared.js';
import { categoricalDistance, numericDistance, ROBUST_ALPHA, type Distance, type WeightedSample } from './distance.js';

/** Defaults where constraints.json leaves a setting out, per Model Monitor's documentation. */
const DEFAULTS = {
  datatypeCheckThreshold: 0.1,
  domainContentThreshold: 0.1,
  comparisonThreshold: 0.1,
  comparisonMethod: 'Robust' as ComparisonMethod,
  categoricalDriftMethod: 'LInfinity' as CategoricalDriftMethod,
};

/** What was measured for one feature, violated or not (for reports beyond the violations file). */
export interface FeatureMeasure {
  feature: string;
  completeness?: number;
  /** Share of present values of the expected type. */
  typeMatch?: number;
  /** Share of a String feature's present values inside its domain. */
  domainShare?: number;
  drift?: (Distance & { method: ComparisonMethod; threshold: number; kind: 'numerical' | 'categorical' }) | { kind: 'categorical'; method: 'ChiSquared'; pValue: number; statistic: number; dof: number; threshold: number };
}

export interface CheckResult {
  violations: MmViolation[];
  measures: FeatureMeasure[];
  /** Rows of the current dataset. */
  items: number;
}

export interface CheckOptions {
  /** Significance behind the Robust correction. */
  alpha?: number;
}

/**
 * Evaluates constraints.json against the current dataset, with the checks of Model Monitor's
 * data-quality container: data type, completeness, baseline drift (needs statistics.json),
 * missing and extra columns, categorical values. Columns are matched by position, as a CSV
 * payload's are.
 */
export function checkConstraints(constraints: MmConstraints, baseline: MmStatistics | undefined, current: DatasetAccumulator, options: CheckOptions = {}): CheckResult {
  const violations: MmViolation[] = [];
  const measures: FeatureMeasure[] = [];
  const root = constraints.monitoring_config;
  if (current.rows === 0 || root.evaluate_constraints === 'Disabled') return { violations, measures, items: current.rows };

  const expected = constraints.features.length;
  const width = current.maxWidth;
  const columnCounts = `Number of columns in current dataset: ${width}, Number of columns in baseline constraints: ${expected}`;
  for (let i = width; i < expected; i++) {
    violations.push({ feature_name: constraints.features[i]!.name, constraint_check_type: 'missing_column_check', description: `There are missing columns in current dataset. ${columnCounts}` });
  }
  for (let i = expected; i < width; i++) {
    violations.push({ feature_name: defaultColumnName(i), constraint_check_type: 'extra_column_check', description: `There are extra columns in current dataset. ${columnCounts}` });
  }

  const byName = new Map((baseline?.features ?? []).map((f) => [f.name, f]));
  for (let i = 0; i < Math.min(expected, width); i++) {
    const constraint = constraints.features[i]!;
    const config = effectiveConfig(root, constraint);
    if (config.evaluate_constraints === 'Disabled') continue;
    const acc = current.features[i]!;
    const measure: FeatureMeasure = { feature: constraint.name };
    measures.push(measure);
    const add = (constraint_check_type: MmViolation['constraint_check_type'], description: string): void => {
      violations.push({ feature_name: constraint.name, constraint_check_type, description });
    };
    checkCompleteness(constraint, acc, measure, add);
    checkType(constraint, config, acc, measure, add);
    checkDomain(constraint, config, acc, measure, add);
    const base = byName.get(constraint.name) ?? baseline?.features[i];
    if (base) checkDrift(constraint, config, base, acc, measure, add, options.alpha ?? ROBUST_ALPHA);
  }
  return { violations, measures, items: current.rows };
}

type Add = (type: MmViolation['constraint_check_type'], description: string) => void;

/** monitoring_config with a feature's overrides (any of the spellings in use) on top. */
export function effectiveConfig(root: MmMonitoringConfig, f: MmFeatureConstraint): MmMonitoringConfig {
  const overrides = [f.num_constraints?.monitoring_config_overrides, f.string_constraints?.monitoring_config_overrides, f.monitoringConfigOverrides, f.monitoring_config_overrides];
  let out: MmMonitoringConfig = { ...root, distribution_constraints: { ...root.distribution_constraints } };
  for (const o of overrides) {
    if (!o) continue;
    out = { ...out, ...o, distribution_constraints: { ...out.distribution_constraints, ...o.distribution_constraints } };
  }
  return out;
}

function checkCompleteness(c: MmFeatureConstraint, acc: FeatureAccumulator, measure: FeatureMeasure, add: Add): void {
  const total = acc.present + acc.missing;
  if (total === 0) return;
  const observed = acc.present / total;
  measure.completeness = observed;
  if (c.completeness !== undefined && observed < c.completeness) {
    add('completeness_check', `Data completeness requirement is not met. Expected completeness: ${percent(c.completeness)}%. Observed: Only ${percent(observed)}% of data is present.`);
  }
}

function checkType(c: MmFeatureConstraint, config: MmMonitoringConfig, acc: FeatureAccumulator, measure: FeatureMeasure, add: Add): void {
  if (acc.present === 0 || (c.inferred_type !== 'Integral' && c.inferred_type !== 'Fractional')) return;
  const matched = c.inferred_type === 'Integral' ? acc.types.integral : acc.types.integral + acc.types.fractional;
  const share = matched / acc.present;
  measure.typeMatch = share;
  const threshold = config.datatype_check_threshold ?? DEFAULTS.datatypeCheckThreshold;
  if (share < threshold) {
    add('data_type_check', `Data type match requirement is not met. Expected data type: ${c.inferred_type}, Expected match: ${percent(threshold)}%. Observed: Only ${percent(share)}% of data is ${c.inferred_type}.`);
  }
}

function checkDomain(c: MmFeatureConstraint, config: MmMonitoringConfig, acc: FeatureAccumulator, measure: FeatureMeasure, add: Add): void {
  const domain = c.string_constraints?.domains;
  if (!domain || domain.length === 0 || acc.present === 0 || c.inferred_type !== 'String') return;
  const allowed = new Set(domain);
  let inside = 0;
  const unknown: [string, number][] = [];
  for (const [value, count] of acc.distinct) {
    if (allowed.has(value)) inside += count;
    else unknown.push([value, count]);
  }
  const share = inside / acc.present;
  measure.domainShare = share;
  const threshold = config.domain_content_threshold ?? DEFAULTS.domainContentThreshold;
  if (share < threshold) {
    unknown.sort((a, b) => b[1] - a[1]);
    const shown = unknown.slice(0, 5).map(([v]) => JSON.stringify(v)).join(', ');
    const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
    add('categorical_values_check', `Categorical value requirement is not met. Expected: ${percent(threshold)}% of values in the baseline domain. Observed: Only ${percent(share)}% of values are in the domain; values not in it: ${shown}${more}.`);
  }
}

function checkDrift(c: MmFeatureConstraint, config: MmMonitoringConfig, base: MmFeatureStatistics, acc: FeatureAccumulator, measure: FeatureMeasure, add: Add, alpha: number): void {
  const dc = config.distribution_constraints ?? {};
  const enabled = dc.perform_comparison !== undefined ? dc.perform_comparison === 'Enabled' : (dc.enable_comparisons ?? true);
  if (!enabled) return;
  const threshold = dc.comparison_threshold ?? DEFAULTS.comparisonThreshold;
  const method = dc.comparison_method ?? DEFAULTS.comparisonMethod;
  const numeric = c.inferred_type === 'Integral' || c.inferred_type === 'Fractional';
  if (numeric && base.numerical_statistics) {
    if (acc.sketch.count === 0) return;
    const d = numericDistance(baselineSample(base), { items: acc.sketch.weightedItems(), count: acc.sketch.count }, method, alpha);
    measure.drift = { ...d, method, threshold, kind: 'numerical' };
    if (d.value > threshold) add('baseline_drift_check', `Baseline drift distance: ${d.value} exceeds threshold: ${threshold}`);
    return;
  }
  if (c.inferred_type !== 'String' || !base.string_statistics) return;
  const baseCounts = new Map(base.string_statistics.distribution.categorical.buckets.map((b) => [b.value, b.count]));
  if (acc.present === 0) return;
  const catThreshold = dc.categorical_comparison_threshold ?? threshold;
  const catMethod = dc.categorical_drift_method ?? DEFAULTS.categoricalDriftMethod;
  if (catMethod === 'ChiSquared') {
    const r = chiSquaredHomogeneity(baseCounts, acc.distinct);
    measure.drift = { kind: 'categorical', method: 'ChiSquared', pValue: r.pValue, statistic: r.statistic, dof: r.dof, threshold: catThreshold };
    if (r.pValue < catThreshold) add('baseline_drift_check', `Baseline drift p-value (chi-squared ${r.statistic.toFixed(3)}, ${r.dof} degrees of freedom): ${r.pValue} is below threshold: ${catThreshold}`);
    return;
  }
  const d = categoricalDistance(baseCounts, acc.distinct, method, alpha);
  measure.drift = { ...d, method, threshold: catThreshold, kind: 'categorical' };
  if (d.value > catThreshold) add('baseline_drift_check', `Baseline drift distance: ${d.value} exceeds threshold: ${catThreshold}`);
}

/** The baseline's distribution: its KLL sketch, or the bucket midpoints when the sketch is absent. */
export function baselineSample(f: MmFeatureStatistics): WeightedSample {
  const kll = f.numerical_statistics!.distribution.kll;
  if (kll.sketch.data.some((level) => level.length > 0)) {
    const sketch = KllSketch.fromJSON(kll.sketch);
    return { items: sketch.weightedItems(), count: sketch.count };
  }
  const items = kll.buckets.filter((b) => b.count > 0).map((b) => [(b.lower_bound + b.upper_bound) / 2, b.count] as const);
  return { items, count: items.reduce((s, [, w]) => s + w, 0) };
}

/** A share as Model Monitor prints percentages: `100.0`, `99.71751412429379`. */
export function percent(share: number): string {
  const p = share * 100;
  return Number.isInteger(p) ? p.toFixed(1) : String(p);
}
