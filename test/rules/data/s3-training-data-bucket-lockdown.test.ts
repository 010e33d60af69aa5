import { describe, expect, it } from 'vitest';
import type { Resource } from '../../../src/core/resource.js';
import { rule } from '../../../src/rules/data/s3-training-data-bucket-lockdown.js';
import { brief, check, inv, ref, res, sub, unknownValue } from '../support.js';

const B = 'AWS::S3::Bucket';
const BP = 'AWS::S3::BucketPolicy';
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const tls = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [ref('Data', 'Arn'), sub(ref('Data', 'Arn'), '/*')], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const lockdown = (condition: object, extra: object = {}) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: sub(ref('Data', 'Arn'), '/*'),
  Condition: condition,
  ...extra,
});
/** A bucket read by a training job, plus whatever else the test adds. */
const stack = (...more: Resource[]) =>
  inv(
    res(B, 'Data', {}),
    res('AWS::SageMaker::TrainingJob', 'Train', { InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3Uri: sub('s3://', ref('Data'), '/train/') } } }] }),
    res('AWS::EC2::VPCEndpoint', 'S3Endpoint'),
    ...more,
  );

describe('s3-training-data-bucket-lockdown', () => {
  it('ignores buckets SageMaker does not read', () => {
    expect(check(rule, inv(res(B, 'Logs', {})), 'Logs')).toEqual([]);
    // A bucket SageMaker only writes to (job output, data capture) is not training data.
    const i = inv(res(B, 'Out', {}), res('AWS::SageMaker::TrainingJob', 'T', { OutputDataConfig: { S3OutputPath: sub('s3://', ref('Out'), '/models/') } }));
    expect(check(rule, i, 'Out')).toEqual([]);
  });

  it('fails on the bucket when it has no policy at all', () => {
    const [r] = check(rule, stack(), 'Data');
    expect(r).toMatchObject({ status: 'fail' });
    expect(r!.resource).toBeUndefined();
    expect(r!.message).toContain('TrainingJob Train');
  });

  it('fails on the policy when it only enforces TLS', () => {
    expect(brief(check(rule, stack(res(BP, 'Pol', { Bucket: ref('Data'), PolicyDocument: doc(tls) })), 'Data'))).toEqual([{ status: 'fail', property: 'PolicyDocument', on: 'Pol' }]);
  });

  it('passes a Deny unless the request comes through the named VPC endpoint', () => {
    const p = res(BP, 'Pol', { Bucket: ref('Data'), PolicyDocument: doc(tls, lockdown({ StringNotEquals: { 'aws:SourceVpce': ref('S3Endpoint') } })) });
    expect(brief(check(rule, stack(p), 'Data'))).toEqual([{ status: 'pass', property: 'PolicyDocument.Statement[1]', on: 'Pol' }]);
  });

  it('passes named principals, IfExists variants and s3:* actions', () => {
    const p = res(BP, 'Pol', {
      Bucket: ref('Data'),
      PolicyDocument: doc(lockdown({ ArnNotLikeIfExists: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/sm-*'] } }, { Action: 's3:*', Principal: { AWS: '*' } })),
    });
    expect(check(rule, stack(p), 'Data')[0]!.status).toBe('pass');
  });

  it('does not accept look-alikes', () => {
    const cases = [
      lockdown({ StringEquals: { 'aws:SourceVpce': 'vpce-1' } }), // allows-style operator
      lockdown({ StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } }), // a VPC, not an endpoint
      lockdown({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' }, Bool: { 'aws:SecureTransport': 'false' } }), // narrowed by an unrelated condition
      lockdown({ StringNotEquals: { 'aws:SourceVpce': '*' } }), // names nothing
      lockdown({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, { Action: 's3:PutObject' }), // not reads
      lockdown({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, { Resource: ref('Data', 'Arn') }), // the bucket, not its objects
      lockdown({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, { Principal: { AWS: 'arn:aws:iam::111122223333:root' } }),
      lockdown({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, { Effect: 'Allow' }),
    ];
    for (const st of cases) {
      const p = res(BP, 'Pol', { Bucket: ref('Data'), PolicyDocument: doc(st) });
      expect(check(rule, stack(p), 'Data')[0]!.status, JSON.stringify(st)).toBe('fail');
    }
  });

  it('matches buckets and policies by name when there are no references', () => {
    const i = inv(
      res(B, 'Data', { BucketName: 'acme-training' }),
      res('AWS::SageMaker::Model', 'M', { PrimaryContainer: { ModelDataUrl: 's3://acme-training/models/m.tar.gz' } }),
      res(BP, 'Pol', {
        Bucket: 'acme-training',
        PolicyDocument: doc(lockdown({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b' } }, { Resource: 'arn:aws:s3:::acme-training/*' })),
      }),
    );
    expect(brief(check(rule, i, 'Data'))).toEqual([{ status: 'pass', property: 'PolicyDocument.Statement[0]', on: 'Pol' }]);
  });

  it("treats a bucket an execution role may read as training data", () => {
    const i = inv(
      res(B, 'Data', {}),
      res('AWS::IAM::Role', 'Exec', { Policies: [{ PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: sub(ref('Data', 'Arn'), '/*') }) }] }),
      res('AWS::SageMaker::NotebookInstance', 'Nb', { RoleArn: ref('Exec', 'Arn') }),
    );
    expect(check(rule, i, 'Data')[0]!.message).toContain('AWS::IAM::Role Exec');
  });

  it('is unknown when the policy cannot be read or a deciding value is unknown', () => {
    expect(check(rule, stack(res(BP, 'Pol', { Bucket: ref('Data'), PolicyDocument: unknownValue() })), 'Data')[0]!.status).toBe('unknown');
    const p = res(BP, 'Pol', { Bucket: ref('Data'), PolicyDocument: doc(lockdown({ StringNotEquals: { 'aws:SourceVpce': unknownValue() } })) });
    expect(check(rule, stack(p), 'Data')[0]!.status).toBe('unknown');
  });

  it('evaluates the policy as AWS does: carve-outs must name principals, and every outsider is tried', () => {
    const judge = (...sts: object[]) => check(rule, stack(res(BP, 'Pol', { Bucket: ref('Data'), PolicyDocument: doc(...sts) })), 'Data')[0]!;
    // "Every role of every account" names no one in particular (fails); the users of one named account are named (passes).
    expect(judge(lockdown({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } })).status).toBe('fail');
    const usersOnly = judge(lockdown({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/*' } }));
    expect(usersOnly.status).toBe('pass');
    // Public read through an Allow, with the lockdown missing: a role of another account can read.
    const pub = judge({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: sub(ref('Data', 'Arn'), '/*') });
    expect(pub.status).toBe('fail');
    expect(pub.message).toMatch(/another role of this account can read its objects/);
    // Two Denies, one per condition: both must be met, which is a lockdown too.
    const two = judge(lockdown({ StringNotEquals: { 'aws:SourceVpce': ref('S3Endpoint') } }), lockdown({ ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/train' } }));
    expect(two.status).toBe('pass');
    // Deny s3:* on everything but the bucket's public prefix leaves the public prefix open, but the probe object is denied.
    expect(judge({ Effect: 'Deny', Principal: '*', Action: 's3:*', NotResource: sub(ref('Data', 'Arn'), '/public/*') }).status).toBe('pass');
  });

  it('names what the lockdown allows in its pass message', () => {
    const p = res(BP, 'Pol', { Bucket: ref('Data'), PolicyDocument: doc(lockdown({ StringNotEquals: { 'aws:SourceVpce': ref('S3Endpoint') } })) });
    expect(check(rule, stack(p), 'Data')[0]!.message).toBe('training-data bucket Data denies object reads to everyone except requests with aws:SourceVpce {S3Endpoint}');
  });
});
