import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCapture, subjectOf, NO_CALLER_NOTE } from '../../../src/ml/capture/index.js';
import { collect, FIXTURES, MONITOR, tempDir } from './support.js';

const S3 = join(FIXTURES, 's3', 'datacapture');
const HOUR13 = 'churn-endpoint/AllTraffic/2024/05/01/13/00-00-000-a1b2c3d4.jsonl';

describe('openCapture on the real SageMaker samples', () => {
  it('reads every record of capture.jsonl, CSV payloads and predictions, and says the times are placeholders', async () => {
    const stream = openCapture([join(MONITOR, 'capture.jsonl')]);
    const records = await collect(stream);
    expect(records).toHaveLength(44);
    expect(records[0]).toMatchObject({
      eventId: '74b0dd56-e7c8-368e-94b1-14a138a96000',
      eventVersion: '0',
      features: [9, 45, 45, 42, 7, 5, 0],
      fields: ['9', '45', '45', '42', '7', '5', '0'],
      inputFormat: 'csv',
      prediction: 0.302709460258,
      scores: [0.302709460258],
      row: 0,
      rows: 1,
    });
    expect(records[0]!.source.line).toBe(1);
    expect(records[43]!.source.line).toBe(44);
    // inferenceTime is the literal "{%s}": the time is unknown, never invented.
    expect(records.every((r) => r.time === undefined && r.timeMs === undefined)).toBe(true);
    const [input] = stream.inputs;
    expect(input).toMatchObject({ kind: 'data-capture', status: 'read', records: 44, malformed: 0 });
    expect(input!.warnings?.[0]?.message).toMatch(/44 record\(s\) without a valid eventMetadata.inferenceTime \(first: "\{%s\}"\)/);
    expect(stream.callerMode).toEqual({ kind: 'none', note: NO_CALLER_NOTE });
  });

  it('reads JSON payloads: TensorFlow Serving instances pair with predictions', async () => {
    const records = await collect(openCapture([join(MONITOR, 'captured-data.jsonl')]));
    // {"instances": [1.0, 2.0, 5.0]} is three instances, answered by three predictions.
    expect(records).toHaveLength(6);
    expect(records.slice(0, 3).map((r) => [r.features, r.prediction, r.row, r.rows])).toEqual([
      [[1], 3.5, 0, 3],
      [[2], 4, 1, 3],
      [[5], 5.5, 2, 3],
    ]);
    expect(records[0]).toMatchObject({ time: '2019-11-24T07:30:50Z', timeMs: Date.UTC(2019, 10, 24, 7, 30, 50), inputFormat: 'json' });
  });
});

describe('openCapture on an S3 layout', () => {
  it('derives endpoint and variant from the path, reads callers from CustomAttributes, accounts for every file', async () => {
    const stream = openCapture([S3], { callerAttribute: 'caller' });
    const records = await collect(stream);
    const hour13 = records.filter((r) => r.source.file.endsWith(HOUR13));
    expect(hour13).toHaveLength(10);
    expect(hour13.every((r) => r.endpoint === 'churn-endpoint' && r.variant === 'AllTraffic')).toBe(true);
    expect(hour13.map((r) => r.caller)).toEqual(['alice', 'bob', 'alice', 'bob', 'alice', 'bob', 'alice', 'bob', 'alice', 'bob']);
    expect(hour13[0]).toMatchObject({ inferenceId: 'req-0000', time: '2024-05-01T13:00:00Z', customAttributes: { caller: 'alice' } });
    expect(subjectOf(hour13[1]!)).toBe('bob');

    const byPath = Object.fromEntries(stream.inputs.map((i) => [i.path.slice(i.path.indexOf('churn-endpoint')), i]));
    const first = byPath[HOUR13]!;
    expect(first).toMatchObject({ status: 'read', records: 10, malformed: 2 });
    // The truncated line and the unknown encoding, each with its line; the rest of the file was read.
    expect(first.warnings).toEqual([
      { message: expect.stringMatching(/^not valid JSON: .*; record skipped$/), line: 6, column: 1 },
      { message: 'captureData.endpointInput.encoding: expected one of CSV, JSON, BASE64, got "XML"; record skipped', line: 12, column: 1 },
    ]);
    expect(byPath['churn-endpoint/AllTraffic/2024/05/01/14/NOTES.txt']).toMatchObject({ status: 'skipped', reason: 'not a .jsonl file' });
    expect(stream.inputs).toHaveLength(3);
  });

  it('decodes BASE64 payloads and splits a batch request into rows paired with its predictions', async () => {
    const records = await collect(openCapture([S3]));
    const b64 = records.find((r) => r.eventId === '79f96714-0136-39c8-a205-38faf8a5f96f' || r.time === '2024-05-01T14:10:00Z')!;
    expect(b64).toMatchObject({ inputFormat: 'csv', features: [0, 49, 10, 32, 36, 5, 2], prediction: 0.413341522217 });
    const batch = records.filter((r) => r.eventId === 'batch-0001');
    expect(batch.map((r) => [r.row, r.rows, r.features, r.prediction])).toEqual([
      [0, 2, [21, 0, 20, 7, 14, 7, 2], 0.35275670886],
      [1, 2, expect.any(Array), expect.any(Number)],
    ]);
    expect(batch.every((r) => r.caller === undefined)).toBe(true);
    expect(subjectOf(batch[0]!)).toBe('endpoint:churn-endpoint/AllTraffic');
  });

  it('joins callers from an access-log map on inferenceId, and ground truth on eventId', async () => {
    const stream = openCapture([S3], { callerMap: join(FIXTURES, 'caller-map.csv'), groundTruth: [join(FIXTURES, 's3', 'groundtruth')] });
    const records = (await collect(stream)).filter((r) => r.source.file.endsWith(HOUR13));
    expect(records.map((r) => r.caller)).toEqual(['team-0', 'team-1', 'team-2', 'team-0', 'team-1', 'team-2', 'team-0', 'team-1', 'team-2', 'team-0']);
    expect(records.every((r) => r.groundTruth === 1 || r.groundTruth === 0)).toBe(true);
    expect(stream.callerMode).toEqual({ kind: 'map', file: expect.stringMatching(/caller-map\.csv$/) });
    expect(stream.inputs.find((i) => i.kind === 'caller-map')).toMatchObject({ status: 'read', records: 10 });
    expect(stream.inputs.find((i) => i.kind === 'ground-truth')).toMatchObject({ status: 'read', records: 10 });
  });

  it('skips ground-truth files met among capture files, with the reason', async () => {
    const stream = openCapture([join(MONITOR, 'actuals.jsonl')]);
    expect(await collect(stream)).toEqual([]);
    expect(stream.inputs[0]).toMatchObject({ kind: 'ground-truth', status: 'skipped', reason: expect.stringMatching(/ground-truth records/) });
  });
});

describe('openCapture on bad input', () => {
  it('reports a missing path as failed and reads the rest', async () => {
    const stream = openCapture([join(FIXTURES, 'nope'), join(FIXTURES, 'placeholder-times.jsonl')]);
    expect(await collect(stream)).toHaveLength(3);
    expect(stream.inputs[0]).toMatchObject({ status: 'failed', error: { message: 'no such file or directory' } });
  });

  it('skips a record over the size limit without holding it, and a payload over its limit', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const good = '{"captureData":{"endpointInput":{"mode":"INPUT","data":"1,2","encoding":"CSV","observedContentType":"text/csv"}},"eventMetadata":{"eventId":"e1","inferenceTime":"2024-01-01T00:00:00Z"},"eventVersion":"0"}';
      const bigPayload = good.replace('"1,2"', `"${'1,'.repeat(3000)}2"`).replace('"e1"', '"e3"');
      const file = join(dir, 'big.jsonl');
      writeFileSync(file, [good, 'x'.repeat(5000), bigPayload, good.replace('"e1"', '"e4"'), ''].join('\n'));
      const stream = openCapture([file], { limits: { maxPayloadBytes: 1000 } });
      const records = await collect(stream);
      expect(records.map((r) => r.eventId)).toEqual(['e1', 'e4']);
      expect(stream.inputs[0]).toMatchObject({ status: 'read', records: 2, malformed: 2 });
      expect(stream.inputs[0]!.warnings!.map((w) => [w.line, w.message])).toEqual([
        [2, expect.stringMatching(/^not valid JSON: /)],
        [3, 'payload of 6001 bytes exceeds the limit of 1000; record skipped'],
      ]);
      const oversized = openCapture([file], { limits: { maxRecordBytes: 1000 } });
      await collect(oversized);
      expect(oversized.inputs[0]!.warnings!.map((w) => w.message)).toContain('record of 5000 bytes exceeds the limit of 1000; record skipped');
    } finally {
      cleanup();
    }
  });

  it('fails a binary file named .jsonl and a file that never parses, with their position', async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, 'a.jsonl'), Buffer.from([0x7b, 0x22, 0x00, 0x01, 0x0a]));
      writeFileSync(join(dir, 'b.jsonl'), Array.from({ length: 30 }, (_, i) => `garbage ${i}`).join('\n'));
      writeFileSync(join(dir, 'c.jsonl'), '{"eventVersion":"1.08","eventName":"GetObject"}\n');
      writeFileSync(join(dir, 'd.jsonl'), '\n\n');
      const stream = openCapture([dir]);
      expect(await collect(stream)).toEqual([]);
      const [a, b, c, d] = stream.inputs;
      expect(d).toMatchObject({ status: 'skipped', reason: 'empty file' });
      expect(a).toMatchObject({ status: 'failed', error: { message: 'binary content, not JSON Lines', line: 1 } });
      expect(b).toMatchObject({ status: 'failed', error: { message: 'not JSON Lines: the first 20 lines do not parse', line: 20 } });
      expect(c).toMatchObject({ status: 'skipped', reason: 'JSON Lines, but not SageMaker Data Capture records (no captureData)' });
    } finally {
      cleanup();
    }
  });
});
