import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { jsonErrorOffset } from '../../sources/terraform/json-error.js';
import type { KllSketchJson } from '../stats/kll.js';
import type {
  MmConstraints,
  MmFeatureConstraint,
  MmFeatureStatistics,
  MmMonitoringConfig,
  MmNumericalStatistics,
  MmStatistics,
  MmStringStatistics,
} from '../stats/model-monitor.js';
import { INFERRED_TYPES, type InferredType } from '../stats/value-type.js';

/** statistics.json and constraints.json files are small; a bigger one is not a baseline. */
const MAX_BASELINE_FILE_BYTES = 64 * 1024 * 1024;

type Json = unknown;

/** A value that is not what the schema wants, named by file and JSON path. */
function bad(file: string, path: string, want: string, got: Json): InputError {
  return new InputError(`${path || '(root)'}: expected ${want}, got ${describe(got)}`, file);
}

function describe(v: Json): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(file: string, path: string, v: Json): Record<string, Json> {
  if (!isObject(v)) throw bad(file, path, 'an object', v);
  return v;
}

function num(file: string, path: string, v: Json): number {
  if (typeof v === 'number') return v;
  // Model Monitor writes NaN as the string "NaN" where a value is undefined.
  if (v === 'NaN') return NaN;
  throw bad(file, path, 'a number', v);
}

function optNum(file: string, path: string, v: Json): number | undefined {
  return v === undefined ? undefined : num(file, path, v);
}

function str(file: string, path: string, v: Json): string {
  if (typeof v !== 'string') throw bad(file, path, 'a string', v);
  return v;
}

function arr(file: string, path: string, v: Json): Json[] {
  if (!Array.isArray(v)) throw bad(file, path, 'an array', v);
  return v;
}

function oneOf<T extends string>(file: string, path: string, v: Json, allowed: readonly T[]): T {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  throw bad(file, path, `one of ${allowed.join(', ')}`, v);
}

function optOneOf<T extends string>(file: string, path: string, v: Json, allowed: readonly T[]): T | undefined {
  return v === undefined ? undefined : oneOf(file, path, v, allowed);
}

/** JSON text → value, with a syntax error's line and column. */
export function parseJsonText(text: string, file: string): Json {
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message quotes the text around the error; keep only its first clause.
    const reason = (e as Error).message.split('\n')[0]!.replace(/, (?:"|\.\.\.).*$/, '').replace(/ in JSON at position \d+.*$/, '');
    const offset = jsonErrorOffset(text);
    if (offset === undefined) throw new InputError(`not valid JSON: ${reason}`, file);
    const lines = text.slice(0, offset).split('\n');
    throw new InputError(`not valid JSON: ${reason}`, file, lines.length, lines[lines.length - 1]!.length + 1);
  }
}

export async function readJsonFile(path: string, display: string): Promise<Json> {
  const s = await stat(path).catch(() => undefined);
  if (!s) throw new InputError('no such file', display);
  if (!s.isFile()) throw new InputError('not a regular file', display);
  if (s.size > MAX_BASELINE_FILE_BYTES) throw new InputError(`${s.size} bytes, over the ${MAX_BASELINE_FILE_BYTES}-byte limit for a baseline file`, display);
  return parseJsonText(await readFile(path, 'utf8'), display);
}

/** statistics.json, checked against Model Monitor's schema. */
export function parseStatistics(json: Json, file: string): MmStatistics {
  const root = obj(file, '', json);
  if (root.features === undefined && (root.regression_metrics || root.binary_classification_metrics || root.multiclass_classification_metrics)) {
    throw new InputError('a model-quality statistics file (metrics), not a data-quality one (features)', file);
  }
  const dataset = obj(file, 'dataset', root.dataset);
  return {
    version: optNum(file, 'version', root.version) ?? 0,
    dataset: { item_count: num(file, 'dataset.item_count', dataset.item_count) },
    features: arr(file, 'features', root.features).map((f, i) => featureStatistics(file, `features[${i}]`, f)),
  };
}

function featureStatistics(file: string, path: string, v: Json): MmFeatureStatistics {
  const f = obj(file, path, v);
  const out: MmFeatureStatistics = { name: str(file, `${path}.name`, f.name), inferred_type: oneOf<InferredType>(file, `${path}.inferred_type`, f.inferred_type, INFERRED_TYPES) };
  if (f.numerical_statistics !== undefined) out.numerical_statistics = numerical(file, `${path}.numerical_statistics`, f.numerical_statistics);
  if (f.string_statistics !== undefined) out.string_statistics = stringStats(file, `${path}.string_statistics`, f.string_statistics);
  return out;
}

function common(file: string, path: string, v: Json): { num_present: number; num_missing: number } {
  const c = obj(file, path, v);
  return { num_present: num(file, `${path}.num_present`, c.num_present), num_missing: num(file, `${path}.num_missing`, c.num_missing) };
}

function numerical(file: string, path: string, v: Json): MmNumericalStatistics {
  const n = obj(file, path, v);
  const dist = n.distribution === undefined ? undefined : obj(file, `${path}.distribution`, n.distribution);
  const kll = dist?.kll === undefined ? undefined : obj(file, `${path}.distribution.kll`, dist.kll);
  const buckets = kll?.buckets === undefined ? [] : arr(file, `${path}.distribution.kll.buckets`, kll.buckets).map((b, i) => {
    const p = `${path}.distribution.kll.buckets[${i}]`;
    const o = obj(file, p, b);
    return { lower_bound: num(file, `${p}.lower_bound`, o.lower_bound), upper_bound: num(file, `${p}.upper_bound`, o.upper_bound), count: num(file, `${p}.count`, o.count) };
  });
  const sketch = kll?.sketch === undefined ? { parameters: { c: 0.64, k: 2048 }, data: [] } : sketchJson(file, `${path}.distribution.kll.sketch`, kll.sketch);
  return {
    common: common(file, `${path}.common`, n.common),
    mean: num(file, `${path}.mean`, n.mean),
    sum: num(file, `${path}.sum`, n.sum),
    std_dev: num(file, `${path}.std_dev`, n.std_dev),
    min: num(file, `${path}.min`, n.min),
    max: num(file, `${path}.max`, n.max),
    distribution: { kll: { buckets, sketch } },
  };
}

function sketchJson(file: string, path: string, v: Json): KllSketchJson {
  const s = obj(file, path, v);
  const p = obj(file, `${path}.parameters`, s.parameters);
  const k = num(file, `${path}.parameters.k`, p.k);
  const c = num(file, `${path}.parameters.c`, p.c);
  if (!(k >= 2) || !(c > 0 && c <= 1)) throw new InputError(`${path}.parameters: expected k >= 2 and 0 < c <= 1, got k=${k}, c=${c}`, file);
  const data = arr(file, `${path}.data`, s.data).map((level, h) => arr(file, `${path}.data[${h}]`, level).map((x, i) => num(file, `${path}.data[${h}][${i}]`, x)));
  return { parameters: { c, k }, data };
}

function stringStats(file: string, path: string, v: Json): MmStringStatistics {
  const s = obj(file, path, v);
  const dist = s.distribution === undefined ? undefined : obj(file, `${path}.distribution`, s.distribution);
  const cat = dist?.categorical === undefined ? undefined : obj(file, `${path}.distribution.categorical`, dist.categorical);
  const buckets = cat?.buckets === undefined ? [] : arr(file, `${path}.distribution.categorical.buckets`, cat.buckets).map((b, i) => {
    const p = `${path}.distribution.categorical.buckets[${i}]`;
    const o = obj(file, p, b);
    const value = o.value;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw bad(file, `${p}.value`, 'a string', value);
    return { value: String(value), count: num(file, `${p}.count`, o.count) };
  });
  return {
    common: common(file, `${path}.common`, s.common),
    distinct_count: optNum(file, `${path}.distinct_count`, s.distinct_count) ?? buckets.length,
    distribution: { categorical: { buckets } },
  };
}

const TOGGLES = ['Enabled', 'Disabled'] as const;

function monitoringConfig(file: string, path: string, v: Json): MmMonitoringConfig {
  const m = obj(file, path, v);
  const out: MmMonitoringConfig = {};
  const set = <K extends keyof MmMonitoringConfig>(key: K, value: MmMonitoringConfig[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  set('evaluate_constraints', optOneOf(file, `${path}.evaluate_constraints`, m.evaluate_constraints, TOGGLES));
  set('emit_metrics', optOneOf(file, `${path}.emit_metrics`, m.emit_metrics, TOGGLES));
  set('datatype_check_threshold', optNum(file, `${path}.datatype_check_threshold`, m.datatype_check_threshold));
  set('domain_content_threshold', optNum(file, `${path}.domain_content_threshold`, m.domain_content_threshold));
  if (m.distribution_constraints !== undefined) {
    const p = `${path}.distribution_constraints`;
    const d = obj(file, p, m.distribution_constraints);
    const dc: NonNullable<MmMonitoringConfig['distribution_constraints']> = {};
    const perform = optOneOf(file, `${p}.perform_comparison`, d.perform_comparison, TOGGLES);
    if (perform) dc.perform_comparison = perform;
    if (d.enable_comparisons !== undefined) {
      if (typeof d.enable_comparisons !== 'boolean') throw bad(file, `${p}.enable_comparisons`, 'a boolean', d.enable_comparisons);
      dc.enable_comparisons = d.enable_comparisons;
    }
    const threshold = optNum(file, `${p}.comparison_threshold`, d.comparison_threshold);
    if (threshold !== undefined) dc.comparison_threshold = threshold;
    const method = optOneOf(file, `${p}.comparison_method`, d.comparison_method, ['Simple', 'Robust'] as const);
    if (method) dc.comparison_method = method;
    const catThreshold = optNum(file, `${p}.categorical_comparison_threshold`, d.categorical_comparison_threshold);
    if (catThreshold !== undefined) dc.categorical_comparison_threshold = catThreshold;
    const catMethod = optOneOf(file, `${p}.categorical_drift_method`, d.categorical_drift_method, ['LInfinity', 'ChiSquared'] as const);
    if (catMethod) dc.categorical_drift_method = catMethod;
    const mass = optNum(file, `${p}.min_domain_mass`, d.min_domain_mass);
    if (mass !== undefined) dc.min_domain_mass = mass;
    out.distribution_constraints = dc;
  }
  return out;
}

/** constraints.json, checked against Model Monitor's schema. */
export function parseConstraints(json: Json, file: string): MmConstraints {
  const root = obj(file, '', json);
  if (root.features === undefined && (root.regression_constraints || root.binary_classification_constraints || root.multiclass_classification_constraints)) {
    throw new InputError('model-quality constraints (metric thresholds), not data-quality constraints (features)', file);
  }
  return {
    version: optNum(file, 'version', root.version) ?? 0,
    features: arr(file, 'features', root.features).map((f, i) => featureConstraint(file, `features[${i}]`, f)),
    monitoring_config: root.monitoring_config === undefined ? {} : monitoringConfig(file, 'monitoring_config', root.monitoring_config),
  };
}

function featureConstraint(file: string, path: string, v: Json): MmFeatureConstraint {
  const f = obj(file, path, v);
  const out: MmFeatureConstraint = { name: str(file, `${path}.name`, f.name), inferred_type: oneOf<InferredType>(file, `${path}.inferred_type`, f.inferred_type, INFERRED_TYPES) };
  const completeness = optNum(file, `${path}.completeness`, f.completeness);
  if (completeness !== undefined) out.completeness = completeness;
  if (f.num_constraints !== undefined) {
    const n = obj(file, `${path}.num_constraints`, f.num_constraints);
    out.num_constraints = {};
    if (n.is_non_negative !== undefined) {
      if (typeof n.is_non_negative !== 'boolean') throw bad(file, `${path}.num_constraints.is_non_negative`, 'a boolean', n.is_non_negative);
      out.num_constraints.is_non_negative = n.is_non_negative;
    }
    if (n.monitoring_config_overrides !== undefined) out.num_constraints.monitoring_config_overrides = monitoringConfig(file, `${path}.num_constraints.monitoring_config_overrides`, n.monitoring_config_overrides);
  }
  if (f.string_constraints !== undefined) {
    const s = obj(file, `${path}.string_constraints`, f.string_constraints);
    out.string_constraints = {};
    if (s.domains !== undefined) out.string_constraints.domains = arr(file, `${path}.string_constraints.domains`, s.domains).map((d) => String(d));
    if (s.monitoring_config_overrides !== undefined) out.string_constraints.monitoring_config_overrides = monitoringConfig(file, `${path}.string_constraints.monitoring_config_overrides`, s.monitoring_config_overrides);
  }
  if (f.monitoringConfigOverrides !== undefined) out.monitoringConfigOverrides = monitoringConfig(file, `${path}.monitoringConfigOverrides`, f.monitoringConfigOverrides);
  if (f.monitoring_config_overrides !== undefined) out.monitoring_config_overrides = monitoringConfig(file, `${path}.monitoring_config_overrides`, f.monitoring_config_overrides);
  return out;
}

export interface Baseline {
  constraints: MmConstraints;
  /** Absent when the directory has no statistics.json: the drift check is then skipped. */
  statistics?: MmStatistics;
  constraintsFile: string;
  statisticsFile?: string;
}

/**
 * A baseline directory (or a constraints.json file, with statistics.json beside it). Throws
 * InputError naming the file and JSON path when a file is not in Model Monitor's schema.
 */
export async function loadBaseline(path: string, display: (p: string) => string): Promise<Baseline> {
  const s = await stat(path).catch(() => undefined);
  if (!s) throw new InputError('no such file or directory', display(path));
  const dir = s.isDirectory() ? path : join(path, '..');
  const constraintsPath = s.isDirectory() ? join(dir, 'constraints.json') : path;
  const statisticsPath = join(dir, 'statistics.json');
  const constraints = parseConstraints(await readJsonFile(constraintsPath, display(constraintsPath)), display(constraintsPath));
  const hasStats = await stat(statisticsPath).then((x) => x.isFile()).catch(() => false);
  if (!hasStats) return { constraints, constraintsFile: display(constraintsPath) };
  const statistics = parseStatistics(await readJsonFile(statisticsPath, display(statisticsPath)), display(statisticsPath));
  return { constraints, statistics, constraintsFile: display(constraintsPath), statisticsFile: display(statisticsPath) };
}
