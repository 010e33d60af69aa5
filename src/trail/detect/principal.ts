// Who made a call, when, and from where — the keys stateful detections group by.

import type { Location } from '../../core/resource.js';
import type { CloudTrailRecord, RecordSource } from '../record.js';

/**
 * The caller, as stable text: `userIdentity.arn` (an assumed-role session ARN includes the
 * session name, which names the person for SSO and federated sessions), else the principal id,
 * else the invoking service, else the identity type and account.
 */
export function principalOf(record: CloudTrailRecord): string {
  const id = record.userIdentity;
  if (!id) return '(unknown principal)';
  if (typeof id.arn === 'string' && id.arn) return id.arn;
  if (typeof id.principalId === 'string' && id.principalId) return id.principalId;
  if (typeof id.invokedBy === 'string' && id.invokedBy) return id.invokedBy;
  return `${id.type ?? 'Unknown'}${id.accountId ? ` in ${id.accountId}` : ''}`;
}

/** The IAM type of the caller, for findings: a user, a role session, the root user. */
export function principalResourceType(record: CloudTrailRecord): string {
  switch (record.userIdentity?.type) {
    case 'IAMUser':
      return 'AWS::IAM::User';
    case 'AssumedRole':
      return 'AWS::STS::AssumedRole';
    case 'Root':
      return 'AWS::IAM::Root';
    case 'FederatedUser':
      return 'AWS::STS::FederatedUser';
    case 'AWSService':
      return 'AWS::Service';
    default:
      return 'AWS::IAM::Principal';
  }
}

/** Milliseconds since the epoch, or NaN when `eventTime` is missing or not a date. */
export function eventTimeMs(record: CloudTrailRecord): number {
  return typeof record.eventTime === 'string' ? Date.parse(record.eventTime) : NaN;
}

/**
 * Calls an AWS service made for a principal (`invokedBy`, or a `*.amazonaws.com` source address),
 * and the console's own background calls (`aws-internal` user agent). They are not the principal
 * acting by hand, so bursts and first-seen detections leave them out.
 */
export function isServiceCall(record: CloudTrailRecord): boolean {
  const ip = record.sourceIPAddress;
  if (typeof ip === 'string' && (ip.endsWith('.amazonaws.com') || ip === 'AWS Internal')) return true;
  if (typeof record.userIdentity?.invokedBy === 'string' && record.userIdentity.invokedBy.endsWith('.amazonaws.com') && record.userIdentity.invokedBy !== 'signin.amazonaws.com') return true;
  return typeof record.userAgent === 'string' && record.userAgent.startsWith('aws-internal');
}

/** Where the record is, for a finding: its file and line (line 1 when the source knows only the record's index). */
export function recordLocation(source: RecordSource): Location {
  return { file: source.file, line: source.line ?? 1, column: 1 };
}

/**
 * Which record of its file, for messages: the location gives file:line, but CloudTrail writes
 * each S3 log file on one line, so the record's number is what tells records apart there.
 */
export function recordRef(source: RecordSource): string {
  return source.index !== undefined ? `, record #${source.index + 1}` : '';
}
