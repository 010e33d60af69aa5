// Model-extraction detection over inference traffic: per-caller streaming detectors (PRADA, a
// stateful k-NN detector and simple signals), calibrated on benign data, reported as findings.
export { calibrate, type CalibrationInput } from './calibrate.js';
export { configFromTable, type BaselineOptions } from './baseline.js';
export { detectExtraction, queryOf, type CaptureDetection, type SkippedRows } from './capture-queries.js';
export type { CalibrationOptions, CalibrationSummary, ExtractionConfig } from './config.js';
export { binomialUpperTail, CountTest, type CountTestConfig } from './count-test.js';
export { encoderFor, fitEncoder, type ColumnSpec, type FeatureEncoder, type RawValue } from './encoding.js';
export { fitFeatureSpace, type FeatureSpace } from './feature-space.js';
export { EXTRACTION_DETECTORS, extractionFindings, extractionRuleId, type AlertContext } from './findings.js';
export { ExtractionMonitor, type CallerSummary, type MonitorOptions } from './monitor.js';
export { precisionContradicted } from './detectors/precision.js';
export { learnPrecision, onGrid, type FeaturePrecision } from './precision.js';
export { SIGNALS, type ExtractionAlert, type Query, type SignalName } from './types.js';
