import { describe, expect, it } from 'vitest';
import { FilterPatternError } from '../../../src/trail/pattern/index.js';
import { compileRegex } from '../../../src/trail/pattern/regex.js';

const re = (source: string) => compileRegex(source, 0, source);

describe('filter-pattern regular expressions', () => {
  // The automaton must agree with JavaScript's engine on AWS's subset.
  const CASES: [string, string[]][] = [
    ['AUTHORIZED', ['UNAUTHORIZED REQUEST', 'AUTHORIZED', 'authorized', '']],
    ['^ERROR', ['ERROR x', 'x ERROR', '']],
    ['Denied$', ['AccessDenied', 'Denied!', 'AccessDeniedException']],
    ['colou?r', ['color', 'colour', 'colouur', 'colr']],
    ['\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}', ['from 10.0.0.1 x', '1.2.3', 'a.b.c.d', '1234.5.6.7']],
    ['[Ee]rror|[Ff]ail', ['Error', 'error', 'FAIL', 'it failed', 'fine']],
    ['^a+b*c?$', ['a', 'aab', 'abbc', 'ac', 'b', 'aabcc', '']],
    ['x{2,}y{0,1}z{3}', ['xxzzz', 'xxxxyzzz', 'xyzzz', 'xxyyzzz']],
    ['[^a-z0-9_]', ['abc', 'ab-c', '_09', 'A']],
    ['\\w+@\\w+\\.com', ['a@b.com', 'x @b.com', 'mail: bob@example.com;']],
    ['\\s\\S\\W\\D', [' a!x', ' a1x', '\ta x', 'aaaa']],
    ['\\bAccess\\B', ['AccessDenied', 'Access Denied', 'NoAccessDenied', 'x Accessx']],
    ['a.c', ['abc', 'a\nc', 'ac']],
    ['[]a]', [']', 'a', 'b']],
    ['a{', ['a{', 'a']],
    ['|x', ['anything', '']],
    ['a*?b', ['aaab', 'b', 'c']],
    ['[\\d-]+-[a\\-z]', ['12-3-z', '12-3--', '--a', '9-b']],
  ];
  it.each(CASES)('%s agrees with JavaScript', (source, inputs) => {
    const ours = re(source);
    const js = new RegExp(source);
    for (const s of inputs) expect(ours.test(s), `${source} on ${JSON.stringify(s)}`).toBe(js.test(s));
  });

  it('stays linear on patterns that make a backtracking engine stall', () => {
    const evil = re('a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b');
    const t = Date.now();
    expect(evil.test('a'.repeat(5000))).toBe(false);
    expect(re('.*.*.*.*.*.*.*.*.*.*.*.*X').test('y'.repeat(5000))).toBe(false);
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it.each([
    ['a**', /two quantifiers in a row/],
    ['*a', /nothing to repeat before "\*"/],
    ['^*', /an anchor cannot be repeated/],
    ['a{3,1}', /numbers out of order/],
    ['[z-a]', /range out of order/],
    ['[abc', /unterminated character class/],
    ['abc\\', /ends with a lone \\/],
    ['a{1000}b{1000}c{1000}d{1000}e{1000}', /repeats too much/],
  ])('rejects %s', (source, message) => {
    expect(() => re(source)).toThrow(FilterPatternError);
    expect(() => re(source)).toThrow(message);
  });
});
