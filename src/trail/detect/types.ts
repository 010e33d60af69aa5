import type { References, Ring, Severity } from '../../core/finding.js';
import type { RecordSource, SourcedRecord } from '../record.js';
import type { Predicate } from './predicate.js';

/** A tunable of a detection: thresholds, windows, caps. The default is documented with it. */
export type ParamValue = number | boolean | readonly string[];

export interface ParameterSpec {
  default: ParamValue;
  description: string;
}

/** What a detector is created with: its parameters (defaults merged with overrides) and scan-wide inputs. */
export interface DetectorConfig {
  params: Readonly<Record<string, ParamValue>>;
  /** Training-data locations given by the user: bucket names or `s3://bucket/prefix`. */
  trainingBuckets: readonly string[];
  /**
   * When the run's log begins (ms): the time of the first record the engine saw with a valid time.
   * Learning periods of first-seen detections start there, not at the detector's own first event.
   */
  runStartMs?: () => number;
}

/** One suspicious thing a detector saw. Small on purpose: it keeps where the record is, not the record. */
export interface Alert {
  detectionId: string;
  source: RecordSource;
  eventTime: string;
  eventSource: string;
  eventName: string;
  principal: string;
  /** What the finding is about: the trail, bucket, key or role acted on; the principal when nothing else fits. */
  resource: { type: string; id: string; arn?: string };
  /** What happened, as a phrase after the principal: "stopped logging for trail main". */
  summary: string;
  /** The facts that decided: `requestParameters.rootAccess = Enabled`, counts, the window. */
  evidence: string[];
  /** The record field that decided, when one did. */
  property?: string;
}

/** The streaming half of a detection: records in, alerts out. State must stay bounded. */
export interface Detector {
  onRecord(record: SourcedRecord): readonly Alert[];
  /** End of input: alerts held back until everything was seen (none for most detectors). */
  flush(): readonly Alert[];
  /** Entries dropped from capped state (LRU evictions), so a run can say its memory was full. */
  evictions?(): number;
}

/**
 * A detection. Its metadata has the shape of a posture `Rule` (with `resourceTypes: []`), so the
 * reporters render detection findings exactly like scan findings.
 */
export interface Detection {
  id: string;
  title: string;
  ring: Ring;
  severity: Severity;
  resourceTypes: string[];
  rationale: string;
  remediation: string;
  references: References;
  /** `stateless`: a predicate over one record; `stateful`: thresholds, windows or first-seen. */
  kind: 'stateless' | 'stateful';
  /** Event names the detector reads; absent means every record (the access-denied burst). */
  eventNames?: readonly string[];
  parameters: Readonly<Record<string, ParameterSpec>>;
  /**
   * The per-record condition as data: for stateless detections the whole detection, for
   * stateful ones the records that feed the state (what counts toward a threshold).
   */
  predicate?: Predicate;
  create(config: DetectorConfig): Detector;
}

export const NO_ALERTS: readonly Alert[] = Object.freeze([]);
