import type { Finding, References, Severity } from '../../core/finding.js';
import { rowOrigin, type RowProblem, type Table } from '../tabular/table.js';
import type { ReportedRow } from './audit.js';
import { MALFORMED_ROWS } from './catalog.js';
import { DATASET_TYPE, ROW_TYPE, fmt, type DatasetIssue, type Detector, type FlaggedRow } from './detector.js';

// What the audit reports, from what the detectors return: each flagged row named by its data row
// number, file and line, and findings for the reporters (about a row, or the dataset as a whole).

interface RuleText {
  id: string;
  title: string;
  remediation: string;
  references: References;
}

export function reported(table: Table, f: FlaggedRow, detector: Detector): ReportedRow {
  return { ...rowOrigin(table, f.row), score: round(f.score), severity: f.severity ?? detector.severity, ...(f.column ? { column: f.column } : {}), reason: f.reason };
}

/** Every scored row's score, in row order (rows a detector does not score are left out). */
export function scoreList(table: Table, scores: Float64Array): { row: number; score: number }[] {
  const out: { row: number; score: number }[] = [];
  for (let t = 0; t < scores.length; t++) if (!Number.isNaN(scores[t]!)) out.push({ row: table.rowNumbers[t]!, score: round(scores[t]!) });
  return out.sort((a, b) => a.row - b.row);
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

/** A finding about one row: `row N` at file:line (a format without lines names the file instead). */
function rowFinding(rule: RuleText, severity: Severity, row: { row: number; file: string; line?: number; column?: string }, message: string): Finding {
  return {
    ruleId: rule.id,
    status: 'fail',
    severity,
    ring: 'data',
    title: rule.title,
    resource: { type: ROW_TYPE, id: row.line ? `row ${row.row}` : `${row.file} row ${row.row}` },
    ...(row.line ? { location: { file: row.file, line: row.line, column: 1 } } : {}),
    ...(row.column ? { property: row.column } : {}),
    message,
    remediation: rule.remediation,
    references: rule.references,
  };
}

function datasetFinding(dataset: string, rule: RuleText, severity: Severity, message: string, column?: string): Finding {
  return {
    ruleId: rule.id,
    status: 'fail',
    severity,
    ring: 'data',
    title: rule.title,
    resource: { type: DATASET_TYPE, id: dataset },
    location: { file: dataset, line: 1, column: 1 },
    ...(column ? { property: column } : {}),
    message,
    remediation: rule.remediation,
    references: rule.references,
  };
}

/** The most suspicious rows as findings, and one more saying how many were left out. */
export function rowFindings(detector: Detector, rows: ReportedRow[], max: number, dataset: string): Finding[] {
  const shown = max > 0 ? rows.slice(0, max) : rows;
  const out = shown.map((r) => rowFinding(detector, r.severity, r, `${r.reason} (score ${fmt(r.score)})`));
  if (shown.length < rows.length) {
    out.push(datasetFinding(dataset, detector, detector.severity, `${rows.length} rows flagged; the ${shown.length} most suspicious are listed (--max-findings 0 lists all; --format json gives every row with its score)`));
  }
  return out;
}

export function issueFindings(dataset: string, detector: Detector, issues: DatasetIssue[]): Finding[] {
  return issues.map((i) => datasetFinding(dataset, detector, i.severity, i.message, i.column));
}

export function malformedFindings(problems: RowProblem[], max: number, dataset: string): Finding[] {
  const shown = max > 0 ? problems.slice(0, max) : problems;
  const out = shown.map((p) => rowFinding(MALFORMED_ROWS, MALFORMED_ROWS.severity, p, p.message));
  if (shown.length < problems.length) {
    out.push(datasetFinding(dataset, MALFORMED_ROWS, MALFORMED_ROWS.severity, `${problems.length} malformed rows or values; the first ${shown.length} are listed (--format json lists all)`));
  }
  return out;
}
