import { findBinary, readHead } from '../../sources/sniff.js';
import { loadCallerMap, parseCustomAttributes } from './callers.js';
import { displayPath, listJsonlFiles } from './files.js';
import { readGroundTruth, type GroundTruth } from './ground-truth.js';
import { captureLocation } from './layout.js';
import { readLines } from './lines.js';
import { parseCaptureRecord, parseInferenceTime, recordKind, RecordError } from './parse-record.js';
import { decodePayload, PayloadError, type DecodedPayload } from './payload.js';
import { decodePredictions, type ReadPrediction } from './prediction.js';
import {
  DEFAULT_CAPTURE_LIMITS,
  NO_CALLER_NOTE,
  type CallerMode,
  type CaptureInputRecord,
  type CaptureLimits,
  type CaptureOptions,
  type CaptureRecord,
  type CaptureStream,
  type RawCaptureRecord,
} from './types.js';
import { FileWarnings } from './warnings.js';

/** Non-blank lines that may fail to parse before a file is judged not to be JSON Lines at all. */
const SNIFF_LINES = 20;

/**
 * Streams Data Capture records from files and directories (the S3 layout
 * `<prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl`, or single files), one record per
 * inference row. Malformed records are reported in `inputs` with file:line and skipped; nothing
 * about one record or one file stops the rest.
 */
export function openCapture(paths: string[], options: CaptureOptions = {}): CaptureStream {
  const limits: CaptureLimits = { ...DEFAULT_CAPTURE_LIMITS, ...options.limits };
  const inputs: CaptureInputRecord[] = [];
  const callerMode: CallerMode = options.callerAttribute
    ? { kind: 'attribute', attribute: options.callerAttribute }
    : options.callerMap
      ? { kind: 'map', file: displayPath(options.callerMap) }
      : { kind: 'none', note: NO_CALLER_NOTE };

  async function* records(): AsyncGenerator<CaptureRecord> {
    let callerMap: Map<string, string> | undefined;
    if (options.callerMap) {
      const loaded = await loadCallerMap(options.callerMap, displayPath(options.callerMap), limits);
      inputs.push(loaded.input);
      callerMap = loaded.map;
    }
    const truth = options.groundTruth?.length ? await readGroundTruth(options.groundTruth, limits, inputs) : undefined;
    const context: FileContext = { limits, callerAttribute: options.callerAttribute, callerMap, truth };
    for (const file of await listJsonlFiles(paths, limits.maxFiles, 'data-capture', inputs)) {
      const input: CaptureInputRecord = { path: displayPath(file), kind: 'data-capture', status: 'read' };
      inputs.push(input);
      yield* readCaptureFile(file, input, context);
    }
  }

  return { records: records(), inputs, callerMode };
}

interface FileContext {
  limits: CaptureLimits;
  callerAttribute?: string;
  callerMap?: Map<string, string>;
  truth?: GroundTruth;
}

/** Reads one file, updating its input record in place as it goes. */
async function* readCaptureFile(file: string, input: CaptureInputRecord, context: FileContext): AsyncGenerator<CaptureRecord> {
  const { limits } = context;
  const path = input.path;
  const warnings = new FileWarnings(limits.maxWarningsPerFile);
  const settle = (patch: Partial<CaptureInputRecord>): void => {
    Object.assign(input, warnings.record({ ...input, ...patch }));
  };

  try {
    const binary = findBinary(await readHead(file));
    if (binary) {
      settle({ status: 'failed', error: { message: 'binary content, not JSON Lines', file: path, line: binary.line, column: binary.column } });
      return;
    }
  } catch (e) {
    settle({ status: 'failed', error: { message: (e as Error).message, file: path } });
    return;
  }

  const location = captureLocation(path);
  let records = 0;
  let malformed = 0;
  let seenObject = false;
  let unparsed = 0;
  let badTimes = 0;
  let firstBadTime: { line: number; value: string } | undefined;
  const skip = (message: string, line: number): void => {
    malformed++;
    warnings.add(`${message}; record skipped`, line);
  };

  try {
    for await (const { line, text, oversized } of readLines(file, limits.maxRecordBytes)) {
      if (oversized !== undefined) {
        skip(`record of ${oversized} bytes exceeds the limit of ${limits.maxRecordBytes}`, line);
        continue;
      }
      if (text!.trim() === '') continue;
      let obj: unknown;
      try {
        obj = JSON.parse(text!);
      } catch (e) {
        skip(`not valid JSON: ${(e as Error).message}`, line);
        if (!seenObject && ++unparsed >= SNIFF_LINES) {
          settle({ status: 'failed', error: { message: `not JSON Lines: the first ${SNIFF_LINES} lines do not parse`, file: path, line }, records, malformed });
          return;
        }
        continue;
      }
      if (!seenObject) {
        seenObject = true;
        const kind = recordKind(obj);
        if (kind === 'ground-truth') {
          settle({ kind: 'ground-truth', status: 'skipped', reason: 'ground-truth records (groundTruthData); pass them as ground truth, not as capture' });
          return;
        }
        if (kind === 'other' && malformed === 0) {
          settle({ status: 'skipped', reason: 'JSON Lines, but not SageMaker Data Capture records (no captureData)' });
          return;
        }
      }
      let raw: RawCaptureRecord;
      let rows: CaptureRecord[];
      try {
        raw = parseCaptureRecord(obj);
        rows = toRecords(raw, path, line, location, context, (m) => warnings.add(m, line));
      } catch (e) {
        if (!(e instanceof RecordError || e instanceof PayloadError)) throw e;
        skip(e.message, line);
        continue;
      }
      if (rows[0] && rows[0].timeMs === undefined) {
        badTimes++;
        firstBadTime ??= { line, value: raw.eventMetadata.inferenceTime ?? '(absent)' };
      }
      records += rows.length;
      input.records = records;
      yield* rows;
    }
  } catch (e) {
    settle({ status: 'failed', error: { message: (e as Error).message, file: path }, records, malformed });
    return;
  }

  if (badTimes > 0) {
    warnings.add(`${badTimes} record(s) without a valid eventMetadata.inferenceTime (first: ${JSON.stringify(firstBadTime!.value)}); their time is unknown`, firstBadTime!.line);
  }
  if (!seenObject && malformed === 0) {
    settle({ status: 'skipped', reason: 'empty file' });
    return;
  }
  if (records === 0 && malformed > 0) {
    const first = warnings.first!;
    settle({ status: 'failed', error: { message: `no valid record; first problem: ${first.message}`, file: path, line: first.line, column: 1 }, records, malformed });
    return;
  }
  settle({ records, malformed });
}

/** One captured exchange → one record per inference row. */
function toRecords(
  raw: RawCaptureRecord,
  file: string,
  line: number,
  location: ReturnType<typeof captureLocation>,
  context: FileContext,
  warn: (message: string) => void,
): CaptureRecord[] {
  const { endpointInput, endpointOutput } = raw.captureData;
  const input: DecodedPayload | undefined = endpointInput ? decodePayload(endpointInput, context.limits) : undefined;
  let predictions: ReadPrediction[] = [];
  if (endpointOutput) {
    try {
      predictions = decodePredictions(endpointOutput, context.limits);
    } catch (e) {
      if (!(e instanceof PayloadError)) throw e;
      warn(`endpointOutput not read: ${e.message}`);
    }
  }
  const inputRows = input ? (input.format === 'binary' ? [[]] : input.rows) : predictions.map(() => []);
  const paired = predictions.length === inputRows.length;
  if (input && predictions.length > 0 && !paired) warn(`${predictions.length} predictions for ${inputRows.length} input rows; predictions not paired with rows`);

  const meta = raw.eventMetadata;
  const timeMs = parseInferenceTime(meta.inferenceTime);
  const attributes = parseCustomAttributes(meta.customAttributes);
  const caller = context.callerAttribute
    ? attributes?.[context.callerAttribute]
    : context.callerMap
      ? ((meta.inferenceId !== undefined ? context.callerMap.get(meta.inferenceId) : undefined) ?? context.callerMap.get(meta.eventId))
      : undefined;
  const truth = context.truth ? (context.truth.get(meta.eventId) ?? (meta.inferenceId !== undefined ? context.truth.get(meta.inferenceId) : undefined)) : undefined;

  return inputRows.map((values, row) => {
    const record: CaptureRecord = {
      eventId: meta.eventId,
      features: values.map(featureValue),
      row,
      rows: inputRows.length,
      source: { file, line },
    };
    if (meta.inferenceId !== undefined) record.inferenceId = meta.inferenceId;
    if (raw.eventVersion !== undefined) record.eventVersion = raw.eventVersion;
    if (timeMs !== undefined) {
      record.time = meta.inferenceTime;
      record.timeMs = timeMs;
    }
    if (location) {
      record.endpoint = location.endpoint;
      record.variant = location.variant;
    }
    if (caller !== undefined) record.caller = caller;
    if (attributes) record.customAttributes = attributes;
    if (input) record.inputFormat = input.format;
    if (input?.fields) record.fields = input.fields[row];
    const p = paired ? predictions[row] : undefined;
    if (p) {
      record.prediction = p.prediction;
      if (p.scores) record.scores = p.scores;
      if (p.label !== undefined) record.label = p.label;
    }
    if (truth !== undefined) record.groundTruth = truth;
    return record;
  });
}

/** Numbers stay numbers, numeric text becomes a number, other text stays text. */
function featureValue(v: unknown): string | number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return '';
    const n = Number(t);
    return Number.isFinite(n) ? n : v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v === null || v === undefined ? '' : JSON.stringify(v);
}

/** Who a record is attributed to: its caller when callers are tagged, else its endpoint. */
export function subjectOf(record: CaptureRecord): string {
  if (record.caller !== undefined) return record.caller;
  if (record.endpoint !== undefined) return `endpoint:${record.endpoint}/${record.variant}`;
  return `file:${record.source.file}`;
}
