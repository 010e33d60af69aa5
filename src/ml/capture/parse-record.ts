import { isPlainObject } from './payload.js';
import type { CaptureEncoding, CapturePayload, RawCaptureRecord } from './types.js';

/** A record that does not have Data Capture's shape; the message names the JSON path. */
export class RecordError extends Error {
  constructor(path: string, problem: string) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'RecordError';
  }
}

const ENCODINGS: readonly CaptureEncoding[] = ['CSV', 'JSON', 'BASE64'];

/** Ground truth that Model Monitor joins to captured records on eventId (or inferenceId). */
export interface RawGroundTruthRecord {
  groundTruthData: { data: string; encoding: CaptureEncoding; observedContentType?: string };
  eventMetadata: { eventId: string; inferenceId?: string };
  eventVersion?: string;
}

export type RecordKind = 'capture' | 'ground-truth' | 'other';

/** What a JSON object is, by its top-level keys. */
export function recordKind(obj: unknown): RecordKind {
  if (!isPlainObject(obj)) return 'other';
  if ('captureData' in obj) return 'capture';
  if ('groundTruthData' in obj) return 'ground-truth';
  return 'other';
}

export function parseCaptureRecord(obj: unknown): RawCaptureRecord {
  if (!isPlainObject(obj)) throw new RecordError('', `expected a JSON object, got ${describe(obj)}`);
  const cd = obj.captureData;
  if (!isPlainObject(cd)) throw new RecordError('captureData', `expected an object, got ${describe(cd)}`);
  if (cd.endpointInput === undefined && cd.endpointOutput === undefined) throw new RecordError('captureData', 'has neither endpointInput nor endpointOutput');
  const captureData: RawCaptureRecord['captureData'] = {};
  if (cd.endpointInput !== undefined) captureData.endpointInput = payload(cd.endpointInput, 'captureData.endpointInput', 'INPUT');
  if (cd.endpointOutput !== undefined) captureData.endpointOutput = payload(cd.endpointOutput, 'captureData.endpointOutput', 'OUTPUT');
  return { captureData, eventMetadata: metadata(obj.eventMetadata), eventVersion: optionalString(obj.eventVersion, 'eventVersion') };
}

export function parseGroundTruthRecord(obj: unknown): RawGroundTruthRecord {
  if (!isPlainObject(obj)) throw new RecordError('', `expected a JSON object, got ${describe(obj)}`);
  const gt = obj.groundTruthData;
  if (!isPlainObject(gt)) throw new RecordError('groundTruthData', `expected an object, got ${describe(gt)}`);
  if (typeof gt.data !== 'string') throw new RecordError('groundTruthData.data', `expected a string, got ${describe(gt.data)}`);
  const meta = metadata(obj.eventMetadata);
  return {
    groundTruthData: { data: gt.data, encoding: encoding(gt.encoding, 'groundTruthData.encoding'), observedContentType: optionalString(gt.observedContentType, 'groundTruthData.observedContentType') },
    eventMetadata: { eventId: meta.eventId, inferenceId: meta.inferenceId },
    eventVersion: optionalString(obj.eventVersion, 'eventVersion'),
  };
}

function payload(v: unknown, path: string, mode: 'INPUT' | 'OUTPUT'): CapturePayload {
  if (!isPlainObject(v)) throw new RecordError(path, `expected an object, got ${describe(v)}`);
  if (typeof v.data !== 'string') throw new RecordError(`${path}.data`, `expected a string, got ${describe(v.data)}`);
  if (v.mode !== undefined && v.mode !== mode) throw new RecordError(`${path}.mode`, `expected "${mode}", got ${describe(v.mode)}`);
  return { observedContentType: optionalString(v.observedContentType, `${path}.observedContentType`), mode, data: v.data, encoding: encoding(v.encoding, `${path}.encoding`) };
}

function encoding(v: unknown, path: string): CaptureEncoding {
  const upper = typeof v === 'string' ? v.toUpperCase() : undefined;
  if (upper && (ENCODINGS as readonly string[]).includes(upper)) return upper as CaptureEncoding;
  throw new RecordError(path, `expected one of ${ENCODINGS.join(', ')}, got ${describe(v)}`);
}

function metadata(v: unknown): RawCaptureRecord['eventMetadata'] {
  if (!isPlainObject(v)) throw new RecordError('eventMetadata', `expected an object, got ${describe(v)}`);
  if (typeof v.eventId !== 'string' || v.eventId === '') throw new RecordError('eventMetadata.eventId', `expected a non-empty string, got ${describe(v.eventId)}`);
  return {
    eventId: v.eventId,
    inferenceTime: optionalString(v.inferenceTime, 'eventMetadata.inferenceTime'),
    inferenceId: optionalString(v.inferenceId, 'eventMetadata.inferenceId'),
    customAttributes: v.customAttributes,
  };
}

function optionalString(v: unknown, path: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  throw new RecordError(path, `expected a string, got ${describe(v)}`);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** An ISO 8601 timestamp with a date and a time; SageMaker writes `2019-11-24T07:30:50Z`. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function parseInferenceTime(v: string | undefined): number | undefined {
  if (v === undefined || !ISO_TIME.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}
