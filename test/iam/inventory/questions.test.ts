import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadIamWorld } from '../../../src/iam/inventory/load.js';
import { can, whoCan, type PrincipalAnswer } from '../../../src/iam/inventory/questions.js';
import { ResolveError, checkAction, resolvePrincipal, resolveResource } from '../../../src/iam/inventory/resolve.js';
import { buildIamWorld } from '../../../src/iam/inventory/world.js';
import { inv, ref, res, sub } from '../../rules/support.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const worlds = new Map<string, ReturnType<typeof loadIamWorld>>();
const world = (stack: string) => {
  let w = worlds.get(stack);
  if (!w) worlds.set(stack, (w = loadIamWorld({ paths: [`${EXAMPLES}${stack}`] })));
  return w;
};

/** `status: target, target` per principal that is not denied, for compact assertions. */
function summary(answers: PrincipalAnswer[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of answers) {
    if (a.status === 'denied') continue;
    out[a.principal.label] = a.targets.filter((t) => t.answer.status !== 'denied').map((t) => `${t.answer.status}: ${t.target.label}${t.answer.conditionsText ? ` when ${t.answer.conditionsText}` : ''}`);
  }
  return out;
}

const STACKS = [
  { source: 'cloudformation', bucket: 'TrainingDataBucket', role: 'SageMakerExecutionRole', endpoint: '{S3GatewayEndpoint}' },
  { source: 'terraform', bucket: 'aws_s3_bucket.training_data', role: 'aws_iam_role.sagemaker_execution', endpoint: '{aws_vpc_endpoint.s3}' },
] as const;

describe.each(STACKS)('who can s3:GetObject on the training bucket ($source)', ({ source, bucket, role, endpoint }) => {
  it('insecure stack: the execution role and anyone else in the account, from anywhere', async () => {
    const { world: w, inputs } = await world(`insecure-ml-stack/${source}`);
    expect(inputs.filter((i) => i.status === 'failed')).toEqual([]);
    const answers = whoCan(w, 's3:GetObject', resolveResource(w, bucket, 's3:GetObject'));
    expect(summary(answers)).toEqual({
      [`role ${role}`]: ['allowed: any object'],
      'any other principal of this account (with permission of its own)': ['allowed: any object'],
    });
    const exec = answers.find((a) => a.principal.label === `role ${role}`)!;
    expect(exec.principal.trustedBy).toEqual(['sagemaker.amazonaws.com']);
    // The grant is the inline s3:* statement, pointed at in the code.
    expect(exec.targets[0]!.deciding.some((d) => d.path?.endsWith('Statement[0]') && d.location !== undefined)).toBe(true);
  });

  it('hardened stack: the role on its prefixes; anyone else only through the S3 gateway endpoint', async () => {
    const { world: w } = await world(`hardened-ml-stack/${source}`);
    const answers = whoCan(w, 's3:GetObject', resolveResource(w, bucket, 's3:GetObject'));
    const any = 'conditional: any object when aws:SourceVpce StringEquals ' + endpoint;
    expect(summary(answers)).toEqual({
      [`role ${role}`]: ['allowed: objects under training/', 'allowed: objects under models/', 'allowed: objects under notebooks/'],
      'any other principal of this account (with permission of its own)': [
        any,
        ...['training/', 'models/', 'notebooks/', 'capture/'].map((p) => `conditional: objects under ${p} when aws:SourceVpce StringEquals ${endpoint}`),
      ],
    });
    // Nobody outside the account, and nobody anonymous.
    expect(answers.find((a) => a.principal.kind === 'any-other-account')!.status).toBe('denied');
    expect(answers.find((a) => a.principal.kind === 'anonymous')!.status).toBe('denied');
  });

  it('answers can for one principal, resolved by logical id or Terraform address', async () => {
    const { world: w } = await world(`hardened-ml-stack/${source}`);
    const p = resolvePrincipal(w, role);
    const put = can(w, p, 's3:PutObject', resolveResource(w, bucket, 's3:PutObject'));
    expect(put.targets.filter((t) => t.answer.status === 'allowed').map((t) => t.target.label)).toEqual(['objects under models/', 'objects under capture/']);
    const pass = can(w, p, 'iam:PassRole', resolveResource(w, '*', 'iam:PassRole'));
    expect(pass.status).toBe('denied');
  });
});

describe('questions with context and endpoints', () => {
  const i = inv(
    res('AWS::S3::Bucket', 'Data', { BucketName: 'acme-data' }),
    res('AWS::S3::BucketPolicy', 'Pol', {
      Bucket: ref('Data'),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: sub(ref('Data', 'Arn'), '/*'), Condition: { StringNotEquals: { 'aws:SourceVpce': ref('Endpoint') } } }],
      },
    }),
    res('AWS::EC2::VPCEndpoint', 'Endpoint', {
      ServiceName: 'com.amazonaws.eu-west-1.s3',
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/public/*' }] },
    }),
  );
  const w = buildIamWorld(i);

  it('takes the context given, and evaluates requests through each endpoint with a policy', () => {
    const other = w.principals.find((p) => p.kind === 'any-in-account')!;
    const target = resolveResource(w, 'arn:aws:s3:::acme-data/private/x', 's3:GetObject');
    const a = can(w, other, 's3:GetObject', target);
    expect(a.targets[0]!.answer.conditionsText).toBe('aws:SourceVpce StringEquals {Endpoint}');
    // Through the endpoint, its policy allows only public/: the private object stays out of reach.
    expect(a.targets[0]!.endpoints).toEqual([expect.objectContaining({ endpoint: 'Endpoint' })]);
    expect(a.targets[0]!.endpoints[0]!.answer.status).toBe('denied');
    expect(can(w, other, 's3:GetObject', target, { context: { 'aws:SourceVpce': 'vpce-elsewhere' } }).status).toBe('denied');
    expect(can(w, other, 's3:GetObject', target, { context: { 'aws:SourceVpce': '{Endpoint}' } }).status).toBe('allowed');
    const pub = can(w, other, 's3:GetObject', resolveResource(w, 'arn:aws:s3:::acme-data/public/x', 's3:GetObject'));
    expect(pub.targets[0]!.endpoints[0]!.answer.status).toBe('allowed');
  });
});

describe('resolving the arguments', () => {
  const i = inv(
    res('AWS::S3::Bucket', 'Data', { BucketName: 'acme-data' }),
    res('AWS::IAM::Role', 'Exec', { RoleName: 'exec', Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/in/*' }] } }] }),
  );
  const w = buildIamWorld(i);

  it('finds resources by logical id, name or ARN, and a bucket\'s objects for object actions', () => {
    expect(resolveResource(w, 'Data', 's3:GetObject').targets.map((t) => t.label)).toEqual(['any object', 'objects under in/']);
    expect(resolveResource(w, 'Data', 's3:ListBucket').targets).toEqual([{ arn: 'arn:aws:s3:::acme-data', label: 'Data (arn:aws:s3:::acme-data)' }]);
    expect(resolveResource(w, 'acme-data', 's3:GetObject').resource?.id).toBe('Data');
    expect(resolveResource(w, 'arn:aws:s3:::acme-data/in/x', 's3:GetObject').resource?.id).toBe('Data');
    expect(resolveResource(w, '*', 'iam:PassRole').targets[0]!.arn).toBe('arn:aws:iam::000000000000:role/{any-RoleNameWithPath}');
    expect(resolveResource(w, '*', 'ecr:GetAuthorizationToken').targets).toEqual([{ arn: '*', label: '*' }]);
  });

  it('finds principals by id, ARN, service, account or "*", and knows what it does not know', () => {
    expect(resolvePrincipal(w, 'Exec').label).toBe('role Exec');
    expect(resolvePrincipal(w, 'arn:aws:iam::000000000000:role/exec').label).toBe('role Exec');
    expect(resolvePrincipal(w, 'sagemaker.amazonaws.com').kind).toBe('service');
    expect(resolvePrincipal(w, '111122223333').arn).toBe('arn:aws:iam::111122223333:root');
    expect(resolvePrincipal(w, '*').kind).toBe('anonymous');
    const stranger = resolvePrincipal(w, 'arn:aws:iam::000000000000:role/not-in-code');
    expect(stranger.label).toMatch(/not in the scanned code/);
    expect(can(w, stranger, 's3:GetObject', resolveResource(w, 'Data', 's3:GetObject')).status).toBe('unknown');
  });

  it('says clearly what is wrong with an argument', () => {
    expect(() => resolveResource(w, 'Nope', 's3:GetObject')).toThrow(ResolveError);
    expect(() => resolveResource(w, 'arn:aws:s3', 's3:GetObject')).toThrow(/not an ARN/);
    expect(() => resolvePrincipal(w, 'Data')).toThrow(/not a principal/);
    expect(() => resolvePrincipal(w, 'Ghost')).toThrow(/not a principal of the scanned code/);
    expect(() => checkAction('s3:GetObjekt')).toThrow(/unknown action/);
    expect(() => checkAction('s4:GetObject')).toThrow(/unknown service/);
    expect(() => checkAction('s3:Get*')).toThrow(/without wildcards/);
  });
});
