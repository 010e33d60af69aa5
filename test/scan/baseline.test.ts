import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';

const template = `Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::123456789012:role/sm
  Lab:
    Type: AWS::SageMaker::NotebookInstance
    Metadata:
      ringfence:
        suppress:
          - rule: sagemaker-notebook-direct-internet
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::123456789012:role/sm
`;

describe('baseline files', () => {
  it('suppresses accepted findings with their reason and reports entries without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-baseline-'));
    writeFileSync(join(dir, 'stack.yaml'), template);
    writeFileSync(
      join(dir, 'baseline.json'),
      JSON.stringify({ suppressions: [{ rule: 'sagemaker-notebook-direct-internet', resource: 'Notebook', reason: 'sandbox account, no data' }, { rule: 'sagemaker-notebook-root-access', resource: 'Notebook' }] }, null, 2),
    );
    const result = await scan({ paths: [join(dir, 'stack.yaml')], baseline: join(dir, 'baseline.json'), rules: ['sagemaker-notebook-direct-internet', 'sagemaker-notebook-root-access'] });
    const direct = result.findings.find((f) => f.ruleId === 'sagemaker-notebook-direct-internet' && f.resource.id === 'Notebook')!;
    expect(direct).toMatchObject({ status: 'suppressed', suppressionReason: 'sandbox account, no data', suppressedVia: 'baseline' });
    expect(result.findings.find((f) => f.ruleId === 'sagemaker-notebook-root-access' && f.resource.id === 'Notebook')!.status).toBe('fail');
    // Two errors: the baseline entry without a reason (line 8 of the file) and the Metadata suppression without one.
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/baseline entry .* has no reason/);
    expect(result.errors.find((e) => e.file?.endsWith('baseline.json'))?.line).toBe(8);
    expect(result.errors.find((e) => e.file?.endsWith('stack.yaml'))?.line).toBeGreaterThan(8);
    expect(result.findings.find((f) => f.ruleId === 'sagemaker-notebook-direct-internet' && f.resource.id === 'Lab')!.status).toBe('fail');
  });

  it('reports an unreadable baseline as a failed input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-baseline-'));
    writeFileSync(join(dir, 'stack.yaml'), template);
    writeFileSync(join(dir, 'baseline.json'), '{"suppressions": [}');
    const result = await scan({ paths: [join(dir, 'stack.yaml')], baseline: join(dir, 'baseline.json') });
    const rec = result.inputs.find((i) => i.kind === 'baseline' || i.path.endsWith('baseline.json'))!;
    expect(rec.status).toBe('failed');
    expect(rec.error?.line).toBe(1);
  });
});
