import { describe, expect, it } from 'vitest';
import type { Resource } from '../../../src/core/resource.js';
import { selectRules } from '../../../src/rules/engine.js';
import { rule } from '../../../src/rules/data/sagemaker-training-data-manifest.js';
import { DATASET_MANIFEST_TYPE } from '../../../src/rules/data/training-job-inputs.js';
import { brief, check, inv, res, unknownValue } from '../support.js';

const TRAIN = 'AWS::SageMaker::TrainingJob';
const channel = (uri: unknown, extra: object = {}) => ({ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: uri, ...extra } } });
const job = (...channels: object[]) => res(TRAIN, 'Train', { InputDataConfig: channels });
const manifest = (id: string, uri: string, signature = 'intact') => {
  const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri)!;
  return res(DATASET_MANIFEST_TYPE, id, { Uri: uri, Bucket: m[1], Prefix: m[2], SignatureStatus: signature, KeyId: 'sha256:ab12', SignedAt: '2026-03-02T09:31:00.000Z' }, { location: { file: `${id}.manifest.json`, line: 1, column: 1 } });
};
const judge = (...resources: Resource[]) => brief(check(rule, inv(...resources), 'Train'));

describe('sagemaker-training-data-manifest', () => {
  it('runs only in the strict profile', () => {
    expect(selectRules([rule], { profile: 'default' })).toEqual([]);
    expect(selectRules([rule], { profile: 'strict' })).toEqual([rule]);
  });

  it('passes a channel whose prefix starts with the prefix of a signed manifest, naming it', () => {
    const results = check(rule, inv(job(channel('s3://acme/fraud/v3/train/')), manifest('fraud-v3', 's3://acme/fraud/v3/')), 'Train');
    expect(brief(results)).toEqual([{ status: 'pass', property: 'InputDataConfig[0].DataSource.S3DataSource.S3Uri' }]);
    expect(results[0]!.message).toMatch(/channel train \(s3:\/\/acme\/fraud\/v3\/train\/\) is covered by the approved manifest fraud-v3\.manifest\.json .* signed by sha256:ab12/);
  });

  it('uses S3 prefix semantics: a manifest of train/ does not cover a channel of train (which also reads train2/)', () => {
    expect(judge(job(channel('s3://acme/train')), manifest('m', 's3://acme/train/'))[0]!.status).toBe('fail');
    expect(judge(job(channel('s3://acme/train/')), manifest('m', 's3://acme/train'))[0]!.status).toBe('pass');
    expect(judge(job(channel('s3://acme/train/')), manifest('m', 's3://other/train/'))[0]!.status).toBe('fail');
    expect(judge(job(channel('s3://acme')), manifest('m', 's3://acme/'))[0]!.status).toBe('pass');
  });

  it('fails a channel no manifest covers, with the command that approves it', () => {
    const [r] = check(rule, inv(job(channel('s3://acme/fraud/v4/'))), 'Train');
    expect(r!.status).toBe('fail');
    expect(r!.message).toContain('ringfence data manifest s3://acme/fraud/v4/ --sign-key KEY.pem');
  });

  it('does not count an unsigned manifest as approval', () => {
    const [r] = check(rule, inv(job(channel('s3://acme/fraud/v3/')), manifest('draft', 's3://acme/fraud/', 'unsigned')), 'Train');
    expect(r).toMatchObject({ status: 'fail', message: expect.stringMatching(/covered only by the unsigned manifest draft\.manifest\.json/) });
  });

  it('judges every S3 data input of a processing job, but not its code', () => {
    const p = res('AWS::SageMaker::ProcessingJob', 'Train', {
      ProcessingInputs: [
        { InputName: 'raw', S3Input: { S3Uri: 's3://acme/raw/' } },
        { InputName: 'code', S3Input: { S3Uri: 's3://acme-code/prepare.py' } },
        { InputName: 'athena', DatasetDefinition: { AthenaDatasetDefinition: { Catalog: 'AwsDataCatalog' } } },
      ],
    });
    expect(judge(p)).toEqual([{ status: 'fail', property: 'ProcessingInputs[0].S3Input.S3Uri' }]);
  });

  it('is unknown when the URI or the input list is only known when the pipeline runs', () => {
    expect(judge(job(channel(unknownValue('pipeline expression {"Get":"Parameters.TrainData"} is evaluated when the pipeline runs')))))
      .toEqual([{ status: 'unknown', property: 'InputDataConfig[0].DataSource.S3DataSource.S3Uri' }]);
    expect(judge(res(TRAIN, 'Train', { InputDataConfig: unknownValue() }))).toEqual([{ status: 'unknown', property: 'InputDataConfig' }]);
  });

  it('is unknown for a SageMaker manifest-file channel, whose objects are listed in a file read at run time', () => {
    const [r] = check(rule, inv(job(channel('s3://acme/lists/train.manifest', { S3DataType: 'ManifestFile' })), manifest('m', 's3://acme/')), 'Train');
    expect(r).toMatchObject({ status: 'unknown', message: expect.stringMatching(/listed in the ManifestFile/) });
  });

  it('says nothing about jobs without S3 inputs (file systems)', () => {
    expect(judge(res(TRAIN, 'Train', { InputDataConfig: [{ ChannelName: 'fs', DataSource: { FileSystemDataSource: { FileSystemId: 'fs-1' } } }] }))).toEqual([]);
  });
});
