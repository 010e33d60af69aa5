import { describe, expect, it } from 'vitest';
import { childPath, pathSteps, PolicyError } from '../../src/iam/policy/errors.js';
import { parseOperator } from '../../src/iam/policy/operators.js';
import { parsePolicy, parsePolicyText } from '../../src/iam/policy/parse.js';

function errorOf(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error('expected a PolicyError');
}

const V = '2012-10-17';

describe('policy parsing', () => {
  it('reads a statement object or array, single values or lists, into one shape', () => {
    const p = parsePolicy({ Version: V, Id: 'x', Statement: { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } }, { id: 'mine' });
    expect(p).toMatchObject({ id: 'mine', kind: 'identity', version: V, policyId: 'x' });
    expect(p.statements).toEqual([{ index: 0, sid: 'A', effect: 'Allow', action: ['s3:GetObject'], resource: ['arn:aws:s3:::b/*'], conditions: [] }]);
  });

  it('reads conditions: operators with qualifiers, keys, values as text', () => {
    const p = parsePolicy({
      Version: V,
      Statement: [
        {
          Effect: 'Deny',
          NotAction: ['iam:*'],
          NotResource: '*',
          Condition: {
            'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['team*', 'env'] },
            NumericLessThan: { 's3:max-keys': 10 },
            bool: { 'aws:SecureTransport': false },
          },
        },
      ],
    });
    expect(p.statements[0]!.conditions).toEqual([
      { operator: 'ForAnyValue:StringLikeIfExists', base: 'StringLike', set: 'ForAnyValue', ifExists: true, key: 'aws:TagKeys', values: ['team*', 'env'], path: 'Statement[0].Condition.ForAnyValue:StringLikeIfExists.aws:TagKeys' },
      { operator: 'NumericLessThan', base: 'NumericLessThan', set: undefined, ifExists: false, key: 's3:max-keys', values: ['10'], path: 'Statement[0].Condition.NumericLessThan.s3:max-keys' },
      { operator: 'Bool', base: 'Bool', set: undefined, ifExists: false, key: 'aws:SecureTransport', values: ['false'], path: 'Statement[0].Condition.bool.aws:SecureTransport' },
    ]);
  });

  it('reads principals: *, and by type, with AWS "*" meaning everyone', () => {
    const p = parsePolicy(
      {
        Version: V,
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 's3:GetObject' },
          { Effect: 'Allow', Principal: { AWS: ['111122223333', 'arn:aws:iam::444455556666:role/R'], Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' },
          { Effect: 'Deny', NotPrincipal: { AWS: '*' }, Action: '*' },
        ],
      },
      { kind: 'resource' },
    );
    expect(p.statements[0]!.principal).toMatchObject({ wildcard: true });
    expect(p.statements[1]!.principal).toEqual({ wildcard: false, AWS: ['111122223333', 'arn:aws:iam::444455556666:role/R'], Service: ['sagemaker.amazonaws.com'], Federated: [], CanonicalUser: [] });
    expect(p.statements[2]!.notPrincipal).toMatchObject({ wildcard: true });
  });

  it.each([
    [{ Statement: [] , Version: '2020-01-01' }, 'Version', /Version must be/],
    [{ Version: V }, '', /no Statement/],
    [{ Version: V, Statement: [], Extra: 1 }, 'Extra', /unknown policy element "Extra"/],
    [{ Version: V, Statement: [{ Action: '*', Resource: '*' }] }, 'Statement[0]', /no Effect/],
    [{ Version: V, Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] }, 'Statement[0].Effect', /"Allow" or "Deny"/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Resource: '*' }] }, 'Statement[0]', /needs Action or NotAction/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' }] }, 'Statement[0].NotAction', /both Action and NotAction/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] }, 'Statement[0]', /needs Resource or NotResource/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'GetObject'], Resource: '*' }] }, 'Statement[0].Action[1]', /not an action/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Action: 's*:GetObject', Resource: '*' }] }, 'Statement[0].Action', /wildcards only after the colon/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] }, 'Statement[0].Action', /list is empty/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: [1] }] }, 'Statement[0].Resource[0]', /expected a string, not the number 1/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }, 'Statement[0].Principal', /not allowed in an identity policy/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqualz: { k: 'v' } } }] }, 'Statement[0].Condition.StringEqualz', /unknown condition operator "StringEqualz"/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { NullIfExists: { k: 'true' } } }] }, 'Statement[0].Condition.NullIfExists', /unknown condition operator/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { k: [['nested']] } } }] }, 'Statement[0].Condition.StringEquals.k[0]', /expected a string .* not an array/],
    [{ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: 'v' } }] }, 'Statement[0].Condition.StringEquals', /must map condition keys/],
  ])('rejects %j at %s', (doc, path, message) => {
    const e = errorOf(() => parsePolicy(doc));
    expect(e.path).toBe(path);
    expect(e.message).toMatch(message);
  });

  it('quotes keys that would read as path syntax, and reads such paths back', () => {
    const e = errorOf(() => parsePolicy({ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'a.b c': [{}] } } }] }));
    expect(e.path).toBe('Statement[0].Condition.StringEquals["a.b c"][0]');
    expect(pathSteps(e.path)).toEqual(['Statement', 0, 'Condition', 'StringEquals', 'a.b c', 0]);
    expect(childPath('', 'aws:PrincipalTag/team')).toBe('aws:PrincipalTag/team');
  });

  it('requires a principal in resource policies, and takes none in the others', () => {
    expect(errorOf(() => parsePolicy({ Version: V, Statement: [{ Effect: 'Allow', Action: '*' }] }, { kind: 'resource' })).message).toMatch(/needs Principal or NotPrincipal/);
    expect(errorOf(() => parsePolicy({ Version: V, Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] }, { kind: 'scp' })).message).toMatch(/not allowed in a service control policy/);
    expect(errorOf(() => parsePolicy({ Version: V, Statement: [{ Effect: 'Allow', Principal: { Role: 'x' }, Action: '*' }] }, { kind: 'resource' })).path).toBe('Statement[0].Principal.Role');
    expect(errorOf(() => parsePolicy({ Version: V, Statement: [{ Effect: 'Deny', Principal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' }] }, { kind: 'rcp' })).message).toMatch(/must be "\*"/);
    expect(errorOf(() => parsePolicy({ Version: V, Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' }] }, { kind: 'rcp' })).message).toMatch(/NotPrincipal is not supported/);
  });

  it('places errors in policy text at line and column', () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" },
    { "Effect": "Deny", "Action": "s3:*", "Resource": "*",
      "Condition": { "StringEqualz": { "aws:SourceVpce": "vpce-1" } } }
  ]
}`;
    const e = errorOf(() => parsePolicyText(text, { source: 'p.json' }));
    expect(e.toString()).toBe('p.json:6:22: Statement[1].Condition.StringEqualz: unknown condition operator "StringEqualz"');
  });

  it('never quotes huge or deep values in messages', () => {
    const e = errorOf(() => parsePolicy({ Version: 'x'.repeat(100_000), Statement: [] }));
    expect(e.message.length).toBeLessThan(200);
  });
});

describe('condition operators', () => {
  it('knows every operator family, with set qualifiers and IfExists', () => {
    for (const name of ['StringEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'NumericGreaterThanEquals', 'DateNotEquals', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnNotLike', 'Null']) {
      expect(parseOperator(name)?.spec.name).toBe(name);
    }
    expect(parseOperator('ForAllValues:StringLikeIfExists')).toMatchObject({ set: 'ForAllValues', ifExists: true, spec: { name: 'StringLike' } });
    expect(parseOperator('foranyvalue:stringequals')).toMatchObject({ set: 'ForAnyValue', spec: { name: 'StringEquals' } });
    expect(parseOperator('ForSomeValues:StringEquals')).toBeUndefined();
    expect(parseOperator('ForAllValues:Null')).toBeUndefined();
    expect(parseOperator('StringEqualz')).toBeUndefined();
  });
});
