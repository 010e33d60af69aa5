import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { Inventory } from '../../../src/core/inventory.js';
import { Expr, Ref, Unknown, getPath } from '../../../src/core/value.js';
import { loadTerraformPlan, looksLikeTerraformPlan } from '../../../src/sources/terraform/index.js';
import { FIXTURES, options } from './helpers.js';

const file = `${FIXTURES}/plan/ml-plan.json`;
const text = readFileSync(file, 'utf8');
const plan = loadTerraformPlan(file, text, options());
const inv = new Inventory(plan.resources);
const byId = (id: string) => plan.resources.find((r) => r.id === id)!;
const key = (address: string): string => `${file}#${address}`;

function loadError(path: string, src = readFileSync(path, 'utf8'), maxDepth?: number): InputError {
  try {
    loadTerraformPlan(path, src, options({}, maxDepth ? { maxDepth } : {}));
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('Terraform plan: recognition', () => {
  it('recognizes `terraform show -json` plans and nothing else', () => {
    expect(looksLikeTerraformPlan(text)).toBe(true);
    expect(looksLikeTerraformPlan(`\n  ${text}`)).toBe(true);
    expect(looksLikeTerraformPlan(readFileSync(`${FIXTURES}/plan/state.json`, 'utf8'))).toBe(false);
    expect(looksLikeTerraformPlan(readFileSync(`${FIXTURES}/plan/cloudformation.json`, 'utf8'))).toBe(false);
    expect(looksLikeTerraformPlan('format_version: "1.2"\nplanned_values: {}\n')).toBe(false);
  });
});

describe('Terraform plan: resources', () => {
  it('loads managed resources of the root and child modules, not data sources', () => {
    expect(plan.resources.map((r) => r.id).sort()).toEqual([
      'aws_cloudtrail.main',
      'aws_cloudwatch_log_metric_filter.root_login',
      'aws_cloudwatch_metric_alarm.root_login',
      'aws_iam_role.exec',
      'aws_s3_bucket.data',
      'aws_sagemaker_endpoint_configuration.ec',
      'aws_sagemaker_notebook_instance.nb[0]',
      'module.kms.aws_kms_key.this',
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('keys resources by plan file and address, located at their address in the file', () => {
    expect(byId('aws_sagemaker_notebook_instance.nb[0]')).toMatchObject({
      key: key('aws_sagemaker_notebook_instance.nb[0]'),
      type: 'AWS::SageMaker::NotebookInstance',
      nativeType: 'aws_sagemaker_notebook_instance',
      source: 'terraform-plan',
      unit: file,
      location: { file, line: 72, column: 11 },
    });
    expect(byId('module.kms.aws_kms_key.this').location).toEqual({ file, line: 220, column: 15 });
  });

  it('prefers planned values, mapped into CloudFormation names', () => {
    expect(byId('aws_sagemaker_notebook_instance.nb[0]').properties).toMatchObject({
      NotebookInstanceName: 'ml-prod-nb-0',
      DirectInternetAccess: 'Enabled',
      RootAccess: 'Enabled',
      VolumeSizeInGB: 5,
      Tags: [{ Key: 'Env', Value: 'prod' }],
    });
    expect(byId('aws_sagemaker_endpoint_configuration.ec').properties['DataCaptureConfig']).toMatchObject({
      EnableCapture: true,
      InitialSamplingPercentage: 100,
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
    });
    expect(byId('aws_cloudwatch_metric_alarm.root_login').properties).toMatchObject({ MetricName: 'RootLogin', Namespace: 'Security', AlarmActions: ['arn:aws:sns:us-east-1:123456789012:security'] });
    expect(getPath(byId('aws_cloudwatch_log_metric_filter.root_login').properties, 'MetricTransformations[0].MetricName')).toBe('RootLogin');
    expect(getPath(byId('aws_cloudtrail.main').properties, 'EventSelectors[0].DataResources[0].Type')).toBe('AWS::S3::Object');
  });

  it('turns unknown values with configuration references into Refs (through module outputs too)', () => {
    const nb = byId('aws_sagemaker_notebook_instance.nb[0]');
    expect(nb.properties['RoleArn']).toEqual(new Ref(key('aws_iam_role.exec'), 'Arn'));
    expect(nb.properties['KmsKeyId']).toEqual(new Ref(key('module.kms.aws_kms_key.this'), 'Arn'));
    expect(inv.follow(nb, 'RoleArn').map((r) => r.id)).toEqual(['aws_iam_role.exec']);
    expect(inv.follow(nb, 'KmsKeyId').map((r) => r.type)).toEqual(['AWS::KMS::Key']);
  });

  it('keeps Unknown for a configured value known only after apply, and leaves out provider-computed ones', () => {
    expect(getPath(byId('aws_sagemaker_endpoint_configuration.ec').properties, 'ProductionVariants[0].ModelName')).toEqual(new Unknown('known only after apply', []));
    expect(byId('aws_sagemaker_notebook_instance.nb[0]').properties).not.toHaveProperty('PlatformIdentifier');
    expect(byId('module.kms.aws_kms_key.this').properties).not.toHaveProperty('KeyPolicy');
    expect(byId('aws_iam_role.exec').properties).not.toHaveProperty('Policies');
  });

  it('keeps the edge of a known value that came from a reference', () => {
    const trail = byId('aws_cloudtrail.main');
    expect(trail.properties['S3BucketName']).toEqual(new Ref(key('aws_s3_bucket.data'), undefined, 'ml-prod-training-data'));
    expect(getPath(byId('aws_sagemaker_endpoint_configuration.ec').properties, 'DataCaptureConfig.DestinationS3Uri')).toEqual(
      new Expr(['s3://', new Ref(key('aws_s3_bucket.data'), undefined, 'ml-prod-training-data'), '/capture']),
    );
  });

  it('merges split-out resources of the plan into their targets', () => {
    expect(byId('aws_s3_bucket.data').properties['VersioningConfiguration']).toEqual({ Status: 'Enabled' });
    expect(byId('aws_iam_role.exec').properties).toMatchObject({
      RoleName: 'ml-prod-exec',
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' } }] },
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSageMakerFullAccess'],
    });
  });
});

describe('Terraform plan: bad input', () => {
  it('reports invalid JSON with its line and column', () => {
    const e = loadError(`${FIXTURES}/plan/broken.json`);
    expect(e.message).toMatch(/^invalid JSON/);
    expect([e.line, e.column]).toEqual([4, 37]);
    expect(e.message).toBe('invalid JSON: unexpected "}"');
  });

  it('refuses JSON that is not a plan, and an unsupported format version', () => {
    expect(loadError(`${FIXTURES}/plan/cloudformation.json`).message).toMatch(/not a Terraform plan/);
    expect(loadError(`${FIXTURES}/plan/future-version.json`).message).toBe('unsupported plan format_version 2.0');
  });

  it('refuses 10,000 levels of nesting quickly', () => {
    const deep = `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b","mode":"managed","type":"a","name":"b","values":{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}]}}}`;
    expect(loadError('deep.json', deep).message).toBe('nesting deeper than 200 levels');
  });

  it('refuses binary content', () => {
    expect(loadError('plan.json', '{"format_version":"1.2"\u0000}').message).toMatch(/binary/);
  });
});
