import type { FeatureEncoder } from '../encoding.js';
import { csvField } from '../../tabular/csv.js';

/** A query as the endpoint saw it, ready to be written as a Data Capture record. */
export interface CapturedQuery {
  caller: string;
  x: Float64Array;
  probs: Float64Array;
  timeMs: number;
}

export interface CaptureLayout {
  endpoint: string;
  variant: string;
}

/**
 * Writes simulated traffic as SageMaker Data Capture would: one JSON Lines record per request
 * (CSV input, CSV class probabilities as output, the caller tagged in CustomAttributes as
 * `caller=…`), in hourly files under `<endpoint>/<variant>/yyyy/mm/dd/hh/`. Returns the relative
 * paths and contents; the queries are written in time order.
 */
export function captureFiles(queries: readonly CapturedQuery[], encoder: FeatureEncoder, layout: CaptureLayout): Map<string, string> {
  const files = new Map<string, string[]>();
  const sorted = [...queries].sort((a, b) => a.timeMs - b.timeMs);
  sorted.forEach((q, i) => {
    const t = new Date(q.timeMs);
    const hour = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours()].map((v) => String(v).padStart(2, '0'));
    const path = `${layout.endpoint}/${layout.variant}/${hour.join('/')}/capture-${hour.join('-')}.jsonl`;
    const lines = files.get(path) ?? [];
    lines.push(captureRecordLine(q, encoder, `sim-${String(i).padStart(8, '0')}`));
    files.set(path, lines);
  });
  return new Map([...files].map(([path, lines]) => [path, lines.join('\n') + '\n']));
}

export function captureRecordLine(q: CapturedQuery, encoder: FeatureEncoder, eventId: string): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: encoder.decode(q.x).map(csvField).join(','), encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv; charset=utf-8', mode: 'OUTPUT', data: Array.from(q.probs, (p) => String(p)).join(','), encoding: 'CSV' },
    },
    eventMetadata: { eventId, inferenceTime: new Date(q.timeMs).toISOString(), customAttributes: `caller=${q.caller}` },
    eventVersion: '0',
  });
}
