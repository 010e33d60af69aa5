// Stateless detections are tables: each row names an event (source and names), the extra
// condition as a predicate, what the call did, and which field names the resource acted on.
// `statelessDetection` turns a table into a Detection whose whole logic is also available as one
// predicate (`detection.predicate`) for the SQL compiler.

import type { CloudTrailRecord, SourcedRecord } from '../record.js';
import { principalOf, principalResourceType } from './principal.js';
import { textAt } from './path.js';
import { absent, all, any, evaluate, oneOf, type Predicate } from './predicate.js';
import { NO_ALERTS, type Alert, type Detection, type Detector } from './types.js';

export interface EventRule {
  eventSource: string;
  eventNames: readonly string[];
  /** The condition beyond source and name (absent: every such call). */
  when?: Predicate;
  /** What the call did, completing "PRINCIPAL ...": "stopped logging for trail {target}" (`{target}` is the resource's name). */
  action: string;
  /** The resource acted on: its type and the fields that may hold its name or ARN, first present wins. */
  target?: { type: string; paths: readonly string[] };
  /** The record field that decided, reported as the finding's property. */
  property?: string;
  /** Failed calls (with an errorCode) change nothing, so they never match unless this is set. */
  includeFailures?: boolean;
}

export type DetectionMeta = Omit<Detection, 'kind' | 'eventNames' | 'parameters' | 'predicate' | 'create'>;

/** The full condition of one row, including event source, name and success. */
export function rulePredicate(rule: EventRule): Predicate {
  const parts: Predicate[] = [oneOf('eventSource', rule.eventSource), oneOf('eventName', ...rule.eventNames)];
  if (!rule.includeFailures) parts.push(absent('errorCode'));
  if (rule.when) parts.push(rule.when);
  return all(...parts);
}

/** A detection made of table rows: one record in, at most one alert per matching row out. */
export function statelessDetection(meta: DetectionMeta, rules: readonly EventRule[]): Detection & { rules: readonly EventRule[] } {
  const eventNames = [...new Set(rules.flatMap((r) => r.eventNames))];
  const byName = new Map<string, EventRule[]>();
  for (const r of rules) for (const n of r.eventNames) byName.set(n, [...(byName.get(n) ?? []), r]);
  return {
    ...meta,
    kind: 'stateless',
    eventNames,
    parameters: {},
    rules,
    predicate: rules.length === 1 ? rulePredicate(rules[0]!) : any(...rules.map(rulePredicate)),
    create(): Detector {
      return {
        onRecord(sourced: SourcedRecord): readonly Alert[] {
          const r = sourced.record;
          const candidates = byName.get(r.eventName);
          if (!candidates) return NO_ALERTS;
          let out: Alert[] | undefined;
          for (const rule of candidates) {
            if (r.eventSource !== rule.eventSource) continue;
            if (!rule.includeFailures && r.errorCode !== undefined && r.errorCode !== null) continue;
            const evidence: string[] = [];
            if (rule.when && !evaluate(rule.when, r, evidence)) continue;
            (out ??= []).push(alertFor(meta.id, sourced, rule, evidence));
          }
          return out ?? NO_ALERTS;
        },
        flush: () => NO_ALERTS,
      };
    },
  };
}

function alertFor(detectionId: string, sourced: SourcedRecord, rule: EventRule, evidence: string[]): Alert {
  const r = sourced.record;
  const principal = principalOf(r);
  const target = rule.target ? targetOf(r, rule.target) : undefined;
  return {
    detectionId,
    source: sourced.source,
    eventTime: r.eventTime,
    eventSource: r.eventSource,
    eventName: r.eventName,
    principal,
    resource: target ?? { type: principalResourceType(r), id: principal },
    summary: rule.action.replace('{target}', target?.id ?? '(not named in the record)'),
    evidence,
    ...(rule.property ? { property: rule.property } : {}),
  };
}

function targetOf(record: CloudTrailRecord, target: { type: string; paths: readonly string[] }): Alert['resource'] | undefined {
  for (const p of target.paths) {
    const id = textAt(record, p);
    if (id) return id.startsWith('arn:') ? { type: target.type, id, arn: id } : { type: target.type, id };
  }
  return undefined;
}
