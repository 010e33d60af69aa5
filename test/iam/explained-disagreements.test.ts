import { describe, expect, it } from 'vitest';
import { A, B, type CaseDoc } from './differential/generate.js';
import { askOracle } from './differential/oracle.js';
import { askOurs } from './differential/ours.js';
import { SHAPES } from './differential/shapes.js';

/**
 * Every shape the differential test skips has a case here: ringfence answers what the AWS
 * documentation quoted in the shape says, and the oracle (@cloud-copilot/iam-simulate) answers
 * otherwise. If the oracle is fixed, its test fails and the shape can go.
 */

const v = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const user = `arn:aws:iam::${A}:user/alice`;
const session = `arn:aws:sts::${A}:assumed-role/DataScientist/alice-session`;
const object = 'arn:aws:s3:::ml-training/data/train.csv';
const get = (principal: string, context: Record<string, string | string[]> = {}): CaseDoc['request'] => ({ principal, action: 's3:GetObject', resource: object, resourceAccount: A, context });
const allowAll = [{ name: 'all', policy: v({ Effect: 'Allow', Action: '*', Resource: '*' }) }];

const EXAMPLES: Record<string, { case: CaseDoc; ringfence: string; oracle: string }> = {
  'rcp-on-service-without-rcp-support': {
    case: {
      request: { principal: user, action: 'sagemaker:CreatePresignedNotebookInstanceUrl', resource: `arn:aws:sagemaker:us-east-1:${A}:notebook-instance/research`, resourceAccount: A, context: {} },
      identityPolicies: allowAll,
      resourceControlPolicies: [{ orgIdentifier: 'r-root', policies: [{ name: 'rcp', policy: v({ Effect: 'Deny', Principal: '*', Action: 'sagemaker:*', Resource: '*' }) }] }],
    },
    ringfence: 'Allowed',
    oracle: 'ExplicitlyDenied',
  },
  'root-user': {
    case: { request: get(`arn:aws:iam::${A}:root`), identityPolicies: [] },
    ringfence: 'Allowed',
    oracle: 'ImplicitlyDenied',
  },
  'notprincipal-names-part-of-the-caller': {
    case: {
      request: get(user),
      identityPolicies: allowAll,
      resourcePolicy: v({ Effect: 'Deny', NotPrincipal: { AWS: user }, Action: 's3:*', Resource: 'arn:aws:s3:::ml-training/*' }),
    },
    ringfence: 'ExplicitlyDenied',
    oracle: 'Allowed',
  },
  'date-in-epoch-seconds': {
    // 1767225600 is 2026-01-01T00:00:00Z in seconds; read as milliseconds it is January 1970.
    case: {
      request: get(user, { 'aws:CurrentTime': '2025-06-01T00:00:00Z' }),
      identityPolicies: [{ name: 'from-2026', policy: v({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '1767225600' } } }) }],
    },
    ringfence: 'ImplicitlyDenied',
    oracle: 'Allowed',
  },
  'foranyvalue-ifexists-absent-key': {
    case: {
      request: get(user),
      identityPolicies: [...allowAll, { name: 'deny', policy: v({ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'secret' } } }) }],
    },
    ringfence: 'ExplicitlyDenied',
    oracle: 'Allowed',
  },
  'session-arn-grant-beyond-session-policy': {
    case: {
      request: get(session),
      identityPolicies: [],
      sessionPolicy: v({ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' }),
      resourcePolicy: v({ Effect: 'Allow', Principal: { AWS: session }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::ml-training/*' }),
    },
    ringfence: 'Allowed',
    oracle: 'ImplicitlyDenied',
  },
  'ip-without-prefix-other-family': {
    case: {
      request: get(user, { 'aws:SourceIp': '2001:db8::1' }),
      identityPolicies: [{ name: 'not-from-there', policy: v({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.7' } } }) }],
    },
    ringfence: 'Allowed',
    oracle: 'ImplicitlyDenied',
  },
};

describe('explained disagreements with iam-simulate', () => {
  it('has one documented example per skipped shape', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(SHAPES.map((s) => s.name).sort());
    for (const s of SHAPES) expect(s.decidedBy).toMatch(/User Guide|API Reference/);
  });

  for (const shape of SHAPES) {
    it(`${shape.name}: ${shape.decidedBy}`, async () => {
      const example = EXAMPLES[shape.name]!;
      const oracle = await askOracle(example.case);
      expect(shape.applies(example.case, oracle.ignoredContextKeys)).toBe(true);
      expect(askOurs(example.case, oracle.ignoredContextKeys).decision).toBe(example.ringfence);
      expect(oracle.decision).toBe(example.oracle);
    });
  }

  it('the shapes do not catch ordinary cases', () => {
    const ordinary: CaseDoc = { request: get(user, { 'aws:SourceIp': '10.0.0.1' }), identityPolicies: allowAll, resourcePolicy: v({ Effect: 'Deny', NotPrincipal: { AWS: [user, `arn:aws:iam::${A}:root`] }, Action: 's3:*', Resource: '*' }) };
    expect(SHAPES.filter((s) => s.applies(ordinary, [])).map((s) => s.name)).toEqual([]);
    const crossAccount: CaseDoc = { request: { ...get(`arn:aws:iam::${B}:user/bob`), resourceAccount: A }, identityPolicies: allowAll };
    expect(SHAPES.filter((s) => s.applies(crossAccount, [])).map((s) => s.name)).toEqual([]);
  });
});
