import { describe, expect, it } from 'vitest';
import { Inventory } from '../../../src/core/inventory.js';
import { locate } from '../../../src/core/resource.js';
import { Expr, Ref, Unknown } from '../../../src/core/value.js';
import { loadCloudFormation } from '../../../src/sources/cloudformation/load.js';
import { byId, loadFixture, options } from './helpers.js';

const at = (file: string, line: number, column: number) => ({ file, line, column });

describe('loadCloudFormation: the resource model', () => {
  const loaded = loadFixture('ml-stack.yaml');

  it('loads every resource with key, id, type, unit and source', () => {
    expect(loaded.resources.map((r) => r.id)).toEqual(['ModelBucket', 'NotebookRole', 'Notebook', 'EndpointConfig', 'Model']);
    const nb = byId(loaded, 'Notebook');
    expect(nb).toMatchObject({ key: 'ml-stack.yaml#Notebook', type: 'AWS::SageMaker::NotebookInstance', unit: 'ml-stack.yaml', source: 'cloudformation', suppressions: [] });
    expect(nb.conditional).toBeUndefined();
    expect(loaded.warnings).toEqual([]);
  });

  it('gives the line and column of each resource and of every property path (YAML)', () => {
    const f = 'ml-stack.yaml';
    expect(byId(loaded, 'Notebook').location).toEqual(at(f, 37, 3));
    expect(byId(loaded, 'Notebook').propertyLocations.DirectInternetAccess).toEqual(at(f, 42, 7));
    const ec = byId(loaded, 'EndpointConfig');
    expect(ec.propertyLocations['DataCaptureConfig.InitialSamplingPercentage']).toEqual(at(f, 55, 9));
    expect(ec.propertyLocations['ProductionVariants[0]']).toEqual(at(f, 49, 11));
    expect(ec.propertyLocations['ProductionVariants[0].InstanceType']).toEqual(at(f, 51, 11));
    expect(ec.propertyLocations['DataCaptureConfig.CaptureOptions[0].CaptureMode']).toEqual(at(f, 58, 13));
    // Inside an intrinsic's arguments there are no property paths; the property itself has one.
    expect(ec.propertyLocations['DataCaptureConfig.DestinationS3Uri']).toEqual(at(f, 56, 9));
    expect(Object.keys(ec.propertyLocations).some((k) => k.startsWith('DataCaptureConfig.DestinationS3Uri.'))).toBe(false);
    expect(locate(ec, 'ProductionVariants[0].VolumeSizeInGB')).toEqual(at(f, 49, 11));
  });

  it('gives the line and column of each resource and property path (JSON)', () => {
    const json = loadFixture('ml-stack.json');
    const f = 'ml-stack.json';
    const ec = byId(json, 'EndpointConfig');
    expect(ec.location).toEqual(at(f, 9, 5));
    expect(ec.propertyLocations['ProductionVariants[0]']).toEqual(at(f, 13, 11));
    expect(ec.propertyLocations['ProductionVariants[0].InstanceType']).toEqual(at(f, 16, 13));
    expect(ec.propertyLocations['DataCaptureConfig.InitialSamplingPercentage']).toEqual(at(f, 22, 11));
    expect(ec.propertyLocations['DataCaptureConfig.CaptureOptions[0].CaptureMode']).toEqual(at(f, 24, 32));
    expect(ec.properties.DataCaptureConfig).toMatchObject({ EnableCapture: true, InitialSamplingPercentage: 20 });
    const uri = (ec.properties.DataCaptureConfig as Record<string, unknown>).DestinationS3Uri;
    expect(uri).toEqual(new Expr(['s3://', new Ref('ml-stack.json#CaptureBucket', undefined, 'acme-capture'), '/capture']));
  });

  it('turns references into Ref values the inventory follows as edges', () => {
    const inv = new Inventory(loaded.resources);
    const nb = byId(loaded, 'Notebook');
    expect(nb.properties.RoleArn).toEqual(new Ref('ml-stack.yaml#NotebookRole', 'Arn'));
    expect(inv.follow(nb, 'RoleArn').map((r) => r.id)).toEqual(['NotebookRole']);
    expect(inv.referrers(byId(loaded, 'ModelBucket')).map((r) => r.id).sort()).toEqual(['EndpointConfig', 'NotebookRole']);
  });

  it('a parameter with no default and no value is Unknown, never a guess', () => {
    const kms = byId(loaded, 'Notebook').properties.KmsKeyId;
    expect(kms).toBeInstanceOf(Unknown);
    expect((kms as Unknown).reason).toBe('parameter KmsKeyArn has no default and no value was given');
  });

  it('sets Ref text only when it is certain', () => {
    // The bucket's name is fixed, so Ref gives it; the ARN needs the partition, which needs the region.
    const role = byId(loaded, 'NotebookRole');
    const resource = (role.properties.Policies as any)[0].PolicyDocument.Statement[0].Resource as Expr;
    expect(resource.parts[0]).toEqual(new Ref('ml-stack.yaml#ModelBucket', 'Arn'));
    const ec = byId(loaded, 'EndpointConfig');
    expect((ec.properties.DataCaptureConfig as any).DestinationS3Uri.toString()).toBe('s3://acme-models-dev/capture');
    expect((ec.properties.ProductionVariants as any)[0].ModelName).toEqual(new Ref('ml-stack.yaml#Model', 'ModelName', 'acme-model'));

    const withEnv = loadFixture('ml-stack.yaml', { region: 'eu-west-1', accountId: '123456789012' });
    const policy = (byId(withEnv, 'NotebookRole').properties.Policies as any)[0].PolicyDocument.Statement[0].Resource as Expr;
    expect(policy.toString()).toBe('arn:aws:s3:::acme-models-dev/*');
    expect(byId(withEnv, 'Notebook').properties.RoleArn).toEqual(new Ref('ml-stack.yaml#NotebookRole', 'Arn', 'arn:aws:iam::123456789012:role/acme-notebook'));
    // No text for an ARN CloudFormation generates.
    const cn = loadFixture('ml-stack.yaml', { region: 'cn-north-1', accountId: '123456789012' });
    expect((byId(cn, 'Notebook').properties.RoleArn as Ref).text).toBeUndefined();
  });
});

describe('loadCloudFormation: conditions and parameters', () => {
  it('drops resources whose condition is false and marks undecidable ones conditional', () => {
    const loaded = loadFixture('conditions.yaml');
    expect(loaded.resources.map((r) => r.id)).toEqual(['Always', 'RegionDependent', 'Notebook']);
    expect(byId(loaded, 'RegionDependent').conditional).toBe(true);
    expect(byId(loaded, 'Always').conditional).toBeUndefined();
    expect(byId(loaded, 'Notebook').properties).toEqual({ InstanceType: 'ml.t3.medium', RoleArn: 'arn:aws:iam::123456789012:role/notebook', DirectInternetAccess: 'Enabled' });
  });

  it('parameters given in options override defaults', () => {
    const loaded = loadFixture('conditions.yaml', { parameters: { Env: 'prod' }, region: 'eu-west-1' });
    expect(loaded.resources.map((r) => r.id)).toEqual(['Always', 'ProdOnly', 'Notebook']);
    expect(byId(loaded, 'ProdOnly').properties.BucketName).toBe('acme-prod');
    expect(byId(loaded, 'Notebook').properties).toMatchObject({ DirectInternetAccess: 'Disabled', VolumeSizeInGB: 100 });
  });

  it('a known region decides region conditions', () => {
    expect(loadFixture('conditions.yaml', { region: 'us-east-1' }).resources.map((r) => r.id)).toContain('RegionDependent');
    expect(loadFixture('conditions.yaml', { region: 'eu-west-1' }).resources.map((r) => r.id)).not.toContain('RegionDependent');
  });

  it('a Ref to a resource whose condition is false is Unknown', () => {
    const text = 'Conditions:\n  Never: !Equals [a, b]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Condition: Never\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref B\n';
    const loaded = loadCloudFormation('t.yaml', text, options());
    expect(loaded.resources.map((r) => r.id)).toEqual(['P']);
    expect((loaded.resources[0]!.properties.Bucket as Unknown).reason).toBe('B is not created (its condition is false)');
  });

  it('an undefined or circular condition warns and is undecidable', () => {
    const text = 'Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  X:\n    Type: AWS::S3::Bucket\n    Condition: A\n  Y:\n    Type: AWS::S3::Bucket\n    Condition: Nope\n';
    const loaded = loadCloudFormation('t.yaml', text, options());
    expect(loaded.resources.map((r) => [r.id, r.conditional])).toEqual([['X', true], ['Y', true]]);
    expect(loaded.warnings.map((w) => w.message)).toEqual(['condition A refers to itself', 'condition Nope is not defined']);
    expect(loaded.warnings[1]).toEqual({ message: 'condition Nope is not defined', line: 10, column: 16, error: true });
  });
});

describe('loadCloudFormation: problems that do not stop the scan', () => {
  it('a Ref, GetAtt or Sub to something that does not exist → error with line:column, the value Unknown', () => {
    const loaded = loadFixture('dangling.yaml');
    const nb = byId(loaded, 'Notebook');
    expect(loaded.warnings).toEqual([
      { message: 'Fn::GetAtt on MissingRole: no resource of that name', line: 7, column: 24, error: true },
      { message: 'Ref to MissingKey: no parameter or resource of that name', line: 8, column: 22, error: true },
      { message: 'Fn::Sub: ${MissingSubnet}: no parameter or resource of that name', line: 9, column: 22, error: true },
    ]);
    for (const p of ['RoleArn', 'KmsKeyId', 'SubnetId']) expect(nb.properties[p]).toBeInstanceOf(Unknown);
    expect(nb.properties.DirectInternetAccess).toBe('Disabled');
  });

  it('unmodelled resource types load with one warning per type; custom and stack plumbing stay quiet', () => {
    const loaded = loadFixture('unmodelled.yaml');
    expect(loaded.resources.map((r) => r.type)).toEqual([
      'AWS::Lambda::Function', 'AWS::Lambda::Function', 'AWS::SageMakr::Model', 'AWS::Serverless::Function',
      'Custom::Seeder', 'AWS::CloudFormation::WaitConditionHandle', 'AWS::S3::Bucket',
    ]);
    expect(loaded.warnings).toEqual([
      { message: 'template uses the transform AWS::Serverless-2016-10-31; AWS::Serverless resources are loaded as written, not as the transform expands them', line: 2, column: 12 },
      { message: 'resource type AWS::Lambda::Function is not modelled; no rules judge it', line: 4, column: 3 },
      { message: 'resource type AWS::SageMakr::Model is not modelled; no rules judge it', line: 12, column: 3 },
      { message: 'resource type AWS::Serverless::Function is not modelled; no rules judge it', line: 14, column: 3 },
    ]);
  });

  it('a resource without a Type is skipped with an error; Fn::ForEach is reported, not expanded', () => {
    const text = 'Transform: AWS::LanguageExtensions\nResources:\n  NoType:\n    Properties: {}\n  Fn::ForEach::Buckets:\n    - B\n    - [x, y]\n    - Bucket${B}: { Type: AWS::S3::Bucket }\n  Ok:\n    Type: AWS::S3::Bucket\n';
    const loaded = loadCloudFormation('t.yaml', text, options());
    expect(loaded.resources.map((r) => r.id)).toEqual(['Ok']);
    expect(loaded.warnings.map((w) => [w.message, w.line, w.error ?? false])).toEqual([
      ['template uses the transform AWS::LanguageExtensions; resources it generates at deploy time are not scanned', 1, false],
      // CloudFormation: "Every Resources object must contain a Type member".
      ['resource NoType has no Type; it is skipped', 3, true],
      ['Fn::ForEach::Buckets: Fn::ForEach (AWS::LanguageExtensions) is not expanded; the resources it makes are not scanned', 5, false],
    ]);
  });

  it('Properties that resolve to no mapping are warned about and left empty', () => {
    const text = 'Conditions:\n  C: !Equals [!Ref AWS::Region, x]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: !If [C, { BucketName: a }, { BucketName: b }]\n';
    const loaded = loadCloudFormation('t.yaml', text, options());
    expect(loaded.resources[0]!.properties).toEqual({});
    expect(loaded.warnings[0]!.message).toMatch(/^B: Properties could not be resolved to a mapping: Fn::If on condition C is undecidable/);
    // With the region known, the chosen branch keeps its positions.
    const known = loadCloudFormation('t.yaml', text, options({ region: 'x' }));
    expect(known.resources[0]!.properties).toEqual({ BucketName: 'a' });
    expect(known.resources[0]!.propertyLocations.BucketName).toEqual(at('t.yaml', 6, 27));
  });
});

describe('loadCloudFormation: suppressions and labels', () => {
  it('reads Metadata.ringfence.suppress with positions, keeping a missing reason as undefined', () => {
    const loaded = loadFixture('suppressions.yaml');
    expect(byId(loaded, 'Notebook').suppressions).toEqual([
      { rule: 'sagemaker-notebook-direct-internet', reason: 'Sandbox account with no data; reviewed by security in JIRA SEC-123.', location: at('suppressions.yaml', 8, 13), via: 'metadata' },
      { rule: 'sagemaker-notebook-root-access', reason: undefined, location: at('suppressions.yaml', 10, 13), via: 'metadata' },
    ]);
    // Other tools' metadata is not ours to read.
    expect(byId(loaded, 'Bucket').suppressions).toEqual([]);
    expect(loaded.warnings).toEqual([]);
  });

  it('warns about a malformed ringfence block', () => {
    const text = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Metadata:\n      ringfence:\n        suppress: all\n  C:\n    Type: AWS::S3::Bucket\n    Metadata:\n      ringfence:\n        suppress:\n          - reason: no rule\n';
    const loaded = loadCloudFormation('t.yaml', text, options());
    expect(loaded.resources.every((r) => r.suppressions.length === 0)).toBe(true);
    expect(loaded.warnings.map((w) => [w.message, w.line])).toEqual([
      ['B: Metadata.ringfence must hold suppress: a list of { rule, reason }', 6],
      ['C: a suppression needs a rule id: { rule: ID, reason: "..." }', 12],
    ]);
  });

  it('labels a resource with its CDK construct path when the template carries one', () => {
    const text = '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Metadata": {"aws:cdk:path": "App/Data/Resource"}}}}';
    expect(loadCloudFormation('t.json', text, options()).resources[0]!.label).toBe('App/Data/Resource');
  });
});

describe('loadCloudFormation: odd values', () => {
  it('list positions follow the resolved list when an item is AWS::NoValue', () => {
    const text = 'Conditions:\n  No: !Equals [a, b]\nResources:\n  B:\n    Type: Custom::X\n    Properties:\n      L:\n        - a\n        - !If [No, b, !Ref AWS::NoValue]\n        - c\n';
    const r = loadCloudFormation('t.yaml', text, options()).resources[0]!;
    expect(r.properties.L).toEqual(['a', 'c']);
    expect(r.propertyLocations['L[1]']).toEqual(at('t.yaml', 10, 11));
    expect(r.propertyLocations['L[2]']).toBeUndefined();
  });


  it('keeps digits that a JS number would change, and never lets __proto__ reach a prototype', () => {
    const text = 'Resources:\n  B:\n    Type: Custom::X\n    Properties:\n      Account: 012345678901\n      Big: 123456789012345678901\n      Count: 3\n      __proto__: { polluted: true }\n';
    const p = loadCloudFormation('t.yaml', text, options()).resources[0]!.properties;
    expect(p.Account).toBe('012345678901');
    expect(p.Big).toBe('123456789012345678901');
    expect(p.Count).toBe(3);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(p, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads YAML 1.2 scalars: an unquoted date stays text, yes stays text', () => {
    const text = 'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  B:\n    Type: Custom::X\n    Properties:\n      Flag: yes\n      On: true\n';
    const p = loadCloudFormation('t.yaml', text, options()).resources[0]!.properties;
    expect(p).toEqual({ Flag: 'yes', On: true });
  });
});
