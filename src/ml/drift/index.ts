// Drift in Model Monitor's own formats: baselines, constraint checks, L∞ distances.
export { buildBaseline, writeBaseline, keptColumns, toJsonText, STATISTICS_FILE, CONSTRAINTS_FILE, VIOLATIONS_FILE, type BaselineOptions, type BaselineResult } from './baseline.js';
export { suggestConstraints, DEFAULT_SUGGEST, type SuggestOptions } from './suggest.js';
export { checkConstraints, effectiveConfig, baselineSample, percent, type CheckResult, type CheckOptions, type FeatureMeasure } from './check.js';
export { numericDistance, categoricalDistance, ksCriticalCoefficient, ROBUST_ALPHA, type Distance, type WeightedSample } from './distance.js';
export { chiSquaredHomogeneity, chiSquaredPValue, gammaQ, logGamma, type ChiSquaredResult } from './chi-squared.js';
export { loadBaseline, parseStatistics, parseConstraints, parseJsonText, readJsonFile, type Baseline } from './load.js';
export { captureDataset, type CurrentDataset } from './current.js';
