import { decodePayload, isPlainObject, PayloadError } from './payload.js';
import type { CaptureLimits, CapturePayload, Prediction } from './types.js';

/** Keys under which inference containers return a batch of predictions. */
const BATCH_KEYS = ['predictions', 'outputs', 'results', 'scores', 'probabilities'];
/** Keys of a prediction object that hold its scores, most specific first. */
const SCORE_KEYS = ['probabilities', 'probability', 'scores', 'score', 'predicted_probabilities'];
/** Keys of a prediction object that hold its label. */
const LABEL_KEYS = ['predicted_label', 'label', 'predicted_class', 'class'];

export interface ReadPrediction {
  prediction: Prediction;
  scores?: number[];
  label?: string | number;
}

/** The output payload as one prediction per row of the request. */
export function decodePredictions(payload: CapturePayload, limits: CaptureLimits): ReadPrediction[] {
  const decoded = decodePayload(payload, limits);
  if (decoded.format === 'binary') return [];
  if (decoded.format === 'csv') return decoded.rows.map((r) => describe(r.length === 1 ? numeric(r[0]) : r.map(numeric)));
  if (decoded.format === 'jsonlines') return decoded.rows.map((r) => describe(r.length === 1 ? (r[0] as Prediction) : (r as Prediction)));
  // JSON rows were flattened for features; predictions keep their structure.
  return jsonPredictions(decoded.body).map(describe);
}

function jsonPredictions(body: unknown): Prediction[] {
  if (isPlainObject(body)) {
    for (const key of BATCH_KEYS) {
      const batch = body[key];
      if (Array.isArray(batch)) return batch.map(asPrediction);
    }
    return [body];
  }
  if (Array.isArray(body)) return body.map(asPrediction);
  return [asPrediction(body)];
}

function asPrediction(v: unknown): Prediction {
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.flat(Infinity).filter((x): x is number | string => typeof x === 'number' || typeof x === 'string');
  if (isPlainObject(v)) return v;
  throw new PayloadError(`a prediction is ${v === null ? 'null' : typeof v}`);
}

function numeric(v: unknown): number | string {
  const s = String(v).trim();
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? n : s;
}

/** Scores and label of a prediction, by its shape. */
function describe(prediction: Prediction): ReadPrediction {
  if (typeof prediction === 'number') return { prediction, scores: [prediction] };
  if (typeof prediction === 'string') return { prediction, label: prediction };
  if (Array.isArray(prediction)) {
    const scores = prediction.every((x) => typeof x === 'number') ? (prediction as number[]) : undefined;
    return scores ? { prediction, scores } : { prediction };
  }
  const out: ReadPrediction = { prediction };
  const scoreKey = SCORE_KEYS.find((k) => k in prediction);
  if (scoreKey) {
    const s = prediction[scoreKey];
    const list = Array.isArray(s) ? s.flat(Infinity) : [s];
    if (list.length > 0 && list.every((x) => typeof x === 'number')) out.scores = list as number[];
  }
  const labelKey = LABEL_KEYS.find((k) => k in prediction);
  const label = labelKey ? prediction[labelKey] : undefined;
  if (typeof label === 'string' || typeof label === 'number') out.label = label;
  return out;
}
