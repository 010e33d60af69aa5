import type { References, Severity } from '../../core/finding.js';
import type { Encoded } from '../tabular/encode.js';
import type { Table } from '../tabular/table.js';
import type { Neighbours } from './neighbours.js';

/** A row a detector finds suspicious. */
export interface FlaggedRow {
  /** Index into the table's rows (not the data row number: see rowOrigin). */
  row: number;
  /** Higher is more suspicious; what it measures is the detector's `score`. */
  score: number;
  reason: string;
  /** The column the reason is about. */
  column?: string;
  /** Where this row is worse or milder than the detector's usual severity. */
  severity?: Severity;
}

/** A finding about the dataset as a whole (a shifted column, a candidate trigger). */
export interface DatasetIssue {
  message: string;
  severity: Severity;
  column?: string;
  /** The figures behind it, for the JSON report. */
  details?: Record<string, unknown>;
}

export interface DetectorOutput {
  flagged: FlaggedRow[];
  /** A score per table row; NaN for rows the detector does not score (no label, not compared). */
  scores?: Float64Array;
  issues?: DatasetIssue[];
  /** How it ran: parameters, columns it could not use and why. */
  notes?: string[];
}

/** The approved version of the dataset, for the detectors that compare with it. */
export interface ReferenceData {
  path: string;
  table: Table;
  labelColumn: number;
}

/** What every detector sees: the dataset, its encoding, and shared, lazily computed results. */
export interface AuditContext {
  table: Table;
  encoded: Encoded;
  label: string;
  seed: number;
  reference?: ReferenceData;
  /** The k nearest neighbours of every encoded row, computed once for all detectors. */
  neighbours(): Neighbours;
  /** Out-of-fold class probabilities (encoded rows × classes), computed once. */
  probabilities(): Float64Array;
}

/**
 * A detector is also the rule its findings are reported under (`Rule`-shaped metadata for the
 * reporters): `id` is the rule id of its findings, `name` what `--detectors` selects it by.
 */
export interface Detector {
  id: string;
  name: string;
  title: string;
  ring: 'data';
  severity: Severity;
  resourceTypes: string[];
  rationale: string;
  remediation: string;
  references: References;
  /** What the score measures, for people choosing their own threshold. */
  score: string;
  /** Runs only when an approved version is given (--reference). */
  needsReference?: boolean;
  run(context: AuditContext): DetectorOutput;
}

/**
 * More distinct labels than this is not a classification label (a regression target, an id):
 * the detectors that model classes say so instead of fitting a thousand-class model.
 */
export const MAX_CLASSES = 100;

/** The note of a detector that cannot judge so many classes. */
export function tooManyClasses(k: number): string {
  return `the label has ${k} distinct values (more than ${MAX_CLASSES}): not a class label; a regression target or an identifier?`;
}

/** The resource types of audit findings: a dataset, and one row of it. */
export const DATASET_TYPE = 'Dataset';
export const ROW_TYPE = 'Dataset::Row';

/** Scores of encoded rows spread over table rows (NaN for rows not encoded). */
export function tableScores(table: Table, encoded: Encoded, scores: ArrayLike<number>): Float64Array {
  const out = new Float64Array(table.rows.length).fill(NaN);
  encoded.rows.forEach((t, r) => (out[t] = scores[r]!));
  return out;
}

/** Three significant digits, for messages. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

/** `12.3%` */
export function percent(x: number): string {
  return `${(100 * x).toFixed(x < 0.01 ? 2 : 1)}%`;
}
