import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { auditDataset, auditTable } from '../../../src/ml/poisoning/audit.js';
import { injectPoison } from '../../../src/ml/poisoning/inject.js';
import { AUDIT_RULES, DETECTOR_NAMES } from '../../../src/ml/poisoning/catalog.js';
import { render } from '../../../src/report/index.js';
import { FIXTURES, fixture } from './support.js';

const BAD = join(FIXTURES, 'bad-rows.csv');
const CHANNEL = join(FIXTURES, 'channel', 'train');

const schema = JSON.parse(readFileSync(new URL('../../fixtures/schemas/sarif-2.1.0.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/[\s\\]/.test(s));
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validateSarif = ajv.compile(schema);

describe('auditDataset', () => {
  it('accounts for every row of bad input: ragged rows, wrong types and missing labels, each with file and line', async () => {
    const result = await auditDataset({ dataset: BAD, label: 'label' });
    const a = result.audit;
    expect(a.rows).toEqual({ read: 22, audited: 19, rejected: 2, unlabelled: 1 });
    expect(a.rows.audited + a.rows.rejected + a.rows.unlabelled).toBe(a.rows.read);
    expect(a.malformed.map((p) => [p.kind, p.row, p.line, p.column])).toEqual([
      ['ragged', 4, 5, undefined],
      ['type', 5, 6, 'sepal_width'],
      ['label', 7, 9, 'label'],
      ['ragged', 8, 10, undefined],
    ]);
    const malformed = result.findings.filter((f) => f.ruleId === 'poisoning-malformed-rows');
    expect(malformed.map((f) => [f.resource.id, f.location?.line, f.property, f.severity])).toEqual([
      ['row 4', 5, undefined, 'medium'],
      ['row 5', 6, 'sepal_width', 'medium'],
      ['row 7', 9, 'label', 'medium'],
      ['row 8', 10, undefined, 'medium'],
    ]);
    expect(malformed[2]!.message).toBe('the label "label" is missing; the row is left out of the audit');
    expect(malformed[2]!.location).toEqual({ file: BAD, line: 9, column: 1 });
    // The id column names rows; it is not a feature.
    expect(a.features.excluded).toEqual([{ column: 'id', reason: 'a distinct integer per row named like an identifier' }]);
    expect(result.inputs).toEqual([{ path: BAD, kind: 'csv', status: 'read', resources: 20 }]);
  });

  it('reports a label column that does not exist as an error naming the columns', async () => {
    const result = await auditDataset({ dataset: join(FIXTURES, 'iris.csv'), label: 'species' });
    expect(result.errors).toEqual([{ message: 'no column "species" to use as the label (columns: sepal_length, sepal_width, petal_length, petal_width, label)', file: join(FIXTURES, 'iris.csv') }]);
    expect(result.audit.detectors.every((d) => d.status === 'skipped')).toBe(true);
    expect(result.audit.detectors[0]!.reason).toBe('no label column "species"');
  });

  it('lists every flagged row per detector with its 1-based data row number, file, line and score', async () => {
    const result = await auditDataset({ dataset: CHANNEL, label: 'label', detectors: ['duplicates'] });
    const dup = result.audit.detectors[0]!;
    expect(dup.name).toBe('duplicates');
    // iris has one exact copy across the two part files: data row 143 repeats row 102.
    expect(dup.flagged).toEqual([
      { row: 143, file: join(CHANNEL, 'part-00001.csv'), line: 69, score: 0.9, severity: 'low', reason: 'an exact copy of row 102 (features and label)' },
    ]);
    expect(dup.scores).toBeUndefined();
    const json = JSON.parse(render('json', result, AUDIT_RULES, { color: false })) as typeof result;
    expect(json.audit.detectors[0]!.flagged[0]!.row).toBe(143);
    expect(Object.keys(json)).toEqual(['tool', 'profile', 'findings', 'inputs', 'errors', 'summary', 'audit']);
  });

  it('with allScores gives every audited row a score, in row order', async () => {
    const result = await auditDataset({ dataset: join(FIXTURES, 'iris.csv'), label: 'label', detectors: ['label-knn', 'outliers-robust-z'], allScores: true });
    for (const d of result.audit.detectors) {
      expect(d.scores).toHaveLength(150);
      expect(d.scores!.map((s) => s.row)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    }
  });

  it('caps findings per detector and says how many more were flagged', async () => {
    const flipped = injectPoison(await fixture('iris.csv'), 'label', 'symmetric-flip', 0.1, 1);
    const result = auditTable(flipped.table, { dataset: join(FIXTURES, 'iris.csv'), label: 'label', detectors: ['backdoor', 'label-knn'], maxFindings: 1 });
    const knn = result.audit.detectors.find((d) => d.name === 'label-knn')!;
    expect(knn.flagged.length).toBeGreaterThan(1);
    const findings = result.findings.filter((f) => f.ruleId === 'poisoning-label-knn');
    expect(findings).toHaveLength(2);
    expect(findings[0]!.resource.type).toBe('Dataset::Row');
    expect(findings[0]!.message).toContain(knn.flagged[0]!.reason);
    expect(findings[1]!.resource).toEqual({ type: 'Dataset', id: join(FIXTURES, 'iris.csv') });
    expect(findings[1]!.message).toBe(`${knn.flagged.length} rows flagged; the 1 most suspicious are listed (--max-findings 0 lists all; --format json gives every row with its score)`);
    expect(findings[0]!.references.atlas).toEqual(['AML.T0020', 'AML.T0059', 'AML.M0007']);
  });

  it('renders valid SARIF 2.1.0 and JUnit through the shared reporters', async () => {
    const result = await auditDataset({ dataset: BAD, label: 'label' });
    const sarif = JSON.parse(render('sarif', result, AUDIT_RULES, { color: false, cwd: FIXTURES }));
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    const ids = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['poisoning-label-issues', 'poisoning-malformed-rows']));
    const located = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'poisoning-malformed-rows');
    expect(located.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'bad-rows.csv', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 1 } });
    expect(render('junit', result, AUDIT_RULES, { color: false })).toContain('<testsuite name="poisoning-malformed-rows"');
    const table = render('table', result, AUDIT_RULES, { color: false });
    expect(table).toContain(`${BAD}:9:1  the label "label" is missing; the row is left out of the audit  [label]`);
  });

  it('every detector is a rule with ATLAS references for the reporters', () => {
    expect(DETECTOR_NAMES).toEqual(['label-issues', 'label-knn', 'duplicates', 'backdoor', 'outliers-iforest', 'outliers-robust-z', 'shift', 'reference-diff']);
    for (const rule of AUDIT_RULES) {
      expect(rule.id).toMatch(/^poisoning-/);
      expect(rule.ring).toBe('data');
      expect(rule.references.atlas).toEqual(expect.arrayContaining(['AML.T0020', 'AML.M0007']));
    }
  });
});
