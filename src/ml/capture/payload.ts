import { CsvError, parseCsv } from './csv.js';
import type { CaptureLimits, CapturePayload, PayloadFormat } from './types.js';

/** A payload that could not be decoded; the message names the problem, the record gives file:line. */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

/** Rows of a decoded payload: each a list of values; CSV rows keep their text too. */
export interface DecodedPayload {
  format: PayloadFormat;
  rows: unknown[][];
  /** CSV only: each row's fields as written. */
  fields?: string[][];
  /** JSON: the parsed body. */
  body?: unknown;
  /** Binary payloads: size in bytes. */
  bytes?: number;
}

/** Content types by the way their body is read; anything else is binary (images, audio, NumPy). */
const FORMAT_BY_CONTENT_TYPE: Readonly<Record<string, Exclude<PayloadFormat, 'binary'>>> = {
  'text/csv': 'csv',
  'text/plain': 'csv',
  'application/csv': 'csv',
  'application/json': 'json',
  'application/jsonlines': 'jsonlines',
  'application/x-jsonlines': 'jsonlines',
  'application/jsonl': 'jsonlines',
  'application/x-ndjson': 'jsonlines',
};

/** Without a content type, the encoding says what the text is. */
const FORMAT_BY_ENCODING: Readonly<Record<string, Exclude<PayloadFormat, 'binary'>>> = { CSV: 'csv', JSON: 'json' };

function formatOf(payload: CapturePayload): PayloadFormat {
  const type = payload.observedContentType?.split(';')[0]!.trim().toLowerCase();
  if (type) return FORMAT_BY_CONTENT_TYPE[type] ?? (type.endsWith('+json') ? 'json' : 'binary');
  return FORMAT_BY_ENCODING[payload.encoding] ?? 'binary';
}

/** The payload's content (BASE64 decoded), within the size limit: text, or bytes for BASE64. */
function payloadContent(payload: CapturePayload, limits: CaptureLimits): string | Buffer {
  if (payload.encoding === 'BASE64') {
    // Decoded size is known before decoding: 3 bytes per 4 characters.
    const estimate = Math.floor((payload.data.length * 3) / 4);
    if (estimate > limits.maxPayloadBytes) throw new PayloadError(`decoded payload of about ${estimate} bytes exceeds the limit of ${limits.maxPayloadBytes}`);
    if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(payload.data)) throw new PayloadError('data is not valid BASE64');
    return Buffer.from(payload.data, 'base64');
  }
  // UTF-8 takes at most 3 bytes per UTF-16 unit: only a long text needs counting.
  if (payload.data.length * 3 > limits.maxPayloadBytes) {
    const bytes = Buffer.byteLength(payload.data, 'utf8');
    if (bytes > limits.maxPayloadBytes) throw new PayloadError(`payload of ${bytes} bytes exceeds the limit of ${limits.maxPayloadBytes}`);
  }
  return payload.data;
}

export function decodePayload(payload: CapturePayload, limits: CaptureLimits): DecodedPayload {
  const format = formatOf(payload);
  const content = payloadContent(payload, limits);
  if (format === 'binary') return { format, rows: [], bytes: typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length };
  const text = typeof content === 'string' ? content : content.toString('utf8');
  const decoded = DECODERS[format](text, limits);
  if (decoded.rows.length > limits.maxRowsPerRecord) throw new PayloadError(`${decoded.rows.length} rows in one request exceed the limit of ${limits.maxRowsPerRecord}`);
  for (const row of decoded.rows) {
    if (row.length > limits.maxFeatures) throw new PayloadError(`a row of ${row.length} values exceeds the limit of ${limits.maxFeatures}`);
  }
  return decoded;
}

const DECODERS: Readonly<Record<Exclude<PayloadFormat, 'binary'>, (text: string, limits: CaptureLimits) => DecodedPayload>> = {
  csv: (text, limits) => {
    if (!text.includes('"')) {
      // The common case, no quoting: split directly (the hot path of every capture read).
      const fields = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)).filter((l) => l !== '').map((l) => l.split(','));
      if (fields.some((f) => f.length > limits.maxFeatures)) throw new PayloadError(`a row of more than ${limits.maxFeatures} values`);
      return { format: 'csv', rows: fields, fields };
    }
    try {
      const rows = parseCsv(text, { maxFields: limits.maxFeatures + 1 });
      return { format: 'csv', rows: rows.map((r) => r.fields), fields: rows.map((r) => r.fields) };
    } catch (e) {
      if (e instanceof CsvError) throw new PayloadError(`CSV payload, line ${e.line}: ${e.message}`);
      throw e;
    }
  },
  json: (text) => {
    const body = parseJson(text, 'JSON payload');
    return { format: 'json', rows: jsonRows(body), body };
  },
  jsonlines: (text) => ({
    format: 'jsonlines',
    rows: text
      .split('\n')
      .map((l, i) => ({ l: l.trim(), i }))
      .filter(({ l }) => l !== '')
      .map(({ l, i }) => rowOf(parseJson(l, `JSON Lines payload, line ${i + 1}`))),
  }),
};

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PayloadError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Keys under which inference containers take a batch of rows (TensorFlow Serving, SageMaker JSON). */
const BATCH_KEYS = ['instances', 'inputs', 'data'];

/** The rows of a JSON request body. */
function jsonRows(body: unknown): unknown[][] {
  if (Array.isArray(body)) return body.length > 0 && body.every(isRowLike) ? body.map(rowOf) : [rowOf(body)];
  if (isPlainObject(body)) {
    for (const key of BATCH_KEYS) {
      const batch = body[key];
      if (Array.isArray(batch)) return batch.map(rowOf);
    }
  }
  return [rowOf(body)];
}

/** An element of a batch that is itself a row (not a scalar of a flat feature vector). */
function isRowLike(v: unknown): boolean {
  return Array.isArray(v) || isPlainObject(v);
}

/** One row's values: an array (flattened), `{"features": [...]}`, an object's values, or a scalar. */
export function rowOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.flat(Infinity);
  if (isPlainObject(v)) {
    if (Array.isArray(v.features)) return v.features.flat(Infinity);
    return Object.values(v).flat(Infinity);
  }
  return [v];
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
