import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detect } from '../../../src/trail/detect/engine.js';
import { DETECTIONS } from '../../../src/trail/detect/index.js';
import type { DetectionSettings } from '../../../src/trail/detect/params.js';
import type { Alert } from '../../../src/trail/detect/types.js';
import { compileFilterPattern } from '../../../src/trail/pattern/index.js';
import { readTrail } from '../../../src/trail/read/index.js';
import type { SourcedRecord } from '../../../src/trail/record.js';
import { duckdbTrailScan, openTrailTable, patternSql, type TrailTable } from '../../../src/trail/sql/index.js';
import { alertKey, DETECT_FIXTURES, DUCKDB, EDGE_EVENTS, patternCorpus, SQL_TRAIL, STRATUS, tempDir, writePantherTrail } from './support.js';

// Every detection and every filter pattern, run by the in-process engine and as SQL through DuckDB
// over the same files, must give the same answer: the same alerts (record, principal, resource,
// message; for bursts the same window), the same matching records. The files: the real Stratus
// Red Team logs, Panther's rule-test events, the detection fixtures, and a three-day trail made to
// drive every stateful detection (test/fixtures/trail/sql).

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let paths: string[];
beforeAll(() => {
  paths = [STRATUS, DETECT_FIXTURES, SQL_TRAIL, writePantherTrail(dir)];
});

/** Settings that move every stateful detection through its code paths: learning, thresholds, buckets. */
const SETTINGS: Record<string, DetectionSettings> = {
  defaults: {},
  'no learning period': { baselineDays: 0 },
  'low thresholds and training buckets': {
    baselineDays: 0,
    trainingBuckets: ['acme-web-assets', 's3://acme-labels/manifests/', 'not a bucket!'],
    parameters: {
      'access-denied-burst': { threshold: 3, windowMinutes: 0.5 },
      's3-training-data-bulk-read': { objectThreshold: 40, megabyteThreshold: 5, windowMinutes: 7 },
      's3-training-data-new-writer': { baselineDays: 0.5 },
    },
  },
  'one call is a burst': { parameters: { 'access-denied-burst': { threshold: 1 }, 's3-training-data-bulk-read': { objectThreshold: 1, ignorePrincipals: ['arn:aws:sts::*:assumed-role/ml-pipeline/*'] } } },
};

/** The window evidence of a burst (`N denied calls from T1 to T2 (threshold …)`), the same in both engines. */
const windowOf = (a: Alert) => (a.detectionId === 'access-denied-burst' ? a.evidence[0] : '');

describe.skipIf(!DUCKDB)('detections: in-process and DuckDB agree', () => {
  const fired = new Set<string>();
  afterAll(() => {
    // Together the settings make every detection of the catalog alert at least once.
    if (DUCKDB) expect([...DETECTIONS.map((d) => d.id)].filter((id) => !fired.has(id))).toEqual([]);
  });

  it.each(Object.keys(SETTINGS))('with %s', async (name) => {
    const settings = SETTINGS[name]!;
    const inProcess = await detect(readTrail(paths), DETECTIONS, settings);
    // The SQL keeps no cap on state: the claim holds while the in-process run forgot nothing.
    expect(inProcess.stats.evictions).toEqual({});
    expect(inProcess.stats.droppedAlerts).toEqual({});
    expect(inProcess.stats.failureCount).toBe(0);
    const sql = await duckdbTrailScan({ paths, ...settings });
    expect(sql.result.summary.resources).toBe(inProcess.stats.records);

    const keys = (alerts: Alert[]) => alerts.map((a) => `${alertKey(a)} | ${windowOf(a)}`).sort();
    expect(keys(sql.alerts)).toEqual(keys(inProcess.alerts));
    expect(sql.alerts.length).toBeGreaterThan(15);
    for (const a of sql.alerts) fired.add(a.detectionId);
  }, 60_000);
});

describe.skipIf(!DUCKDB)('filter patterns: in-process and DuckDB agree', () => {
  let table: TrailTable;
  let records: SourcedRecord[];
  beforeAll(async () => {
    const all = [...paths, EDGE_EVENTS];
    table = await openTrailTable(all, { includeRaw: true });
    records = [];
    for await (const r of readTrail(all)) records.push(r);
  });
  afterAll(() => table?.close());

  it('on every pattern of the pattern tests and of the CIS benchmark', async () => {
    const patterns = patternCorpus();
    expect(patterns.length).toBeGreaterThan(200);
    const where = (r: { file: string; index?: number }) => `${r.file} #${r.index}`;
    const differences: string[] = [];
    let matchedSome = 0;
    let overApproximated = 0;
    for (const p of patterns) {
      const query = patternSql(p, { dialect: 'duckdb' });
      const compiled = compileFilterPattern(p);
      const expected = new Set(records.filter((r) => compiled.test(r.record)).map((r) => where(r.source)));
      const got = new Set((await table.query(query.sql)).map((row) => where({ file: String(row['_file']), index: Number(row['_index']) })));
      const missing = [...expected].filter((k) => !got.has(k));
      const extra = [...got].filter((k) => !expected.has(k));
      // An over-approximating query (it says so in its notes) may match more, never less.
      if (missing.length || (query.exact && extra.length)) differences.push(`${p}: missing ${missing.slice(0, 3).join(', ')} extra ${extra.slice(0, 3).join(', ')}`);
      if (!query.exact) overApproximated++;
      if (expected.size) matchedSome++;
    }
    expect(differences).toEqual([]);
    // The comparison has teeth: many patterns match something, and exactness is the rule.
    expect(matchedSome).toBeGreaterThan(90);
    expect(overApproximated).toBeLessThan(10);
  }, 60_000);

  it('on patterns written for the corners of the language', async () => {
    const corners = [
      '{ $.requestParameters.count = 1 }',
      '{ $.requestParameters.count = "1" }',
      '{ $.requestParameters.fraction = "1.5" }',
      '{ $.requestParameters.big = 1000 }',
      '{ $.requestParameters.zero = "0" }',
      '{ $.requestParameters.code = 404 && $.requestParameters.code = "40*" }',
      '{ $.requestParameters.spaced = 42 }',
      '{ $.requestParameters.word != 1 }',
      '{ $.requestParameters.flag IS TRUE }',
      '{ $.requestParameters.flag = "true" }',
      '{ $.requestParameters.nothing IS NULL }',
      '{ $.requestParameters.nothing NOT EXISTS }',
      '{ $.requestParameters.list[*] = 2 }',
      '{ $.requestParameters.list[*].id = 7 }',
      '{ $.requestParameters.list[2] IS NULL }',
      '{ $.requestParameters.list[9] NOT EXISTS }',
      "{ $.requestParameters.['dotted.key'] = dots }",
      '{ $.requestParameters.nested.*.x = "other" }',
      '{ $.requestParameters.empty = "" }',
      '{ $.requestParameters.star = "Ev*ent" }',
      '{ $.requestParameters.uni = %x\\sy% }',
      '{ $.requestParameters.crlf = %a.b% }',
      '{ $.requestParameters.crlf = %b$% }',
      '{ $.readOnly IS TRUE }',
      '{ $.readOnly IS FALSE && $.eventName = Run* }',
      '{ $.userIdentity.sessionContext.sessionIssuer.userName = "ml-*" }',
      '{ $.resources[*].ARN = "*acme-ml-training-data*" }',
      '{ $.resources[1].type = "AWS::S3::Bucket" }',
      '{ $.additionalEventData.bytesTransferredOut > 100000 }',
      '{ $.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*" }',
      '{ $.managementEvent IS FALSE }',
      '{ $.tlsDetails.tlsVersion = TLSv1.3 }',
      'ConsoleLogin -Failure',
      '?AccessDenied ?UnauthorizedOperation',
      '"acme-ml-training-data/churn/train/v2"',
      '%arn:aws:iam::[0-9]{12}:root%',
      '[..., last]',
      '[first, ..., mid = *ec2*, ..., last]',
    ];
    for (const p of corners) {
      const query = patternSql(p, { dialect: 'duckdb' });
      const compiled = compileFilterPattern(p);
      const expected = records.filter((r) => compiled.test(r.record)).map((r) => `${r.source.file} #${r.source.index}`).sort();
      const got = (await table.query(query.sql)).map((row) => `${String(row['_file'])} #${Number(row['_index'])}`).sort();
      if (query.exact) expect({ p, got }).toEqual({ p, got: expected });
      else expect(expected.filter((k) => !got.includes(k))).toEqual([]);
    }
  }, 30_000);
});
