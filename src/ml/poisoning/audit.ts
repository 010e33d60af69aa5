import type { Finding, Severity } from '../../core/finding.js';
import { summarize, type InputRecord, type ScanError, type ScanResult } from '../../core/scan-result.js';
import { VERSION } from '../../version.js';
import { readDataset, type DatasetOptions } from '../tabular/dataset.js';
import { encode, type Encoded } from '../tabular/encode.js';
import { rowOrigin, type RowProblem, type Table } from '../tabular/table.js';
import { DETECTORS } from './catalog.js';
import type { AuditContext, DatasetIssue, Detector, DetectorOutput, ReferenceData } from './detector.js';
import { issueFindings, malformedFindings, reported, rowFindings, scoreList } from './findings.js';
import { nearestNeighbours, type Neighbours } from './neighbours.js';
import { blendedProbabilities } from './out-of-fold.js';

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
    // Rows audited, and the detectors that ran plus the malformed-rows check that always does.
    summary: summarize(findings, inputs, section.rows.audited, selected.filter((s) => !s.skip).length + 1, { resources: 'row', rules: 'detector' }),
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
    probabilities: () => (probabilities ??= blendedProbabilities(encoded, ctx.neighbours(), { seed })),
  };
  return ctx;
}
