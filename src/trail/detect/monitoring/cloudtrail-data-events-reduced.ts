import type { SourcedRecord } from '../../record.js';
import { LruMap } from '../bounded.js';
import { principalOf } from '../principal.js';
import { numberParam } from '../params.js';
import { scalarText, textAt, valuesAt } from '../path.js';
import { absent, all, eq, oneOf } from '../predicate.js';
import { NO_ALERTS, type Alert, type Detection } from '../types.js';

const EVENT_NAMES = ['PutEventSelectors', 'PutAdvancedEventSelectors'];

/**
 * The data events a selector request logs, as `type value` strings: basic selectors list
 * dataResources (type and ARN prefixes; no values means all), advanced selectors with
 * eventCategory Data name a resources.type and optional resources.ARN conditions.
 */
export function dataEventsLogged(requestParameters: unknown): Set<string> {
  const out = new Set<string>();
  for (const r of valuesAt(requestParameters, 'eventSelectors[*].dataResources[*]')) {
    const type = textAt(r, 'type') ?? '?';
    const values = valuesAt(r, 'values[*]').map(scalarText).filter((v): v is string => v !== undefined);
    if (values.length === 0) out.add(`${type} (all)`);
    for (const v of values) out.add(`${type} ${v}`);
  }
  for (const sel of valuesAt(requestParameters, 'advancedEventSelectors[*]')) {
    const fields = valuesAt(sel, 'fieldSelectors[*]');
    const category = fields.find((f) => textAt(f, 'field') === 'eventCategory');
    if (!category || !valuesAt(category, 'equals[*]').includes('Data')) continue;
    const types = fields.filter((f) => textAt(f, 'field') === 'resources.type').flatMap((f) => valuesAt(f, 'equals[*]').map(String));
    const arns = fields.filter((f) => textAt(f, 'field') === 'resources.ARN').flatMap((f) => [...valuesAt(f, 'equals[*]'), ...valuesAt(f, 'startsWith[*]')].map(String));
    for (const t of types.length ? types : ['?']) {
      if (arns.length === 0) out.add(`${t} (all)`);
      for (const a of arns) out.add(`${t} ${a}`);
    }
  }
  return out;
}

export const detection: Detection = {
  id: 'cloudtrail-data-events-reduced',
  title: 'CloudTrail trail stopped logging data events it logged before',
  ring: 'monitoring',
  severity: 'high',
  resourceTypes: [],
  rationale:
    'S3 data events are the only record of who read or wrote training data; the exfiltration and poisoning detections depend on ' +
    'them. A selector change that removes data resources a trail logged earlier in the same log stops that record without ' +
    'stopping the trail. Only changes whose previous selectors are also in the scanned logs can be compared.',
  remediation:
    'Restore the data-event selectors (S3 objects of training-data and model buckets at least) and restrict ' +
    'cloudtrail:PutEventSelectors to the team that owns logging.',
  references: {
    attack: ['T1562.008'],
    atlas: ['AML.TA0007', 'AML.M0024'],
    nist80053: ['AU-2', 'AU-9', 'AU-12'],
    docs: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html'],
  },
  kind: 'stateful',
  eventNames: EVENT_NAMES,
  parameters: {
    maxTrails: { default: 1_000, description: 'trails whose last selectors are remembered (least recently changed forgotten first)' },
  },
  predicate: all(eq('eventSource', 'cloudtrail.amazonaws.com'), oneOf('eventName', ...EVENT_NAMES), absent('errorCode')),
  create(config) {
    const last = new LruMap<string, Set<string>>(numberParam(config, 'maxTrails'));
    return {
      onRecord({ record: r, source }: SourcedRecord): readonly Alert[] {
        if (r.eventSource !== 'cloudtrail.amazonaws.com' || r.errorCode || !r.requestParameters) return NO_ALERTS;
        const trail = textAt(r, 'requestParameters.trailName') ?? textAt(r, 'responseElements.trailARN');
        if (!trail) return NO_ALERTS;
        // The response names the trail by ARN; key by the bare name so both spellings meet.
        const key = trail.replace(/^arn:[^:]+:cloudtrail:[^:]*:\d*:trail\//, '');
        const now = dataEventsLogged(r.requestParameters);
        const before = last.get(key);
        last.set(key, now);
        if (!before) return NO_ALERTS;
        const dropped = [...before].filter((d) => !now.has(d));
        if (dropped.length === 0) return NO_ALERTS;
        return [
          {
            detectionId: 'cloudtrail-data-events-reduced',
            source,
            eventTime: r.eventTime,
            eventSource: r.eventSource,
            eventName: r.eventName,
            principal: principalOf(r),
            resource: trail.startsWith('arn:') ? { type: 'AWS::CloudTrail::Trail', id: key, arn: trail } : { type: 'AWS::CloudTrail::Trail', id: key },
            summary: `stopped logging data events for trail ${key}`,
            evidence: [`no longer logged: ${dropped.join(', ')}`, now.size ? `still logged: ${[...now].join(', ')}` : 'no data events logged any more'],
            property: 'requestParameters.eventSelectors',
          },
        ];
      },
      flush: () => NO_ALERTS,
      evictions: () => last.evicted,
    };
  },
};
