import { describe, expect, it } from 'vitest';
import { FilterPatternError, parseFilterPattern } from '../../../src/trail/pattern/index.js';

// Patterns CloudWatch Logs rejects are rejected here too, with the position of the problem.

function errorOf(pattern: string): FilterPatternError {
  try {
    parseFilterPattern(pattern);
  } catch (e) {
    if (e instanceof FilterPatternError) return e;
    throw e;
  }
  throw new Error(`accepted: ${pattern}`);
}

describe('invalid patterns', () => {
  it.each([
    ['{ $.a = "b" ', /expected "\}"/, 12],
    ['{ $.a = "b }', /unterminated string/, 8],
    ['{ ($.a = "b" }', /expected "\)"/, 13],
    ['{ $.a = "b" } trailing', /unexpected "trailing" after the end of the JSON pattern/, 14],
    ['{ $.a == "b" }', /expected a value, found "= "b" }"/, 7],
    ['{ $.a ~ "b" }', /expected =, !=, <, <=, >, >=, IS NULL/, 6],
    ['{ $.a IS MISSING }', /expected NULL, TRUE, FALSE after IS/, 9],
    ['{ $.a NOT THERE }', /expected EXISTS after NOT/, 10],
    ['{ $.a > "5" }', /> compares numbers: expected an unquoted number/, 8],
    ['{ $.a > abc }', /> compares numbers/, 8],
    ['{ $.a >= %x% }', />= compares numbers/, 9],
    ['{ $ = 1 }', /the selector "\$" names no property/, 2],
    ['{ $[0] = 1 }', /an array index must follow a property/, 3],
    ['{ $.a[x] = 1 }', /expected an array index/, 6],
    ['{ $.a[0 = 1 }', /expected "\]"/, 7],
    ['{ $. = 1 }', /expected a property name after "\."/, 4],
    ['{ a = 1 }', /expected a selector such as \$\.eventName/, 2],
    ['{ $.a = user@example.com }', /must be in double quotes: it contains "@"/, 12],
    ['{ $.a = %ab(c)% }', /"\(" is not supported in a filter-pattern regex/, 11],
    ['{ $.a = %something!% }', /"!" is not supported/, 18],
    ['{ $.a = %ünï% }', /multi-byte characters are not supported/, 9],
    ['{ $.a = %abc }', /unterminated regular expression/, 8],
    ['{ $.a = %[z-a]% }', /range out of order in character class/, 9],
    ['{ $.a = %x% && $.b = %y% && $.c = %z% }', /more than 2 regular expressions/, 34],
    ['{ $.a = "b" && }', /expected a selector/, 15],
    ['{ $.a = }', /expected a value, found "\}"/, 8],
    ['[a, b', /expected "\]" before the end of the pattern/, 5],
    ['[a b]', /expected "," or "\]", found "b\]"/, 3],
    ['[a, a]', /field name a is used twice/, 4],
    ['[status = 4* && bytes > 1000]', /condition on bytes, which is not a named field/, 16],
    ['[a && b]', /field a needs an operator/, 3],
    ['[a = ]', /expected a value, found "\]"/, 5],
    ['[a > x]', /> compares numbers/, 5],
    ['ERROR:', /":" must be inside a double-quoted phrase/, 5],
    ['10.0.0.1', /"\." must be inside a double-quoted phrase/, 2],
    ['ERROR ?', /expected a term after "\?"/, 7],
    ['"unterminated', /unterminated string/, 0],
  ])('%s', (pattern, message, offset) => {
    const e = errorOf(pattern);
    expect(e.message).toMatch(message);
    expect(e.offset).toBe(offset);
  });

  it('gives line and column for patterns that span lines (Terraform heredocs)', () => {
    const e = errorOf('{\n  $.a = "b" &&\n  $.c ~ 1\n}');
    expect(e.line).toBe(3);
    expect(e.column).toBe(7);
    expect(e.toString()).toMatch(/^3:7: expected =/);
  });

  it('enforces the 1024-character limit of CloudWatch Logs', () => {
    const long = '{ ' + Array.from({ length: 80 }, (_, i) => `$.f${i} = 1`).join(' || ') + ' }';
    expect(long.length).toBeGreaterThan(1024);
    expect(errorOf(long).message).toMatch(/over the CloudWatch Logs limit of 1024/);
    expect(() => parseFilterPattern(long.slice(0, 1000).replace(/\|\| [^|]*$/, '}'))).not.toThrow();
  });

  it('refuses parentheses nested beyond its depth guard instead of overflowing the stack', () => {
    const deep = '{ ' + '('.repeat(150) + '$.a = 1' + ')'.repeat(150) + ' }';
    expect(errorOf(deep).message).toMatch(/nested more than 100 deep/);
  });
});
