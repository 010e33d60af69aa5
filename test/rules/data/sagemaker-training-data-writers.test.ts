import { describe, expect, it } from 'vitest';
import type { Resource } from '../../../src/core/resource.js';
import { selectRules } from '../../../src/rules/engine.js';
import { coversAllWithPrefix, overlapsPrefix, rule } from '../../../src/rules/data/sagemaker-training-data-writers.js';
import { brief, check, inv, ref, res, sub, unknownValue } from '../support.js';

const ROLE = 'AWS::IAM::Role';
const BP = 'AWS::S3::BucketPolicy';
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const lockdown = (condition?: object, extra: object = {}) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: sub(ref('Data', 'Arn'), '/fraud/*'),
  ...(condition ? { Condition: condition } : {}),
  ...extra,
});
const only = (...arns: unknown[]) => ({ ArnNotEquals: { 'aws:PrincipalArn': arns } });

/** A pipeline (role PipelineRole) whose training step (role TrainRole) reads s3://acme-data/fraud/v3/. */
const stack = (...more: Resource[]) =>
  inv(
    res('AWS::S3::Bucket', 'Data', { BucketName: 'acme-data' }),
    res(ROLE, 'PipelineRole', { RoleName: 'fraud-pipeline' }),
    res(ROLE, 'TrainRole', { RoleName: 'fraud-train' }),
    res('AWS::SageMaker::Pipeline', 'Pipe', { RoleArn: ref('PipelineRole', 'Arn') }),
    res(
      'AWS::SageMaker::TrainingJob',
      'Pipe/Train',
      { RoleArn: ref('TrainRole', 'Arn'), InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3Uri: 's3://acme-data/fraud/v3/' } } }] },
      { key: 't#Pipe/Train', parent: 't#Pipe' },
    ),
    ...more,
  );
const judge = (...more: Resource[]) => check(rule, stack(...more), 'Pipe/Train');
const policy = (...statements: object[]) => res(BP, 'Pol', { Bucket: ref('Data'), PolicyDocument: doc(...statements) });

describe('IAM wildcard patterns over prefixes', () => {
  it('tell whether a pattern matches every object under a prefix', () => {
    const prefix = 'arn:aws:s3:::acme-data/fraud/v3/';
    expect(['*', 'arn:aws:s3:::*', 'arn:aws:s3:::acme-data/*', 'arn:aws:s3:::acme-data/fraud/*', 'arn:aws:s3:::acme-data/fraud/v3/*', 'arn:aws:s3:::acme-?ata/*'].map((p) => coversAllWithPrefix(p, prefix))).toEqual([true, true, true, true, true, true]);
    expect(['arn:aws:s3:::acme-data/fraud/v3/', 'arn:aws:s3:::acme-data/fraud/v3/*.csv', 'arn:aws:s3:::acme-data/fraud/v4/*', 'arn:aws:s3:::other/*', 'arn:aws:s3:::acme-data/*/x'].map((p) => coversAllWithPrefix(p, prefix))).toEqual([false, false, false, false, false]);
  });

  it('tell whether a pattern matches some object under a prefix', () => {
    const prefix = 'arn:aws:s3:::acme-data/fraud/';
    expect(['arn:aws:s3:::acme-data/fraud/v3/*.csv', 'arn:aws:s3:::acme-data/*/x', '*', 'arn:aws:s3:::acme-data/fraud/'].map((p) => overlapsPrefix(p, prefix))).toEqual([true, true, true, true]);
    expect(['arn:aws:s3:::acme-data/models/*', 'arn:aws:s3:::acme-data', 'arn:aws:s3:::other/*'].map((p) => overlapsPrefix(p, prefix))).toEqual([false, false, false]);
  });
});

describe('sagemaker-training-data-writers', () => {
  it('runs only in the strict profile', () => {
    expect(selectRules([rule], { profile: 'default' })).toEqual([]);
  });

  it('passes a Deny of s3:PutObject to everyone but the pipeline role and the step role', () => {
    const [r] = judge(policy(lockdown(only(ref('PipelineRole', 'Arn'), ref('TrainRole', 'Arn')))));
    expect(r).toMatchObject({ status: 'pass', message: expect.stringMatching(/denies s3:PutObject on s3:\/\/acme-data\/fraud\/v3\/ to every principal except the data pipeline's roles \(PipelineRole, TrainRole\)/) });
  });

  it('matches roles named by ARN text to the roles of the pipeline', () => {
    expect(judge(policy(lockdown(only('arn:aws:iam::111122223333:role/service-role/fraud-pipeline'))))[0]!.status).toBe('pass');
  });

  it('passes a Deny with no exception at all (nobody writes; data arrives another way)', () => {
    expect(judge(policy(lockdown(undefined, { Action: 's3:*' })))[0]).toMatchObject({ status: 'pass', message: expect.stringMatching(/to every principal$/) });
  });

  it('fails when the Deny excepts a principal that is not part of the pipeline, naming it', () => {
    const [r] = judge(res(ROLE, 'Analyst'), policy(lockdown(only(ref('PipelineRole', 'Arn'), ref('Analyst', 'Arn')))));
    expect(r).toMatchObject({ status: 'fail', message: expect.stringMatching(/except to Analyst, which is not a role of the data pipeline/) });
    const [wild] = judge(policy(lockdown({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } })));
    expect(wild!.message).toMatch(/except to arn:aws:iam::111122223333:role\/\*, which is not a role/);
  });

  it('does not accept Denies that leave a way in', () => {
    const cases = [
      lockdown({ ...only(ref('PipelineRole', 'Arn')), StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }), // any principal in the VPC
      lockdown(only(ref('PipelineRole', 'Arn')), { Resource: sub(ref('Data', 'Arn'), '/fraud/v3/*.csv') }), // other files
      lockdown(only(ref('PipelineRole', 'Arn')), { Action: 's3:GetObject' }),
      lockdown(only(ref('PipelineRole', 'Arn')), { Principal: { AWS: 'arn:aws:iam::111122223333:root' } }),
      lockdown(only(ref('PipelineRole', 'Arn')), { Effect: 'Allow' }),
    ];
    for (const st of cases) expect(brief(judge(policy(st))), JSON.stringify(st)).toEqual([{ status: 'fail', property: 'InputDataConfig[0].DataSource.S3DataSource.S3Uri' }]);
  });

  it('fails without a Deny, naming the writers it can see but not the pipeline roles', () => {
    const [r] = judge(
      res('AWS::IAM::User', 'Etl', { Policies: [{ PolicyDocument: doc({ Effect: 'Allow', Action: 's3:Put*', Resource: 'arn:aws:s3:::acme-data/*' }) }] }),
      res(ROLE, 'Admin', { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'] }),
      res(ROLE, 'Models', { Policies: [{ PolicyDocument: doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-data/models/*' }) }] }),
      res('AWS::IAM::ManagedPolicy', 'Writers', { PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }), Roles: [ref('Ops')] }),
      res(ROLE, 'Ops'),
      res('AWS::IAM::Policy', 'TrainWrites', { PolicyDocument: doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }), Roles: [ref('TrainRole')] }),
    );
    expect(r!.status).toBe('fail');
    expect(r!.message).toMatch(/no bucket-policy Deny keeps principals other than the data pipeline \(TrainRole, PipelineRole\) from writing s3:\/\/acme-data\/fraud\/v3\//);
    expect(r!.message).toContain('AWS::IAM::User Etl (Policies[0].PolicyDocument.Statement[0])');
    expect(r!.message).toContain('AWS::IAM::Role Admin (ManagedPolicyArns[0]: AmazonS3FullAccess)');
    expect(r!.message).toContain('AWS::IAM::Role Ops (Writers PolicyDocument.Statement[0])');
    expect(r!.message).not.toContain('Models');
    expect(r!.message).not.toContain('TrainWrites');
  });

  it('is unknown when the bucket is not in the scanned code, or a value it needs is not known', () => {
    const elsewhere = inv(res('AWS::SageMaker::TrainingJob', 'T', { RoleArn: 'arn:aws:iam::1:role/r', InputDataConfig: [{ DataSource: { S3DataSource: { S3Uri: 's3://not-here/x/' } } }] }));
    expect(check(rule, elsewhere, 'T')[0]).toMatchObject({ status: 'unknown', message: expect.stringMatching(/bucket not-here of channel 0 is not defined in the scanned code/) });
    expect(judge(policy(lockdown(only(unknownValue('parameter WriterRole has no default')))))[0]).toMatchObject({ status: 'unknown', message: expect.stringMatching(/an excepted principal is not known/) });
    expect(judge(res(BP, 'Pol', { Bucket: ref('Data'), PolicyDocument: unknownValue() }))[0]!.status).toBe('unknown');
  });
});
