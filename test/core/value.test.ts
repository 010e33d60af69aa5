import { describe, expect, it } from 'vitest';
import { Expr, Ref, Unknown, asBoolean, getPath, referencedKeys } from '../../src/core/value.js';

describe('value', () => {
  it('reads nested paths with indexes', () => {
    const v = { A: { B: [{ C: 1 }, { C: 2 }] } };
    expect(getPath(v, 'A.B[1].C')).toBe(2);
    expect(getPath(v, 'A.X.C')).toBeUndefined();
  });
  it('stops at Unknown and returns it', () => {
    const u = new Unknown('parameter P has no default');
    expect(getPath({ A: u }, 'A.B.C')).toBe(u);
  });
  it('treats CloudFormation boolean strings as booleans', () => {
    expect(asBoolean('True')).toBe(true);
    expect(asBoolean('false')).toBe(false);
    expect(asBoolean('yes')).toBeUndefined();
  });
  it('collects references from Ref, Expr and Unknown', () => {
    const v = [new Ref('t#A'), new Expr(['arn:', new Ref('t#B', 'Arn')]), new Unknown('x', ['t#C'])];
    expect([...referencedKeys(v)].sort()).toEqual(['t#A', 't#B', 't#C']);
  });
});
