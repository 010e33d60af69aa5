import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import { Ref } from '../../../src/core/value.js';
import { loadCdkAssembly } from '../../../src/sources/cdk/load.js';
import { environmentOf, isCdkAssembly, looksLikeCdkManifest } from '../../../src/sources/cdk/manifest.js';
import type { LoadOptions } from '../../../src/sources/types.js';

const CDK_OUT = fileURLToPath(new URL('../../fixtures/cdk/cdk.out', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ringfence-cdk-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const options = (o: Partial<LoadOptions> = {}): LoadOptions => ({ parameters: {}, variables: {}, varFiles: [], limits: DEFAULT_LIMITS, ...o });

/** A copy of the fixture assembly to break in one way or another. */
function copyAssembly(name: string): string {
  const dir = join(tmp, name);
  cpSync(CDK_OUT, dir, { recursive: true });
  return dir;
}

describe('loadCdkAssembly', () => {
  const unit = loadCdkAssembly(CDK_OUT, options());
  const byId = (id: string) => unit.resources.find((r) => r.id === id)!;

  it('loads every stack of the manifest and of nested assemblies, as source cdk with construct paths', () => {
    expect(unit.resources.map((r) => [r.id, r.type, r.label])).toEqual([
      ['ModelBucketE7D0F2B4', 'AWS::S3::Bucket', 'MlStack/ModelBucket/Resource'],
      ['NotebookRole7F0B1C1A', 'AWS::IAM::Role', 'MlStack/NotebookRole/Resource'],
      ['Notebook', 'AWS::SageMaker::NotebookInstance', 'MlStack/Notebook'],
      ['CDKMetadata', 'AWS::CDK::Metadata', 'MlStack/CDKMetadata/Default'],
      ['EndpointConfig', 'AWS::SageMaker::EndpointConfig', 'Prod/EndpointStack/EndpointConfig'],
    ]);
    expect(unit.resources.every((r) => r.source === 'cdk')).toBe(true);
    const template = join(CDK_OUT, 'MlStack.template.json');
    expect(byId('Notebook')).toMatchObject({ key: `${template}#Notebook`, unit: template });
    expect(byId('Notebook').properties.RoleArn).toEqual(new Ref(`${template}#NotebookRole7F0B1C1A`, 'Arn'));
  });

  it('records one input per manifest and template', () => {
    expect(unit.inputs).toEqual([
      { path: join(CDK_OUT, 'manifest.json'), kind: 'cdk', status: 'read' },
      { path: join(CDK_OUT, 'MlStack.template.json'), kind: 'cdk', status: 'read', resources: 4 },
      { path: join(CDK_OUT, 'assembly-Prod', 'manifest.json'), kind: 'cdk', status: 'read' },
      { path: join(CDK_OUT, 'assembly-Prod', 'ProdEndpointStack.template.json'), kind: 'cdk', status: 'read', resources: 1 },
    ]);
  });

  it("takes the region and account from the stack's environment", () => {
    // eu-west-1 decides CDK's metadata condition and AWS::Partition.
    expect(byId('CDKMetadata').conditional).toBeUndefined();
    expect(byId('NotebookRole7F0B1C1A').properties.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AmazonSageMakerFullAccess']);
    // A region the user gives wins: CDK's metadata is not deployed in ap-south-2.
    const elsewhere = loadCdkAssembly(CDK_OUT, options({ region: 'ap-south-2' }));
    expect(elsewhere.resources.map((r) => r.id)).not.toContain('CDKMetadata');
  });

  it('uses the parameters CDK passes at deploy, under the ones the user gives', () => {
    expect((byId('EndpointConfig').properties.ProductionVariants as any)[0].InstanceType).toBe('ml.m5.2xlarge');
    const overridden = loadCdkAssembly(CDK_OUT, options({ parameters: { InstanceType: 'ml.c5.large' } }));
    expect((overridden.resources.find((r) => r.id === 'EndpointConfig')!.properties.ProductionVariants as any)[0].InstanceType).toBe('ml.c5.large');
  });

  it('reads suppressions from the construct metadata', () => {
    expect(byId('Notebook').suppressions).toEqual([
      { rule: 'sagemaker-notebook-direct-internet', reason: 'Egress goes through the corporate proxy; see ADR-12.', location: { file: join(CDK_OUT, 'MlStack.template.json'), line: 79, column: 7 }, via: 'metadata' },
    ]);
  });

  it('a missing or malformed template fails alone; the rest still loads', () => {
    const dir = copyAssembly('broken-template');
    rmSync(join(dir, 'assembly-Prod', 'ProdEndpointStack.template.json'));
    writeFileSync(join(dir, 'MlStack.template.json'), '{\n "Resources": {\n  "A": { "Type": "AWS::S3::Bucket" ]\n }\n}\n');
    const broken = loadCdkAssembly(dir, options());
    expect(broken.resources).toEqual([]);
    const [, stack, , prod] = broken.inputs;
    expect(stack).toMatchObject({ status: 'failed', error: { file: join(dir, 'MlStack.template.json'), line: 3, column: 36 } });
    expect(stack!.error!.message).toMatch(/^malformed JSON: /);
    expect(prod).toMatchObject({ status: 'failed', error: { message: 'file not found', file: join(dir, 'assembly-Prod', 'ProdEndpointStack.template.json') } });
  });

  it('a template CloudFormation would reject is a failed input, yet its resources are still returned', () => {
    const dir = copyAssembly('rejected-template');
    const path = join(dir, 'MlStack.template.json');
    writeFileSync(path, [
      '{',
      '  "Resources": {',
      '    "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": { "Ref": "Gone" } } },',
      '    "Fn": { "Type": "AWS::Lambda::Function" },',
      '    "Typo": { "Type": "AWS::S3::Buckets" }',
      '  }',
      '}',
      '',
    ].join('\n'));
    const loaded = loadCdkAssembly(dir, options());
    expect(loaded.resources.filter((r) => r.unit === path).map((r) => r.id)).toEqual(['Bucket', 'Fn', 'Typo']);
    expect(loaded.inputs.find((i) => i.path === path)).toEqual({
      path,
      kind: 'cdk',
      status: 'failed',
      resources: 3,
      error: { message: 'Ref to Gone: no parameter or resource of that name', file: path, line: 3, column: 74 },
      warnings: [
        { message: 'Ref to Gone: no parameter or resource of that name', line: 3, column: 74 },
        { message: 'resource type AWS::Lambda::Function is not modelled; no rules judge it', line: 4, column: 5 },
        { message: 'unknown resource type AWS::S3::Buckets; did you mean AWS::S3::Bucket?', line: 5, column: 23 },
      ],
    });
    // The other stack of the assembly is untouched.
    expect(loaded.inputs.find((i) => i.path.endsWith('ProdEndpointStack.template.json'))).toMatchObject({ status: 'read', resources: 1 });
  });

  it('a template with only plain warnings stays read, its warnings listed', () => {
    const dir = copyAssembly('warned-template');
    const path = join(dir, 'MlStack.template.json');
    writeFileSync(path, '{\n  "Resources": {\n    "Fn": { "Type": "AWS::Lambda::Function" }\n  }\n}\n');
    expect(loadCdkAssembly(dir, options()).inputs.find((i) => i.path === path)).toEqual({
      path,
      kind: 'cdk',
      status: 'read',
      resources: 1,
      warnings: [{ message: 'resource type AWS::Lambda::Function is not modelled; no rules judge it', line: 3, column: 5 }],
    });
  });

  it('a malformed manifest is a failed input with its position', () => {
    const dir = copyAssembly('broken-manifest');
    writeFileSync(join(dir, 'manifest.json'), '{\n  "version": "36.0.0",\n  "artifacts": {,}\n}\n');
    const broken = loadCdkAssembly(dir, options());
    expect(broken.inputs).toHaveLength(1);
    expect(broken.inputs[0]).toMatchObject({ path: join(dir, 'manifest.json'), kind: 'cdk', status: 'failed', error: { line: 3, column: 17 } });
    writeFileSync(join(dir, 'manifest.json'), '{"artifacts": []}');
    expect(loadCdkAssembly(dir, options()).inputs[0]!.error!.message).toMatch(/^not a cloud assembly manifest/);
  });

  it('a nested assembly that points back at itself is read once', () => {
    const dir = copyAssembly('cycle');
    writeFileSync(join(dir, 'assembly-Prod', 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { Up: { type: 'cdk:cloud-assembly', properties: { directoryName: '..' } } } }));
    const loaded = loadCdkAssembly(dir, options());
    expect(loaded.inputs.map((i) => i.path)).toEqual([join(dir, 'manifest.json'), join(dir, 'MlStack.template.json'), join(dir, 'assembly-Prod', 'manifest.json')]);
  });

  it('loads nested-stack templates found next to their parent', () => {
    const dir = copyAssembly('nested');
    writeFileSync(join(dir, 'MlStackDataNestedStackD1C2B3A4.nested.template.json'), JSON.stringify({ Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false } } } }));
    const loaded = loadCdkAssembly(dir, options());
    expect(loaded.resources.find((r) => r.id === 'Key')).toMatchObject({ type: 'AWS::KMS::Key', source: 'cdk', properties: { EnableKeyRotation: false } });
  });
});

describe('cloud assembly detection', () => {
  it('isCdkAssembly finds a manifest that looks like one', () => {
    expect(isCdkAssembly(CDK_OUT)).toBe(true);
    expect(isCdkAssembly(join(CDK_OUT, 'assembly-Prod'))).toBe(true);
    expect(isCdkAssembly(fileURLToPath(new URL('../../fixtures/cloudformation', import.meta.url)))).toBe(false);
    expect(isCdkAssembly(join(tmp, 'does-not-exist'))).toBe(false);
  });

  it('looksLikeCdkManifest wants version and artifacts', () => {
    expect(looksLikeCdkManifest('{"version":"36.0.0","artifacts":{}}')).toBe(true);
    expect(looksLikeCdkManifest('{"version":"1.0.0","name":"pkg"}')).toBe(false);
    expect(looksLikeCdkManifest('version: 1\nartifacts: {}\n')).toBe(false);
  });

  it('environmentOf reads concrete accounts and regions only', () => {
    expect(environmentOf({ type: 'aws:cloudformation:stack', environment: 'aws://123456789012/eu-west-1' })).toEqual({ accountId: '123456789012', region: 'eu-west-1' });
    expect(environmentOf({ type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region' })).toEqual({});
    expect(environmentOf({ type: 'aws:cloudformation:stack' })).toEqual({});
  });
});
