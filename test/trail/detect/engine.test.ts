import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from '../../../src/core/errors.js';
import { render } from '../../../src/report/index.js';
import { RULES } from '../../../src/rules/index.js';
import { DetectionRun, detect } from '../../../src/trail/detect/engine.js';
import { DETECTIONS, describeDetections, selectDetections } from '../../../src/trail/detect/index.js';
import { detectorConfig } from '../../../src/trail/detect/params.js';
import { evaluate } from '../../../src/trail/detect/predicate.js';
import { scanRecords } from '../../../src/trail/detect/scan.js';
import { REPO, fixture, pantherCases, rec, stratus, stratusFiles, USER } from './support.js';

const denied = (i: number, principal = USER) =>
  rec({ eventSource: 'sagemaker.amazonaws.com', eventName: 'ListModels', errorCode: 'AccessDeniedException', eventTime: `2024-08-01T12:00:${String(i).padStart(2, '0')}Z`, userIdentity: principal, sourceIPAddress: '198.51.100.7' });

group('catalog', () => {
  it('has unique ids that do not clash with posture rule ids', () => {
    const ids = DETECTIONS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) expect(ids).not.toContain(r.id);
    expect(ids.length).toBeGreaterThanOrEqual(20);
  });

  it('gives every detection a rationale, a remediation, ATT&CK and ATLAS references, and Rule-shaped metadata', () => {
    for (const d of DETECTIONS) {
      expect(d.rationale.length, d.id).toBeGreaterThan(80);
      expect(d.remediation.length, d.id).toBeGreaterThan(40);
      expect(d.references.attack?.length, d.id).toBeGreaterThan(0);
      expect(d.references.atlas?.length, d.id).toBeGreaterThan(0);
      expect(d.resourceTypes).toEqual([]);
      for (const t of d.references.attack!) expect(t, d.id).toMatch(/^T\d{4}(\.\d{3})?$/);
    }
  });

  it('cites only ATLAS ids that exist in MITRE ATLAS', () => {
    const atlas = parse(readFileSync(join(REPO, '..', 'shared', 'data', 'atlas', 'ATLAS.yaml'), 'utf8'), { maxAliasCount: -1 }) as {
      matrices: { tactics: { id: string }[]; techniques: { id: string }[]; mitigations: { id: string }[] }[];
    };
    const m = atlas.matrices[0]!;
    const known = new Set([...m.tactics, ...m.techniques, ...m.mitigations].map((x) => x.id));
    const unknown = DETECTIONS.flatMap((d) => d.references.atlas!.filter((id) => !known.has(id)).map((id) => `${d.id}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it('selects by id and rejects unknown ids', () => {
    expect(selectDetections(DETECTIONS, ['kms-key-disabled-or-deleted']).map((d) => d.id)).toEqual(['kms-key-disabled-or-deleted']);
    expect(selectDetections(DETECTIONS, [], ['kms-key-disabled-or-deleted'])).toHaveLength(DETECTIONS.length - 1);
    expect(() => selectDetections(DETECTIONS, ['no-such-detection'])).toThrow(UsageError);
  });
});

group('parameters', () => {
  const burst = DETECTIONS.find((d) => d.id === 'access-denied-burst')!;
  it('merges defaults with overrides, coercing command-line text', () => {
    expect(detectorConfig(burst).params).toEqual({ threshold: 10, windowMinutes: 10, maxPrincipals: 10_000 });
    expect(detectorConfig(burst, { parameters: { 'access-denied-burst': { threshold: '3' } } }).params.threshold).toBe(3);
  });
  it('rejects unknown parameters and bad values by name', () => {
    expect(() => detectorConfig(burst, { parameters: { 'access-denied-burst': { thresold: 3 } } })).toThrow(/has no parameter "thresold" \(it has: threshold, windowMinutes, maxPrincipals\)/);
    expect(() => detectorConfig(burst, { parameters: { 'access-denied-burst': { threshold: 'many' } } })).toThrow(/access-denied-burst.threshold must be a non-negative number, got "many"/);
  });
  it('sets the learning period of every first-seen detection with baselineDays', () => {
    const firstSeen = DETECTIONS.filter((d) => 'baselineDays' in d.parameters);
    expect(firstSeen.map((d) => d.id).sort()).toEqual(['s3-training-data-new-writer', 'sagemaker-presigned-url-new-ip', 'sagemaker-role-new-passer']);
    for (const d of firstSeen) expect(detectorConfig(d, { baselineDays: 7 }).params.baselineDays).toBe(7);
  });
});

group('engine', () => {
  it('feeds every record to detectors without an event filter and only matching ones to the rest', async () => {
    const burst = DETECTIONS.find((d) => d.id === 'access-denied-burst')!;
    const { alerts, stats } = await detect(Array.from({ length: 12 }, (_, i) => denied(i)), [burst]);
    expect(stats.records).toBe(12);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.evidence[2]).toBe('calls tried: sagemaker:ListModels');
  });

  it('caps alerts per detection and counts the rest', async () => {
    const mfa = DETECTIONS.find((d) => d.id === 'console-login-without-mfa')!;
    const login = stratus('aws.initial-access.console-login-without-mfa')[0]!;
    const run = new DetectionRun([mfa], { maxAlertsPerDetection: 2 });
    for (let i = 0; i < 5; i++) run.onRecord(login);
    expect(run.finish()).toHaveLength(2);
    expect(run.stats.droppedAlerts).toEqual({ 'console-login-without-mfa': 3 });
  });

  it('reports evictions from capped state', async () => {
    const burst = DETECTIONS.find((d) => d.id === 'access-denied-burst')!;
    const principals = Array.from({ length: 5 }, (_, i) => ({ ...USER, arn: `arn:aws:iam::111122223333:user/u${i}` }));
    const { stats } = await detect(principals.map((p, i) => denied(i, p)), [burst], { parameters: { 'access-denied-burst': { maxPrincipals: 2 } } });
    expect(stats.evictions).toEqual({ 'access-denied-burst': 3 });
  });

  it('survives records missing the fields detections read', async () => {
    const odd = [
      rec({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: null }),
      rec({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'b', bucketPolicy: 'not json' } }),
      rec({ eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventTime: 'yesterday', requestParameters: { bucketName: 'b' } }),
      { record: { eventSource: 'iam.amazonaws.com' } as never, source: { file: 'odd.json', index: 3 } },
      rec({ eventSource: 'sagemaker.amazonaws.com', eventName: 'CreateTrainingJob', requestParameters: { inputDataConfig: 'not a list' } }),
    ];
    const { alerts, stats } = await detect(odd, DETECTIONS, { baselineDays: 0, trainingBuckets: ['b'] });
    expect(stats.records).toBe(5);
    expect(alerts.map((a) => [a.detectionId, a.summary])).toEqual([['cloudtrail-logging-stopped', 'stopped logging for trail (not named in the record)']]);
  });
});

group('findings and reports', () => {
  it('turns alerts into failed findings a reporter renders, with the inputs accounting', async () => {
    // The SageMaker log first: its first day is the learning period of the first-seen detections.
    const records = [...fixture('sagemaker-intrusion.json'), ...stratus('aws.defense-evasion.cloudtrail-stop')];
    const inputs = [{ path: 'stratus.json', kind: 'cloudtrail', status: 'read' as const }, { path: 'broken.json.gz', kind: 'cloudtrail', status: 'failed' as const, error: { message: 'unexpected end of file', file: 'broken.json.gz' } }];
    const { result, detections, stats } = await scanRecords(records, inputs, { skipDetections: ['sagemaker-presigned-url-outside-vpce'] });
    expect(stats.records).toBe(16);
    expect(result.profile).toBe('trail');
    expect(result.summary).toMatchObject({ inputs: { read: 1, skipped: 0, failed: 1 }, resources: 16, rules: DETECTIONS.length - 1 });
    expect(result.summary.findings.fail).toBe(11);
    const stop = result.findings.find((f) => f.ruleId === 'cloudtrail-logging-stopped')!;
    expect(stop).toMatchObject({
      status: 'fail',
      severity: 'high',
      ring: 'monitoring',
      resource: { type: 'AWS::CloudTrail::Trail', id: 'stratus-red-team-ct-stop-trail-buykxbqejv' },
      property: 'eventName',
    });
    expect(stop.message).toMatch(/^arn:aws:iam::143434273843:user\/christophe stopped logging for trail stratus-red-team-ct-stop-trail-buykxbqejv \(StopLogging at 2024-07-31T13:06:24Z, record #1\)$/);
    expect(result.findings[0]!.severity).toBe('high');

    const table = render('table', result, detections, { color: false });
    expect(table).toContain('cloudtrail-logging-stopped');
    expect(table).toContain('broken.json.gz');
    const sarif = JSON.parse(render('sarif', result, detections, { color: false }));
    expect(sarif.runs[0].results).toHaveLength(11);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('sagemaker-lifecycle-script-suspicious');
    expect(JSON.parse(render('json', result, detections, { color: false })).findings).toHaveLength(11);
  });

  it('rejects --set on an unknown detection before reading anything', async () => {
    await expect(scanRecords([], [], { parameters: { 'no-such': { x: 1 } } })).rejects.toThrow(/unknown detection "no-such"/);
  });
});

group('predicates as data', () => {
  it('describes the catalog as JSON, with every stateless row and the named checks', () => {
    const d = JSON.parse(JSON.stringify(describeDetections()));
    expect(d.detections).toHaveLength(DETECTIONS.length);
    const stop = d.detections.find((x: { id: string }) => x.id === 'cloudtrail-logging-stopped');
    expect(stop.rows[0]).toEqual({
      eventSource: 'cloudtrail.amazonaws.com',
      eventNames: ['StopLogging'],
      predicate: { all: [{ path: 'eventSource', op: 'in', values: ['cloudtrail.amazonaws.com'] }, { path: 'eventName', op: 'in', values: ['StopLogging'] }, { path: 'errorCode', op: 'absent' }] },
      action: 'stopped logging for trail {target}',
      target: { type: 'AWS::CloudTrail::Trail', paths: ['requestParameters.name'] },
      property: 'eventName',
    });
    expect(Object.keys(d.checks).sort()).toEqual(['policy-admin', 'policy-public', 'script-suspicious']);
    expect(d.scriptPatterns.length).toBeGreaterThan(10);
    for (const x of d.detections) expect(x.predicate, x.id).toBeDefined();
  });

  it('predicts exactly which records each stateless detection alerts on (the contract for the SQL compiler)', async () => {
    const corpus = [...stratusFiles().flatMap((f) => stratus(f)), ...pantherCases().map((c) => c.record), ...fixture('sagemaker-intrusion.json')];
    const stateless = DETECTIONS.filter((d) => d.kind === 'stateless');
    expect(stateless.length).toBeGreaterThanOrEqual(15);
    let positives = 0;
    for (const d of stateless) {
      const detector = d.create(detectorConfig(d));
      for (const r of corpus) {
        const fired = detector.onRecord(r).length > 0;
        if (evaluate(d.predicate!, r.record) !== fired) throw new Error(`${d.id} disagrees with its predicate on ${r.source.file}:${r.source.line ?? r.source.index}`);
        if (fired) positives++;
      }
    }
    expect(positives).toBeGreaterThan(30);
  });

  it('predicts the records that feed each stateful detection (a superset of what alerts)', async () => {
    const corpus = [...stratusFiles().flatMap((f) => stratus(f)), ...pantherCases().map((c) => c.record), ...fixture('sagemaker-intrusion.json')];
    for (const d of DETECTIONS.filter((x) => x.kind === 'stateful')) {
      const { alerts } = await detect(corpus, [d], { baselineDays: 0, parameters: d.id === 'access-denied-burst' ? { [d.id]: { threshold: 1 } } : {} });
      for (const a of alerts) {
        const r = corpus.find((c) => c.source === a.source)!;
        expect(evaluate(d.predicate!, r.record), `${d.id} on ${a.eventName}`).toBe(true);
      }
    }
  });
});

group('bad records', () => {
  it('never throws on fields of unexpected types, whatever the detection', async () => {
    const corpus = [...fixture('sagemaker-intrusion.json'), ...stratus('aws.defense-evasion.cloudtrail-event-selectors'), ...stratus('aws.persistence.iam-create-admin-user')];
    const odd: unknown[] = [null, 7, 'text', true, [], [null], { nested: [1, 'a'] }];
    const mutated = corpus.flatMap((r) =>
      ['userIdentity', 'requestParameters', 'responseElements', 'additionalEventData', 'errorCode', 'eventTime', 'sourceIPAddress', 'userAgent', 'vpcEndpointId'].flatMap((field) =>
        odd.map((value) => ({ record: { ...r.record, [field]: value }, source: r.source })),
      ),
    );
    const { stats } = await detect(mutated, DETECTIONS, { baselineDays: 0, trainingBuckets: ['acme-ml-training-data'] });
    expect(stats.records).toBe(mutated.length);
    expect(stats.failures).toEqual([]);
  });

  it('reports a detection that throws as an error naming the record, and goes on', async () => {
    const stop = DETECTIONS.find((d) => d.id === 'cloudtrail-logging-stopped')!;
    const broken = { ...stop, id: 'broken', create: () => ({ onRecord: () => { throw new Error('boom'); }, flush: () => [] }) };
    const records = stratus('aws.defense-evasion.cloudtrail-stop').map((r) => ({ ...r, source: { file: 'trail.json', line: 3 } }));
    const { result } = await scanRecords(records, [], { catalog: [broken, stop] });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['cloudtrail-logging-stopped']);
    expect(result.errors).toEqual([{ message: 'detection broken could not judge this record: boom', file: 'trail.json', line: 3, column: 1 }]);
  });
});
