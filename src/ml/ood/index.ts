// Out-of-distribution and adversarial input scores against a training baseline.
export { fitOodDetector, OodDetector, OOD_METHODS, DEFAULT_OOD, type OodOptions, type OodMethod, type OodScore, type MethodScore, type FeatureContribution, type OodCalibration } from './detector.js';
export { fitEncoder, Encoder, type ColumnEncoding, type EncoderOptions, type RawValue } from './encode.js';
export { MahalanobisModel } from './mahalanobis.js';
export { KnnModel } from './knn.js';
export { ledoitWolf, type ShrunkCovariance } from './ledoit-wolf.js';
export { calibrateThreshold, shuffledIndexes } from './calibrate.js';
export { readBaselineRows, type BaselineRows } from './baseline-rows.js';
export { scoreCapture, type FlaggedRecord, type ScoreResult, type ScoreSummary } from './score-capture.js';
export { OOD_DETECTOR, oodFindings } from './findings.js';
