import type { SourcedRecord } from '../record.js';
import { principalOf, principalResourceType } from './principal.js';
import type { Alert } from './types.js';

/** An alert on one record; the resource defaults to the calling principal. */
export function alertOn(
  detectionId: string,
  { record, source }: SourcedRecord,
  what: { summary: string; evidence: string[]; resource?: Alert['resource']; property?: string },
): Alert {
  const principal = principalOf(record);
  return {
    detectionId,
    source,
    eventTime: record.eventTime,
    eventSource: record.eventSource,
    eventName: record.eventName,
    principal,
    resource: what.resource ?? { type: principalResourceType(record), id: principal, ...(principal.startsWith('arn:') ? { arn: principal } : {}) },
    summary: what.summary,
    evidence: what.evidence,
    ...(what.property ? { property: what.property } : {}),
  };
}

/** `ISO time` for a millisecond timestamp, for evidence lines. */
export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
