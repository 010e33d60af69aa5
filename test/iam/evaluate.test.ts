import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/iam/evaluate/evaluate.js';
import { compilePolicySet } from '../../src/iam/evaluate/policy-set.js';
import { prepareRequest } from '../../src/iam/evaluate/request.js';
import { parsePolicy } from '../../src/iam/policy/parse.js';
import { ACCOUNT, BUCKET, decide, doc, OBJECT, OTHER, ROLE, SESSION, USER } from './support.js';

const allowGet = (resource = OBJECT) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: resource });
const request = (principal: string, extra: Record<string, unknown> = {}) => ({ principal, action: 's3:GetObject', resource: OBJECT, resourceAccount: ACCOUNT, ...extra });
const fullAccess = { name: 'FullAWSAccess', policy: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) };

describe('the evaluation logic within one account', () => {
  it('denies by default, allows on an identity Allow, and an explicit Deny wins', () => {
    expect(decide({ request: request(USER), identityPolicies: [] })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'identity', decidingStatements: [] });
    const allowed = decide({ request: request(USER), identityPolicies: [doc(allowGet())] });
    expect(allowed).toMatchObject({ decision: 'Allowed', crossAccount: false });
    expect(allowed.decidingStatements).toEqual([{ policyType: 'identity', policyId: 'identityPolicies[0]', statementIndex: 0, effect: 'Allow' }]);
    const denied = decide({ request: request(USER), identityPolicies: [doc(allowGet()), doc({ Sid: 'NoData', Effect: 'Deny', Action: 's3:*', Resource: '*' })] });
    expect(denied).toMatchObject({ decision: 'ExplicitlyDenied', blockedBy: 'identity' });
    expect(denied.decidingStatements).toEqual([{ policyType: 'identity', policyId: 'identityPolicies[1]', statementIndex: 0, sid: 'NoData', effect: 'Deny' }]);
  });

  it('reproduces the guide\'s example: identity or bucket policy allows, the Deny on *log* wins', () => {
    // IAM User Guide, "Policy evaluation for requests within a single account": carlossalazar.
    const carlos = `arn:aws:iam::${ACCOUNT}:user/carlossalazar`;
    const identity = doc(
      { Sid: 'AllowS3ListRead', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListAllMyBuckets'], Resource: 'arn:aws:s3:::*' },
      { Sid: 'AllowS3Self', Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::carlossalazar/*', 'arn:aws:s3:::carlossalazar'] },
      { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*log*' },
    );
    const bucketPolicy = doc({ Effect: 'Allow', Principal: { AWS: carlos }, Action: 's3:*', Resource: ['arn:aws:s3:::carlossalazar/*', 'arn:aws:s3:::carlossalazar'] });
    const put = (resource: string) => ({ principal: carlos, action: 's3:PutObject', resource, resourceAccount: ACCOUNT });
    expect(decide({ request: put('arn:aws:s3:::carlossalazar-logs/f'), identityPolicies: [identity] })).toMatchObject({ decision: 'ExplicitlyDenied' });
    expect(decide({ request: put('arn:aws:s3:::carlossalazar/f'), identityPolicies: [identity], resourcePolicy: bucketPolicy })).toMatchObject({ decision: 'Allowed' });
    // Either one allowing is enough within the account.
    expect(decide({ request: put('arn:aws:s3:::carlossalazar/f'), identityPolicies: [], resourcePolicy: bucketPolicy })).toMatchObject({ decision: 'Allowed', resourceGrant: 'principal' });
  });

  it('matches actions ignoring case, resources exactly, with * and ? and NotAction/NotResource', () => {
    const ok = (statement: Record<string, unknown>) => decide({ request: request(USER), identityPolicies: [doc(statement)] }).decision === 'Allowed';
    expect(ok({ Effect: 'Allow', Action: 'S3:getobject', Resource: OBJECT })).toBe(true);
    expect(ok({ Effect: 'Allow', Action: 's3:?etObj*', Resource: `${BUCKET}/datasets/*` })).toBe(true);
    expect(ok({ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT.toUpperCase() })).toBe(false);
    expect(ok({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).toBe(true);
    expect(ok({ Effect: 'Allow', NotAction: 's3:Get*', Resource: '*' })).toBe(false);
    expect(ok({ Effect: 'Allow', Action: '*', NotResource: `${BUCKET}/secret/*` })).toBe(true);
    expect(ok({ Effect: 'Allow', Action: '*', NotResource: `${BUCKET}/*` })).toBe(false);
    expect(ok({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::ml-training-data/${aws:username}/*' })).toBe(false);
  });

  it('substitutes variables in the resource part of Resource', () => {
    const home = doc({ Effect: 'Allow', Action: 's3:*', Resource: `${BUCKET}/home/\${aws:username}/*` });
    expect(decide({ request: request(USER, { resource: `${BUCKET}/home/alice/x` }), identityPolicies: [home] }).decision).toBe('Allowed');
    expect(decide({ request: request(USER, { resource: `${BUCKET}/home/bob/x` }), identityPolicies: [home] }).decision).toBe('ImplicitlyDenied');
    // A role session has no aws:username: the variable cannot be resolved, the resource matches nothing.
    expect(decide({ request: request(SESSION, { resource: `${BUCKET}/home/alice/x` }), identityPolicies: [home] }).decision).toBe('ImplicitlyDenied');
  });

  it('a permissions boundary caps identity permissions', () => {
    const boundary = doc({ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' });
    const r = decide({ request: request(USER), identityPolicies: [doc(allowGet())], permissionBoundaries: [boundary] });
    expect(r).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'boundary' });
    expect(decide({ request: request(USER), identityPolicies: [doc(allowGet())], permissionBoundaries: [doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })] }).decision).toBe('Allowed');
    expect(decide({ request: request(USER), identityPolicies: [doc(allowGet())], permissionBoundaries: [doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 's3:*', Resource: '*' })] })).toMatchObject({ decision: 'ExplicitlyDenied', blockedBy: 'boundary' });
  });

  it('a session policy caps a role session', () => {
    const identity = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
    expect(decide({ request: request(SESSION), identityPolicies: [identity], sessionPolicy: doc({ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' }) })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'session' });
    expect(decide({ request: request(SESSION), identityPolicies: [identity], sessionPolicy: doc(allowGet()) }).decision).toBe('Allowed');
    // A federated-user session (GetFederationToken) with no session policy has no permissions.
    const fed = `arn:aws:sts::${ACCOUNT}:federated-user/alice`;
    expect(decide({ request: request(fed), identityPolicies: [identity] })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'session' });
    expect(decide({ request: request(fed), identityPolicies: [identity], sessionPolicy: doc(allowGet()) }).decision).toBe('Allowed');
  });

  describe('resource policies and implicit denies in other policy types (the guide\'s table)', () => {
    const boundaryWithoutS3 = [doc({ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' })];
    const sessionWithoutS3 = doc({ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' });
    const bucket = (principal: unknown) => doc({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `${BUCKET}/*` });

    it('granting the IAM user ARN is limited by neither identity policies nor the boundary', () => {
      expect(decide({ request: request(USER), identityPolicies: [], permissionBoundaries: boundaryWithoutS3, resourcePolicy: bucket({ AWS: USER }) })).toMatchObject({ decision: 'Allowed', resourceGrant: 'principal' });
    });

    it('granting the role ARN is limited by the boundary and the session policy', () => {
      expect(decide({ request: request(SESSION), identityPolicies: [], resourcePolicy: bucket({ AWS: ROLE }) })).toMatchObject({ decision: 'Allowed', resourceGrant: 'role' });
      expect(decide({ request: request(SESSION), identityPolicies: [], permissionBoundaries: boundaryWithoutS3, resourcePolicy: bucket({ AWS: ROLE }) })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'boundary' });
      expect(decide({ request: request(SESSION), identityPolicies: [], sessionPolicy: sessionWithoutS3, resourcePolicy: bucket({ AWS: ROLE }) })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'session' });
      // The role is named by account and name: a path in the policy's role ARN does not matter.
      expect(decide({ request: request(SESSION), identityPolicies: [], resourcePolicy: bucket({ AWS: `arn:aws:iam::${ACCOUNT}:role/teams/ml/DataScientist` }) }).decision).toBe('Allowed');
    });

    it('granting the role session ARN is limited by none of them', () => {
      expect(decide({ request: request(SESSION), identityPolicies: [], permissionBoundaries: boundaryWithoutS3, sessionPolicy: sessionWithoutS3, resourcePolicy: bucket({ AWS: SESSION }) })).toMatchObject({ decision: 'Allowed', resourceGrant: 'principal' });
    });

    it('granting the account delegates to the identity policies', () => {
      expect(decide({ request: request(USER), identityPolicies: [], resourcePolicy: bucket({ AWS: ACCOUNT }) })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'identity' });
      expect(decide({ request: request(USER), identityPolicies: [doc(allowGet())], resourcePolicy: bucket({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) }).decision).toBe('Allowed');
    });

    it('granting everyone (*) is not limited by identity policies or the boundary, but is by a session policy', () => {
      expect(decide({ request: request(USER), identityPolicies: [], permissionBoundaries: boundaryWithoutS3, resourcePolicy: bucket('*') })).toMatchObject({ decision: 'Allowed', resourceGrant: 'wildcard' });
      expect(decide({ request: request(SESSION), identityPolicies: [], sessionPolicy: sessionWithoutS3, resourcePolicy: bucket({ AWS: '*' }) })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'session' });
    });
  });

  it('KMS key policies must allow, even when identity policies do', () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const r = (resourcePolicy?: Record<string, unknown>) =>
      decide({ request: { principal: SESSION, action: 'kms:Decrypt', resource: key }, identityPolicies: [doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })], ...(resourcePolicy ? { resourcePolicy } : {}) });
    expect(r()).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'resource' });
    // The default key policy lets the account's IAM policies decide.
    expect(r(doc({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' })).decision).toBe('Allowed');
    expect(r(doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Other` }, Action: 'kms:*', Resource: '*' }))).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'resource' });
  });

  it('role trust policies must allow sts:AssumeRole; naming the caller needs no identity policy in the same account', () => {
    const admin = `arn:aws:iam::${ACCOUNT}:role/Admin`;
    const assume = (identity: Record<string, unknown>[], trust?: Record<string, unknown>) =>
      decide({ request: { principal: USER, action: 'sts:AssumeRole', resource: admin }, identityPolicies: identity, ...(trust ? { resourcePolicy: trust } : {}) });
    const allowAssume = [doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: admin })];
    expect(assume(allowAssume)).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'resource' });
    expect(assume([], doc({ Effect: 'Allow', Principal: { AWS: USER }, Action: 'sts:AssumeRole' })).decision).toBe('Allowed');
    expect(assume([], doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }))).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'identity' });
    expect(assume(allowAssume, doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' })).decision).toBe('Allowed');
    // A service assumes a role through its trust policy alone.
    const sm = decide({ request: { principal: 'sagemaker.amazonaws.com', action: 'sts:AssumeRole', resource: admin }, identityPolicies: [], resourcePolicy: doc({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }) });
    expect(sm).toMatchObject({ decision: 'Allowed', resourceGrant: 'principal' });
  });

  it('the root user may do anything in its account unless a policy denies it', () => {
    const root = `arn:aws:iam::${ACCOUNT}:root`;
    expect(decide({ request: request(root), identityPolicies: [] }).decision).toBe('Allowed');
    expect(decide({ request: request(root), identityPolicies: [], resourcePolicy: doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${BUCKET}/*` }) }).decision).toBe('ExplicitlyDenied');
    expect(decide({ request: request(root), identityPolicies: [], serviceControlPolicies: [{ orgIdentifier: 'r-1', policies: [doc({ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' })] }] })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'scp' });
  });
});

describe('across accounts', () => {
  const partner = `arn:aws:iam::${OTHER}:user/bob`;
  const bucket = (principal: unknown) => doc({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `${BUCKET}/*` });

  it('both the resource policy and the caller\'s identity policies must allow', () => {
    expect(decide({ request: request(partner), identityPolicies: [doc(allowGet())] })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'resource', crossAccount: true });
    expect(decide({ request: request(partner), identityPolicies: [], resourcePolicy: bucket({ AWS: partner }) })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'identity' });
    for (const principal of [{ AWS: partner }, { AWS: OTHER }, { AWS: `arn:aws:iam::${OTHER}:root` }, '*']) {
      expect(decide({ request: request(partner), identityPolicies: [doc(allowGet())], resourcePolicy: bucket(principal) }).decision).toBe('Allowed');
    }
  });

  it('the caller\'s boundary and SCPs still apply; the resource\'s RCPs apply to everyone', () => {
    const base = { request: request(partner), identityPolicies: [doc(allowGet())], resourcePolicy: bucket({ AWS: OTHER }) };
    expect(decide({ ...base, permissionBoundaries: [doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' })] })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'boundary' });
    const rcp = [{ orgIdentifier: 'r-1', policies: [doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-mine' } } })] }];
    const denied = decide({ ...base, resourceControlPolicies: rcp });
    expect(denied).toMatchObject({ decision: 'ExplicitlyDenied', blockedBy: 'rcp' });
    expect(denied.decidingStatements[0]).toMatchObject({ policyType: 'rcp', orgIdentifier: 'r-1' });
    expect(decide({ ...base, request: request(partner, { context: { 'aws:PrincipalOrgID': 'o-mine' } }), resourceControlPolicies: rcp }).decision).toBe('Allowed');
  });
});

describe('organizations, endpoints and services', () => {
  it('every SCP level from the root to the account must allow', () => {
    const levels = (ou: Record<string, unknown>) => [
      { orgIdentifier: 'r-root', policies: [fullAccess] },
      { orgIdentifier: 'ou-ml', policies: [{ name: 'OnlyML', policy: ou }] },
    ];
    expect(decide({ request: request(USER), identityPolicies: [doc(allowGet())], serviceControlPolicies: levels(doc({ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' })) })).toMatchObject({
      decision: 'ImplicitlyDenied',
      blockedBy: 'scp',
    });
    const ok = decide({ request: request(USER), identityPolicies: [doc(allowGet())], serviceControlPolicies: levels(doc({ Effect: 'Allow', Action: ['sagemaker:*', 's3:*'], Resource: '*' })) });
    expect(ok.decision).toBe('Allowed');
    expect(ok.decidingStatements.filter((d) => d.policyType === 'scp').map((d) => `${d.orgIdentifier}/${d.policyId}`)).toEqual(['r-root/FullAWSAccess', 'ou-ml/OnlyML']);
  });

  it('SCPs and RCPs do not restrict service-linked roles; SCPs do not restrict service principals', () => {
    const slr = `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForAmazonSageMakerNotebooks/SageMaker`;
    const deny = [{ orgIdentifier: 'r-1', policies: [doc({ Effect: 'Deny', Action: '*', Resource: '*' })] }];
    expect(decide({ request: request(slr), identityPolicies: [doc(allowGet())], serviceControlPolicies: deny }).decision).toBe('Allowed');
    expect(decide({ request: request(USER), identityPolicies: [doc(allowGet())], serviceControlPolicies: deny }).decision).toBe('ExplicitlyDenied');
  });

  it('RCPs govern only the services that support them, and always carry RCPFullAWSAccess', () => {
    const nb = `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/research`;
    const rcp = [{ orgIdentifier: 'r-1', policies: [doc({ Effect: 'Deny', Principal: '*', Action: ['sagemaker:*', 's3:*'], Resource: '*' })] }];
    expect(decide({ request: { principal: USER, action: 'sagemaker:CreatePresignedNotebookInstanceUrl', resource: nb }, identityPolicies: [doc({ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' })], resourceControlPolicies: rcp }).decision).toBe('Allowed');
    expect(decide({ request: request(USER), identityPolicies: [doc(allowGet())], resourceControlPolicies: rcp }).decision).toBe('ExplicitlyDenied');
    // An RCP level without Allow statements still allows (RCPFullAWSAccess cannot be detached).
    expect(decide({ request: request(USER), identityPolicies: [doc(allowGet())], resourceControlPolicies: [{ orgIdentifier: 'r-1', policies: [] }] }).decision).toBe('Allowed');
  });

  it('every VPC endpoint policy on the way must allow', () => {
    const endpoint = doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    expect(decide({ request: request(USER), identityPolicies: [doc(allowGet())], endpointPolicies: [endpoint] }).decision).toBe('Allowed');
    expect(decide({ request: request(USER), identityPolicies: [doc(allowGet())], endpointPolicies: [doc({ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: '*' })] })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'endpoint' });
  });

  it('anonymous callers get only what a public resource policy grants', () => {
    const publicRead = doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    expect(decide({ request: request('anonymous'), identityPolicies: [], resourcePolicy: publicRead })).toMatchObject({ decision: 'Allowed', resourceGrant: 'wildcard' });
    expect(decide({ request: request('anonymous'), identityPolicies: [], resourcePolicy: doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }) })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'resource' });
  });
});

describe('NotPrincipal', () => {
  const deny = (names: string[]) => doc({ Effect: 'Deny', NotPrincipal: { AWS: names }, Action: 's3:*', Resource: `${BUCKET}/*` }, { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` });

  it('exempts a caller only when its account, role and session are all listed', () => {
    const all = [SESSION, ROLE, `arn:aws:iam::${ACCOUNT}:root`];
    expect(decide({ request: request(SESSION), identityPolicies: [], resourcePolicy: deny(all) }).decision).toBe('Allowed');
    expect(decide({ request: request(SESSION), identityPolicies: [], resourcePolicy: deny([SESSION, ROLE]) }).decision).toBe('ExplicitlyDenied');
    expect(decide({ request: request(USER), identityPolicies: [], resourcePolicy: deny([USER, ACCOUNT]) }).decision).toBe('Allowed');
    expect(decide({ request: request(USER), identityPolicies: [], resourcePolicy: deny([ACCOUNT]) }).decision).toBe('ExplicitlyDenied');
  });

  it('with Deny, always denies a principal that has a permissions boundary', () => {
    const boundary = [doc({ Effect: 'Allow', Action: '*', Resource: '*' })];
    expect(decide({ request: request(USER), identityPolicies: [], permissionBoundaries: boundary, resourcePolicy: deny([USER, ACCOUNT]) }).decision).toBe('ExplicitlyDenied');
  });
});

describe('the evaluator as a library', () => {
  it('evaluates compiled policies and prepared requests, and compiles a Policy once', () => {
    const policy = parsePolicy(doc(allowGet()), { id: 'p' });
    const set = compilePolicySet({ identityPolicies: [policy] });
    expect(compilePolicySet(set)).toBe(set);
    const prepared = prepareRequest({ principal: USER, action: 's3:GetObject', resource: OBJECT });
    expect(evaluate(prepared, set).decision).toBe('Allowed');
    expect(evaluate({ principal: USER, action: 's3:GetObject', resource: OBJECT }, { identityPolicies: [policy] }).decision).toBe('Allowed');
    expect(evaluate({ principal: USER, action: 's3:GetObject', resource: OBJECT }, { identityPolicies: [policy] }).explanation).toBeUndefined();
  });

  it('derives the context AWS adds about the caller, unless told not to', () => {
    const byArn = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': ROLE }, StringEquals: { 'aws:PrincipalType': 'AssumedRole', 'aws:PrincipalAccount': ACCOUNT } } });
    expect(decide({ request: request(SESSION), identityPolicies: [byArn] }).decision).toBe('Allowed');
    expect(decide({ request: request(SESSION), identityPolicies: [byArn] }, { deriveContext: false }).decision).toBe('ImplicitlyDenied');
    const byName = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:username': 'alice', 'aws:ResourceAccount': ACCOUNT } } });
    expect(decide({ request: request(USER), identityPolicies: [byName] }).decision).toBe('Allowed');
  });

  it('explains each policy type\'s part', () => {
    const r = decide({ request: request(USER), identityPolicies: [doc(allowGet())], serviceControlPolicies: [{ orgIdentifier: 'r-root', policies: [fullAccess] }] });
    expect(r.explanation).toEqual([
      `principal: user ${USER} (account ${ACCOUNT}); resource account ${ACCOUNT}; same account`,
      'scp r-root: allowed by r-root/FullAWSAccess#0',
      'identity: allowed by identityPolicies[0]#0',
    ]);
  });

  it('rejects requests it cannot read', () => {
    expect(() => prepareRequest({ principal: 'bob', action: 's3:GetObject', resource: '*' })).toThrow(/not a principal/);
    expect(() => prepareRequest({ principal: USER, action: 'GetObject', resource: '*' })).toThrow(/not an action/);
    expect(() => prepareRequest({ principal: USER, action: 's3:GetObject', resource: '' })).toThrow(/needs a resource/);
    expect(() => prepareRequest({ principal: `arn:aws:iam::${ACCOUNT}:group/g`, action: 's3:GetObject', resource: '*' })).toThrow(/not a principal that makes requests/);
  });
});
