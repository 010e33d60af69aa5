import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/iam/evaluate/evaluate.js';
import { compilePolicySet } from '../../../src/iam/evaluate/policy-set.js';
import { parsePolicy } from '../../../src/iam/policy/parse.js';
import { GenerateError, generateLeastPrivilege, type GenerationResult } from '../../../src/iam/generate/index.js';
import { openTrail } from '../../../src/trail/read/index.js';
import type { SourcedRecord } from '../../../src/trail/record.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const ML_PIPELINE = 'arn:aws:iam::111122223333:role/ml-pipeline';

async function generate(file: string, role: string): Promise<GenerationResult> {
  return generateLeastPrivilege(openTrail([fixture(file)]).records, { role });
}

/**
 * The proof, done independently of the generator: every request of every observed call is replayed
 * through the evaluator with the generated policy as the caller's only identity policy (resource
 * policies delegating to the account, as a default key policy does).
 */
function replay(result: GenerationResult, account: string): { allowed: number; denied: string[] } {
  const identity = parsePolicy(result.policy, { id: 'generated' });
  const delegation = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: '*', Resource: '*' }] }, { id: 'delegation', kind: 'resource' });
  const set = compilePolicySet({ identityPolicies: [identity], resourcePolicy: delegation });
  let allowed = 0;
  const denied: string[] = [];
  for (const call of result.calls) {
    for (const r of call.requests) {
      const decision = evaluate({ principal: call.principal!, action: r.action, resource: r.resource, resourceAccount: account, context: r.context }, set).decision;
      if (decision === 'Allowed') allowed++;
      else denied.push(`${call.eventName}: ${r.action} on ${r.resource} → ${decision}`);
    }
  }
  return { allowed, denied };
}

/** What the generated policy decides for a request the role never made. */
function decide(result: GenerationResult, action: string, resource: string, context?: Record<string, string>): string {
  const set = compilePolicySet({ identityPolicies: [parsePolicy(result.policy, { id: 'generated' })] });
  return evaluate({ principal: 'arn:aws:sts::111122223333:assumed-role/ml-pipeline/s', action, resource, context }, set).decision;
}

describe('least-privilege generation from a SageMaker pipeline role', async () => {
  const result = await generate('iam/generate/ml-pipeline-role.json', ML_PIPELINE);

  it('reads the calls of the role only, whatever its path', () => {
    expect(result.records).toBe(21);
    // Not alice's call, not the same-named role of another account.
    expect(result.matched).toBe(19);
    expect(result.skipped).toEqual({ denied: 1, 'no-permission': 1, 'not-an-api-call': 0 });
    expect(result.calls).toHaveLength(17);
  });

  it('writes action-level SageMaker statements on the resources used', () => {
    const bySid = Object.fromEntries(result.policy.Statement.map((s) => [s.Sid, s]));
    expect(bySid['SagemakerCreateTrainingJob']).toEqual({ Sid: 'SagemakerCreateTrainingJob', Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: 'arn:aws:sagemaker:eu-west-1:111122223333:training-job/churn-xgb-2024-09-01' });
    // The request said Churn-XGB-2024-09-01; SageMaker's ARN is lower case.
    expect(bySid['SagemakerCreateModel']!.Resource).toBe('arn:aws:sagemaker:eu-west-1:111122223333:model/churn-xgb-2024-09-01');
    expect(bySid['SagemakerDescribeTrainingJob']!.Resource).toEqual([
      'arn:aws:sagemaker:eu-west-1:111122223333:training-job/churn-xgb-2024-08-31',
      'arn:aws:sagemaker:eu-west-1:111122223333:training-job/churn-xgb-2024-09-01',
    ]);
    expect(bySid['SagemakerUpdateEndpoint']!.Resource).toEqual(['arn:aws:sagemaker:eu-west-1:111122223333:endpoint-config/churn-xgb-2024-09-01', 'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn']);
    expect(result.policy.Statement.some((s) => [s.Action].flat().includes('sagemaker:DeleteEndpoint'))).toBe(false);
  });

  it('infers iam:PassRole from the roles the calls handed to SageMaker', () => {
    const pass = result.policy.Statement.find((s) => s.Action === 'iam:PassRole')!;
    expect(pass).toEqual({
      Sid: 'PassRoleToSagemaker',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: ['arn:aws:iam::111122223333:role/ml-processing', 'arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-Churn'],
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    });
  });

  it('narrows S3 access to the buckets and folders used', () => {
    const bySid = Object.fromEntries(result.policy.Statement.map((s) => [s.Sid, s]));
    expect(bySid['S3GetObject']!.Resource).toEqual(['arn:aws:s3:::ml-model-artifacts/churn/output/churn-xgb-2024-09-01/output/*', 'arn:aws:s3:::ml-training-data/churn/train/*', 'arn:aws:s3:::ml-training-data/churn/validation/*']);
    expect(bySid['S3ListBucket']!.Resource).toBe('arn:aws:s3:::ml-training-data');
    expect(bySid['S3PutObject']!.Resource).toBe('arn:aws:s3:::ml-model-artifacts/churn/registry/*');
  });

  it('says what it could not see and what it left out', () => {
    expect(result.notes).toEqual(
      expect.arrayContaining([
        expect.stringContaining('iam:PassRole inferred'),
        'no resource-level permissions, so Resource "*": ecr:GetAuthorizationToken',
        '1 call was denied (AccessDenied and similar) and is not granted',
        '1 call needs no permission (sts:GetCallerIdentity)',
        '1 call failed after authorization (for example ResourceNotFound) and is still granted',
      ]),
    );
    // Data events are in these records, so there is no warning about them.
    expect(result.notes.some((n) => n.includes('no S3 data events'))).toBe(false);
  });

  it('is proven: the evaluator allows every observed call under the policy', () => {
    const r = replay(result, '111122223333');
    expect(r.denied).toEqual([]);
    expect(r.allowed).toBe(result.calls.reduce((n, c) => n + c.requests.length, 0));
    expect(result.proof).toEqual({ checked: r.allowed, allowed: r.allowed, failures: [] });
  });

  it('is least: what the role did not do stays denied', () => {
    expect(decide(result, 's3:GetObject', 'arn:aws:s3:::ml-training-data/churn/test/part-0001.csv')).toBe('ImplicitlyDenied');
    expect(decide(result, 's3:PutObject', 'arn:aws:s3:::ml-training-data/churn/train/part-0001.csv')).toBe('ImplicitlyDenied');
    expect(decide(result, 'sagemaker:DeleteEndpoint', 'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn-canary')).toBe('ImplicitlyDenied');
    expect(decide(result, 'sagemaker:CreateTrainingJob', 'arn:aws:sagemaker:eu-west-1:111122223333:training-job/other')).toBe('ImplicitlyDenied');
    expect(decide(result, 'iam:PassRole', 'arn:aws:iam::111122223333:role/ml-processing', { 'iam:PassedToService': 'lambda.amazonaws.com' })).toBe('ImplicitlyDenied');
    expect(decide(result, 'iam:PassRole', 'arn:aws:iam::111122223333:role/admin', { 'iam:PassedToService': 'sagemaker.amazonaws.com' })).toBe('ImplicitlyDenied');
  });

  it('is within the size of a managed policy', () => {
    expect(result.size).toBeLessThan(6144);
  });
});

describe('least-privilege generation from other records', () => {
  it('the documented SageMaker intrusion fixture: the deployer role passes the execution roles it used', async () => {
    const result = await generate('trail/detect/sagemaker-intrusion.json', 'arn:aws:iam::111122223333:role/ml-pipeline-deployer');
    expect(result.calls.map((c) => c.eventName)).toEqual(['CreateTrainingJob', 'CreateModel', 'CreateEndpointConfig']);
    expect(result.policy.Statement.find((s) => s.Action === 'iam:PassRole')?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } });
    expect(result.notes.some((n) => n.includes('no S3 data events'))).toBe(true);
    expect(replay(result, '111122223333').denied).toEqual([]);
  });

  it('real Stratus Red Team records: Bedrock calls of one role session', async () => {
    const result = await generate('iam/generate/stratus-bedrock-invoke-model.json', 'arn:aws:iam::494659789341:role/test-role');
    expect(result.matched).toBe(15);
    expect(result.policy.Statement).toEqual([
      {
        Sid: 'NoResourceLevelPermissions',
        Effect: 'Allow',
        Action: ['bedrock:CreateFoundationModelAgreement', 'bedrock:GetFoundationModelAvailability', 'bedrock:ListFoundationModelAgreementOffers', 'bedrock:PutFoundationModelEntitlement', 'bedrock:PutUseCaseForModelAccess'],
        Resource: '*',
      },
      { Sid: 'BedrockInvokeModel', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:megov-northeast-1r::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0' },
    ]);
    expect(replay(result, '494659789341').denied).toEqual([]);
  });

  it("real Panther test events of one role: Lambda's versioned event names, denied calls left out", async () => {
    const result = await generate('iam/generate/panther-role-tester.json', 'arn:aws:iam::123456789012:role/tester');
    const lambda = result.policy.Statement.find((s) => s.Sid === 'Lambda')!;
    expect(lambda.Action).toEqual(['lambda:AddPermission', 'lambda:DeleteFunction', 'lambda:RemovePermission', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration']);
    expect(lambda.Resource).toBe('arn:aws:lambda:us-west-2:123456789012:function:my-lambda-function');
    expect(result.skipped.denied).toBe(1);
    // PutBucketAcl is granted from its successful call; the denied one adds nothing.
    expect(result.notes).toEqual(expect.arrayContaining([expect.stringContaining('iam:UpdateAssumeRolePolicy: the record does not give RoleNameWithPath')]));
    expect(replay(result, '123456789012').denied).toEqual([]);
  });
});

describe('bad input', () => {
  const records = (...rs: object[]): SourcedRecord[] => rs.map((record, i) => ({ record: record as SourcedRecord['record'], source: { file: 'inline', index: i } }));

  it('rejects a role that is not a role ARN', async () => {
    await expect(generateLeastPrivilege([], { role: 'arn:aws:iam::111122223333:user/alice' })).rejects.toThrow(GenerateError);
    await expect(generateLeastPrivilege([], { role: 'ml-pipeline' })).rejects.toThrow('"ml-pipeline" is not an IAM role ARN');
  });

  it('says when no call of the role is in the records', async () => {
    await expect(generate('iam/generate/stratus-bedrock-invoke-model.json', ML_PIPELINE)).rejects.toThrow(`no call of ${ML_PIPELINE} in 15 records`);
  });

  it('copes with records missing their parts', async () => {
    const session = { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/ml-pipeline/s' };
    const result = await generateLeastPrivilege(
      records(
        { eventTime: 't', eventSource: 'sagemaker.amazonaws.com', eventName: 'ListTrainingJobs', userIdentity: session, requestParameters: null },
        { eventTime: 't', eventSource: 'sagemaker.amazonaws.com', eventName: 'DescribeTrainingJob', userIdentity: session },
        { eventTime: 't', eventSource: 's3.amazonaws.com', eventName: 'GetObject', userIdentity: session, requestParameters: { bucketName: 'b' } },
        { eventTime: 't', eventSource: 'sagemaker.amazonaws.com', eventName: 'ListModels' },
      ),
      { role: ML_PIPELINE },
    );
    expect(result.matched).toBe(3);
    expect(result.proof.failures).toEqual([]);
    expect(result.notes).toEqual(expect.arrayContaining([expect.stringContaining('sagemaker:DescribeTrainingJob: the record does not give TrainingJobName')]));
    expect(result.policy.Statement.find((s) => s.Sid === 'S3GetObject')!.Resource).toBe('arn:aws:s3:::b/*');
  });
});
