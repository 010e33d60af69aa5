import { describe, expect, it } from 'vitest';
import { conditionHolds as holds } from './support.js';

// Condition semantics as the IAM User Guide states them ("Condition operators", "Conditions with
// multiple context keys or values", "Single-valued vs. multivalued context keys", "Variables and tags").

describe('string operators', () => {
  it('StringEquals is exact and case-sensitive; several values are OR; several keys are AND', () => {
    expect(holds({ StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } }, { 'aws:SourceVpce': 'vpce-0abc' })).toBe(true);
    expect(holds({ StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } }, { 'aws:SourceVpce': 'VPCE-0abc' })).toBe(false);
    expect(holds({ StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-0abc'] } }, { 'aws:SourceVpce': 'vpce-0abc' })).toBe(true);
    expect(holds({ StringEquals: { 'aws:SourceVpce': 'vpce-0abc', 'aws:PrincipalTag/team': 'ml' } }, { 'aws:SourceVpce': 'vpce-0abc', 'aws:PrincipalTag/team': 'ops' })).toBe(false);
    expect(holds({ StringEquals: { 'aws:SourceVpce': 'vpce-0abc' }, StringLike: { 'aws:PrincipalTag/team': 'm*' } }, { 'aws:SourceVpce': 'vpce-0abc', 'aws:PrincipalTag/team': 'ml' })).toBe(true);
  });

  it('negated operators are NOR over values, and true when the key is absent', () => {
    expect(holds({ StringNotEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } }, { 'aws:SourceVpce': 'vpce-3' })).toBe(true);
    expect(holds({ StringNotEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } }, { 'aws:SourceVpce': 'vpce-2' })).toBe(false);
    expect(holds({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, {})).toBe(true);
    expect(holds({ StringNotLike: { 'aws:SourceVpce': 'vpce-*' } }, {})).toBe(true);
    expect(holds({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }, {})).toBe(true);
    expect(holds({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {})).toBe(true);
  });

  it('an absent key fails the other operators', () => {
    for (const op of ['StringEquals', 'StringLike', 'StringEqualsIgnoreCase', 'NumericEquals', 'DateEquals', 'Bool', 'BinaryEquals', 'IpAddress', 'ArnLike']) {
      expect(holds({ [op]: { 'aws:SomeKey': 'x' } }, {}), op).toBe(false);
    }
  });

  it('IgnoreCase and Like', () => {
    expect(holds({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'ML' } }, { 'aws:PrincipalTag/team': 'ml' })).toBe(true);
    expect(holds({ StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'ML' } }, { 'aws:PrincipalTag/team': 'ml' })).toBe(false);
    expect(holds({ StringLike: { 's3:prefix': 'home/*/data?' } }, { 's3:prefix': 'home/alice/data1' })).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'Home/alice' })).toBe(false);
  });

  it('condition key names are case-insensitive (tag keys included)', () => {
    expect(holds({ StringEquals: { 'AWS:sourcevpce': 'vpce-1' } }, { 'aws:SourceVpce': 'vpce-1' })).toBe(true);
    expect(holds({ StringEquals: { 'aws:PrincipalTag/Team': 'ml' } }, { 'aws:principaltag/team': 'ml' })).toBe(true);
  });
});

describe('IfExists and Null', () => {
  it('IfExists: an absent key makes the condition true, a present one is tested', () => {
    expect(holds({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, {})).toBe(true);
    expect(holds({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': 'p4d.24xlarge' })).toBe(false);
    expect(holds({ NumericLessThanIfExists: { 's3:max-keys': '10' } }, {})).toBe(true);
  });

  it('Null: true means absent, false means present', () => {
    expect(holds({ Null: { 'aws:TokenIssueTime': 'true' } }, {})).toBe(true);
    expect(holds({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' })).toBe(false);
    expect(holds({ Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' })).toBe(true);
    expect(holds({ Null: { 'aws:TokenIssueTime': 'TRUE' } }, {})).toBe(true);
  });
});

describe('multivalued keys and set operators', () => {
  it('ForAllValues: every request value must match one policy value; true when absent or empty', () => {
    const c = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } };
    expect(holds(c, { 'aws:TagKeys': ['team'] })).toBe(true);
    expect(holds(c, { 'aws:TagKeys': ['team', 'env'] })).toBe(true);
    expect(holds(c, { 'aws:TagKeys': ['team', 'secret'] })).toBe(false);
    expect(holds(c, {})).toBe(true);
    expect(holds(c, { 'aws:TagKeys': [] })).toBe(true);
  });

  it('ForAnyValue: one request value must match; false when absent or empty', () => {
    const c = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['secret'] } };
    expect(holds(c, { 'aws:TagKeys': ['team', 'secret'] })).toBe(true);
    expect(holds(c, { 'aws:TagKeys': ['team'] })).toBe(false);
    expect(holds(c, {})).toBe(false);
    expect(holds(c, { 'aws:TagKeys': [] })).toBe(false);
  });

  it('negated operators under set qualifiers apply per request value (the guide\'s ForAllValues:StringNotLike table)', () => {
    const c = { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } };
    expect(holds(c, { 'aws:TagKeys': ['key1:legal'] })).toBe(false);
    expect(holds(c, { 'aws:TagKeys': ['key1:hr', 'key1:personnel'] })).toBe(false);
    expect(holds(c, { 'aws:TagKeys': ['key2:audit'] })).toBe(true);
    expect(holds(c, {})).toBe(true);
    expect(holds({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': ['team', 'x'] })).toBe(true);
    expect(holds({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': ['team'] })).toBe(false);
  });

  it('IfExists applies to set operators too', () => {
    expect(holds({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['secret'] } }, {})).toBe(true);
  });

  it('a single-valued key under a set operator is a set of one', () => {
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:SourceVpce': ['vpce-1'] } }, { 'aws:SourceVpce': 'vpce-1' })).toBe(true);
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:SourceVpce': ['vpce-1'] } }, { 'aws:SourceVpce': 'vpce-2' })).toBe(false);
  });

  it('a multivalued request value satisfies no unqualified operator (multivalued keys require a set operator)', () => {
    expect(holds({ StringEquals: { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['team'] })).toBe(false);
    expect(holds({ StringNotEquals: { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['env'] })).toBe(false);
  });
});

describe('numeric, date, bool, binary, IP and ARN operators', () => {
  it('Numeric* compare numbers (integers and decimals), not text', () => {
    expect(holds({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '9' })).toBe(true);
    expect(holds({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '100' })).toBe(false);
    expect(holds({ NumericEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '3600.0' })).toBe(true);
    expect(holds({ NumericGreaterThan: { 'aws:MultiFactorAuthAge': '0.5' } }, { 'aws:MultiFactorAuthAge': '1' })).toBe(true);
    expect(holds({ NumericNotEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '7200' })).toBe(true);
    expect(holds({ NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 'ten' })).toBe(false);
    // No policy variables in numeric operators: the text is literal (and not a number).
    expect(holds({ NumericEquals: { 's3:max-keys': '${aws:username}' } }, { 's3:max-keys': '5', 'aws:username': '5' })).toBe(false);
  });

  it('Date* compare instants: W3C ISO 8601 (no zone is UTC) or epoch seconds', () => {
    expect(holds({ DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-03-01T12:00:00Z' })).toBe(true);
    expect(holds({ DateLessThan: { 'aws:CurrentTime': '2026-01-01' } }, { 'aws:CurrentTime': '2025-12-31T23:59:59Z' })).toBe(true);
    expect(holds({ DateEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00+01:00' } }, { 'aws:CurrentTime': '2025-12-31T23:00:00Z' })).toBe(true);
    // 1767225600 seconds is 2026-01-01T00:00:00Z.
    expect(holds({ DateEquals: { 'aws:EpochTime': '1767225600' } }, { 'aws:EpochTime': '2026-01-01T00:00:00Z' })).toBe(true);
    expect(holds({ DateGreaterThanEquals: { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' } }, { 'aws:TokenIssueTime': '1767225600' })).toBe(true);
    expect(holds({ DateLessThan: { 'aws:CurrentTime': 'tomorrow' } }, { 'aws:CurrentTime': '2026-01-01' })).toBe(false);
    expect(holds({ DateNotEquals: { 'aws:CurrentTime': '2026-01-01' } }, { 'aws:CurrentTime': '2026-01-02' })).toBe(true);
  });

  it('Bool compares true/false ignoring case; other values match nothing', () => {
    expect(holds({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'TRUE' })).toBe(true);
    expect(holds({ Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': true })).toBe(true);
    expect(holds({ Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': 'true' })).toBe(false);
    expect(holds({ Bool: { 'aws:SecureTransport': 'yes' } }, { 'aws:SecureTransport': 'yes' })).toBe(false);
  });

  it('BinaryEquals compares the bytes behind base-64', () => {
    expect(holds({ BinaryEquals: { 'aws:RequestTag/blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { 'aws:RequestTag/blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' })).toBe(true);
    expect(holds({ BinaryEquals: { 'aws:RequestTag/blob': 'YWJj' } }, { 'aws:RequestTag/blob': 'eHl6' })).toBe(false);
  });

  it('IpAddress matches CIDR ranges of both families; a bare address is /32 (or /128)', () => {
    const c = { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } };
    expect(holds(c, { 'aws:SourceIp': '203.0.113.77' })).toBe(true);
    expect(holds(c, { 'aws:SourceIp': '203.0.114.1' })).toBe(false);
    expect(holds(c, { 'aws:SourceIp': '2001:db8:1234:5678::42' })).toBe(true);
    expect(holds(c, { 'aws:SourceIp': '2001:db8:1234:5679::1' })).toBe(false);
    expect(holds({ IpAddress: { 'aws:SourceIp': '192.0.2.7' } }, { 'aws:SourceIp': '192.0.2.7' })).toBe(true);
    expect(holds({ IpAddress: { 'aws:SourceIp': '192.0.2.7' } }, { 'aws:SourceIp': '192.0.2.8' })).toBe(false);
    expect(holds({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '8.8.8.8' })).toBe(true);
    expect(holds({ IpAddress: { 'aws:SourceIp': '::ffff:192.0.2.0/120' } }, { 'aws:SourceIp': '::ffff:192.0.2.9' })).toBe(true);
    // An IPv6 caller is outside IPv4 ranges: NotIpAddress holds (why IPv4-only Deny rules catch IPv6 callers).
    expect(holds({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.7'] } }, { 'aws:SourceIp': '2001:db8::1' })).toBe(true);
    expect(holds({ IpAddress: { 'aws:SourceIp': 'not-an-ip' } }, { 'aws:SourceIp': '10.0.0.1' })).toBe(false);
  });

  it('ArnLike/ArnEquals match part by part with wildcards; a non-ARN value matches nothing', () => {
    expect(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:sagemaker:*:111122223333:training-job/*' } }, { 'aws:SourceArn': 'arn:aws:sagemaker:us-east-1:111122223333:training-job/j1' })).toBe(true);
    expect(holds({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sagemaker:*:111122223333:training-job/*' } }, { 'aws:SourceArn': 'arn:aws:sagemaker:us-east-1:111122223333:training-job/j1' })).toBe(true);
    expect(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:finance/*' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-2:999999999999:store/abc:111122223333:finance/x' })).toBe(false);
    expect(holds({ StringLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:finance/*' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-2:999999999999:store/abc:111122223333:finance/x' })).toBe(true);
    expect(holds({ ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Admin' } }, { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Other' })).toBe(true);
    expect(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }, { 'aws:SourceArn': 'bucket-name' })).toBe(false);
  });
});

describe('policy variables', () => {
  it('substitutes ${aws:username}, tags and defaults in string and ARN conditions', () => {
    expect(holds({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, { 's3:prefix': 'home/alice/x', 'aws:username': 'alice' })).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, { 's3:prefix': 'home/bob/x', 'aws:username': 'alice' })).toBe(false);
    expect(holds({ StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } }, { 'aws:ResourceTag/team': 'ml', 'aws:PrincipalTag/team': 'ml' })).toBe(true);
    expect(holds({ StringEquals: { 's3:prefix': "${aws:userid, 'anonymous'}" } }, { 's3:prefix': 'anonymous' })).toBe(true);
    expect(holds({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/${aws:username}' } }, { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/alice', 'aws:username': 'alice' })).toBe(true);
  });

  it('keeps ${*}, ${?} and ${$} literal', () => {
    expect(holds({ StringLike: { 's3:prefix': 'a${*}b' } }, { 's3:prefix': 'a*b' })).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': 'a${*}b' } }, { 's3:prefix': 'aXb' })).toBe(false);
    expect(holds({ StringEquals: { 's3:prefix': 'cost${$}' } }, { 's3:prefix': 'cost$' })).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': 'q${?}' } }, { 's3:prefix': 'q?' })).toBe(true);
  });

  it('an unresolvable variable matches nothing, and fails negated operators too', () => {
    expect(holds({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, { 's3:prefix': 'home/alice/x' })).toBe(false);
    expect(holds({ StringNotEquals: { 's3:prefix': '${aws:username}' } }, { 's3:prefix': 'x' })).toBe(false);
  });

  it('takes variables literally in policies without Version 2012-10-17', () => {
    expect(holds({ StringEquals: { 's3:prefix': '${aws:username}' } }, { 's3:prefix': '${aws:username}', 'aws:username': 'alice' }, '2008-10-17')).toBe(true);
  });
});
