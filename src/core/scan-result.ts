import { SEVERITIES, type Finding, type FindingStatus, type Severity } from './finding.js';

/** How one input fared. Every file (or later, API call) a scan touches has exactly one. */
export interface InputRecord {
  /** The file path as given or found (relative to the working directory where possible). */
  path: string;
  /** What it was recognised as: `cloudformation`, `terraform`, `terraform-plan`, `cdk`, `baseline`, … */
  kind?: string;
  status: 'read' | 'skipped' | 'failed';
  /** For skipped inputs: why ("JSON, but not a CloudFormation template"). */
  reason?: string;
  /** For failed inputs: the error with its position. */
  error?: { message: string; file: string; line?: number; column?: number };
  /** Resources loaded from it. */
  resources?: number;
  /** Problems that did not stop the input from being read (an unknown resource type). */
  warnings?: { message: string; line?: number; column?: number }[];
}

export interface ScanSummary {
  inputs: { read: number; skipped: number; failed: number };
  /** What was judged: resources of a posture scan, records of a trail scan, rows of an audit. */
  resources: number;
  /** How many rules (detections, detectors) ran. */
  rules: number;
  /** What `resources` and `rules` count, when not resources and rules: `{ resources: 'record', rules: 'detection' }`. */
  units?: { resources: string; rules: string };
  findings: Record<FindingStatus, number>;
  /** Failed findings per severity. */
  failedBySeverity: Record<Severity, number>;
}

/**
 * A problem with how the scan was configured rather than with an input's syntax: a suppression
 * without a reason, a baseline entry that matches nothing. Any error makes the exit code 2.
 */
export interface ScanError {
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface ScanResult {
  tool: { name: 'ringfence'; version: string };
  profile: string;
  findings: Finding[];
  inputs: InputRecord[];
  errors: ScanError[];
  summary: ScanSummary;
}

/** The summary of a result: counts by status and severity, and the inputs accounting. */
export function summarize(
  findings: readonly Finding[],
  inputs: readonly InputRecord[],
  resources: number,
  rules: number,
  units?: ScanSummary['units'],
): ScanSummary {
  const byStatus: Record<FindingStatus, number> = { fail: 0, pass: 0, unknown: 0, suppressed: 0 };
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) {
    byStatus[f.status]++;
    if (f.status === 'fail') bySeverity[f.severity]++;
  }
  const count = (s: InputRecord['status']) => inputs.filter((i) => i.status === s).length;
  return {
    inputs: { read: count('read'), skipped: count('skipped'), failed: count('failed') },
    resources,
    rules,
    ...(units ? { units } : {}),
    findings: byStatus,
    failedBySeverity: bySeverity,
  };
}
