// The library: everything the CLI does is available here.
export { scan, type ScanOptions } from './scan.js';
export { RULES } from './rules/index.js';
export { selectRules, runRules } from './rules/engine.js';
export { loadPaths } from './sources/load.js';
export { render, FORMATS } from './report/index.js';
export { Inventory, type Edge } from './core/inventory.js';
export { Unknown, Ref, Expr, getPath, isUnknown, isRef, isExpr, type Value } from './core/value.js';
export { AWS_DEFAULTS, effective, awsDefault } from './core/defaults.js';
export { InputError, UsageError } from './core/errors.js';
export { DEFAULT_LIMITS, type Limits } from './core/limits.js';
export type { Resource, Location, Origin, Suppression } from './core/resource.js';
export type { Finding, FindingStatus, Severity, Ring, References } from './core/finding.js';
export type { Rule, CheckResult, CheckContext, Profile } from './core/rule.js';
export type { ScanResult, InputRecord, ScanSummary, ScanError } from './core/scan-result.js';
export { VERSION } from './version.js';

// The other jobs, as namespaces (each loads its own dependencies only when used).
export * as iam from './iam/index.js';
export * as trail from './trail/index.js';
export * as detections from './trail/detect/index.js';
export { trailScan } from './trail/detect/scan.js';
export * as capture from './ml/capture/index.js';
export * as drift from './ml/drift/index.js';
export * as ood from './ml/ood/index.js';
export * as integrity from './ml/integrity/index.js';
export * as extraction from './ml/extraction/index.js';
export * as models from './ml/models/index.js';
export * as poisoning from './ml/poisoning/index.js';
export * as tabular from './ml/tabular/index.js';
export * as iamInventory from './iam/inventory/index.js';
export * as iamLint from './iam/lint/index.js';
export * as escalation from './iam/escalation/index.js';
export * as leastPrivilege from './iam/generate/index.js';
