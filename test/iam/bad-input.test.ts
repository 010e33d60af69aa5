import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/iam/evaluate/evaluate.js';
import { compilePolicy } from '../../src/iam/evaluate/compile.js';
import { PolicyError } from '../../src/iam/policy/errors.js';
import { parsePolicy, parsePolicyText } from '../../src/iam/policy/parse.js';
import { parseCaseText } from '../../src/iam/simulate/case.js';
import { ACCOUNT, OBJECT, USER } from './support.js';

function errorOf(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error('expected a PolicyError');
}

const SERVICES = ['s3', 'sagemaker', 'kms', 'iam', 'sts', 'ec2', 'lambda', 'glue', 'logs', 'ecr'];

/** A 10,000-statement policy: every statement names its own resource, one in seven is a deny. */
function bigPolicy(sameService = false): Record<string, unknown> {
  const Statement = Array.from({ length: 10_000 }, (_, i) => ({
    Sid: `S${i}`,
    Effect: i % 7 === 6 ? 'Deny' : 'Allow',
    Action: `${sameService ? 's3' : SERVICES[i % SERVICES.length]}:Get*`,
    Resource: `arn:aws:s3:::bucket-${i}/*`,
    ...(i % 3 === 0 ? { Condition: { StringEquals: { 'aws:SourceVpce': `vpce-${i}` } } } : {}),
  }));
  return { Version: '2012-10-17', Statement };
}

describe('bad and extreme input', () => {
  it('malformed policy JSON: an error with the position, not a stack trace', () => {
    const e = errorOf(() => parsePolicyText('{"Version": "2012-10-17", "Statement": [ {"Effect": "Allow" "Action": "*"} ]}', { source: 'p.json' }));
    expect(e.toString()).toBe("p.json:1:61: malformed JSON: expected ',' or '}' after a property value, found '\"'");
    expect(errorOf(() => parsePolicyText('', { source: 'empty.json' })).toString()).toBe('empty.json:1:1: malformed JSON: unexpected end of input');
    expect(errorOf(() => parsePolicyText('\u0000\u0001binary', { source: 'b.bin' })).message).toMatch(/malformed JSON: unexpected/);
    expect(errorOf(() => parsePolicyText('"just a string"')).message).toMatch(/must be a JSON object, not the string/);
  });

  it('unknown condition operators: the JSON path of the operator', () => {
    const e = errorOf(() => parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { 'ForEveryValue:StringEquals': { 'aws:TagKeys': 'a' } } }] }));
    expect(e.path).toBe('Statement[1].Condition.ForEveryValue:StringEquals');
    expect(e.message).toBe('unknown condition operator "ForEveryValue:StringEquals"');
  });

  it('a 10,000-statement policy parses, compiles and evaluates, visiting only the statements of the request\'s service', () => {
    const policy = compilePolicy(parsePolicy(bigPolicy(), { id: 'big' }));
    const request = { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket-9990/k', resourceAccount: ACCOUNT, context: { 'aws:SourceVpce': 'vpce-9990' } };
    expect(evaluate(request, { identityPolicies: [policy] })).toMatchObject({ decision: 'Allowed', decidingStatements: [{ statementIndex: 9990, sid: 'S9990' }] });
    expect(evaluate({ ...request, resource: 'arn:aws:s3:::bucket-9890/k' }, { identityPolicies: [policy] })).toMatchObject({ decision: 'ExplicitlyDenied', decidingStatements: [{ sid: 'S9890' }] });
    // Statements are indexed by service (speed itself is measured by bench/iam-evaluate.js).
    expect(policy.statements).toHaveLength(10_000);
    expect(policy.candidates('s3')).toHaveLength(1000);
    expect(policy.candidates('s3').every((s) => s.statement.action![0]!.startsWith('s3:'))).toBe(true);
    expect(policy.candidates('sqs')).toHaveLength(0);
  });

  it('a 10,000-statement policy on one service evaluates too', () => {
    const policy = compilePolicy(parsePolicy(bigPolicy(true)));
    expect(policy.candidates('s3')).toHaveLength(10_000);
    expect(evaluate({ principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket-4/k', resourceAccount: ACCOUNT }, { identityPolicies: [policy] })).toMatchObject({ decision: 'Allowed', decidingStatements: [{ sid: 'S4' }] });
    expect(evaluate({ principal: USER, action: 's3:GetObject', resource: OBJECT, resourceAccount: ACCOUNT }, { identityPolicies: [policy] }).decision).toBe('ImplicitlyDenied');
  });

  it('deeply nested conditions: a clear error at the position, no stack overflow', () => {
    const deep = `{"request": {"principal": "${USER}", "action": "s3:GetObject", "resource": "*"}, "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"k": ${'['.repeat(200_000)}"v"${']'.repeat(200_000)}}}}]}]}`;
    const e = errorOf(() => parseCaseText(deep, 'deep.json'));
    // Seven levels lead to the condition value; its 58th bracket is the 65th level (columns count from 1).
    expect(e.toString()).toBe(`deep.json:1:${deep.indexOf('[[') + 58}: JSON nested deeper than 64 levels`);
    // Nesting within the limit but where IAM wants strings: the path of the offending value.
    const nested = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"k": [[["v"]]]}}}]}`;
    expect(errorOf(() => parsePolicyText(nested, { source: 'n.json' })).toString()).toBe('n.json:1:130: Statement[0].Condition.StringEquals.k[0]: expected a string (or number, boolean), not an array');
  });

  it('deep structures built in code are refused without walking them', () => {
    let v: unknown = 'x';
    for (let i = 0; i < 100_000; i++) v = [v];
    const e = errorOf(() => parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { k: v } } }] }));
    expect(e.path).toBe('Statement[0].Condition.StringEquals.k[0]');
  });
});
