import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import { escapeAttr, escapeText, stripInvalidXmlChars } from '../../src/report/xml.js';
import { HOSTILE, INPUTS, RESULT, RULES, finding, scanResult } from './support.js';
import { allElements, parseXml, type XmlElement } from './xml-check.js';

const xml = renderJunit(RESULT, RULES);
const root = parseXml(xml);
const suites = root.children;

function suite(name: string): XmlElement {
  const s = suites.find((x) => x.attrs['name'] === name);
  expect(s, `no testsuite ${name}`).toBeDefined();
  return s!;
}

const cases = (s: XmlElement) => s.children.filter((c) => c.name === 'testcase');

describe('xml well-formedness checker', () => {
  it('accepts a small document and decodes entities', () => {
    const doc = parseXml('<?xml version="1.0"?>\n<a x="1 &amp; &quot;2&quot;&#10;"><b/>t &lt;&#x41;</a>');
    expect(doc.attrs['x']).toBe('1 & "2"\n');
    expect(doc.children[0]!.name).toBe('b');
    expect(doc.text).toBe('t <A');
  });

  it('rejects what a parser would reject', () => {
    for (const bad of ['<a><b></a></b>', '<a>x & y</a>', '<a x=1/>', '<a x="<"/>', '<a/><b/>', '<a>', '<a x="1" x="2"/>', '<a>\u0001</a>', '<a>&nbsp;</a>', '<a>\ud800</a>']) {
      expect(() => parseXml(bad), bad).toThrow(/not well-formed/);
    }
  });
});

describe('junit report', () => {
  it('is a well-formed document with a testsuites root', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(suites.every((s) => s.name === 'testsuite')).toBe(true);
  });

  it('has one suite per rule with findings, in ring and severity order, then the inputs', () => {
    expect(suites.map((s) => s.attrs['name'])).toEqual([
      'sagemaker-notebook-direct-internet',
      'sagemaker-notebook-vpc',
      'sagemaker-model-network-isolation',
      'iam-role-wildcard-actions',
      'sagemaker-notebook-root-access',
      's3-bucket-kms-encryption',
      'kms-key-rotation',
      'cloudtrail-s3-data-events',
      'sagemaker-endpoint-data-capture',
      'ecr-scan-on-push',
      'inputs',
    ]);
  });

  it('carries the rule title, ring and severity as suite properties', () => {
    const props = suite('kms-key-rotation').children.find((c) => c.name === 'properties')!;
    expect(Object.fromEntries(props.children.map((p) => [p.attrs['name'], p.attrs['value']]))).toEqual({ title: 'KMS keys rotate', ring: 'data', severity: 'medium' });
  });

  it('makes a case per resource, with a failure typed by severity for fails', () => {
    const s = suite('iam-role-wildcard-actions');
    expect(s.attrs).toMatchObject({ tests: '2', failures: '2', errors: '0', skipped: '0' });
    const [tf, cfn] = cases(s);
    expect(tf!.attrs).toMatchObject({ name: 'AWS::IAM::Role aws_iam_role.training (infra/main.tf)', classname: 'ringfence.identity.iam-role-wildcard-actions', file: 'infra/main.tf' });
    const failure = cfn!.children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.attrs).toEqual({ message: 'Allows s3:* on every resource', type: 'high' });
    expect(failure.text).toContain('stacks/ml-platform.yaml:44:13 Policies[0].PolicyDocument.Statement[0].Action: Allows s3:* on every resource');
    expect(failure.text).toContain('Remediation: Replace wildcard actions');
  });

  it('skips unknown and suppressed cases, saying why', () => {
    const unknown = cases(suite('sagemaker-notebook-vpc'))[0]!;
    expect(unknown.children.map((c) => c.name)).toEqual(['skipped']);
    expect(unknown.children[0]!.attrs['message']).toBe('unknown (SubnetId): parameter NotebookSubnet has no default');
    const suppressed = cases(suite('s3-bucket-kms-encryption'))[0]!;
    expect(suppressed.children[0]!.attrs['message']).toBe('suppressed: Public dataset mirror; SSE-S3 accepted in review SEC-142');
    expect(suite('s3-bucket-kms-encryption').attrs).toMatchObject({ tests: '1', failures: '0', skipped: '1' });
  });

  it('leaves passing cases empty', () => {
    const pass = cases(suite('sagemaker-notebook-root-access'))[0]!;
    expect(pass.children).toEqual([]);
    expect(suite('sagemaker-notebook-root-access').attrs).toMatchObject({ tests: '1', failures: '0', skipped: '0' });
  });

  it('names account-level cases without a file', () => {
    const c = cases(suite('cloudtrail-s3-data-events'))[0]!;
    expect(c.attrs['name']).toBe('AWS::CloudTrail::Trail (account)');
    expect(c.attrs['file']).toBeUndefined();
    expect(c.children[0]!.text).toContain('(account-level): No trail records S3 data events');
  });

  it('reports failed inputs as errors with file:line:column', () => {
    const s = suite('inputs');
    expect(s.attrs).toMatchObject({ tests: '1', errors: '1' });
    const error = cases(s)[0]!.children[0]!;
    expect(error.name).toBe('error');
    expect(error.attrs['message']).toBe('stacks/broken.yaml:7:3: bad indentation of a mapping entry');
  });

  it('adds up the totals on the root', () => {
    const all = allElements(root).filter((e) => e.name === 'testcase');
    expect(root.attrs['tests']).toBe(String(all.length));
    expect(root.attrs['failures']).toBe(String(all.filter((c) => c.children.some((x) => x.name === 'failure')).length));
    expect(root.attrs['skipped']).toBe(String(all.filter((c) => c.children.some((x) => x.name === 'skipped')).length));
    expect(root.attrs['errors']).toBe('1');
    expect(root.attrs).toMatchObject({ tests: '12', failures: '8', skipped: '2' });
  });

  it('combines several results of one rule on one resource into one case', () => {
    const r = (property: string, status: 'fail' | 'pass') =>
      finding('kms-key-rotation', status, { resource: { type: 'AWS::KMS::Key', id: 'DataKey' }, location: { file: 'k.yaml', line: 3, column: 1 }, property, message: `${property} ${status}` });
    const doc = parseXml(renderJunit(scanResult([r('A', 'fail'), r('B', 'pass'), r('C', 'fail')], []), RULES));
    const only = doc.children[0]!;
    expect(cases(only)).toHaveLength(1);
    expect(cases(only)[0]!.children[0]!.attrs['message']).toBe('A fail (+1 more)');
    expect(cases(only)[0]!.children[0]!.text).toContain('k.yaml:3:1 C: C fail');
  });

  it('escapes markup and quotes, and drops characters XML cannot carry', () => {
    const f = finding('kms-key-rotation', 'fail', { resource: { type: 'AWS::KMS::Key', id: `Key"'<&>` }, location: { file: 'a&b.yaml', line: 1, column: 1 }, message: HOSTILE });
    const out = renderJunit(scanResult([f], [{ path: 'x.yaml', status: 'failed', error: { message: HOSTILE, file: 'x.yaml', line: 1, column: 2 } }]), RULES);
    const doc = parseXml(out);
    const testcase = cases(doc.children[0]!)[0]!;
    const expected = stripInvalidXmlChars(HOSTILE);
    expect(expected).not.toContain('\u0001');
    expect(expected).not.toContain('\ud800');
    expect(testcase.attrs['name']).toBe(`AWS::KMS::Key Key"'<&> (a&b.yaml)`);
    expect(testcase.children[0]!.attrs['message']).toBe(expected);
    expect(testcase.children[0]!.text).toContain(expected);
    expect(cases(doc.children[1]!)[0]!.children[0]!.attrs['message']).toBe(`x.yaml:1:2: ${expected}`);
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;) &amp; &apos;y&apos;&lt;/script&gt; ]]&gt;');
  });

  it('keeps line breaks in attribute values as character references', () => {
    expect(escapeAttr('a\nb\tc\rd')).toBe('a&#10;b&#9;c&#13;d');
    expect(escapeText('a\nb]]>')).toBe('a\nb]]&gt;');
    const f = finding('kms-key-rotation', 'fail', { resource: { type: 'AWS::KMS::Key', id: 'K' }, message: 'line one\nline two' });
    const doc = parseXml(renderJunit(scanResult([f], []), RULES));
    expect(cases(doc.children[0]!)[0]!.children[0]!.attrs['message']).toBe('line one\nline two');
  });

  it('is still a document when there is nothing to report', () => {
    const doc = parseXml(renderJunit(scanResult([], INPUTS.slice(0, 1)), RULES));
    expect(doc.attrs).toMatchObject({ name: 'ringfence', tests: '0', failures: '0', errors: '0', skipped: '0' });
    expect(doc.children).toEqual([]);
  });

  it('reports scan errors in their own suite', () => {
    const doc = parseXml(renderJunit(scanResult([], [], [{ message: 'suppression of kms-key-rotation on DataKey has no reason', file: 's.yaml', line: 4, column: 9 }]), RULES));
    expect(doc.children.map((s) => s.attrs['name'])).toEqual(['scan']);
    expect(cases(doc.children[0]!)[0]!.children[0]!.attrs['message']).toBe('s.yaml:4:9: suppression of kms-key-rotation on DataKey has no reason');
  });
});
