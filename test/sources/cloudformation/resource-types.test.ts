import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../../src/sources/cloudformation/edit-distance.js';
import { loadCloudFormation } from '../../../src/sources/cloudformation/load.js';
import { isModelledType, judgeResourceType } from '../../../src/sources/cloudformation/modelled-types.js';
import { KNOWN_RESOURCE_TYPES } from '../../../src/sources/cloudformation/resource-types.js';
import { loadFixture, options } from './helpers.js';

describe('the list of known resource types', () => {
  const types = [...KNOWN_RESOURCE_TYPES];

  it('is sorted, one type per entry, every one of a modelled service', () => {
    expect(types).toEqual([...types].sort());
    expect(types.length).toBeGreaterThan(200);
    for (const t of types) {
      expect(t).toMatch(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
      expect(isModelledType(t)).toBe(true);
    }
  });

  it('covers every modelled service, and holds the types the rules judge', () => {
    const services = new Set(types.map((t) => t.split('::')[1]));
    expect([...services].sort()).toEqual(['CloudTrail', 'CloudWatch', 'EC2', 'ECR', 'IAM', 'KMS', 'Logs', 'S3', 'SageMaker']);
    for (const t of ['AWS::SageMaker::NotebookInstance', 'AWS::SageMaker::EndpointConfig', 'AWS::S3::BucketPolicy', 'AWS::EC2::VPCEndpoint', 'AWS::KMS::Key', 'AWS::Logs::MetricFilter', 'AWS::ECR::Repository', 'AWS::CloudTrail::Trail', 'AWS::CloudWatch::Alarm', 'AWS::IAM::Role']) {
      expect(KNOWN_RESOURCE_TYPES.has(t)).toBe(true);
    }
  });
});

describe('judgeResourceType', () => {
  it('a listed type is known; custom resources, stack plumbing and CDK metadata are quiet', () => {
    expect(judgeResourceType('AWS::SageMaker::TrainingJob')).toEqual({ kind: 'known' });
    for (const t of ['Custom::Seeder', 'Custom::My_Resource@v2-beta', 'AWS::CloudFormation::Stack', 'AWS::CDK::Metadata']) expect(judgeResourceType(t)).toEqual({ kind: 'quiet' });
  });

  it('another service, vendor or a module is unmodelled: a warning, since not every service is listed', () => {
    for (const t of ['AWS::Lambda::Function', 'AWS::SageMakr::Model', 'MongoDB::Atlas::Cluster', 'Acme::Storage::Bucket::MODULE']) {
      expect(judgeResourceType(t)).toEqual({ kind: 'unmodelled' });
    }
  });

  it('a type of a modelled service that CloudFormation lacks is invalid, with the nearest name when close', () => {
    const message = (t: string) => (judgeResourceType(t) as { message: string }).message;
    expect(message('AWS::SageMaker::NoteBookInstance')).toBe('unknown resource type AWS::SageMaker::NoteBookInstance; did you mean AWS::SageMaker::NotebookInstance?');
    expect(message('AWS::S3::Buckets')).toBe('unknown resource type AWS::S3::Buckets; did you mean AWS::S3::Bucket?');
    expect(message('AWS::Sagemaker::NotebookInstance')).toBe('unknown resource type AWS::Sagemaker::NotebookInstance; did you mean AWS::SageMaker::NotebookInstance?');
    expect(message('AWS::s3::Bucket')).toBe('unknown resource type AWS::s3::Bucket; did you mean AWS::S3::Bucket?');
    expect(message('aws::IAM::Role')).toBe('unknown resource type aws::IAM::Role; did you mean AWS::IAM::Role?');
    expect(message('AWS::EC2::SecurityGroupz')).toBe('unknown resource type AWS::EC2::SecurityGroupz; did you mean AWS::EC2::SecurityGroup?');
    // Far from every name: no guess.
    expect(message('AWS::SageMaker::Notebook')).toBe('unknown resource type AWS::SageMaker::Notebook');
    expect(message('AWS::KMS::Vault')).toBe('unknown resource type AWS::KMS::Vault');
  });

  it('a type that is not Vendor::Service::Resource is invalid', () => {
    const message = (t: string) => (judgeResourceType(t) as { message: string }).message;
    expect(message('S3Bucket')).toBe('resource type "S3Bucket" is not of the form Vendor::Service::Resource');
    expect(message('AWS::S3:Bucket')).toBe('resource type "AWS::S3:Bucket" is not of the form Vendor::Service::Resource; did you mean AWS::S3::Bucket?');
    for (const t of ['', 'AWS::S3', 'AWS::S3::Bucket::Extra', 'AWS::S3::Bucket ', 'Custom::', 'Custom::has space']) expect(judgeResourceType(t).kind).toBe('invalid');
  });
});

describe('loadCloudFormation: unknown resource types', () => {
  it('are errors at the Type value, for every resource; the resources still load', () => {
    const loaded = loadFixture('unknown-types.yaml');
    expect(loaded.warnings).toEqual([
      { message: 'unknown resource type AWS::SageMaker::NoteBookInstance; did you mean AWS::SageMaker::NotebookInstance?', line: 4, column: 11, error: true },
      { message: 'unknown resource type AWS::S3::Buckets; did you mean AWS::S3::Bucket?', line: 6, column: 11, error: true },
      { message: 'unknown resource type AWS::Sagemaker::NotebookInstance; did you mean AWS::SageMaker::NotebookInstance?', line: 8, column: 11, error: true },
      { message: 'unknown resource type AWS::s3::Bucket; did you mean AWS::S3::Bucket?', line: 10, column: 11, error: true },
      { message: 'unknown resource type AWS::EC2::Teleporter', line: 12, column: 11, error: true },
      { message: 'resource type "S3Bucket" is not of the form Vendor::Service::Resource', line: 14, column: 11, error: true },
      { message: 'resource type "AWS::S3:Bucket" is not of the form Vendor::Service::Resource; did you mean AWS::S3::Bucket?', line: 16, column: 11, error: true },
      { message: 'resource type AWS::Lambda::Function is not modelled; no rules judge it', line: 19, column: 3 },
      { message: 'resource type Acme::Storage::Bucket::MODULE is not modelled; no rules judge it', line: 21, column: 3 },
    ]);
    expect(loaded.resources.map((r) => r.type)).toContain('AWS::S3::Buckets');
    expect(loaded.resources).toHaveLength(12);
  });

  it('are reported even when the resource is not created (CloudFormation validates every type)', () => {
    const text = 'Conditions:\n  Never: !Equals [a, b]\nResources:\n  B:\n    Type: AWS::S3::Bukcet\n    Condition: Never\n';
    const loaded = loadCloudFormation('t.json', text, options());
    expect(loaded.resources).toEqual([]);
    expect(loaded.warnings).toEqual([{ message: 'unknown resource type AWS::S3::Bukcet; did you mean AWS::S3::Bucket?', line: 5, column: 11, error: true }]);
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours, ignoring case', () => {
    expect(editDistance('Bucket', 'Buckets')).toBe(1);
    expect(editDistance('Bukcet', 'Bucket')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('abc', 'ca')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('NoteBook', 'notebook')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('stops past the bound, and closestName keeps the first of equally near names', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
    expect(closestName('Rle', ['Role', 'Rule'], 1)).toBe('Role');
    expect(closestName('Bucket', ['Buckets', 'bucket'], 2)).toBe('bucket');
    expect(closestName('Vault', ['Key', 'Alias'], 1)).toBeUndefined();
  });
});
