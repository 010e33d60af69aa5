import type { Finding, FindingStatus, Severity } from './finding.js';

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
  resources: number;
  rules: number;
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
