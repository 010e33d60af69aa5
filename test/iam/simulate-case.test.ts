import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/iam/policy/errors.js';
import { parseCase, parseCaseText, simulate } from '../../src/iam/simulate/case.js';
import { readCaseFile } from '../../src/iam/simulate/read.js';
import { ACCOUNT, doc, OBJECT, USER } from './support.js';

function errorOf(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error('expected a PolicyError');
}

const request = { principal: USER, action: 's3:GetObject', resource: OBJECT };
const allow = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });

describe('simulation cases', () => {
  it('reads every policy type, named or not, and keeps the request as given', () => {
    const c = parseCase({
      request: { ...request, resourceAccount: ACCOUNT, context: { 'aws:SecureTransport': true, 'aws:TagKeys': ['a', 'b'], 's3:max-keys': 10 }, unknownContext: ['aws:SourceVpce'] },
      identityPolicies: [allow, { name: 'named', policy: allow }],
      resourcePolicy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }),
      endpointPolicies: [doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' })],
      permissionBoundaries: [allow],
      sessionPolicy: allow,
      serviceControlPolicies: [{ orgIdentifier: 'r-1', policies: [allow] }],
      resourceControlPolicies: [{ orgIdentifier: 'r-1', policies: [doc({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: '*' })] }],
    });
    expect(c.policies.identityPolicies!.map((p) => 'id' in p && p.id)).toEqual(['identityPolicies[0]', 'named']);
    expect(c.policies.serviceControlPolicies![0]!.policies.map((p) => 'kind' in p && p.kind)).toEqual(['scp']);
    expect(c.request.context).toEqual({ 'aws:SecureTransport': true, 'aws:TagKeys': ['a', 'b'], 's3:max-keys': 10 });
    expect(simulate(c).decision).toBe('Allowed');
  });

  it.each([
    [{}, '', /no "request"/],
    [[], '', /must be a JSON object/],
    [{ request, identityPolicies: [allow], extra: 1 }, 'extra', /unknown field "extra"/],
    [{ request: { ...request, who: 1 } }, 'request.who', /unknown request field/],
    [{ request: { action: 's3:GetObject', resource: '*' } }, 'request', /no "principal"/],
    [{ request: { ...request, principal: 42 } }, 'request.principal', /must be a string/],
    [{ request: { ...request, principal: 'alice' } }, 'request.principal', /not a principal/],
    [{ request: { ...request, action: 'GetObject' } }, 'request.action', /not an action/],
    [{ request: { ...request, resourceAccount: '12' } }, 'request.resourceAccount', /12-digit/],
    [{ request: { ...request, context: { k: { nested: true } } } }, 'request.context.k', /must be a string/],
    [{ request: { ...request, context: { k: [[1]] } } }, 'request.context.k[0]', /must be a string/],
    [{ request, identityPolicies: allow }, 'identityPolicies', /must be a list/],
    [{ request, identityPolicies: [allow, doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEqualz: {} } })] }, 'identityPolicies[1].Statement[0].Condition.StringEqualz', /unknown condition operator/],
    [{ request, identityPolicies: [{ name: 'n', policy: doc({ Effect: 'Allow', Action: 'x', Resource: '*' }) }] }, 'identityPolicies[0].policy.Statement[0].Action', /not an action/],
    [{ request, resourcePolicy: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }, 'resourcePolicy.Statement[0]', /needs Principal or NotPrincipal/],
    [{ request, serviceControlPolicies: [{ policies: [] }] }, 'serviceControlPolicies[0].orgIdentifier', /orgIdentifier/],
    [{ request, serviceControlPolicies: [{ orgIdentifier: 'r', policies: [doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' })] }] }, 'serviceControlPolicies[0].policies[0].Statement[0].Principal', /not allowed in a service control policy/],
    [{ request: { ...request, unknownContext: 'aws:SourceVpce' } }, 'request.unknownContext', /list of context key names/],
  ])('rejects %j at %j', (c, path, message) => {
    const e = errorOf(() => parseCase(c));
    expect(e.path).toBe(path);
    expect(e.message).toMatch(message);
  });

  it('places errors in case text at file, line and column', () => {
    const text = JSON.stringify({ request, identityPolicies: [allow, doc({ Effect: 'Maybe', Action: '*', Resource: '*' })] }, null, 2);
    const e = errorOf(() => parseCaseText(text, 'case.json'));
    expect(e.toString()).toMatch(/^case\.json:\d+:\d+: identityPolicies\[1\]\.Statement\[0\]\.Effect: Effect must be "Allow" or "Deny", not "Maybe"$/);
    const line = text.split('\n').findIndex((l) => l.includes('"Maybe"')) + 1;
    expect(e.line).toBe(line);
  });

  it('reads case files and reports unreadable ones as errors, not exceptions', async () => {
    const ok = await readCaseFile('test/fixtures/iam/cases/training-data-vpce.json');
    expect('case' in ok && simulate(ok.case).decision).toBe('Allowed');
    expect(await readCaseFile('test/fixtures/iam/cases/missing.json')).toEqual({ error: 'test/fixtures/iam/cases/missing.json: no such file' });
    expect(await readCaseFile('test/fixtures/iam')).toEqual({ error: 'test/fixtures/iam: not a file' });
  });
});
