import type { InputRecord } from '../../core/scan-result.js';

/** How SageMaker encoded a captured payload's `data` field. */
export type CaptureEncoding = 'CSV' | 'JSON' | 'BASE64';

/** One side of a captured exchange, as Data Capture writes it. */
export interface CapturePayload {
  observedContentType?: string;
  mode: 'INPUT' | 'OUTPUT';
  data: string;
  encoding: CaptureEncoding;
}

/** A Data Capture JSON Lines record, as SageMaker writes it (eventVersion "0"). */
export interface RawCaptureRecord {
  captureData: { endpointInput?: CapturePayload; endpointOutput?: CapturePayload };
  eventMetadata: {
    eventId: string;
    inferenceTime?: string;
    inferenceId?: string;
    customAttributes?: unknown;
  };
  eventVersion?: string;
}

/** What the model answered for one row: a value, a vector of scores, or the container's object. */
export type Prediction = number | string | (number | string)[] | Record<string, unknown>;

/** How a payload was interpreted. */
export type PayloadFormat = 'csv' | 'json' | 'jsonlines' | 'binary';

/**
 * One inference row read from Data Capture. A request that carried several rows (a CSV body with
 * several lines, JSON `instances`) gives one record per row, with `row` and `rows` telling which.
 */
export interface CaptureRecord {
  eventId: string;
  inferenceId?: string;
  eventVersion?: string;
  /** `eventMetadata.inferenceTime` when it is a valid timestamp; absent otherwise. */
  time?: string;
  /** `time` in milliseconds since the epoch. */
  timeMs?: number;
  /** From the S3 layout `<prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/`, when the path follows it. */
  endpoint?: string;
  variant?: string;
  /** Who called, when callers are tagged (`callerAttribute` or a caller map); see `subjectOf`. */
  caller?: string;
  /** `eventMetadata.customAttributes` as name → value pairs. */
  customAttributes?: Record<string, string>;
  /** The input row: numbers where the text is numeric, strings otherwise ('' for an empty field). */
  features: (string | number)[];
  /** The row's CSV fields as written, so types can be judged as Model Monitor does (`1.0` is Fractional). */
  fields?: string[];
  /** How the input payload was read; absent when the record captured no input. */
  inputFormat?: PayloadFormat;
  prediction?: Prediction;
  /** Numeric scores of the prediction (a probability, a vector of class probabilities). */
  scores?: number[];
  /** The predicted label, when the output names one or is a single non-numeric value. */
  label?: string | number;
  /** The ground-truth label joined on eventId / inferenceId, when ground-truth files were given. */
  groundTruth?: string | number;
  /** Index of this row in its request (0-based) and how many rows the request carried. */
  row: number;
  rows: number;
  source: { file: string; line: number };
}

/** Limits on what one capture file may make the reader hold or decode. */
export interface CaptureLimits {
  /** Longest JSON Lines record, in bytes; a longer line is reported and skipped unread. */
  maxRecordBytes: number;
  /** Largest decoded payload (after BASE64), in bytes. */
  maxPayloadBytes: number;
  /** Most rows read from one request. */
  maxRowsPerRecord: number;
  /** Most features in one row. */
  maxFeatures: number;
  /** Warnings kept per file; the rest are counted. */
  maxWarningsPerFile: number;
  /** Most files walked. */
  maxFiles: number;
  /** Most entries in a caller map or ground-truth set. */
  maxJoinEntries: number;
}

export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = {
  // SageMaker real-time payloads are at most 6 MB; BASE64 and the JSON envelope add a third.
  maxRecordBytes: 16 * 1024 * 1024,
  maxPayloadBytes: 8 * 1024 * 1024,
  maxRowsPerRecord: 100_000,
  maxFeatures: 100_000,
  maxWarningsPerFile: 50,
  maxFiles: 100_000,
  maxJoinEntries: 5_000_000,
};

export interface CaptureOptions {
  /** Read the caller from `NAME=value` in `eventMetadata.customAttributes`. */
  callerAttribute?: string;
  /** A file mapping inferenceId (or eventId) → caller: JSON Lines or CSV. */
  callerMap?: string;
  /** Ground-truth files or directories (Model Monitor's `groundTruthData` records). */
  groundTruth?: string[];
  limits?: Partial<CaptureLimits>;
}

/** How records were attributed to callers, to be said in every report. */
export type CallerMode =
  | { kind: 'attribute'; attribute: string }
  | { kind: 'map'; file: string }
  | { kind: 'none'; note: string };

/** An input file's accounting, with the capture-specific counts. */
export interface CaptureInputRecord extends InputRecord {
  /** Records (rows) read from the file. */
  records?: number;
  /** Lines skipped as malformed, too large or undecodable. */
  malformed?: number;
}

export interface CaptureStream {
  /** Every record of every file, in path order (the S3 layout makes that time order). */
  records: AsyncGenerator<CaptureRecord>;
  /** Filled in while `records` is read; complete once it is exhausted. */
  inputs: CaptureInputRecord[];
  callerMode: CallerMode;
}

export const NO_CALLER_NOTE =
  'callers are not identified (CloudTrail does not record InvokeEndpoint; tag callers through CustomAttributes and pass --caller-attribute, or pass --caller-map); records are analysed per endpoint';
