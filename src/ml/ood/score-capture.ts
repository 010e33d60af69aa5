import { subjectOf } from '../capture/open.js';
import type { CaptureRecord } from '../capture/types.js';
import type { OodDetector, OodMethod, OodScore } from './detector.js';

/** A captured row the detector flagged, with where it came from and why. */
export interface FlaggedRecord {
  eventId: string;
  inferenceId?: string;
  row: number;
  /** The caller, or `endpoint:<name>/<variant>` when callers are not tagged. */
  subject: string;
  caller?: string;
  endpoint?: string;
  variant?: string;
  time?: string;
  source: { file: string; line: number };
  /** Score over threshold, the largest across the methods that flagged it (ranks the list). */
  severity: number;
  flaggedBy: OodMethod[];
  scores: OodScore['methods'];
  missing: number;
  prediction?: CaptureRecord['prediction'];
  /** The ground-truth label joined on eventId / inferenceId, when ground-truth files were given. */
  groundTruth?: string | number;
  /** With ground truth and a prediction to compare: whether the model got this input wrong. */
  misclassified?: boolean;
}

export interface ScoreSummary {
  /** Rows scored. */
  scored: number;
  flagged: number;
  /** Flagged rows listed (the most severe first); the others are counted only. */
  listed: number;
  /** Rows not scored: no input (binary payloads, output-only capture) or a different number of values. */
  skipped: { noInput: number; width: number };
  /** The first row of the wrong width, to say what was expected. */
  widthExample?: { file: string; line: number; width: number };
  perSubject: Record<string, { scored: number; flagged: number }>;
}

export interface ScoreResult {
  flagged: FlaggedRecord[];
  summary: ScoreSummary;
}

/** Scores every captured row against the detector; keeps the `limit` most severe flagged rows. */
export async function scoreCapture(records: AsyncIterable<CaptureRecord>, detector: OodDetector, options: { limit?: number } = {}): Promise<ScoreResult> {
  const limit = options.limit ?? 1000;
  const width = detector.names.length;
  const flagged: FlaggedRecord[] = [];
  const summary: ScoreSummary = { scored: 0, flagged: 0, listed: 0, skipped: { noInput: 0, width: 0 }, perSubject: {} };
  for await (const r of records) {
    if (r.inputFormat === undefined || r.inputFormat === 'binary') {
      summary.skipped.noInput++;
      continue;
    }
    const values = r.fields ?? r.features;
    if (values.length !== width) {
      summary.skipped.width++;
      summary.widthExample ??= { file: r.source.file, line: r.source.line, width: values.length };
      continue;
    }
    const subject = subjectOf(r);
    const tally = (summary.perSubject[subject] ??= { scored: 0, flagged: 0 });
    tally.scored++;
    summary.scored++;
    const score = detector.score(values);
    if (!score.flagged) continue;
    tally.flagged++;
    summary.flagged++;
    const flaggedBy = (Object.entries(score.methods) as [OodMethod, NonNullable<OodScore['methods'][OodMethod]>][]).filter(([, m]) => m.flagged).map(([k]) => k);
    const severity = Math.max(...flaggedBy.map((k) => score.methods[k]!.score / score.methods[k]!.threshold));
    const item: FlaggedRecord = { eventId: r.eventId, row: r.row, subject, source: r.source, severity, flaggedBy, scores: score.methods, missing: score.missing };
    if (r.inferenceId !== undefined) item.inferenceId = r.inferenceId;
    if (r.caller !== undefined) item.caller = r.caller;
    if (r.endpoint !== undefined) item.endpoint = r.endpoint;
    if (r.variant !== undefined) item.variant = r.variant;
    if (r.time !== undefined) item.time = r.time;
    if (r.prediction !== undefined) item.prediction = r.prediction;
    if (r.groundTruth !== undefined) {
      item.groundTruth = r.groundTruth;
      const predicted = predictedLabel(r);
      if (predicted !== undefined) item.misclassified = String(predicted) !== String(r.groundTruth);
    }
    flagged.push(item);
    // Keep memory bounded: trim to the most severe now and then.
    if (flagged.length >= limit * 2) trim(flagged, limit);
  }
  trim(flagged, limit);
  summary.listed = flagged.length;
  return { flagged, summary };
}

/** The predicted label: named by the output, or the index of the largest class score. */
function predictedLabel(r: CaptureRecord): string | number | undefined {
  if (r.label !== undefined) return r.label;
  const scores = r.scores;
  if (!scores || scores.length < 2) return undefined;
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  return best;
}

function trim(list: FlaggedRecord[], limit: number): void {
  list.sort((a, b) => b.severity - a.severity);
  list.length = Math.min(list.length, limit);
}
