import { describe, expect, it } from 'vitest';
import { compileFilterPattern, parseFilterPattern } from '../../../src/trail/pattern/index.js';

// The examples of AWS's "Filter pattern syntax" page, with the events they are documented against.
const DOC_EVENT = {
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  ThisFlag: true,
};

const COMPOUND_EVENT = {
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [
    { id: 2, email: 'John.Doe@example.com' },
    { id: 3, email: 'Jane.Doe@example.com' },
  ],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [
    [0, 1, 2],
    [4, 5, 6],
    [7, 8, 9],
  ],
};

const matches = (pattern: string, event: unknown) => compileFilterPattern(pattern).test(typeof event === 'string' ? event : JSON.stringify(event));

describe('JSON filter patterns: AWS documented examples', () => {
  it.each([
    '{ $.eventType = "UpdateTrail" }',
    '{ $.sourceIPAddress != 123.123.* }',
    '{ $.arrayKey[0] = "value" }',
    '{ $.objectList[1].id = 2 }',
    '{ $.SomeObject IS NULL }',
    '{ $.SomeOtherObject NOT EXISTS }',
    '{ $.ThisFlag IS TRUE }',
  ])('%s matches the documented event', (p) => {
    expect(matches(p, DOC_EVENT)).toBe(true);
  });

  it.each([
    ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
    ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
    ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', true],
    ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }', false],
  ])('compound %s → %s (&& binds tighter than ||)', (p, expected) => {
    expect(matches(p, COMPOUND_EVENT)).toBe(expected);
  });

  it('never applies a comparison to an array or object: both = and != fail', () => {
    const ev = { users: [1, 2, 3], obj: { a: 1 } };
    expect(matches('{ $.users = 1 }', ev)).toBe(false);
    expect(matches('{ $.users != 1 }', ev)).toBe(false);
    expect(matches('{ $.obj = "x" }', ev)).toBe(false);
    expect(matches('{ $.obj != "x" }', ev)).toBe(false);
  });

  it('treats a missing field or null like a container: no comparison holds', () => {
    expect(matches('{ $.nope = "x" }', DOC_EVENT)).toBe(false);
    expect(matches('{ $.nope != "x" }', DOC_EVENT)).toBe(false);
    expect(matches('{ $.SomeObject != "x" }', DOC_EVENT)).toBe(false);
    expect(matches('{ $.nope NOT EXISTS }', DOC_EVENT)).toBe(true);
    expect(matches('{ $.eventType NOT EXISTS }', DOC_EVENT)).toBe(false);
    expect(matches('{ $.SomeObject NOT EXISTS }', DOC_EVENT)).toBe(false);
    expect(matches('{ $.ThisFlag IS FALSE }', DOC_EVENT)).toBe(false);
    expect(matches('{ $.eventType IS NULL }', DOC_EVENT)).toBe(false);
  });

  it('does not match messages that are not JSON', () => {
    expect(matches('{ $.a = "b" }', 'a = b')).toBe(false);
    expect(matches('{ $.a = "b" }', '{"a": "b"')).toBe(false);
  });
});

describe('JSON filter patterns: strings and wildcards', () => {
  const ev = { errorCode: 'Client.UnauthorizedOperation', eventName: 'Ev*ent', n: 42, flag: false };

  it('matches * at the start, the end or both', () => {
    expect(matches('{ $.errorCode = "*UnauthorizedOperation" }', ev)).toBe(true);
    expect(matches('{ $.errorCode = "Client.*" }', ev)).toBe(true);
    expect(matches('{ $.errorCode = "*Unauthorized*" }', ev)).toBe(true);
    expect(matches('{ $.errorCode = "Unauthorized*" }', ev)).toBe(false);
    expect(matches('{ $.errorCode = * }', ev)).toBe(true);
  });

  it('treats * in the middle as a literal character, as AWS documents for Ev*ent', () => {
    expect(matches('{ $.eventName = "Ev*ent" }', ev)).toBe(true);
    expect(matches('{ $.eventName = "Ev*ent" }', { eventName: 'Event' })).toBe(false);
    expect(matches('{ $.eventName = "Ev*ent" }', { eventName: 'EvXent' })).toBe(false);
  });

  it('is case-sensitive', () => {
    expect(matches('{ $.errorCode = "client.unauthorizedoperation" }', ev)).toBe(false);
  });

  it('accepts unquoted values with dots, dashes and *, and escapes in quoted ones', () => {
    expect(matches('{ $.eventSource = kms.amazonaws.com }', { eventSource: 'kms.amazonaws.com' })).toBe(true);
    expect(matches('{ $.q = "say \\"hi\\"" }', { q: 'say "hi"' })).toBe(true);
    expect(matches('{ $.star = "\\*" }', { star: '*' })).toBe(true);
    expect(matches('{ $.star = "\\*" }', { star: 'x' })).toBe(false);
  });

  it('compares a quoted string with a number or boolean by its text', () => {
    expect(matches('{ $.n = "42" }', ev)).toBe(true);
    expect(matches('{ $.n = "4*" }', ev)).toBe(true);
    expect(matches('{ $.flag = "false" }', ev)).toBe(true);
  });
});

describe('JSON filter patterns: numbers', () => {
  const ev = { latency: 1500, ratio: 0.004, code: '404', name: 'x', big: 12000 };

  it.each([
    ['{ $.latency >= 500 }', true],
    ['{ $.latency > +1000 }', true],
    ['{ $.latency < 1000 }', false],
    ['{ $.latency <= 1500 }', true],
    ['{ $.latency = 1500.0 }', true],
    ['{ $.latency != 1500 }', false],
    ['{ $.ratio < 10e-3 }', true],
    ['{ $.big < 10e3 }', false],
    ['{ $.latency = -1 }', false],
  ])('%s → %s', (p, expected) => {
    expect(matches(p, ev)).toBe(expected);
  });

  it('reads a numeric string as a number for an unquoted number, and a word as no number', () => {
    expect(matches('{ $.code = 404 }', ev)).toBe(true);
    expect(matches('{ $.code >= 400 }', ev)).toBe(true);
    expect(matches('{ $.name > 1 }', ev)).toBe(false);
    expect(matches('{ $.name = 1 }', ev)).toBe(false);
    expect(matches('{ $.name != 1 }', ev)).toBe(true);
  });

  it('distinguishes a quoted number (a string) from an unquoted one', () => {
    expect(matches('{ $.latency = "1500.0" }', ev)).toBe(false);
    expect(matches('{ $.latency = 1500.0 }', ev)).toBe(true);
  });
});

describe('JSON filter patterns: selectors', () => {
  const ev = {
    'cloud.account.id': '123456789012',
    '@timestamp': 't',
    items: [{ id: 1 }, { id: 7 }],
    tags: ['a', 'b'],
    nested: { a: { x: 'deep' }, b: { x: 'other' } },
    'dash-key': 'd',
    under_key: 'u',
  };

  it('reads keys that need quoting with $.[\'…\'] and $[\'…\']', () => {
    expect(matches("{ $.['cloud.account.id'] = 123456789012 }", ev)).toBe(true);
    expect(matches('{ $["@timestamp"] = "t" }', ev)).toBe(true);
    expect(matches("{ $.nested.['a'].x = deep }", ev)).toBe(true);
  });

  it('matches when any element or member satisfies a wildcard selector', () => {
    expect(matches('{ $.items[*].id = 7 }', ev)).toBe(true);
    expect(matches('{ $.items[*].id = 8 }', ev)).toBe(false);
    expect(matches('{ $.tags[*] = "b" }', ev)).toBe(true);
    expect(matches('{ $.nested.*.x = "other" }', ev)).toBe(true);
    expect(matches('{ $.items[*].nope NOT EXISTS }', ev)).toBe(true);
    expect(matches('{ $.items[*].id NOT EXISTS }', ev)).toBe(false);
  });

  it('accepts - and _ in property names and reads indexes out of range as missing', () => {
    expect(matches('{ $.dash-key = d && $.under_key = u }', ev)).toBe(true);
    expect(matches('{ $.tags[5] NOT EXISTS }', ev)).toBe(true);
    expect(matches('{ $.tags.length NOT EXISTS }', ev)).toBe(true);
  });

  it('keeps the selector text and steps in the syntax tree, with positions', () => {
    const ast = parseFilterPattern("{ $.items[*].id = 7 && $.['a.b'] IS NULL }");
    expect(ast.kind).toBe('json');
    if (ast.kind !== 'json' || ast.expr.kind !== 'and') throw new Error('unexpected tree');
    const left = ast.expr.left;
    if (left.kind !== 'compare') throw new Error('unexpected tree');
    expect(left.selector.text).toBe('$.items[*].id');
    expect(left.selector.steps).toEqual([{ kind: 'member', name: 'items' }, { kind: 'any-index' }, { kind: 'member', name: 'id' }]);
    expect(left.span).toEqual({ start: 2, end: 19 });
    expect(left.value).toMatchObject({ kind: 'number', value: 7 });
    expect(ast.expr.right).toMatchObject({ kind: 'check', check: 'is-null', selector: { steps: [{ kind: 'member', name: 'a.b' }] } });
  });
});

describe('JSON filter patterns: regular expressions', () => {
  it('matches %regex% anywhere in the value, and != negates it', () => {
    const ev = { message: 'bind: address already in use', code: 'AccessDeniedException' };
    expect(matches('{ $.message = %bind: address% }', ev)).toBe(true);
    expect(matches('{ $.code = %^AccessDenied% }', ev)).toBe(true);
    expect(matches('{ $.code = %Denied$% }', ev)).toBe(false);
    expect(matches('{ $.code != %Throttl% }', ev)).toBe(true);
    expect(matches('{ $.code = %Access[A-Z][a-z]+% && $.message = %in use$% }', ev)).toBe(true);
  });
});
