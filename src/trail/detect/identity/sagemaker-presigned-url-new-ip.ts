import type { SourcedRecord } from '../../record.js';
import { alertOn } from '../alert.js';
import { FirstSeen } from '../bounded.js';
import { eventTimeMs, isServiceCall, principalOf } from '../principal.js';
import { BASELINE_DAYS, daysMs, firstSeenParameters, numberParam } from '../params.js';
import { textAt } from '../path.js';
import { absent, all, eq, oneOf, present } from '../predicate.js';
import { NO_ALERTS, type Alert, type Detection } from '../types.js';

export const PRESIGNED_URL_EVENTS: readonly string[] = ['CreatePresignedNotebookInstanceUrl', 'CreatePresignedDomainUrl'];

/** The notebook instance or Studio user profile the URL opens. */
export function presignedTarget(sourced: SourcedRecord): { type: string; id: string } | undefined {
  const r = sourced.record;
  const notebook = textAt(r, 'requestParameters.notebookInstanceName');
  if (notebook) return { type: 'AWS::SageMaker::NotebookInstance', id: notebook };
  const profile = textAt(r, 'requestParameters.userProfileName');
  const domain = textAt(r, 'requestParameters.domainId');
  if (profile) return { type: 'AWS::SageMaker::UserProfile', id: domain ? `${domain}/${profile}` : profile };
  return undefined;
}

export const detection: Detection = {
  id: 'sagemaker-presigned-url-new-ip',
  title: 'SageMaker notebook or Studio URL created from a new source IP',
  ring: 'identity',
  severity: 'medium',
  resourceTypes: [],
  rationale:
    'A presigned notebook or Studio URL is a session on an environment that holds the execution role\'s credentials and usually ' +
    'the training data; once created it needs no further authorization. People open their notebooks from a few addresses; the ' +
    'same principal creating a URL from an address it never used is how a stolen key or session is turned into an interactive ' +
    'foothold. Learning period: principal and address pairs first seen in the first baselineDays of the log are learned silently.',
  remediation:
    'Confirm the address with the user. Limit sagemaker:CreatePresignedNotebookInstanceUrl and CreatePresignedDomainUrl with ' +
    'aws:SourceIp or aws:SourceVpce conditions, and keep notebooks and Studio in VPC-only mode behind interface endpoints.',
  references: {
    attack: ['T1078.004', 'T1550.001'],
    atlas: ['AML.T0012', 'AML.T0091.000'],
    nist80053: ['AC-17', 'AC-2(12)', 'SI-4'],
    docs: ['https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-ip-filter.html'],
  },
  kind: 'stateful',
  eventNames: PRESIGNED_URL_EVENTS,
  parameters: firstSeenParameters('principal and source IP pairs'),
  predicate: all(eq('eventSource', 'sagemaker.amazonaws.com'), oneOf('eventName', ...PRESIGNED_URL_EVENTS), absent('errorCode'), present('sourceIPAddress')),
  create(config) {
    const seen = new FirstSeen(numberParam(config, 'maxPairs'), daysMs(numberParam(config, BASELINE_DAYS)), config.runStartMs);
    return {
      onRecord(sourced: SourcedRecord): readonly Alert[] {
        const r = sourced.record;
        if (r.eventSource !== 'sagemaker.amazonaws.com' || r.errorCode || isServiceCall(r)) return NO_ALERTS;
        const ip = r.sourceIPAddress;
        if (typeof ip !== 'string' || !ip) return NO_ALERTS;
        if (!seen.observe(`${principalOf(r)}\n${ip}`, eventTimeMs(r))) return NO_ALERTS;
        const target = presignedTarget(sourced);
        return [
          alertOn('sagemaker-presigned-url-new-ip', sourced, {
            summary: `created a presigned URL${target ? ` for ${target.id}` : ''} from new source IP ${ip}`,
            evidence: [`sourceIPAddress = ${ip}`, `first time this principal created a URL from this address since the learning period ended`],
            ...(target ? { resource: target } : {}),
            property: 'sourceIPAddress',
          }),
        ];
      },
      flush: () => NO_ALERTS,
      evictions: () => seen.evicted,
    };
  },
};
