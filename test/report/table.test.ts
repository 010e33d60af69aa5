import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/report/table.js';
import { FINDINGS, HOSTILE, INPUTS, RESULT, RULES, finding, scanResult, stripAnsi } from './support.js';

const plain = renderTable(RESULT, RULES, { color: false });
const lines = plain.split('\n');

/** The index of the first line that contains `text`; fails the test when there is none. */
function lineOf(text: string, within = lines): number {
  const n = within.findIndex((l) => l.includes(text));
  expect(n, `no line contains ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(0);
  return n;
}

describe('table report', () => {
  it('matches the reviewed rendering of the sample scan', () => {
    const golden = readFileSync(new URL('../fixtures/report/table.txt', import.meta.url), 'utf8');
    expect(plain).toBe(golden);
  });

  it('groups failures by ring in the order network, identity, data, monitoring, supply-chain', () => {
    const headers = ['network (2 failed)', 'identity (2 failed)', 'data (1 failed)', 'monitoring (2 failed)', 'supply-chain (1 failed)'].map((h) => lineOf(h));
    expect(headers).toEqual([...headers].sort((a, b) => a - b));
  });

  it('puts the worst severity first within a ring', () => {
    expect(lineOf('CRITICAL  sagemaker-notebook-direct-internet')).toBeLessThan(lineOf('MEDIUM    sagemaker-model-network-isolation'));
    expect(lineOf('HIGH      cloudtrail-s3-data-events')).toBeLessThan(lineOf('INFO      sagemaker-endpoint-data-capture'));
  });

  it('shows severity, rule id and resource, then file:line:column, message and property', () => {
    const n = lineOf('sagemaker-notebook-direct-internet');
    expect(lines[n]).toMatch(/^ {2}CRITICAL {2}sagemaker-notebook-direct-internet {2}AWS::SageMaker::NotebookInstance ResearchNotebook$/);
    expect(lines[n + 1]).toBe("            stacks/ml-platform.yaml:24:7  DirectInternetAccess is not set; AWS's default is Enabled  [DirectInternetAccess]");
  });

  it('shows the origin of live resources and marks account-level findings', () => {
    expect(lines[lineOf('ecr-scan-on-push') + 1]).toContain('account 123456789012 us-east-1 (DescribeRepositories)  Images are not scanned on push');
    expect(lines[lineOf('cloudtrail-s3-data-events') + 1]).toContain('(account-level)  No trail records S3 data events');
  });

  it('lists unknowns as coverage gaps, not as failures', () => {
    const gaps = lineOf('Coverage gaps: 1 check could not be decided');
    expect(lines[gaps + 1]).toContain('sagemaker-notebook-vpc');
    expect(lines[gaps + 1]).toContain('stacks/ml-platform.yaml:25:7');
    expect(lines[gaps + 1]).toContain('parameter NotebookSubnet has no default');
    expect(lineOf('sagemaker-notebook-vpc')).toBe(gaps + 1);
  });

  it('counts suppressed findings, and lists them with their reasons only when verbose', () => {
    expect(plain).toContain('Suppressed: 1');
    expect(plain).not.toContain('SEC-142');
    const verbose = renderTable(RESULT, RULES, { color: false, verbose: true });
    expect(verbose).toContain('s3-bucket-kms-encryption  AWS::S3::Bucket TrainingData  stacks/ml-platform.yaml:8:5  reason: Public dataset mirror; SSE-S3 accepted in review SEC-142');
  });

  it('lists passing checks only when verbose', () => {
    expect(plain).not.toContain('sagemaker-notebook-root-access');
    const verbose = renderTable(RESULT, RULES, { color: false, verbose: true });
    expect(verbose).toContain('Passed: 1');
    expect(verbose).toContain('ok sagemaker-notebook-root-access  AWS::SageMaker::NotebookInstance ResearchNotebook  stacks/ml-platform.yaml:26:7  [RootAccess]');
  });

  it('lists failed inputs with file:line:column, warnings, and skipped inputs with the reason', () => {
    const inputs = lineOf('Inputs');
    expect(lines.slice(inputs + 1, inputs + 4)).toEqual([
      '  failed  stacks/broken.yaml:7:3: bad indentation of a mapping entry',
      '  warning infra/main.tf:30:1: unknown resource type aws_sagemaker_hub; not checked',
      '  skipped package.json (JSON, but not a CloudFormation template)',
    ]);
  });

  it('ends with the summary line', () => {
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe('8 failed (1 critical, 3 high, 2 medium, 1 low, 1 info), 1 passed, 1 unknown, 1 suppressed; inputs: 2 read, 1 skipped, 1 failed');
  });

  it('uses no ANSI escapes unless colour is asked for', () => {
    expect(plain).not.toContain('\x1b');
    expect(renderTable(RESULT, RULES, { color: false, verbose: true })).not.toContain('\x1b');
  });

  it('colours severities when asked, and only adds escapes around the same text', () => {
    const coloured = renderTable(RESULT, RULES, { color: true, verbose: true });
    expect(coloured).toContain('\x1b[31m\x1b[1mCRITICAL');
    expect(coloured).toContain('\x1b[33mMEDIUM  ');
    expect(stripAnsi(coloured)).toBe(renderTable(RESULT, RULES, { color: false, verbose: true }));
  });

  it('says so when nothing failed, and counts scan errors', () => {
    const passing = FINDINGS.filter((f) => f.status === 'pass');
    const out = renderTable(scanResult(passing, INPUTS.slice(0, 1), [{ message: 'suppression of kms-key-rotation on DataKey has no reason', file: 'stacks/ml-platform.yaml', line: 81, column: 9 }]), RULES, { color: false });
    expect(out).toContain('No failed checks.');
    expect(out).not.toContain('Coverage gaps');
    expect(out).toContain('error stacks/ml-platform.yaml:81:9: suppression of kms-key-rotation on DataKey has no reason');
    expect(out.trimEnd().split('\n').at(-1)).toBe('0 failed, 1 passed, 0 unknown, 0 suppressed; inputs: 1 read, 0 skipped, 0 failed; 1 error');
  });

  it('never lets input text move the cursor or break the line layout', () => {
    const hostile = finding('kms-key-rotation', 'fail', {
      resource: { type: 'AWS::KMS::Key', id: `Key\u001b[2J\nInjected` },
      location: { file: 'stacks/evil\u001b]0;title\u0007.yaml', line: 1, column: 1 },
      message: HOSTILE,
    });
    for (const color of [false, true]) {
      const out = renderTable(scanResult([hostile], []), RULES, { color });
      expect(stripAnsi(out)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      expect(out).toContain('AWS::KMS::Key Key\ufffd[2J Injected');
    }
  });
});
