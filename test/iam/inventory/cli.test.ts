import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

const HARDENED = 'examples/hardened-ml-stack/cloudformation';
const INSECURE = 'examples/insecure-ml-stack/terraform';

describe('ringfence iam who-can', () => {
  it('lists who can read the training bucket, with the conditions, for people', async () => {
    const r = await runCli('iam', 'who-can', 's3:GetObject', 'TrainingDataBucket', '--in', HARDENED);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('who can s3:GetObject on TrainingDataBucket (examples/hardened-ml-stack/cloudformation/ml-stack.yaml:');
    expect(r.stdout).toMatch(/CAN\n {2}role SageMakerExecutionRole \(assumed by sagemaker\.amazonaws\.com\)\n {4}allowed {5}objects under training\/, objects under models\/, objects under notebooks\//);
    expect(r.stdout).toContain('only when aws:SourceVpce StringEquals {S3GatewayEndpoint}');
    expect(r.stdout).toMatch(/by inline policy least-privilege of SageMakerExecutionRole Policies\[0\]\.PolicyDocument\.Statement\[1\] examples\/hardened-ml-stack\/cloudformation\/ml-stack\.yaml:\d+:\d+/);
    expect(r.stdout).toMatch(/CANNOT .*anyone, unauthenticated \(anonymous\)/);
    expect(r.stdout).toContain('{this-account} is the account the code is deployed to');
    expect(r.stderr).toBe('');
  });

  it('gives the answer as JSON', async () => {
    const r = await runCli('iam', 'who-can', 's3:GetObject', 'aws_s3_bucket.training_data', '--in', INSECURE, '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { action: string; resource: { id: string }; principals: { principal: { label: string }; status: string }[] };
    expect(out.action).toBe('s3:GetObject');
    expect(out.resource.id).toBe('aws_s3_bucket.training_data');
    expect(out.principals.filter((p) => p.status === 'allowed').map((p) => p.principal.label)).toEqual([
      'role aws_iam_role.sagemaker_execution',
      'any other principal of this account (with permission of its own)',
    ]);
  });

  it('takes --account-id and --context', async () => {
    const r = await runCli('iam', 'who-can', 's3:GetObject', 'TrainingDataBucket', '--in', HARDENED, '--account-id', '111122223333', '--context', 'aws:SourceVpce=vpce-elsewhere', '--format', 'json');
    const out = JSON.parse(r.stdout) as { principals: { principal: { kind: string; arn: string }; status: string }[] };
    const other = out.principals.find((p) => p.principal.kind === 'any-in-account')!;
    expect(other.principal.arn).toContain('111122223333');
    expect(other.status).toBe('denied');
  });

  it('is a usage error (exit 2, one line) for an unknown action, resource or principal', async () => {
    for (const args of [
      ['who-can', 's3:GetObjekt', 'TrainingDataBucket'],
      ['who-can', 's3:GetObject', 'NoSuchBucket'],
      ['can', 'NoSuchRole', 's3:GetObject', 'TrainingDataBucket'],
      ['who-can', 's3:GetObject', 'TrainingDataBucket', '--account-id', '12'],
    ]) {
      const r = await runCli('iam', ...args, '--in', HARDENED);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^ringfence: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 when an input cannot be read, still answering for the rest', async () => {
    const r = await runCli('iam', 'who-can', 's3:GetObject', 'TrainingDataBucket', '--in', HARDENED, '--in', 'test/fixtures/iam/inventory/does-not-exist.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does-not-exist.yaml: no such file or directory');
    expect(r.stdout).toContain('role SageMakerExecutionRole');
  });
});

describe('ringfence iam can', () => {
  it('answers for one principal, with the statement that decided', async () => {
    const r = await runCli('iam', 'can', 'SageMakerExecutionRole', 'iam:PassRole', '*', '--in', 'examples/insecure-ml-stack/cloudformation');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('can role SageMakerExecutionRole iam:PassRole on *?');
    expect(r.stdout).toContain('yes, only when the conditions below hold');
    expect(r.stdout).toContain('only when iam:PassedToService StringEquals sagemaker.amazonaws.com');
    expect(r.stdout).toContain('by AWS-managed policy AmazonSageMakerFullAccess (v29) Statement[30]');
  });

  it('answers no with exit code 0, in JSON too', async () => {
    const r = await runCli('iam', 'can', '*', 's3:GetObject', 'TrainingDataBucket', '--in', HARDENED, '-f', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; principal: { kind: string } };
    expect(out).toMatchObject({ status: 'denied', principal: { kind: 'anonymous' } });
  });
});
