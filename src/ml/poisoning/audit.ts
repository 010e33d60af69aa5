import { SEVERITIES, type Finding, type FindingStatus, type Severity } from '../../core/finding.js';
import type { InputRecord, ScanError, ScanResult, ScanSummary } from '../../core/scan-result.js';
import { VERSION } from '../../version.js';
import { readDataset, type DatasetOptions } from '../tabular/dataset.js';
import { encode, type Encoded } from '../tabular/encode.js';
import { rowOrigin, type RowProblem, type Table } from '../tabular/table.js';
import { DETECTORS, MALFORMED_ROWS } from './catalog.js';
import { DATASET_TYPE, ROW_TYPE, type AuditContext, type DatasetIssue, type Detector, type DetectorOutput, type FlaggedRow, type ReferenceData } from './detector.js';
import { nearestNeighbours, type Neighbours } from './neighbours.js';
import { outOfFoldProbabilities } from './out-of-fold.js';

// The poisoning audit: read the dataset (and its approved version), encode the features, run the
// detectors, and report what they flag twice over: as findings for the reporters (table, SARIF,
// JUnit), the most suspicious rows of each detector, and in full in the `audit` section of the
// result (every flagged row with its 1-based data row number, file, line, score and reason).

export interface AuditOptions extends DatasetOptions {
  /** A file, or a directory of part files (a SageMaker channel mirrored locally). */
  dataset: string;
  label: string;
  /** The approved version, for the detectors that compare with it. */
  reference?: string;
  /** Detector names (default: all; those needing a reference only when one is given). */
  detectors?: string[];
  /** Columns not used as features. */
  ignore?: string[];
  seed?: number;
  /** Keep every row's score of every detector in the result. */
  allScores?: boolean;
  /** Findings per detector, most suspicious first (default 20; 0 for all). */
  maxFindings?: number;
  onProgress?: (stage: string) => void;
}

/** A flagged row, as reported: where it is and why. */
export interface ReportedRow {
  /** 1-based data row number in the dataset (header excluded). */
  row: number;
  file: string;
  line?: number;
  score: number;
  severity: Severity;
  column?: string;
  reason: string;
}

export interface DetectorReport {
  name: string;
  ruleId: string;
  title: string;
  status: 'ran' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  reason?: string;
  /** What the score measures. */
  score: string;
  /** Every flagged row, most suspicious first. */
  flagged: ReportedRow[];
  issues: DatasetIssue[];
  notes: string[];
  /** With allScores: every scored row's score, in row order. */
  scores?: { row: number; score: number }[];
}

export interface AuditSection {
  dataset: string;
  label: string;
  reference?: string;
  seed: number;
  rows: { read: number; audited: number; rejected: number; unlabelled: number };
  classes: { label: string; rows: number }[];
  features: { used: string[]; excluded: { column: string; reason: string }[] };
  /** Every row left out and every cell that did not fit its column, with file and line. */
  malformed: RowProblem[];
  detectors: DetectorReport[];
}

export interface AuditResult extends ScanResult {
  audit: AuditSection;
}

export const DEFAULT_MAX_FINDINGS = 20;
const NEIGHBOURS = 10;
/** Weight of logistic regression against neighbour votes in the out-of-fold probabilities. */
const MODEL_WEIGHT = 0.7;
const L2 = 0.03;

export async function auditDataset(options: AuditOptions): Promise<AuditResult> {
  const progress = options.onProgress ?? (() => {});
  const readOptions: DatasetOptions = { ...options, text: [...(options.text ?? []), options.label] };
  progress(`reading ${options.dataset}`);
  const table = await readDataset(options.dataset, readOptions);
  let reference: Table | undefined;
  if (options.reference) {
    progress(`reading ${options.reference}`);
    reference = await readDataset(options.reference, readOptions);
  }
  return auditTable(table, options, reference);
}

/**
 * Audits a dataset already in memory (`options.dataset` names it in the report); `reference` is
 * the approved version, read the same way. The benchmark audits poisoned copies this way.
 */
export function auditTable(table: Table, options: AuditOptions, referenceTable?: Table): AuditResult {
  const seed = options.seed ?? 1;
  const maxFindings = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const progress = options.onProgress ?? (() => {});
  const errors: ScanError[] = [];
  const inputs: InputRecord[] = [...table.inputs];
  let reference: ReferenceData | undefined;
  if (referenceTable && options.reference) {
    inputs.push(...referenceTable.inputs.map((i) => ({ ...i, kind: `reference ${i.kind ?? 'data'}` })));
    const labelColumn = referenceTable.columns.indexOf(options.label);
    if (labelColumn === -1 && referenceTable.columns.length > 0) errors.push({ message: `the reference has no column "${options.label}" (columns: ${referenceTable.columns.join(', ')})`, file: options.reference });
    else if (labelColumn >= 0) reference = { path: options.reference, table: referenceTable, labelColumn };
  }

  const section: AuditSection = {
    dataset: options.dataset,
    label: options.label,
    ...(options.reference ? { reference: options.reference } : {}),
    seed,
    rows: { read: table.rows.length + table.rejected.length, audited: 0, rejected: table.rejected.length, unlabelled: 0 },
    classes: [],
    features: { used: [], excluded: [] },
    malformed: [...table.rejected, ...table.problems],
    detectors: [],
  };
  const selected = selectDetectors(options.detectors, reference !== undefined);
  let encoded: Encoded | undefined;
  if (table.columns.length > 0 && !table.columns.includes(options.label)) {
    errors.push({ message: `no column "${options.label}" to use as the label (columns: ${table.columns.join(', ')})`, file: options.dataset });
  } else if (table.columns.length > 0) {
    for (const c of options.ignore ?? []) if (!table.columns.includes(c)) errors.push({ message: `--ignore: no column "${c}"`, file: options.dataset });
    encoded = encode(table, { label: options.label, ...(options.ignore ? { ignore: options.ignore } : {}) });
    for (const t of encoded.unlabelled) section.malformed.push({ kind: 'label', ...rowOrigin(table, t), column: options.label, message: `the label "${options.label}" is missing; the row is left out of the audit` });
    section.malformed.sort((a, b) => a.row - b.row);
    section.rows.audited = encoded.n;
    section.rows.unlabelled = encoded.unlabelled.length;
    section.classes = encoded.classes.map((label, c) => ({ label, rows: encoded!.y.filter((y) => y === c).length }));
    section.features = { used: encoded.features.map((f) => f.column), excluded: encoded.excluded };
  }

  const findings: Finding[] = [];
  for (const { detector, skip } of selected) {
    const report: DetectorReport = { name: detector.name, ruleId: detector.id, title: detector.title, status: 'ran', score: detector.score, flagged: [], issues: [], notes: [] };
    section.detectors.push(report);
    const why = skip ?? (!encoded ? (table.columns.length === 0 ? 'the dataset could not be read' : `no label column "${options.label}"`) : encoded.n === 0 ? 'no labelled rows' : undefined);
    if (why) {
      report.status = 'skipped';
      report.reason = why;
      continue;
    }
    progress(`detector ${detector.name}`);
    let out: DetectorOutput;
    try {
      out = detector.run(context(table, encoded!, options.label, seed, reference));
    } catch (e) {
      report.status = 'failed';
      report.reason = (e as Error).message;
      errors.push({ message: `detector ${detector.name} failed: ${(e as Error).message}` });
      continue;
    }
    report.flagged = out.flagged.map((f) => reported(table, f, detector)).sort((a, b) => b.score - a.score || a.row - b.row);
    report.issues = out.issues ?? [];
    report.notes = out.notes ?? [];
    if (options.allScores && out.scores) report.scores = scoreList(table, out.scores);
    findings.push(...issueFindings(options.dataset, detector, report.issues), ...rowFindings(detector, report.flagged, maxFindings, options.dataset));
  }
  findings.push(...malformedFindings(section.malformed, maxFindings, options.dataset));

  return {
    tool: { name: 'ringfence', version: VERSION },
    profile: 'poisoning-audit',
    findings,
    inputs,
    errors,
    summary: summarize(findings, inputs, section.rows.audited, selected.filter((s) => !s.skip).length + 1),
    audit: section,
  };
}

/** The detectors to run, each with why it is skipped where it is. */
function selectDetectors(names: string[] | undefined, haveReference: boolean): { detector: Detector; skip?: string }[] {
  const wanted = names?.length ? DETECTORS.filter((d) => names.includes(d.name)) : DETECTORS;
  return wanted.map((detector) => (detector.needsReference && !haveReference ? { detector, skip: 'needs the approved version of the dataset (--reference)' } : { detector }));
}

function context(table: Table, encoded: Encoded, label: string, seed: number, reference: ReferenceData | undefined): AuditContext {
  let neighbours: Neighbours | undefined;
  let probabilities: Float64Array | undefined;
  const ctx: AuditContext = {
    table,
    encoded,
    label,
    seed,
    ...(reference ? { reference } : {}),
    neighbours: () => (neighbours ??= nearestNeighbours(encoded.X, encoded.n, encoded.d, NEIGHBOURS)),
    probabilities: () => (probabilities ??= blendedProbabilities(encoded, ctx.neighbours(), seed)),
  };
  return ctx;
}

/**
 * Out-of-fold logistic-regression probabilities blended with leave-one-out neighbour votes: the
 * model sees the global shape of the classes, the neighbours the local one; together they rank
 * flipped labels better than either (measured in bench/poisoning.js).
 */
function blendedProbabilities(e: Encoded, nb: Neighbours, seed: number): Float64Array {
  const k = e.classes.length;
  const model = outOfFoldProbabilities(e.X, e.n, e.d, e.y, k, { l2: L2, seed });
  const out = new Float64Array(e.n * k);
  const smoothing = 0.5;
  for (let r = 0; r < e.n; r++) {
    const votes = new Float64Array(k);
    for (let j = 0; j < nb.k; j++) votes[e.y[nb.index[r * nb.k + j]!]!] += 1;
    for (let c = 0; c < k; c++) {
      const vote = (votes[c]! + smoothing) / (nb.k + smoothing * k);
      out[r * k + c] = MODEL_WEIGHT * model[r * k + c]! + (1 - MODEL_WEIGHT) * vote;
    }
  }
  return out;
}

function reported(table: Table, f: FlaggedRow, detector: Detector): ReportedRow {
  const origin = rowOrigin(table, f.row);
  return { ...origin, score: round(f.score), severity: f.severity ?? detector.severity, ...(f.column ? { column: f.column } : {}), reason: f.reason };
}

function scoreList(table: Table, scores: Float64Array): { row: number; score: number }[] {
  const out: { row: number; score: number }[] = [];
  for (let t = 0; t < scores.length; t++) if (!Number.isNaN(scores[t]!)) out.push({ row: table.rowNumbers[t]!, score: round(scores[t]!) });
  return out.sort((a, b) => a.row - b.row);
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

function rowFinding(rule: { id: string; title: string; remediation: string; references: Finding['references'] }, severity: Severity, row: { row: number; file: string; line?: number; column?: string }, message: string): Finding {
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

function datasetFinding(dataset: string, rule: { id: string; title: string; remediation: string; references: Finding['references'] }, severity: Severity, message: string, column?: string): Finding {
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

function rowFindings(detector: Detector, rows: ReportedRow[], max: number, dataset: string): Finding[] {
  const shown = max > 0 ? rows.slice(0, max) : rows;
  const out = shown.map((r) => rowFinding(detector, r.severity, r, `${r.reason} (score ${r.score})`));
  if (shown.length < rows.length) {
    out.push(datasetFinding(dataset, detector, detector.severity, `${rows.length} rows flagged; the ${shown.length} most suspicious are listed (--max-findings 0 lists all; --format json gives every row with its score)`));
  }
  return out;
}

function issueFindings(dataset: string, detector: Detector, issues: DatasetIssue[]): Finding[] {
  return issues.map((i) => datasetFinding(dataset, detector, i.severity, i.message, i.column));
}

function malformedFindings(problems: RowProblem[], max: number, dataset: string): Finding[] {
  const shown = max > 0 ? problems.slice(0, max) : problems;
  const out = shown.map((p) => rowFinding(MALFORMED_ROWS, MALFORMED_ROWS.severity, p, p.message));
  if (shown.length < problems.length) {
    out.push(datasetFinding(dataset, MALFORMED_ROWS, MALFORMED_ROWS.severity, `${problems.length} malformed rows or values; the first ${shown.length} are listed (--format json lists all)`));
  }
  return out;
}

function summarize(findings: Finding[], inputs: InputRecord[], rows: number, rules: number): ScanSummary {
  const byStatus: Record<FindingStatus, number> = { fail: 0, pass: 0, unknown: 0, suppressed: 0 };
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) {
    byStatus[f.status]++;
    if (f.status === 'fail') bySeverity[f.severity]++;
  }
  const count = (s: InputRecord['status']): number => inputs.filter((i) => i.status === s).length;
  return { inputs: { read: count('read'), skipped: count('skipped'), failed: count('failed') }, resources: rows, rules, findings: byStatus, failedBySeverity: bySeverity };
}
