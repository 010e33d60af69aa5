import { describe, expect, it } from 'vitest';
import { compileFilterPattern, FilterPatternError, parseFilterPattern } from '../../../src/rules/lib/filter-pattern.js';

const ev = { errorCode: 'AccessDenied', eventName: 'GetObject', requestParameters: { items: ['a', 'b'] }, count: 3 };

describe('filter-pattern (small matcher)', () => {
  it('matches = with wildcards at either end, and !=', () => {
    expect(compileFilterPattern('{ $.errorCode = "AccessDenied*" }')(ev)).toBe(true);
    expect(compileFilterPattern('{ $.errorCode = "*Denied" }')(ev)).toBe(true);
    expect(compileFilterPattern('{ $.errorCode = "Denied*" }')(ev)).toBe(false);
    expect(compileFilterPattern('{ $.eventName != "HeadBucket" }')(ev)).toBe(true);
  });

  it('gives && precedence over ||, and honours parentheses', () => {
    expect(compileFilterPattern('{ $.errorCode = "X" || $.errorCode = "AccessDenied" && $.eventName = "PutObject" }')(ev)).toBe(false);
    expect(compileFilterPattern('{ ($.errorCode = "X" || $.errorCode = "AccessDenied") && $.eventName = "GetObject" }')(ev)).toBe(true);
    expect(compileFilterPattern('{ (($.errorCode = "AccessDenied")) }')(ev)).toBe(true);
  });

  it('supports NOT EXISTS, nested fields, array indexes, bare words and numbers', () => {
    expect(compileFilterPattern('{ $.errorMessage NOT EXISTS }')(ev)).toBe(true);
    expect(compileFilterPattern('{ $.errorCode NOT EXISTS }')(ev)).toBe(false);
    expect(compileFilterPattern('{ $.requestParameters.items[1] = "b" }')(ev)).toBe(true);
    expect(compileFilterPattern('{ $.errorCode = AccessDenied }')(ev)).toBe(true);
    expect(compileFilterPattern('{ $.count = 3 }')(ev)).toBe(true);
  });

  it('treats a missing field as unequal to everything', () => {
    expect(compileFilterPattern('{ $.nope = "x" }')(ev)).toBe(false);
    expect(compileFilterPattern('{ $.nope != "x" }')(ev)).toBe(true);
  });

  it('rejects what it does not support, with the position', () => {
    const cases: [string, RegExp][] = [
      ['AccessDenied', /expected "\{"/],
      ['{ $.count > 3 }', /only =, != and NOT EXISTS/],
      ['{ $.errorCode = %Denied% }', /regular expressions/],
      ['{ $.errorCode = "AccessDenied }', /unterminated string/],
      ['{ ($.errorCode = "x" }', /expected "\)"/],
      ['{ $.errorCode = "x" } trailing', /after "\}"/],
      ['{ $.a IS NULL }', /only =, !=/],
    ];
    for (const [text, re] of cases) {
      expect(() => parseFilterPattern(text), text).toThrow(re);
    }
    try {
      parseFilterPattern('{ $.count > 3 }');
    } catch (e) {
      expect(e).toBeInstanceOf(FilterPatternError);
      expect((e as FilterPatternError).offset).toBe(10);
    }
  });

  it('refuses huge or deeply nested patterns instead of overflowing', () => {
    const deep = '{ ' + '('.repeat(150) + '$.a = "b"' + ')'.repeat(150) + ' }';
    expect(() => parseFilterPattern(deep)).toThrow(/nested too deeply/);
    expect(() => parseFilterPattern('{ ' + '$.a = "b" || '.repeat(2000) + '$.a = "c" }')).toThrow(/longer than/);
  });
});
