import { describe, expect, it } from 'vitest';
import { Unknown } from '../../../src/core/value.js';
import { loadCloudFormation } from '../../../src/sources/cloudformation/load.js';
import type { LoadWarning } from '../../../src/sources/types.js';
import { byId, loadFixture, options } from './helpers.js';

const error = (message: string, line: number, column: number): LoadWarning => ({ message, line, column, error: true });

describe('references to undeclared names are errors, as CloudFormation rejects them', () => {
  it('finds every kind in the whole template: untaken branches, false conditions, Outputs, Conditions (YAML)', () => {
    const loaded = loadFixture('unresolved.yaml');
    expect(loaded.warnings).toEqual([
      error('condition NoSuchCondition is not defined', 17, 47),
      error('Bucket: DependsOn MissingDependency: no resource of that name', 22, 23),
      error('Ref to MissingLogBucket: no parameter or resource of that name', 26, 37),
      error('Fn::Sub: ${Missing.Arn}: no resource named Missing', 27, 29),
      error('condition NoSuchCondition is not defined', 30, 16),
      error('condition MissingCondition is not defined', 33, 18),
      error('Fn::FindInMap: no mapping named NoSuchMap', 34, 29),
      // The mapping exists, only the key is missing: CloudFormation fails at deploy time, not on the template.
      { message: 'Fn::FindInMap: no value at RegionMap / eu-west-1 / Ami in Mappings', line: 35, column: 31 },
      error('Unused: DependsOn Ghost: no resource of that name', 39, 16),
      error('Fn::GetAtt on Phantom: no resource of that name', 41, 27),
      error('condition AlsoMissing is not defined', 45, 16),
      error('Ref to NotHere: no parameter or resource of that name', 48, 17),
    ]);
  });

  it('parameters, pseudo parameters, Fn::Sub variables and ${!Literal} are not reported', () => {
    const bucket = byId(loadFixture('unresolved.yaml'), 'Bucket');
    expect(bucket.properties.BucketName).toBeInstanceOf(Unknown); // the region and account are not given
    const known = loadFixture('unresolved.yaml', { region: 'eu-west-1', accountId: '123456789012' });
    expect(byId(known, 'Bucket').properties.BucketName).toBe('data-dev-eu-west-1-123456789012-${Literal}');
  });

  it('finds the long forms of JSON, the Condition function inside Conditions included', () => {
    const loaded = loadFixture('unresolved.json');
    expect(loaded.warnings).toEqual([
      error('condition Nope is not defined', 3, 38),
      error('Fn::GetAtt on MissingRole: no resource of that name', 9, 20),
      error('Ref to MissingKey: no parameter or resource of that name', 10, 21),
      error('Fn::Sub: ${MissingSubnet}: no parameter or resource of that name', 11, 21),
      error('Fn::FindInMap: no mapping named Sizes', 12, 78),
    ]);
  });

  it('the resources still load, with the missing values Unknown', () => {
    const loaded = loadFixture('unresolved.yaml');
    expect(loaded.resources.map((r) => r.id)).toEqual(['Bucket', 'Role']);
    const logging = byId(loaded, 'Bucket').properties.LoggingConfiguration as Record<string, unknown>;
    expect((logging.DestinationBucketName as Unknown).reason).toBe('Ref to MissingLogBucket, which does not exist');
    expect(byId(loaded, 'Role').properties.RoleName).toBeInstanceOf(Unknown);
    expect(byId(loaded, 'Role').conditional).toBe(true);
  });

  it('each use of a missing name is reported where it is written, through aliases once', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: &name !Ref Gone\n      Tags: [{ Key: k, Value: *name }]\n  B:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: !Ref Gone }\n';
    expect(loadCloudFormation('t.yaml', text, options()).warnings).toEqual([
      error('Ref to Gone: no parameter or resource of that name', 5, 30),
      error('Ref to Gone: no parameter or resource of that name', 9, 36),
    ]);
  });

  it('{ Condition: Name } is data outside Conditions (an IAM policy statement), and computed names are not judged', () => {
    const text = [
      'Parameters:',
      '  MapName: { Type: String, Default: M }',
      'Mappings:',
      '  M: { k: { v: x } }',
      'Resources:',
      '  P:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Statement:',
      '          - Condition: { Bool: { aws:SecureTransport: "true" } }',
      '          - { Condition: NotAConditionName }',
      '      Description: !FindInMap [!Ref MapName, k, v]',
      '      ManagedPolicyName: { "Fn::GetAtt": [{ Ref: MapName }, Arn] }',
      '',
    ].join('\n');
    const loaded = loadCloudFormation('t.yaml', text, options());
    expect(loaded.warnings.filter((w) => w.error)).toEqual([]);
    expect(byId(loaded, 'P').properties.Description).toBe('x');
  });

  it('DependsOn may only name resources, not parameters', () => {
    const text = 'Parameters:\n  P: { Type: String }\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    DependsOn: P\n';
    expect(loadCloudFormation('t.yaml', text, options()).warnings).toEqual([error('A: DependsOn P: no resource of that name', 6, 16)]);
  });

  it('with a Transform they stay warnings: what the transform generates may declare the name', () => {
    const text = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Role: !GetAtt FnRole.Arn\n';
    const loaded = loadCloudFormation('t.yaml', text, options());
    const missing = loaded.warnings.find((w) => w.message.startsWith('Fn::GetAtt'));
    expect(missing).toEqual({ message: "Fn::GetAtt on FnRole: no resource of that name (the template's transform may declare it)", line: 6, column: 21 });
    expect(loaded.warnings.some((w) => w.error)).toBe(false);
  });

  it('a section that is not a mapping makes its names unknowable, not every reference an error', () => {
    const text = 'Parameters: oops\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: !Ref P }\n';
    const loaded = loadCloudFormation('t.yaml', text, options());
    expect(loaded.warnings).toEqual([{ message: 'Parameters is not a mapping; it is ignored', line: 1, column: 13 }]);
  });
});
