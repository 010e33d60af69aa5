import { describe, expect, it } from 'vitest';
import { compileArnMatcher, parseArn, splitArn } from '../../src/iam/arn.js';
import { compileGlob, compileTokens, STAR, tokenize } from '../../src/iam/glob.js';

describe('wildcards', () => {
  const cases: [string, string, boolean][] = [
    ['*', '', true],
    ['*', 'anything', true],
    ['GetObject', 'GetObject', true],
    ['GetObject', 'GetObjects', false],
    ['Get*', 'GetObject', true],
    ['Get*', 'Get', true],
    ['Get*', 'PutObject', false],
    ['*Object', 'GetObject', true],
    ['*Object', 'GetObjectAcl', false],
    ['?etObject', 'GetObject', true],
    ['?etObject', 'etObject', false],
    ['G?t*Acl', 'GetObjectAcl', true],
    ['*Access*Key*', 'CreateAccessKey', true],
    ['*Access*Key*', 'CreateAccessKeyPair', true],
    ['*Access*Key*', 'CreateAccessToken', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYbZ', false],
    ['a**b', 'ab', true],
    ['???', 'ab', false],
    ['???', 'abc', true],
  ];
  it.each(cases)('%s against %s is %s', (pattern, value, expected) => {
    expect(compileGlob(pattern)(value)).toBe(expected);
  });

  it('is case-sensitive (callers lower-case both sides where IAM ignores case)', () => {
    expect(compileGlob('Get*')('getObject')).toBe(false);
  });

  it('keeps literal text literal when built from tokens (escaped ${*} and substituted values)', () => {
    const m = compileTokens(['home/', 'a*b', STAR]);
    expect(m('home/a*b/x')).toBe(true);
    expect(m('home/aXb/x')).toBe(false);
    expect(tokenize('a**b?')).toHaveLength(4);
  });

  it('answers patterns that make naive backtracking explode (one star is remembered, not all)', () => {
    expect(compileGlob(`${'a*'.repeat(30)}b`)('a'.repeat(5000))).toBe(false);
    expect(compileGlob(`${'a*'.repeat(30)}b`)(`${'a'.repeat(5000)}b`)).toBe(true);
  });
});

describe('ARNs', () => {
  it('splits at the first five colons, keeping colons in the resource part', () => {
    expect(splitArn('arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker:*')).toEqual(['arn', 'aws', 'logs', 'us-east-1', '111122223333', 'log-group:/aws/sagemaker:*']);
    expect(parseArn('arn:aws:s3:::bucket/key')).toEqual({ partition: 'aws', service: 's3', region: '', account: '', resource: 'bucket/key' });
    expect(parseArn('not-an-arn')).toBeUndefined();
  });

  const m = (pattern: string, value: string) => compileArnMatcher(pattern)(value, splitArn(value));
  it('matches each of the six parts on its own (a wildcard does not span a colon)', () => {
    // The example of the IAM User Guide, "ARN condition operators".
    const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
    expect(m(pattern, 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt')).toBe(false);
    expect(m(pattern, 'arn:aws:someservice:us-east-2:111122223333:finance/document.txt')).toBe(true);
  });

  it('handles exact, prefix, and per-part wildcards', () => {
    expect(m('arn:aws:s3:::bucket/key', 'arn:aws:s3:::bucket/key')).toBe(true);
    expect(m('arn:aws:s3:::bucket/key', 'arn:aws:s3:::bucket/Key')).toBe(false);
    expect(m('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b')).toBe(true);
    expect(m('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket2/a')).toBe(false);
    expect(m('arn:aws:sagemaker:*:111122223333:training-job/*', 'arn:aws:sagemaker:eu-west-1:111122223333:training-job/j')).toBe(true);
    expect(m('arn:aws:iam::*:role/Admin', 'arn:aws:iam::444455556666:role/Admin')).toBe(true);
    expect(m('arn:aws:iam::*:role/Admi?', 'arn:aws:iam::444455556666:role/Admin')).toBe(true);
    expect(m('*', 'anything')).toBe(true);
  });

  it('lets the last part of a shortened pattern match the rest of the ARN', () => {
    expect(m('arn:aws:s3:*', 'arn:aws:s3:::bucket/key')).toBe(true);
    expect(m('arn:aws:s3:*', 'arn:aws:iam::111122223333:role/x')).toBe(false);
  });

  it('matches non-ARN patterns and values as whole strings', () => {
    expect(m('arn:aws:s3:::*', '*')).toBe(false);
    expect(m('*', '*')).toBe(true);
  });
});
