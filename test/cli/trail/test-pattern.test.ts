import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrail } from './support.js';

const STRATUS = fileURLToPath(new URL('../../fixtures/trail/stratus/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ringfence-test-pattern-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('ringfence trail test-pattern', () => {
  it('answers like TestMetricFilter for an array of events (--format json)', async () => {
    const r = await runTrail('test-pattern', '{ $.eventName = StopLogging || $.eventName = LeaveOrganization }', join(STRATUS, 'aws.defense-evasion.organizations-leave.json'), join(STRATUS, 'aws.defense-evasion.cloudtrail-stop.json'), '-f', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { matches: { eventNumber: number; eventMessage: string; extractedValues: object }[] };
    expect(out.matches.map((m) => m.eventNumber)).toEqual([2, 4]);
    expect(JSON.parse(out.matches[1]!.eventMessage)).toMatchObject({ eventName: 'StopLogging' });
    expect(out.matches[1]!.extractedValues).toEqual({});
  });

  it('reads lines, extracts space-delimited fields and shows metric values', async () => {
    const log = file('access.log', ['127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /a HTTP/1.0" 404 1534', '127.0.0.1 - frank [10/Oct/2000:13:25:16 -0700] "GET /b HTTP/1.0" 200 99', ''].join('\n'));
    const r = await runTrail('test-pattern', '[ip, user, username, timestamp, request, status = 4*, bytes]', log, '--metric-value', '$bytes');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('#1  127.0.0.1 - frank');
    expect(r.stdout).toContain('$status=404');
    expect(r.stdout).toContain('metric value 1534');
    expect(r.stdout).toContain('1 of 2 events matched');
  });

  it('tests one JSON event, and JSON Lines', async () => {
    const one = file('one.json', JSON.stringify({ latency: 800 }, null, 2));
    const lines = file('many.jsonl', '{"latency": 100}\n{"latency": 900}\n');
    const r = await runTrail('test-pattern', '{ $.latency > 500 }', one, lines, '-f', 'json', '--metric-value', '$.latency');
    const out = JSON.parse(r.stdout) as { matches: { eventNumber: number; metricValue: number }[] };
    expect(out.matches.map((m) => [m.eventNumber, m.metricValue])).toEqual([
      [1, 800],
      [3, 900],
    ]);
  });

  it('rejects invalid patterns, metric values and event files with exit 2', async () => {
    const ev = file('e.json', '{"a":1}');
    const bad = await runTrail('test-pattern', '{ $.a = }', ev);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid filter pattern at 1:9: expected a value');
    const metric = await runTrail('test-pattern', '{ $.a = 1 }', ev, '--metric-value', '$bytes');
    expect(metric.code).toBe(2);
    expect(metric.stderr).toContain('not space-delimited');
    const missing = await runTrail('test-pattern', 'x', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: no such file or directory/);
    const empty = await runTrail('test-pattern', 'x', file('empty.txt', '\n\n'));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no log events/);
  });
});
