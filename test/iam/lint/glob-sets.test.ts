import { describe, expect, it } from 'vitest';
import { globCovers, globsIntersect } from '../../../src/iam/lint/glob-sets.js';

describe('wildcard patterns as sets', () => {
  it('tells whether two patterns can match a common string', () => {
    expect(globsIntersect('data/*', '*/*')).toBe(true);
    expect(globsIntersect('acme-training-data', '*/*')).toBe(false);
    expect(globsIntersect('*', '')).toBe(true);
    expect(globsIntersect('a?c', 'ab*')).toBe(true);
    expect(globsIntersect('a?c', 'ab')).toBe(false);
    expect(globsIntersect('*sagemaker*', 'fraud-training-data')).toBe(false);
    expect(globsIntersect('*sagemaker*', 'sagemaker-*')).toBe(true);
    expect(globsIntersect('S3:GET*', 's3:getobject', true)).toBe(true);
  });

  it('tells whether one pattern covers every string of another', () => {
    expect(globCovers('s3:Get*', 's3:GetObject')).toBe(true);
    expect(globCovers('s3:*', 's3:Get*')).toBe(true);
    expect(globCovers('s3:Get*', 's3:*')).toBe(false);
    expect(globCovers('arn:aws:s3:::b/*', 'arn:aws:s3:::b/training/*')).toBe(true);
    expect(globCovers('arn:aws:s3:::b/training/*', 'arn:aws:s3:::b/*')).toBe(false);
    expect(globCovers('a?c', 'abc')).toBe(true);
    expect(globCovers('abc', 'a?c')).toBe(false);
    expect(globCovers('S3:GetObject', 's3:getobject', true)).toBe(true);
    expect(globCovers('x', 'x')).toBe(true);
  });

  it('stays fast on long patterns full of wildcards', () => {
    const a = '*a'.repeat(400);
    const b = 'a*'.repeat(400);
    const start = performance.now();
    expect(globsIntersect(a, b)).toBe(true);
    expect(globCovers(a, b)).toBe(false);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
