// What every detection query computes per record, written once: who called (principal.ts), whether
// a service called on someone's behalf, the time in milliseconds, where the record came from, and
// the columns every detection query returns (one row per alert, the shape of an Alert).

import type { Dialect } from './dialect.js';
import { and, bool, like, or, str } from './sql-text.js';

/** The columns of every detection query, in order. */
export const ALERT_COLUMNS = [
  'detection',
  'eventid',
  'eventtime',
  'eventsource',
  'eventname',
  'principal',
  'resource_type',
  'resource_id',
  'resource_arn',
  'summary',
  'evidence',
  'property',
  'window_start',
  'window_end',
  'source_file',
  'source_index',
  'source_line',
] as const;
export type AlertColumn = (typeof ALERT_COLUMNS)[number];

/** principalOf(): the ARN, else the principal id, else the invoking service, else type and account. */
export const PRINCIPAL = `(CASE
    WHEN useridentity IS NULL THEN '(unknown principal)'
    WHEN coalesce(useridentity.arn, '') <> '' THEN useridentity.arn
    WHEN coalesce(useridentity.principalid, '') <> '' THEN useridentity.principalid
    WHEN coalesce(useridentity.invokedby, '') <> '' THEN useridentity.invokedby
    ELSE coalesce(useridentity.type, 'Unknown') || (CASE WHEN coalesce(useridentity.accountid, '') <> '' THEN ' in ' || useridentity.accountid ELSE '' END)
  END)`;

const PRINCIPAL_TYPES: Record<string, string> = {
  IAMUser: 'AWS::IAM::User',
  AssumedRole: 'AWS::STS::AssumedRole',
  Root: 'AWS::IAM::Root',
  FederatedUser: 'AWS::STS::FederatedUser',
  AWSService: 'AWS::Service',
};

/** principalResourceType(): the IAM type of the caller, for the finding's resource. */
export const PRINCIPAL_TYPE = `(CASE useridentity.type ${Object.entries(PRINCIPAL_TYPES)
  .map(([k, v]) => `WHEN ${str(k)} THEN ${str(v)}`)
  .join(' ')} ELSE 'AWS::IAM::Principal' END)`;

/** isServiceCall(): an AWS service acting for the principal, or the console's own calls. */
export const SERVICE_CALL = bool(
  or([
    like('sourceipaddress', '%.amazonaws.com'),
    `sourceipaddress = 'AWS Internal'`,
    and([like('useridentity.invokedby', '%.amazonaws.com'), `useridentity.invokedby <> 'signin.amazonaws.com'`]),
    like('useragent', 'aws-internal%'),
  ]),
);

/** A JavaScript-falsy errorCode (absent, null or empty): the call succeeded. */
export const SUCCEEDED = `coalesce(errorcode, '') = ''`;

/** Where the records are: a table (or view), and the user's own condition on it (partitions). */
export interface Source {
  table: string;
  where?: string;
}

/**
 * `base`: the table's records (optionally filtered) with seq, ms, principal and their source.
 * Every detection query starts from it.
 */
export function baseCte(d: Dialect, src: Source, where?: string): string {
  const conditions = [src.where, where].filter((c): c is string => Boolean(c));
  return `base AS (
  SELECT *,
    ${d.seq} AS seq,
    ${d.epochMs('eventtime')} AS ms,
    ${PRINCIPAL} AS principal,
    ${d.source.file} AS source_file,
    ${d.source.index} AS source_index,
    ${d.source.line} AS source_line
  FROM ${src.table}${conditions.length ? `\n  WHERE ${conditions.map((c) => (conditions.length > 1 ? `(${c})` : c)).join(' AND ')}` : ''}
)`;
}

/** The SELECT list of an alert row; columns not given take the record's own (resource: the principal). */
export function alertSelect(detection: string, given: Partial<Record<AlertColumn, string>>): string {
  const defaults: Record<AlertColumn, string> = {
    detection: str(detection),
    eventid: 'eventid',
    eventtime: 'eventtime',
    eventsource: 'eventsource',
    eventname: 'eventname',
    principal: 'principal',
    resource_type: PRINCIPAL_TYPE,
    resource_id: 'principal',
    resource_arn: `(CASE WHEN ${like('principal', 'arn:%')} THEN principal END)`,
    summary: `''`,
    evidence: `''`,
    property: 'CAST(NULL AS VARCHAR)',
    window_start: 'CAST(NULL AS VARCHAR)',
    window_end: 'CAST(NULL AS VARCHAR)',
    source_file: 'source_file',
    source_index: 'source_index',
    source_line: 'source_line',
  };
  return ALERT_COLUMNS.map((c) => `  ${given[c] ?? defaults[c]} AS ${c}`).join(',\n');
}

/** `ARN when it is one`: the resource_arn of a named resource. */
export function arnOf(id: string): string {
  return `(CASE WHEN ${like(id, 'arn:%')} THEN ${id} END)`;
}
