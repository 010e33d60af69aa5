import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { FINGERPRINT_KEY, artifactLocation, renderSarif } from '../../src/report/sarif.js';
import { FINDINGS, INPUTS, RESULT, RULES, finding, scanResult } from './support.js';

// The official SARIF 2.1.0 schema (draft-07). Ajv knows no formats by itself; these three are
// the ones the schema uses, checked strictly enough to catch a bad URI or timestamp.
const schema = JSON.parse(readFileSync(new URL('../fixtures/schemas/sarif-2.1.0.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true });
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/[\s\\]/.test(s));
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
const validate = ajv.compile(schema);

interface Loc {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number; startColumn?: number } };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: Loc[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status?: string; justification?: string }[];
  properties: Record<string, unknown>;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string; precision: string };
}
interface Sarif {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string }; locations?: Loc[] }[] }[];
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

function sarif(result = RESULT, cwd?: string): Sarif {
  const text = renderSarif(result, RULES, cwd === undefined ? {} : { cwd });
  return JSON.parse(text) as Sarif;
}

function resultFor(log: Sarif, ruleId: string, resourceId?: string): SarifResult {
  const r = log.runs[0]!.results.find((x) => x.ruleId === ruleId && (resourceId === undefined || x.properties['resourceId'] === resourceId));
  expect(r, `no result for ${ruleId} ${resourceId ?? ''}`).toBeDefined();
  return r!;
}

describe('sarif report', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    for (const log of [sarif(), sarif(RESULT, '/work/repo'), sarif(scanResult([], []))]) {
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('the schema check is real: a wrong level or a zero line is rejected', () => {
    const log = sarif();
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
    const log2 = sarif();
    log2.runs[0]!.results[0]!.locations![0]!.physicalLocation.region!.startLine = 0;
    expect(validate(log2)).toBe(false);
  });

  it('has one run with the tool, its version and every rule', () => {
    const log = sarif();
    expect(log.$schema).toMatch(/^https:\/\//);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('ringfence');
    expect(driver.version).toBe('0.1.0');
    expect(URL.canParse(driver.informationUri)).toBe(true);
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
  });

  it('describes rules the way GitHub code scanning reads them', () => {
    const rule = sarif().runs[0]!.tool.driver.rules[0]!;
    expect(rule.name).toBe('SagemakerNotebookDirectInternet');
    expect(rule.shortDescription.text).toBe(RULES[0]!.title);
    expect(rule.fullDescription.text).toBe(RULES[0]!.rationale);
    expect(rule.help.text).toContain(RULES[0]!.remediation);
    expect(rule.help.text).toContain('AWS Security Hub: SageMaker.2');
    expect(rule.help.markdown).toContain('- Checkov: `CKV_AWS_122`');
    expect(rule.helpUri).toBe('https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html');
    expect(rule.properties.tags.slice(0, 2)).toEqual(['network', 'security']);
    expect(rule.properties.tags).toContain('sagemaker');
    expect(rule.properties.precision).toBe('high');
    expect(rule.defaultConfiguration.level).toBe('error');
  });

  it('gives each severity its security-severity score and level', () => {
    const rules = sarif().runs[0]!.tool.driver.rules;
    const of = (id: string) => rules.find((r) => r.id === id)!;
    expect([of('sagemaker-notebook-direct-internet'), of('iam-role-wildcard-actions'), of('kms-key-rotation'), of('ecr-scan-on-push'), of('sagemaker-endpoint-data-capture')].map((r) => [r.properties['security-severity'], r.defaultConfiguration.level])).toEqual([
      ['9.5', 'error'],
      ['8.0', 'error'],
      ['5.5', 'warning'],
      ['3.0', 'note'],
      ['1.0', 'note'],
    ]);
  });

  it('reports failed and suppressed findings only', () => {
    const results = sarif().runs[0]!.results;
    expect(results).toHaveLength(FINDINGS.filter((f) => f.status === 'fail' || f.status === 'suppressed').length);
    expect(results.some((r) => r.ruleId === 'sagemaker-notebook-root-access')).toBe(false);
    expect(results.some((r) => r.ruleId === 'sagemaker-notebook-vpc')).toBe(false);
  });

  it('points each result at its rule by id and index, with the level of its severity', () => {
    const log = sarif();
    const rules = log.runs[0]!.tool.driver.rules;
    for (const r of log.runs[0]!.results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(resultFor(log, 'sagemaker-notebook-direct-internet').level).toBe('error');
    expect(resultFor(log, 'sagemaker-model-network-isolation').level).toBe('warning');
    expect(resultFor(log, 'ecr-scan-on-push').level).toBe('note');
  });

  it('locates results by a relative, forward-slash URI against %SRCROOT%, with line and column', () => {
    const r = resultFor(sarif(), 'sagemaker-notebook-direct-internet');
    expect(r.message.text).toContain("DirectInternetAccess is not set; AWS's default is Enabled");
    expect(r.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'stacks/ml-platform.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 24, startColumn: 7 } } },
    ]);
  });

  it('makes absolute paths relative to cwd, and keeps paths outside it as file: URIs', () => {
    const abs = (f: Finding, file: string): Finding => ({ ...f, location: { ...f.location!, file } });
    const inside = abs(FINDINGS[1]!, '/work/repo/stacks/ml platform.yaml');
    const outside = abs(FINDINGS[2]!, '/elsewhere/shared.yaml');
    const log = sarif(scanResult([inside, outside], []), '/work/repo');
    expect(log.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/repo/' } });
    expect(resultFor(log, inside.ruleId).locations![0]!.physicalLocation.artifactLocation).toEqual({ uri: 'stacks/ml%20platform.yaml', uriBaseId: '%SRCROOT%' });
    expect(resultFor(log, outside.ruleId).locations![0]!.physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/shared.yaml' });
    expect(validate(log)).toBe(true);
  });

  it('normalises relative paths', () => {
    expect(artifactLocation('./stacks//a.yaml')).toEqual({ uri: 'stacks/a.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('stacks/a.yaml', '/work/repo')).toEqual({ uri: 'stacks/a.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/abs/a.yaml')).toEqual({ uri: 'file:///abs/a.yaml' });
  });

  it('gives account-level findings a result without a location, and says where live resources are', () => {
    const log = sarif();
    const trail = resultFor(log, 'cloudtrail-s3-data-events');
    expect(trail.locations).toBeUndefined();
    expect(trail.message.text).toBe('No trail records S3 data events [AWS::CloudTrail::Trail (account)]');
    const ecr = resultFor(log, 'ecr-scan-on-push');
    expect(ecr.locations).toBeUndefined();
    expect(ecr.message.text).toContain('account 123456789012 us-east-1 (DescribeRepositories)');
    expect(ecr.properties['resourceArn']).toBe('arn:aws:ecr:us-east-1:123456789012:repository/model-images');
  });

  it('marks suppressed findings with the kind and justification of the suppression', () => {
    const r = resultFor(sarif(), 's3-bucket-kms-encryption');
    expect(r.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'Public dataset mirror; SSE-S3 accepted in review SEC-142' }]);
    const viaBaseline = { ...FINDINGS.find((f) => f.status === 'suppressed')!, suppressedVia: 'baseline' as const };
    expect(resultFor(sarif(scanResult([viaBaseline], [])), 's3-bucket-kms-encryption').suppressions![0]!.kind).toBe('external');
    expect(resultFor(sarif(), 'kms-key-rotation').suppressions).toBeUndefined();
  });

  it('fingerprints by rule, resource and property: stable across runs and moves, distinct otherwise', () => {
    const fp = (f: Finding) => resultFor(sarif(scanResult([f], [])), f.ruleId).partialFingerprints[FINGERPRINT_KEY]!;
    const base = FINDINGS.find((f) => f.ruleId === 'kms-key-rotation')!;
    expect(fp(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(fp(base)).toBe(fp({ ...base }));
    expect(fp({ ...base, location: { file: 'stacks/ml-platform.yaml', line: 200, column: 1 }, message: 'reworded' })).toBe(fp(base));
    expect(fp({ ...base, property: 'KeyPolicy' })).not.toBe(fp(base));
    expect(fp({ ...base, resource: { ...base.resource, id: 'OtherKey' } })).not.toBe(fp(base));
  });

  it('reports failed inputs as error notifications with their location, and fails the invocation', () => {
    const inv = sarif().runs[0]!.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    const broken = inv.toolExecutionNotifications!.find((n) => n.level === 'error')!;
    expect(broken.message.text).toBe('stacks/broken.yaml:7:3: bad indentation of a mapping entry');
    expect(broken.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'stacks/broken.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 3 } });
    expect(inv.toolExecutionNotifications!.filter((n) => n.level === 'warning').map((n) => n.message.text)).toEqual(['infra/main.tf:30:1: unknown resource type aws_sagemaker_hub; not checked']);
  });

  it('succeeds when every input was read', () => {
    const inv = sarif(scanResult(FINDINGS, INPUTS.slice(0, 1))).runs[0]!.invocations[0]!;
    expect(inv.executionSuccessful).toBe(true);
    expect(inv.toolExecutionNotifications).toBeUndefined();
  });

  it('describes a rule that is not in the rule set from its findings', () => {
    const stray: Finding = { ...finding('kms-key-rotation', 'fail', { resource: { type: 'AWS::KMS::Key', id: 'K' }, message: 'm' }), ruleId: 'custom-rule', title: 'A custom rule' };
    const log = sarif(scanResult([stray], []));
    const rules = log.runs[0]!.tool.driver.rules;
    const r = resultFor(log, 'custom-rule');
    expect(rules[r.ruleIndex]).toMatchObject({ id: 'custom-rule', shortDescription: { text: 'A custom rule' } });
    expect(validate(log)).toBe(true);
  });
});
