import { describe as group, expect, it } from 'vitest';
import { parsePath, valuesAt } from '../../../src/trail/detect/path.js';
import { absent, all, any, check, describe, eq, evaluate, globRegExp, like, not, oneOf, present, some } from '../../../src/trail/detect/predicate.js';

const record = {
  eventName: 'PutEventSelectors',
  errorCode: null,
  requestParameters: {
    trailName: 'main',
    isMultiRegionTrail: false,
    'x-amz-acl': 'public-read',
    eventSelectors: [
      { readWriteType: 'All', includeManagementEvents: false, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::data/'] }] },
      { readWriteType: 'ReadOnly', excludeManagementEventSources: ['kms.amazonaws.com'] },
    ],
  },
};

group('field paths', () => {
  it('parses keys, [*] and [n]', () => {
    expect(parsePath('a.b[*].c[2]')).toEqual([{ key: 'a' }, { key: 'b' }, { each: true }, { key: 'c' }, { index: 2 }]);
    expect(() => parsePath('a..b')).toThrow(/malformed field path/);
  });

  it('reaches every element with [*], a lone value as a list of one, and nothing through null', () => {
    expect(valuesAt(record, 'requestParameters.eventSelectors[*].readWriteType')).toEqual(['All', 'ReadOnly']);
    expect(valuesAt(record, 'requestParameters.eventSelectors[1].readWriteType')).toEqual(['ReadOnly']);
    expect(valuesAt(record, 'requestParameters.x-amz-acl[*]')).toEqual(['public-read']);
    expect(valuesAt(record, 'errorCode')).toEqual([]);
    expect(valuesAt(record, 'requestParameters.missing.deeper')).toEqual([]);
  });
});

group('predicates', () => {
  it('compares scalars as text, so a JSON false matches "false"', () => {
    expect(evaluate(eq('requestParameters.isMultiRegionTrail', 'false'), record)).toBe(true);
    expect(evaluate(eq('requestParameters.isMultiRegionTrail', 'true'), record)).toBe(false);
    expect(evaluate(oneOf('requestParameters.eventSelectors[*].readWriteType', 'ReadOnly', 'WriteOnly'), record)).toBe(true);
  });

  it('treats null as absent', () => {
    expect(evaluate(absent('errorCode'), record)).toBe(true);
    expect(evaluate(present('errorCode'), record)).toBe(false);
    expect(evaluate(absent('requestParameters.trailName'), record)).toBe(false);
  });

  it('matches * wildcards like CloudWatch filter patterns, anchored and case-sensitive', () => {
    expect(globRegExp('AccessDenied*').test('AccessDeniedException')).toBe(true);
    expect(globRegExp('*UnauthorizedOperation').test('Client.UnauthorizedOperation')).toBe(true);
    expect(globRegExp('AccessDenied*').test('VpceAccessDenied')).toBe(false);
    expect(globRegExp('AccessDenied*').test('accessdenied')).toBe(false);
    expect(globRegExp('a.b').test('axb')).toBe(false);
    expect(evaluate(like('requestParameters.trailName', 'ma*'), record)).toBe(true);
  });

  it('correlates conditions on one array element with some', () => {
    // Element 0 has includeManagementEvents false but readWriteType All; element 1 the reverse.
    const sameElement = some('requestParameters.eventSelectors', all(eq('includeManagementEvents', 'false'), eq('readWriteType', 'ReadOnly')));
    expect(evaluate(sameElement, record)).toBe(false);
    const anyElements = all(eq('requestParameters.eventSelectors[*].includeManagementEvents', 'false'), eq('requestParameters.eventSelectors[*].readWriteType', 'ReadOnly'));
    expect(evaluate(anyElements, record)).toBe(true);
    expect(evaluate(some('requestParameters.eventSelectors', present('excludeManagementEventSources[*]')), record)).toBe(true);
  });

  it('collects the evidence of the branches that decided, and the actual value under not', () => {
    const evidence: string[] = [];
    const p = all(eq('eventName', 'PutEventSelectors'), any(eq('requestParameters.isMultiRegionTrail', 'false'), eq('requestParameters.trailName', 'other'), present('requestParameters.x-amz-acl')));
    expect(evaluate(p, record, evidence)).toBe(true);
    expect(evidence).toEqual(['eventName = PutEventSelectors', 'requestParameters.isMultiRegionTrail = false', 'requestParameters.x-amz-acl = public-read']);

    const negated: string[] = [];
    expect(evaluate(not(eq('requestParameters.trailName', 'other')), record, negated)).toBe(true);
    expect(negated).toEqual(['requestParameters.trailName = main']);

    const failed: string[] = [];
    expect(evaluate(all(eq('eventName', 'PutEventSelectors'), eq('requestParameters.trailName', 'other')), record, failed)).toBe(false);
    expect(failed).toEqual([]);
  });

  it('runs named checks on every value a path reaches', () => {
    const doc = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] };
    expect(evaluate(check('p[*]', 'policy-public'), { p: [{ Statement: [] }, doc] })).toBe(true);
    expect(evaluate(check('p[*]', 'policy-public'), { p: [{ Statement: [] }] })).toBe(false);
  });

  it('describes itself as readable text', () => {
    expect(describe(all(eq('eventName', 'StopLogging'), absent('errorCode'), any(eq('a', 'x'), like('b', 'y*'))))).toBe(
      'eventName = "StopLogging" and errorCode absent and (a = "x" or b like "y*")',
    );
    expect(describe(not(some('s', check('c', 'policy-admin'))))).toBe('not some s[*] has (policy-admin(c))');
  });
});
