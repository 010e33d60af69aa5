import type { Location, Origin } from './resource.js';

export const RINGS = ['network', 'identity', 'data', 'monitoring', 'supply-chain'] as const;
export type Ring = (typeof RINGS)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Ordering for `--fail-on`: higher is worse. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export type FindingStatus = 'fail' | 'pass' | 'unknown' | 'suppressed';

/** Cross-references that let users migrate from and compare with other tools and frameworks. */
export interface References {
  securityHub?: string[];
  cis?: string[];
  nist80053?: string[];
  atlas?: string[];
  /** MITRE ATT&CK technique ids (T1562.008), for detections. */
  attack?: string[];
  owaspMl?: string[];
  checkov?: string[];
  kics?: string[];
  cfnNag?: string[];
  cdkNag?: string[];
  prowler?: string[];
  docs?: string[];
}

/**
 * What a runtime detector saw when it fired (Data Capture, trails): who, which detector, the
 * score against its threshold, and when. Posture findings have none.
 */
export interface Detection {
  /** The caller, or the endpoint when callers are not identified. */
  subject: string;
  subjectKind: 'caller' | 'endpoint';
  /** The detector or signal that fired (mahalanobis, knn, prada, out-of-range, …). */
  detector: string;
  score: number;
  threshold: number;
  /** When it fired: the time of the record that made it fire (ISO 8601), when known. */
  time?: string;
}

export interface Finding {
  ruleId: string;
  status: FindingStatus;
  severity: Severity;
  ring: Ring;
  title: string;
  resource: { type: string; id: string; arn?: string };
  location?: Location;
  origin?: Origin;
  /** The property path that decided the result. */
  property?: string;
  message: string;
  remediation: string;
  references: References;
  /** For suppressed findings: the reason the user gave. */
  suppressionReason?: string;
  /** For suppressed findings: where the suppression was written (SARIF tells in-source from external). */
  suppressedVia?: 'metadata' | 'comment' | 'baseline';
  /** For runtime detections: who, which detector, score and time. */
  detection?: Detection;
}
