// Training-data poisoning audit: detectors, the audit that runs them, and the tools to measure them.
export { auditDataset, auditTable, DEFAULT_MAX_FINDINGS, type AuditOptions, type AuditResult, type AuditSection, type DetectorReport, type ReportedRow } from './audit.js';
export { AUDIT_RULES, DETECTORS, DETECTOR_NAMES, MALFORMED_ROWS } from './catalog.js';
export type { AuditContext, DatasetIssue, Detector, DetectorOutput, FlaggedRow } from './detector.js';
export { confidentLearning, type ConfidentLearning, type PruneMethod } from './confident-learning.js';
export { isolationForestScores } from './isolation-forest.js';
export { nearestNeighbours, type Neighbours } from './neighbours.js';
export { outOfFoldProbabilities } from './out-of-fold.js';
export { injectPoison, POISON_KINDS, type PoisonKind, type Poisoned } from './inject.js';
export { auroc, detectionQuality, type DetectionQuality } from './metrics.js';
export { chiSquareHomogeneity, chiSquareGoodnessOfFit, kolmogorovSmirnov, populationStabilityIndex } from './stats.js';
