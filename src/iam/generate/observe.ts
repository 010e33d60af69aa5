import type { ActionCatalog } from '../catalog/types.js';
import type { CloudTrailRecord, RecordSource, SourcedRecord } from '../../trail/record.js';
import { actionsFor } from './actions.js';
import { escapePolicyText, resolveResources, type CallScope } from './arns.js';
import { passedRoles, type PassedRole } from './pass-role.js';

/**
 * The calls a role made, read from CloudTrail records: records whose caller is a session of the
 * role (userIdentity.sessionContext.sessionIssuer is the role, or userIdentity.arn is
 * `assumed-role/NAME/…` in its account). Each call becomes the requests IAM authorized: an
 * action on a resource, plus the iam:PassRole requests its parameters imply.
 */

export interface RoleRef {
  arn: string;
  partition: string;
  account: string;
  name: string;
}

export function parseRoleArn(arn: string): RoleRef | undefined {
  const m = /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? { arn, partition: m[1]!, account: m[2]!, name: m[3]! } : undefined;
}

/** True when the record is a call made by a session of the role (role names are unique in an account, whatever the path). */
export function isCallOf(record: CloudTrailRecord, role: RoleRef): boolean {
  const ui = record.userIdentity;
  if (!ui) return false;
  const issuer = ui.sessionContext?.sessionIssuer?.arn;
  if (typeof issuer === 'string') {
    const r = parseRoleArn(issuer);
    if (r) return r.account === role.account && r.name === role.name;
  }
  const m = typeof ui.arn === 'string' ? /^arn:[\w-]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(ui.arn) : null;
  return m !== null && m[1] === role.account && m[2] === role.name;
}

export interface ObservedRequest {
  action: string;
  /** The resource as requested (a wildcard where the record did not say). */
  resource: string;
  /** How a policy names it (literal wildcard characters escaped). */
  pattern: string;
  context?: Record<string, string>;
}

export interface ObservedCall {
  eventSource: string;
  eventName: string;
  eventTime: string;
  source: RecordSource;
  /** The caller as logged (the session ARN). */
  principal?: string;
  requests: ObservedRequest[];
  passed: PassedRole[];
  /** The call failed after it was authorized (ResourceNotFound, ValidationException). */
  errorCode?: string;
}

export type SkipReason = 'denied' | 'no-permission' | 'not-an-api-call';

export interface Observation {
  call?: ObservedCall;
  skipped?: SkipReason;
  /** Problems with this call's resources: actions without resource-level permissions, unknown actions, wildcards. */
  noResourceLevel: string[];
  unknownActions: string[];
  widened: { action: string; reason: string }[];
  /** IAM ARNs built from a name: the path is not known. */
  pathAssumed: string[];
}

/** Error codes of a request IAM (or an SCP, a boundary, a resource policy) refused. */
const DENIED = /^(AccessDenied|Client\.UnauthorizedOperation|UnauthorizedOperation|AccessDeniedException|Unauthorized|AuthorizationError|NotAuthorized)/;

export async function observe(entry: SourcedRecord, role: RoleRef, catalog: ActionCatalog): Promise<Observation> {
  const r = entry.record;
  const out: Observation = { noResourceLevel: [], unknownActions: [], widened: [], pathAssumed: [] };
  if (r.errorCode && DENIED.test(r.errorCode)) return { ...out, skipped: 'denied' };
  if (r.eventType && r.eventType !== 'AwsApiCall') return { ...out, skipped: 'not-an-api-call' };
  const mapped = actionsFor(r.eventSource, r.eventName, r.requestParameters);
  if ('skip' in mapped) return { ...out, skipped: mapped.skip };

  const scope: CallScope = {
    partition: role.partition,
    region: r.awsRegion ?? 'us-east-1',
    account: (typeof r.recipientAccountId === 'string' && /^\d{12}$/.test(r.recipientAccountId) ? r.recipientAccountId : undefined) ?? role.account,
  };
  const requests: ObservedRequest[] = [];
  for (const action of mapped.actions) {
    const resolved = await resolveResources(action, r, scope, catalog);
    if (resolved.unknownAction) out.unknownActions.push(action);
    if (resolved.noResourceLevel) out.noResourceLevel.push(action);
    if (resolved.widened) out.widened.push({ action, reason: resolved.widened });
    if (resolved.built && resolved.targets.some((t) => /^arn:[\w-]+:iam::\d{12}:(role|user|group|policy|instance-profile)\//.test(t.arn))) out.pathAssumed.push(action);
    for (const t of resolved.targets) requests.push({ action, resource: t.arn, pattern: t.pattern });
  }
  // CopyObject reads its source: s3:GetObject on the x-amz-copy-source object.
  const copySource = r.requestParameters?.['x-amz-copy-source'];
  if (r.eventSource === 's3.amazonaws.com' && typeof copySource === 'string' && copySource.includes('/')) {
    const src = decodeURIComponent(copySource.replace(/^\//, '').split('?')[0]!);
    const arn = `arn:${role.partition}:s3:::${src}`;
    requests.push({ action: 's3:GetObject', resource: arn, pattern: escapePolicyText(arn) });
  }
  const passed = passedRoles(r);
  for (const p of passed) requests.push({ action: 'iam:PassRole', resource: p.role, pattern: escapePolicyText(p.role), context: { 'iam:PassedToService': p.service } });

  const call: ObservedCall = { eventSource: r.eventSource, eventName: r.eventName, eventTime: r.eventTime, source: entry.source, requests, passed };
  if (typeof r.userIdentity?.arn === 'string') call.principal = r.userIdentity.arn;
  if (r.errorCode) call.errorCode = r.errorCode;
  out.call = call;
  return out;
}
