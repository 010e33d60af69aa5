import { describe, expect, it } from 'vitest';
import { ACCOUNT, BUCKET, decide, doc, OBJECT, ROLE, SESSION } from './support.js';

// Discovery mode: context keys marked unknown become conditions on the answer.

const identity = [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` })];
const request = (unknownContext: string[], context: Record<string, string> = {}) => ({ principal: SESSION, action: 's3:GetObject', resource: OBJECT, resourceAccount: ACCOUNT, context, unknownContext });
const lockdown = doc({ Sid: 'DenyOutsideVpce', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0abc' } } });

describe('discovery of the conditions under which access is granted', () => {
  it('says the training bucket is readable only through vpce-0abc', () => {
    const r = decide({ request: request(['aws:SourceVpce']), identityPolicies: identity, resourcePolicy: lockdown });
    expect(r.decision).toBe('Allowed');
    expect(r.conditionsText).toBe('aws:SourceVpce StringEquals vpce-0abc');
    expect(r.conditions).toEqual({
      any: [{ all: [{ key: 'aws:SourceVpce', operator: 'StringNotEquals', values: ['vpce-0abc'], negated: true, statement: { policyType: 'resource', policyId: 'resourcePolicy', statementIndex: 0, sid: 'DenyOutsideVpce', effect: 'Deny' } }] }],
    });
  });

  it('lists alternatives and combines requirements of several policy types', () => {
    const bucket = doc(
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } },
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { StringLike: { 'aws:PrincipalTag/team': 'ml*' } } },
    );
    const deny = doc({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const r = decide({ request: request(['aws:SourceVpce', 'aws:PrincipalTag/*', 'aws:SecureTransport']), identityPolicies: [deny], resourcePolicy: bucket });
    expect(r.decision).toBe('Allowed');
    expect(r.conditionsText).toBe('(NOT (aws:SecureTransport Bool false) AND aws:SourceVpce StringEquals vpce-1) OR (NOT (aws:SecureTransport Bool false) AND aws:PrincipalTag/team StringLike ml*)');
  });

  it('answers plainly when the unknown keys do not matter, or are given', () => {
    const plain = decide({ request: request(['aws:SourceIp']), identityPolicies: identity, resourcePolicy: lockdown }).decision;
    expect(plain).toBe('ExplicitlyDenied');
    const given = decide({ request: request(['aws:SourceVpce'], { 'aws:SourceVpce': 'vpce-0abc' }), identityPolicies: identity, resourcePolicy: lockdown });
    expect(given.decision).toBe('Allowed');
    expect(given.conditions).toBeUndefined();
  });

  it('an unconditional deny or a missing grant decides whatever the unknowns are', () => {
    const deny = doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' });
    expect(decide({ request: request(['*']), identityPolicies: [...identity, deny], resourcePolicy: lockdown }).decision).toBe('ExplicitlyDenied');
    expect(decide({ request: request(['*']), identityPolicies: [], resourcePolicy: lockdown })).toMatchObject({ decision: 'ImplicitlyDenied', blockedBy: 'identity' });
  });

  it('handles IfExists, Null and conditions that contradict each other', () => {
    const ifExists = doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } });
    expect(decide({ request: request(['aws:SourceVpce']), identityPolicies: identity, resourcePolicy: ifExists }).conditionsText).toBe('NOT (aws:SourceVpce StringNotEqualsIfExists vpce-1)');
    const needsTag = [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Null: { 'aws:PrincipalTag/team': 'false' } } })];
    expect(decide({ request: request(['aws:PrincipalTag/*']), identityPolicies: needsTag }).conditionsText).toBe('aws:PrincipalTag/team Null false');
    const never = [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }), doc({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })];
    expect(decide({ request: request(['aws:SourceVpce']), identityPolicies: never })).toMatchObject({ decision: 'ImplicitlyDenied' });
  });

  it('treats conditions whose policy variables read unknown keys as unknown', () => {
    const own = [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } })];
    const r = decide({ request: request(['aws:PrincipalTag/*'], { 'aws:ResourceTag/team': 'ml' }), identityPolicies: own });
    expect(r.conditionsText).toBe('aws:ResourceTag/team StringEquals ${aws:PrincipalTag/team}');
  });

  it('names as deciding the grant that surely holds, else the one that may', () => {
    const conditionalGrant = doc({ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-2' } } });
    const sure = decide({ request: request(['aws:SourceVpce']), identityPolicies: identity, resourcePolicy: conditionalGrant });
    expect(sure.decision).toBe('Allowed');
    expect(sure).not.toHaveProperty('conditions');
    expect(sure.decidingStatements.map((d) => d.policyType)).toEqual(['identity']);
    const maybe = decide({ request: request(['aws:SourceVpce']), identityPolicies: [], resourcePolicy: conditionalGrant });
    expect(maybe).toMatchObject({ decision: 'Allowed', resourceGrant: 'role', conditionsText: 'aws:SourceVpce StringEquals vpce-2' });
    expect(maybe.decidingStatements.map((d) => d.policyType)).toEqual(['resource']);
  });
});
