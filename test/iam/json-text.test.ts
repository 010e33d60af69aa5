import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/iam/policy/errors.js';
import { lineColumn, locateJsonPath, parseJsonText } from '../../src/iam/policy/json-text.js';

function errorOf(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error('expected a PolicyError');
}

describe('JSON text', () => {
  it('parses valid JSON as JSON.parse does', () => {
    expect(parseJsonText('{"a": [1, "x", true, null]}')).toEqual({ a: [1, 'x', true, null] });
  });

  it.each([
    ['{"a": 1 "b": 2}', 1, 9, /expected ',' or '}'/],
    ['{\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}', 3, 24, /property name/],
    ['{"a": "unterminated}', 1, 7, /unterminated string/],
    ['{"a": tru}', 1, 7, /unexpected 't'/],
    ['[1, 2', 1, 6, /end of input/],
    ['{"a": 1} x', 1, 10, /after the end/],
    ['{"a": "\\q"}', 1, 8, /bad escape/],
  ])('places the syntax error of %j at line %i column %i', (text, line, column, message) => {
    const e = errorOf(() => parseJsonText(text, 'policy.json'));
    expect(e.line).toBe(line);
    expect(e.column).toBe(column);
    expect(e.message).toMatch(message);
    expect(e.toString()).toMatch(new RegExp(`^policy\\.json:${line}:${column}: malformed JSON`));
  });

  it('refuses nesting deeper than the limit before parsing, with the position', () => {
    const text = `{"Condition": ${'['.repeat(100)}${']'.repeat(100)}}`;
    const e = errorOf(() => parseJsonText(text, 'deep.json'));
    expect(e.message).toMatch(/nested deeper than 64/);
    expect(e.line).toBe(1);
    expect(e.column).toBe(15 + 63);
  });

  it('does not count brackets inside strings as nesting', () => {
    expect(parseJsonText(JSON.stringify({ s: '['.repeat(1000) }))).toEqual({ s: '['.repeat(1000) });
  });

  it('copes with a million levels of nesting without overflowing the stack', () => {
    const text = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(() => parseJsonText(text)).toThrow(/nested deeper/);
  });

  it('locates JSON paths for errors found after parsing', () => {
    const text = '{\n  "Statement": [\n    {"Effect": "Allow"},\n    {"Effect": "Deny", "Condition": {"StringEqualz": {}}}\n  ]\n}';
    expect(locateJsonPath(text, ['Statement', 1, 'Condition', 'StringEqualz'])).toEqual({ line: 4, column: 38 });
    expect(locateJsonPath(text, ['Statement', 0])).toEqual({ line: 3, column: 5 });
    // A path that goes further than the document: the deepest part that exists.
    expect(locateJsonPath(text, ['Statement', 7])).toEqual(lineColumn(text, text.indexOf('"Statement"')));
  });
});
