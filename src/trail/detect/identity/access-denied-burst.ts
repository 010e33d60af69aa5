import type { SourcedRecord } from '../../record.js';
import { alertOn, iso } from '../alert.js';
import { BurstCounter, LruMap } from '../bounded.js';
import { isServiceCall, eventTimeMs, principalOf } from '../principal.js';
import { minutesMs, numberParam } from '../params.js';
import { globRegExp, like } from '../predicate.js';
import { NO_ALERTS, type Alert, type Detection } from '../types.js';

/**
 * The error codes of a denied call, matched the way the CIS unauthorized-API-call metric filter
 * should: `AccessDenied*` covers S3's AccessDenied and the JSON APIs' AccessDeniedException,
 * `*UnauthorizedOperation` covers EC2's Client.UnauthorizedOperation.
 */
export const DENIED_CODES: readonly string[] = ['AccessDenied*', '*UnauthorizedOperation'];
const DENIED = DENIED_CODES.map(globRegExp);

export const isDenied = (code: unknown): boolean => typeof code === 'string' && DENIED.some((re) => re.test(code));

export const detection: Detection = {
  id: 'access-denied-burst',
  title: 'Burst of denied API calls from one principal',
  ring: 'identity',
  severity: 'medium',
  resourceTypes: [],
  rationale:
    'Stolen credentials — a notebook execution role, a pipeline key — are first used to find out what they may do, which produces ' +
    'a run of AccessDenied and UnauthorizedOperation errors from one principal in a short time. Ordinary users and jobs hit a ' +
    'denial now and then, not dozens within minutes. Calls AWS services make on a principal\'s behalf and the console\'s own ' +
    'background calls are not counted.',
  remediation:
    'Find out what the principal was trying (the denied event names and resources) and whether its credentials are in the hands ' +
    'they were issued to; if not, revoke the sessions (an inline deny on aws:TokenIssueTime) or deactivate the keys. Alarm on the ' +
    'same condition in CloudWatch with the metric filter { ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }.',
  references: {
    attack: ['T1580', 'T1526', 'T1078.004'],
    atlas: ['AML.T0075', 'AML.T0012', 'AML.M0024'],
    cis: ['CIS AWS Foundations v1.4.0 4.1'],
    nist80053: ['AC-7', 'SI-4', 'AU-6'],
    docs: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html'],
  },
  kind: 'stateful',
  parameters: {
    threshold: { default: 10, description: 'denied calls from one principal that make a burst' },
    windowMinutes: { default: 10, description: 'the window the denied calls must fall in' },
    maxPrincipals: { default: 10_000, description: 'principals tracked at once (least recently seen forgotten first)' },
  },
  predicate: like('errorCode', ...DENIED_CODES),
  create(config) {
    const threshold = Math.max(1, Math.round(numberParam(config, 'threshold')));
    const windowMs = minutesMs(numberParam(config, 'windowMinutes'));
    const bursts = new BurstCounter(numberParam(config, 'maxPrincipals'), threshold, windowMs);
    // The last few denied calls of each principal, for the message: what were they trying?
    const recent = new LruMap<string, string[]>(numberParam(config, 'maxPrincipals'));
    return {
      onRecord(sourced: SourcedRecord): readonly Alert[] {
        const r = sourced.record;
        if (!isDenied(r.errorCode) || isServiceCall(r)) return NO_ALERTS;
        const principal = principalOf(r);
        const tried = recent.get(principal) ?? [];
        const call = `${r.eventSource.replace('.amazonaws.com', '')}:${r.eventName}`;
        if (!tried.includes(call)) tried.push(call);
        if (tried.length > 5) tried.shift();
        recent.set(principal, tried);
        const burst = bursts.add(principal, eventTimeMs(r));
        if (!burst) return NO_ALERTS;
        return [
          alertOn('access-denied-burst', sourced, {
            summary: `was denied ${threshold} calls within ${Math.round((burst.last - burst.first) / 1000)} s`,
            evidence: [`${threshold} denied calls from ${iso(burst.first)} to ${iso(burst.last)} (threshold ${threshold} in ${numberParam(config, 'windowMinutes')} min)`, `last error ${r.errorCode}`, `calls tried: ${tried.join(', ')}`],
            property: 'errorCode',
          }),
        ];
      },
      flush: () => NO_ALERTS,
      evictions: () => bursts.evicted,
    };
  },
};
