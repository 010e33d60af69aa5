import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/rules/monitoring/cloudtrail-trail-exists.js';
import { brief, check, inv, res, unknownValue } from '../support.js';

const T = 'AWS::CloudTrail::Trail';
const ctx = { profile: 'default' as const };

describe('cloudtrail-trail-exists', () => {
  it('fails once, against the scan, when the code defines resources but no trail', () => {
    const r = rule.checkInventory!(inv(res('AWS::S3::Bucket', 'B')), ctx);
    expect(brief(r)).toEqual([{ status: 'fail' }]);
    expect(r[0]!.resource).toBeUndefined();
  });

  it('says nothing about an empty scan, or when a trail exists', () => {
    expect(rule.checkInventory!(inv(), ctx)).toEqual([]);
    expect(rule.checkInventory!(inv(res(T, 'Trail', { IsLogging: true })), ctx)).toEqual([]);
  });

  it('fails a trail that is not logging and passes one that is', () => {
    expect(brief(check(rule, inv(res(T, 'Trail', { IsLogging: false })), 'Trail'))).toEqual([{ status: 'fail', property: 'IsLogging' }]);
    expect(check(rule, inv(res(T, 'Trail', { IsLogging: 'true' })), 'Trail')[0]!.status).toBe('pass');
  });

  it('takes an absent IsLogging (Terraform enable_logging unset) as logging', () => {
    expect(check(rule, inv(res(T, 'Trail', {})), 'Trail')[0]!.status).toBe('pass');
  });

  it('is unknown when IsLogging is not known', () => {
    expect(check(rule, inv(res(T, 'Trail', { IsLogging: unknownValue() })), 'Trail')[0]!.status).toBe('unknown');
  });
});
