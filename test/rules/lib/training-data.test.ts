import { describe, expect, it } from 'vitest';
import { trainingDataReaders } from '../../../src/rules/lib/training-data.js';
import { inv, ref, res, sub } from '../support.js';

describe('training-data', () => {
  it('counts inputs, model data and pipeline steps as reads, outputs and capture as writes', () => {
    const i = inv(
      res('AWS::S3::Bucket', 'In'),
      res('AWS::S3::Bucket', 'Out'),
      res('AWS::SageMaker::ProcessingJob', 'Step', {
        ProcessingInputs: [{ S3Input: { S3Uri: sub('s3://', ref('In'), '/raw/') } }],
        ProcessingOutputConfig: { Outputs: [{ S3Output: { S3Uri: sub('s3://', ref('Out'), '/features/') } }] },
      }, { parent: 't#Pipeline' }),
      res('AWS::SageMaker::EndpointConfig', 'Ec', { DataCaptureConfig: { DestinationS3Uri: sub('s3://', ref('Out'), '/capture/') } }),
    );
    expect(trainingDataReaders(i.get('t#In')!, i).map((e) => `${e.by.id}:${e.path}`)).toEqual(['Step:ProcessingInputs[0].S3Input.S3Uri']);
    expect(trainingDataReaders(i.get('t#Out')!, i)).toEqual([]);
  });

  it('ignores buckets that only non-SageMaker resources or non-execution roles read', () => {
    const i = inv(
      res('AWS::S3::Bucket', 'B', { BucketName: 'logs' }),
      res('AWS::IAM::Role', 'Lambda', { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }] } }] }),
      res('AWS::Lambda::Function', 'Fn', { Role: ref('Lambda', 'Arn') }),
    );
    expect(trainingDataReaders(i.get('t#B')!, i)).toEqual([]);
  });
});
