import type { CaptureRecord } from '../capture/types.js';
import type { ExtractionConfig } from './config.js';
import { precisionContradicted } from './detectors/precision.js';
import { ExtractionMonitor, type MonitorOptions } from './monitor.js';
import type { ExtractionAlert, Query } from './types.js';

/** Why captured rows were not analysed, with the first example of each. */
export interface SkippedRows {
  /** Rows with a different number of values than the baseline has features. */
  width: number;
  widthExample?: { file: string; line: number; values: number };
  /** Records that captured no input. */
  noInput: number;
}

export interface CaptureDetection {
  alerts: ExtractionAlert[];
  /** Rows read and rows analysed. */
  rows: number;
  analysed: number;
  skipped: SkippedRows;
  /** Distinct callers (or endpoints) analysed. */
  callers: number;
  /** Callers forgotten to keep state bounded (see MonitorOptions.maxCallers). */
  evicted: number;
  /** Endpoint of each caller's first record, when the capture layout names it. */
  endpoints: Map<string, string>;
  /** Alerts set aside, and why (see precisionContradicted). */
  notes: string[];
}

/**
 * Turns a captured row into a detector query: features encoded by the baseline's encoder, class
 * probabilities from the returned scores (a single score is P(class 1) of a binary model), the
 * predicted class from those or from a returned label. Returns a reason instead when the row
 * cannot be analysed. The input is encoded into `out` (a new row by default).
 */
export function queryOf(record: CaptureRecord, config: ExtractionConfig, index: number, subject: string, out = new Float64Array(config.encoder.width)): Query | { skip: 'width' | 'noInput' } {
  if (record.inputFormat === undefined) return { skip: 'noInput' };
  if (record.features.length !== config.encoder.columns.length) return { skip: 'width' };
  const { x, unseen } = config.encoder.encode(record.features, out);
  const classes = Math.max(2, config.classNames.length);
  let probs: Float64Array | undefined;
  const scores = record.scores;
  if (scores && scores.length === classes && scores.every(isProbability)) probs = Float64Array.from(scores);
  else if (scores && scores.length === 1 && classes === 2 && isProbability(scores[0]!)) probs = Float64Array.from([1 - scores[0]!, scores[0]!]);
  let predicted: number | undefined;
  if (probs) predicted = argmaxOf(probs);
  else if (record.label !== undefined) {
    const named = config.classNames.indexOf(String(record.label));
    predicted = named >= 0 ? named : typeof record.label === 'number' && Number.isInteger(record.label) ? record.label : undefined;
  }
  // Always the same keys in the same order: one object shape keeps the detectors' code monomorphic.
  return { caller: subject, x, unseen, probs, predicted, timeMs: record.timeMs, index, source: record.source };
}

/** Runs the detectors over captured records, streaming; every row is analysed or counted as skipped. */
export async function detectExtraction(
  records: AsyncIterable<CaptureRecord>,
  config: ExtractionConfig,
  subjectOf: (record: CaptureRecord) => string,
  options: MonitorOptions = {},
): Promise<CaptureDetection> {
  const monitor = new ExtractionMonitor(config, options);
  const skipped: SkippedRows = { width: 0, noInput: 0 };
  const endpoints = new Map<string, string>();
  const subjects = new Set<string>();
  let rows = 0;
  let analysed = 0;
  // One row for every query: the detectors copy what they keep.
  const row = new Float64Array(config.encoder.width);
  for await (const record of records) {
    const subject = subjectOf(record);
    const query = queryOf(record, config, rows++, subject, row);
    if ('skip' in query) {
      skipped[query.skip]++;
      if (query.skip === 'width' && !skipped.widthExample) skipped.widthExample = { ...record.source, values: record.features.length };
      continue;
    }
    analysed++;
    if (!subjects.has(subject) && subjects.size < 1_000_000) subjects.add(subject);
    if (record.endpoint && !endpoints.has(subject) && endpoints.size < 1_000_000) endpoints.set(subject, record.endpoint);
    monitor.observe(query);
  }
  const notes: string[] = [];
  let alerts = monitor.alerts;
  const contradicted = precisionContradicted(alerts, subjects.size);
  if (contradicted) {
    notes.push(contradicted);
    alerts = alerts.filter((a) => a.signal !== 'precision');
  }
  return { alerts, rows, analysed, skipped, callers: subjects.size, evicted: monitor.evicted, endpoints, notes };
}

function isProbability(v: number): boolean {
  return v >= 0 && v <= 1;
}

function argmaxOf(p: Float64Array): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}
