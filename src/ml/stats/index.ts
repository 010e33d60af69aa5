// Streaming statistics in SageMaker Model Monitor's formats: KLL sketches, moments, value types.
export { KllSketch, MODEL_MONITOR_KLL, type KllParameters, type KllSketchJson } from './kll.js';
export { Moments } from './moments.js';
export { valueType, inferType, satisfiesType, INFERRED_TYPES, type ValueType, type InferredType } from './value-type.js';
export { FeatureAccumulator, DEFAULT_MAX_DISTINCT, type FeatureOptions } from './feature.js';
export { DatasetAccumulator, defaultColumnName } from './dataset.js';
export { readTrainingCsv, type TrainingCsv, type TrainingCsvOptions } from './training-csv.js';
export * from './model-monitor.js';
