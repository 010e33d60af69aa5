import { describe, expect, it } from 'vitest';
import { Expr, Ref, Unknown } from '../../../src/core/value.js';
import { parseDocument, statements } from '../../../src/rules/lib/policy-document.js';
import { ref, sub } from '../support.js';

describe('policy-document', () => {
  it('takes objects as they are and parses JSON text (Terraform jsonencode, heredocs)', () => {
    const obj = { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
    expect(parseDocument(obj)).toEqual({ state: 'parsed', document: obj });
    expect(parseDocument(JSON.stringify(obj))).toEqual({ state: 'parsed', document: obj });
  });

  it('puts references embedded in JSON text back where they stood', () => {
    const d = parseDocument(sub('{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["', ref('B', 'Arn'), '/*","', ref('K', 'Arn'), '"]}]}'));
    expect(d.state).toBe('parsed');
    const res = (d as unknown as { document: { Statement: { Resource: unknown[] }[] } }).document.Statement[0]!.Resource;
    expect(res[0]).toBeInstanceOf(Expr);
    expect((res[0] as Expr).parts).toEqual([new Ref('t#B', 'Arn'), '/*']);
    expect(res[1]).toEqual(new Ref('t#K', 'Arn'));
  });

  it('is unknown for invalid JSON, unknown values, and references outside strings', () => {
    expect(parseDocument('{not json').state).toBe('unknown');
    expect(parseDocument(new Unknown('param')).state).toBe('unknown');
    expect(parseDocument(sub('{"Statement":', ref('List'), '}')).state).toBe('unknown');
    expect(parseDocument(undefined)).toEqual({ state: 'absent' });
  });

  it('lists statements with their paths, one object or a list', () => {
    expect(statements({ Statement: { Effect: 'Allow' } }, 'PolicyDocument')).toEqual([{ path: 'PolicyDocument.Statement', statement: { Effect: 'Allow' } }]);
    expect(statements({ Statement: [{ Effect: 'Deny' }, { Effect: 'Allow' }] }, 'Policies[2].PolicyDocument')).toEqual([
      { path: 'Policies[2].PolicyDocument.Statement[0]', statement: { Effect: 'Deny' } },
      { path: 'Policies[2].PolicyDocument.Statement[1]', statement: { Effect: 'Allow' } },
    ]);
    expect(statements({ Statement: [new Unknown('x')] }, 'P')).toEqual({ unknown: 'x' });
  });
});
