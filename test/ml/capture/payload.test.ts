import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureLocation, CsvError, parseCsv, parseCustomAttributes, DEFAULT_CAPTURE_LIMITS } from '../../../src/ml/capture/index.js';
import { readLines } from '../../../src/ml/capture/lines.js';
import { decodePayload, PayloadError } from '../../../src/ml/capture/payload.js';
import { decodePredictions } from '../../../src/ml/capture/prediction.js';
import type { CapturePayload } from '../../../src/ml/capture/types.js';
import { tempDir } from './support.js';

const input = (data: string, observedContentType: string | undefined, encoding: CapturePayload['encoding'] = 'CSV'): CapturePayload => ({ mode: 'INPUT', data, encoding, observedContentType });
const output = (data: string, observedContentType: string | undefined, encoding: CapturePayload['encoding'] = 'JSON'): CapturePayload => ({ mode: 'OUTPUT', data, encoding, observedContentType });

describe('CSV payloads', () => {
  it('reads RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes, CRLF', () => {
    const rows = parseCsv('a,"b,c","say ""hi"""\r\n"multi\nline",2,3\r\n\r\nlast,,x');
    expect(rows.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b,c', 'say "hi"']],
      [2, ['multi\nline', '2', '3']],
      [5, ['last', '', 'x']],
    ]);
  });

  it('reports an unterminated quote with the line it opened on', () => {
    expect(() => parseCsv('1,2\n3,"open\n4,5')).toThrow(CsvError);
    try {
      parseCsv('1,2\n3,"open\n4,5');
    } catch (e) {
      expect((e as CsvError).line).toBe(2);
    }
  });

  it('decodes several rows of a batch request, and rejects a row over the feature limit', () => {
    expect(decodePayload(input('1,2\n3,4\n', 'text/csv'), DEFAULT_CAPTURE_LIMITS).rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(() => decodePayload(input('1,2,3', 'text/csv'), { ...DEFAULT_CAPTURE_LIMITS, maxFeatures: 2 })).toThrow(PayloadError);
  });
});

describe('JSON payloads', () => {
  const rows = (data: string, type = 'application/json') => decodePayload(input(data, type, 'JSON'), DEFAULT_CAPTURE_LIMITS).rows;

  it('knows the request shapes of SageMaker containers', () => {
    expect(rows('{"instances": [[1, 2], [3, 4]]}')).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(rows('{"instances": [{"features": [1, 2]}, {"features": [3, 4]}]}')).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(rows('{"features": [5, 6, 7]}')).toEqual([[5, 6, 7]]);
    expect(rows('[1.5, 2.5]')).toEqual([[1.5, 2.5]]);
    expect(rows('{"features": [1]}\n{"features": [2]}\n', 'application/jsonlines')).toEqual([[1], [2]]);
  });

  it('reads BASE64 by the content type, and leaves binary content (images) as bytes', () => {
    const b64 = Buffer.from('{"instances": [[9, 8]]}').toString('base64');
    expect(decodePayload(input(b64, 'application/json', 'BASE64'), DEFAULT_CAPTURE_LIMITS).rows).toEqual([[9, 8]]);
    const image = decodePayload(input(Buffer.from([0xff, 0xd8, 0xff]).toString('base64'), 'image/jpeg', 'BASE64'), DEFAULT_CAPTURE_LIMITS);
    expect(image).toEqual({ format: 'binary', rows: [], bytes: 3 });
    expect(() => decodePayload(input('not base64!!', 'text/csv', 'BASE64'), DEFAULT_CAPTURE_LIMITS)).toThrow('data is not valid BASE64');
  });

  it('reports invalid JSON', () => {
    expect(() => rows('{"instances": [1,')).toThrow(/JSON payload is not valid JSON/);
  });
});

describe('predictions', () => {
  it('takes scores and labels from the output shapes of common containers', () => {
    expect(decodePredictions(output('{"predictions": [{"score": 0.91, "predicted_label": 1}, {"probabilities": [0.2, 0.8], "label": "cat"}]}', 'application/json'), DEFAULT_CAPTURE_LIMITS)).toEqual([
      { prediction: { score: 0.91, predicted_label: 1 }, scores: [0.91], label: 1 },
      { prediction: { probabilities: [0.2, 0.8], label: 'cat' }, scores: [0.2, 0.8], label: 'cat' },
    ]);
    expect(decodePredictions(output('0.1,0.9\n0.7,0.3', 'text/csv', 'CSV'), DEFAULT_CAPTURE_LIMITS)).toEqual([
      { prediction: [0.1, 0.9], scores: [0.1, 0.9] },
      { prediction: [0.7, 0.3], scores: [0.7, 0.3] },
    ]);
    expect(decodePredictions(output('setosa', 'text/csv', 'CSV'), DEFAULT_CAPTURE_LIMITS)).toEqual([{ prediction: 'setosa', label: 'setosa' }]);
  });
});

describe('the S3 layout and caller tags', () => {
  it('names the endpoint and variant from <prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/', () => {
    expect(captureLocation('bucket/datacapture/churn/AllTraffic/2024/05/01/13/x.jsonl')).toEqual({ endpoint: 'churn', variant: 'AllTraffic', hour: '2024-05-01T13:00:00Z' });
    expect(captureLocation('churn/AllTraffic/2024/05/01/13/x.jsonl')).toEqual({ endpoint: 'churn', variant: 'AllTraffic', hour: '2024-05-01T13:00:00Z' });
    expect(captureLocation('capture.jsonl')).toBeUndefined();
    expect(captureLocation('a/b/2024/13/01/00/x.jsonl')).toBeUndefined();
  });

  it('reads CustomAttributes as a string, a list or an object', () => {
    expect(parseCustomAttributes('caller=alice; tenant=acme')).toEqual({ caller: 'alice', tenant: 'acme' });
    expect(parseCustomAttributes(['caller=bob', 'trace=1,2'])).toEqual({ caller: 'bob', trace: '1' });
    expect(parseCustomAttributes({ caller: 'carol', n: 3 })).toEqual({ caller: 'carol', n: '3' });
    expect(parseCustomAttributes('accept_eula=true')).toEqual({ accept_eula: 'true' });
    expect(parseCustomAttributes(undefined)).toBeUndefined();
  });
});

describe('line reading', () => {
  it('keeps lines whole across read chunks, handles CRLF and a last line without newline', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const long = 'y'.repeat(1_500_000);
      const file = join(dir, 'l.jsonl');
      writeFileSync(file, `a\r\n${long}\nb`);
      const lines: { line: number; text?: string; oversized?: number }[] = [];
      for await (const l of readLines(file, 2_000_000)) lines.push(l);
      expect(lines.map((l) => [l.line, l.text?.length, l.text?.slice(0, 1)])).toEqual([
        [1, 1, 'a'],
        [2, 1_500_000, 'y'],
        [3, 1, 'b'],
      ]);
      const capped: typeof lines = [];
      for await (const l of readLines(file, 1000)) capped.push(l);
      expect(capped.map((l) => [l.line, l.text, l.oversized])).toEqual([
        [1, 'a', undefined],
        [2, undefined, 1_500_000],
        [3, 'b', undefined],
      ]);
    } finally {
      cleanup();
    }
  });
});
