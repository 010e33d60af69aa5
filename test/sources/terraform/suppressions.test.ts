import { describe, expect, it } from 'vitest';
import { loadFixture } from './helpers.js';

const file = 'test/fixtures/terraform/suppressions/main.tf';
const unit = loadFixture('suppressions');

describe('Terraform suppression comments', () => {
  it('reads the comments directly above a resource and inside it, with their positions', () => {
    expect(unit.byId('aws_sagemaker_notebook_instance.nb').suppressions).toEqual([
      { rule: 'sagemaker-notebook-direct-internet', reason: 'the notebook is in a sandbox account', location: { file, line: 3, column: 1 }, via: 'comment' },
      { rule: 'sagemaker-notebook-root-access', reason: undefined, location: { file, line: 4, column: 1 }, via: 'comment' },
      { rule: 'sagemaker-notebook-kms', reason: 'data is public', location: { file, line: 9, column: 3 }, via: 'comment' },
    ]);
  });

  it('ignores a directive separated from the block by a blank line; reads a trailing one inside', () => {
    expect(unit.byId('aws_s3_bucket.b').suppressions).toEqual([
      { rule: 's3-bucket-logging', reason: 'trailing comment inside the block', location: { file, line: 16, column: 16 }, via: 'comment' },
    ]);
  });

  it('warns about a directive without a rule id instead of suppressing anything', () => {
    expect(unit.byId('aws_s3_bucket.c').suppressions).toEqual([]);
    expect(unit.inputs[0]!.warnings).toContainEqual({ message: 'ringfence:ignore without a rule id', line: 19, column: 1 });
  });

  it('carries a suppression on a split-out resource over to the resource it is merged into', () => {
    const bucket = loadFixture('ml-stack').byId('aws_s3_bucket.data');
    expect(bucket.suppressions).toEqual([
      { rule: 's3-bucket-logging', reason: 'access logs go to the central account', location: { file: 'test/fixtures/terraform/ml-stack/s3.tf', line: 12, column: 1 }, via: 'comment' },
    ]);
  });
});
