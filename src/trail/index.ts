// CloudTrail: the record shape, reading trails, the CloudWatch Logs filter-pattern language, CIS metric filters.
export type { CloudTrailRecord, UserIdentity, RecordSource, SourcedRecord } from './record.js';
export { openTrail, readTrail, DEFAULT_TRAIL_LIMITS, type TrailLimits, type TrailInput, type OpenedTrail, type ReadTrailOptions, type TrailProgress, type TrailReadStats } from './read/index.js';
export * as pattern from './pattern/index.js';
export { compileFilterPattern, parseFilterPattern, testPattern, FilterPatternError, type FilterPattern, type CompiledFilterPattern } from './pattern/index.js';
export { CIS_METRIC_FILTERS, cisMetricFilter, type CisMetricFilter, type CanonicalEvent } from './cis.js';
