import { describe, expect, it } from 'vitest';
import { Unknown } from '../../../src/core/value.js';
import { evaluate } from '../../../src/iam/evaluate/evaluate.js';
import { boundPolicy } from '../../../src/iam/inventory/bounded-policy.js';
import type { Policy } from '../../../src/iam/policy/types.js';
import { THIS_ACCOUNT, THIS_REGION } from '../../../src/iam/inventory/placeholders.js';
import { SymbolTable } from '../../../src/iam/inventory/symbols.js';
import { inv } from '../../rules/support.js';

const symbols = new SymbolTable(inv(), { account: THIS_ACCOUNT, region: THIS_REGION });
const bound = (doc: unknown, kind: 'identity' | 'resource' = 'identity') =>
  boundPolicy(doc as never, { origin: { id: 'p', label: 'p' }, kind, symbols, path: 'PolicyDocument' })!;
const unknown = new Unknown('parameter P has no default');
const principal = `arn:aws:iam::${THIS_ACCOUNT}:role/r`;
const decide = (policy: Policy[], action: string, resource: string) =>
  evaluate({ principal, action, resource, resourceAccount: THIS_ACCOUNT }, { identityPolicies: policy }).decision;

describe('bounded policies', () => {
  it('is exact (one policy for both bounds) when every value is known', () => {
    const p = bound({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
    expect(p.exact).toBe(true);
    expect(p.lower).toBe(p.upper);
    expect(p.gaps).toEqual([]);
    expect(p.origin.statementPaths).toEqual(['PolicyDocument.Statement[0]']);
  });

  it('drops an Allow with an unknown value from the lower bound and widens it in the upper, keeping statement positions', () => {
    const p = bound({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: unknown },
      ],
    });
    expect(p.exact).toBe(false);
    expect(p.gaps).toEqual([{ path: 'PolicyDocument.Statement[1].Resource', reason: 'parameter P has no default' }]);
    expect(p.lower.statements).toHaveLength(2);
    expect(decide([p.lower], 's3:GetObject', 'arn:aws:s3:::any/x')).toBe('ImplicitlyDenied');
    expect(decide([p.upper], 's3:GetObject', 'arn:aws:s3:::any/x')).toBe('Allowed');
    expect(decide([p.lower], 's3:PutObject', 'arn:aws:s3:::b/x')).toBe('Allowed');
  });

  it('widens a Deny with an unknown condition value in the lower bound (it may apply everywhere) and drops it from the upper', () => {
    const p = bound({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': unknown } } },
      ],
    });
    expect(decide([p.lower], 's3:GetObject', 'arn:aws:s3:::b/x')).toBe('ExplicitlyDenied');
    expect(decide([p.upper], 's3:GetObject', 'arn:aws:s3:::b/x')).toBe('Allowed');
    expect(p.lower.statements[1]!.conditions).toEqual([]);
  });

  it('widens NotAction and NotResource by excluding less, and an unknown principal to "*"', () => {
    const p = bound(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: unknown }, NotAction: ['iam:*', unknown], NotResource: [unknown] }] },
      'resource',
    );
    const st = p.upper.statements[0]!;
    expect(st.principal?.wildcard).toBe(true);
    expect(st.notAction).toEqual(['iam:*']);
    expect(st.notResource).toEqual(['arn:aws:ringfence-none:::none']);
  });

  it('treats a document that is unknown, or that IAM would reject, as possibly anything', () => {
    const whole = bound(unknown);
    expect(decide([whole.lower], 's3:GetObject', 'arn:aws:s3:::b/x')).toBe('ExplicitlyDenied');
    expect(decide([whole.upper], 's3:GetObject', 'arn:aws:s3:::b/x')).toBe('Allowed');
    const invalid = bound({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3 GetObject', Resource: '*' }] });
    expect(invalid.exact).toBe(false);
    expect(invalid.gaps[0]!.path).toMatch(/^PolicyDocument\.Statement\[0\]\.Action/);
    expect(invalid.gaps[0]!.reason).toMatch(/is not an action/);
    expect(boundPolicy(undefined, { origin: { id: 'x', label: 'x' }, kind: 'identity', symbols, path: 'P' })).toBeUndefined();
  });

  it('reads documents written as JSON text (Terraform jsonencode, heredocs)', () => {
    const p = bound(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' } }));
    expect(p.exact).toBe(true);
    expect(p.origin.statementPaths).toEqual(['PolicyDocument.Statement']);
  });
});
