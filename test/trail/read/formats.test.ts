import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, readAll, STRATUS, stratusRecords, tempDir } from './support.js';

const records = stratusRecords();
const { dir, cleanup } = tempDir();
afterAll(cleanup);

function write(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

const isoOf = (r: { eventTime: string }) => new Date(r.eventTime).toISOString();

describe('reading the real Stratus Red Team logs (JSON arrays)', () => {
  it('reads all 35 files and 310 records, every file accounted for', async () => {
    const r = await readAll([STRATUS]);
    expect(r.records).toHaveLength(310);
    expect(r.inputs).toHaveLength(35);
    expect(r.inputs.every((i) => i.status === 'read' && i.kind === 'cloudtrail-json-array')).toBe(true);
    expect(r.inputs.reduce((n, i) => n + i.records, 0)).toBe(310);
    expect(r.records.map((x) => x.record)).toEqual(records);
  });

  it('gives each record its file, line, column-free position and index', async () => {
    const r = await readAll([join(FIXTURES, 'stratus', 'aws.defense-evasion.organizations-leave.json')]);
    expect(r.records.map((x) => x.source)).toEqual([
      { file: expect.stringMatching(/organizations-leave\.json$/), line: 2, index: 0 },
      { file: expect.stringMatching(/organizations-leave\.json$/), line: expect.any(Number), index: 1 },
      { file: expect.stringMatching(/organizations-leave\.json$/), line: expect.any(Number), index: 2 },
    ]);
    expect(r.records[1]!.record.eventName).toBe('LeaveOrganization');
    expect(r.records[1]!.source.line).toBeGreaterThan(r.records[0]!.source.line!);
  });
});

describe('every trail format, from the same records', () => {
  const jsonl = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const cases: [string, string | Buffer, string][] = [
    ['AWSLogs/123456789012/CloudTrail/us-east-1/2024/08/02/123456789012_CloudTrail_us-east-1_20240802T0855Z_abc.json.gz', gzipSync(JSON.stringify({ Records: records })), 'cloudtrail'],
    ['s3/plain.json', JSON.stringify({ Records: records }, null, 2), 'cloudtrail'],
    ['lines/trail.jsonl', jsonl, 'cloudtrail-json-lines'],
    ['lines/concatenated.json', records.map((r) => JSON.stringify(r, null, 1)).join(''), 'cloudtrail-json-lines'],
    ['export/000000.gz', gzipSync(records.map((r) => `${isoOf(r)} ${JSON.stringify(r)}`).join('\n')), 'cloudwatch-logs-export'],
    ['cli/filter-log-events.json', JSON.stringify({ events: records.map((r, i) => ({ logStreamName: 's', timestamp: i, message: JSON.stringify(r), eventId: String(i) })), searchedLogStreams: [] }), 'cloudwatch-logs-events'],
    ['firehose/payload.gz', gzipSync(JSON.stringify({ messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: 'trail', logStream: 's', subscriptionFilters: ['f'], logEvents: records.map((r, i) => ({ id: String(i), timestamp: i, message: JSON.stringify(r) })) })), 'cloudwatch-logs-events'],
    ['array/records.json', JSON.stringify(records), 'cloudtrail-json-array'],
    ['history/lookup-events.json', JSON.stringify({ Events: records.map((r, i) => ({ EventId: String(i), EventName: r.eventName, CloudTrailEvent: JSON.stringify(r) })), NextToken: 'x' }), 'cloudtrail-lookup-events'],
    ['crlf/trail.jsonl', jsonl.replace(/\n/g, '\r\n'), 'cloudtrail-json-lines'],
  ];

  it.each(cases)('%s', async (name, content, kind) => {
    const r = await readAll([write(name, content)]);
    expect(r.inputs).toEqual([expect.objectContaining({ status: 'read', kind, records: records.length })]);
    expect(r.inputs[0]!.warnings).toBeUndefined();
    expect(r.records.map((x) => x.record)).toEqual(records);
  });

  it('reads the same records whatever the chunk boundaries, escapes included', async () => {
    const tricky = [
      { eventName: 'A', eventTime: 't', note: 'quote \\" inside, backslash \\\\ at end \\\\' },
      { eventName: 'B', eventTime: 't', note: '"Records":[ {not a wrapper} ]', nested: { list: [[{}], '}]'] } },
      ...records.slice(0, 5),
    ];
    const text = JSON.stringify({ Records: tricky });
    const p = write('tricky/records.json', text);
    for (const chunkBytes of [1, 2, 3, 7, 64]) {
      const r = await readAll([p], { chunkBytes });
      expect(r.records.map((x) => x.record), `chunk ${chunkBytes}`).toEqual(tricky);
    }
  });

  it('walks AWSLogs folders in date order and skips CloudTrail-Digest', async () => {
    const base = 'walk/AWSLogs/123456789012';
    write(`${base}/CloudTrail/us-east-1/2024/08/03/b.json.gz`, gzipSync(JSON.stringify({ Records: records.slice(2, 4) })));
    write(`${base}/CloudTrail/us-east-1/2024/08/02/a.json.gz`, gzipSync(JSON.stringify({ Records: records.slice(0, 2) })));
    write(`${base}/CloudTrail-Digest/us-east-1/2024/08/02/d.json.gz`, gzipSync(JSON.stringify({ awsAccountId: '123456789012', digestStartTime: 'x' })));
    const r = await readAll([join(dir, 'walk')]);
    expect(r.records.map((x) => x.record)).toEqual(records.slice(0, 4));
    expect(r.inputs.map((i) => [i.path.replace(/.*walk\//, ''), i.status])).toEqual([
      ['AWSLogs/123456789012/CloudTrail-Digest', 'skipped'],
      ['AWSLogs/123456789012/CloudTrail/us-east-1/2024/08/02/a.json.gz', 'read'],
      ['AWSLogs/123456789012/CloudTrail/us-east-1/2024/08/03/b.json.gz', 'read'],
    ]);
  });

  it('reads the panther-analysis test events as JSON Lines', async () => {
    const { readFileSync } = await import('node:fs');
    const { SHARED } = await import('./support.js');
    const lines = readFileSync(join(SHARED, 'panther-test-events.jsonl'), 'utf8').trim().split('\n');
    const events = lines.map((l) => (JSON.parse(l) as { event: unknown }).event);
    const r = await readAll([write('panther/events.jsonl', events.map((e) => JSON.stringify(e)).join('\n'))]);
    expect(r.records).toHaveLength(471);
    expect(r.records.map((x) => x.record)).toEqual(events);
    expect(r.records[470]!.source.line).toBe(471);
    // The raw file is JSON Lines too, but of test cases rather than records: not a trail.
    const raw = await readAll([join(SHARED, 'panther-test-events.jsonl')]);
    expect(raw.inputs[0]).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/not CloudTrail records: the first object \(1:1\)/) } });
  });
});
