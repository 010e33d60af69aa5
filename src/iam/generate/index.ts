import { defaultCatalog } from '../catalog/index.js';
import type { ActionCatalog } from '../catalog/types.js';
import type { SourcedRecord } from '../../trail/record.js';
import { buildPolicy, type BuildOptions, type PolicyDocument } from './build.js';
import { isCallOf, observe, parseRoleArn, type ObservedCall, type SkipReason } from './observe.js';
import { proveAllowed, type Proof } from './prove.js';

/**
 * Least-privilege generation from CloudTrail: the policy that allows every call a role made, and
 * nothing it did not use — action-level for every service (SageMaker included), resources
 * narrowed to the ARNs seen, S3 objects to the folders seen, iam:PassRole inferred from the
 * roles the calls handed to services. The result says what the records could not show, and
 * carries the evaluator's proof that the policy allows every observed call.
 */

export { buildPolicy, narrowObjects, type PolicyDocument, type PolicyStatement } from './build.js';
export { actionsFor, servicePrefix } from './actions.js';
export { resolveResources, typeMatcher, escapePolicyText, arnsIn, type ResolvedResources, type Target } from './arns.js';
export { passedRoles, type PassedRole } from './pass-role.js';
export { isCallOf, observe, parseRoleArn, type ObservedCall, type ObservedRequest, type RoleRef } from './observe.js';
export { proveAllowed, type Proof, type ProofFailure } from './prove.js';

export interface GenerateOptions extends BuildOptions {
  /** The role: `arn:aws:iam::111122223333:role/NAME` (its path does not matter). */
  role: string;
  catalog?: ActionCatalog;
}

export interface GenerationResult {
  role: string;
  policy: PolicyDocument;
  /** Records read, and those that were calls of the role. */
  records: number;
  matched: number;
  /** The calls the policy is built from. */
  calls: ObservedCall[];
  skipped: Record<SkipReason, number>;
  /** What the records could not show, and choices made, for people. */
  notes: string[];
  proof: Proof;
  /** Characters of the policy without whitespace (IAM's limit for a managed policy is 6,144). */
  size: number;
}

export class GenerateError extends Error {}

/** IAM's size limit for a customer managed policy, whitespace not counted. */
export const MANAGED_POLICY_LIMIT = 6144;

/** S3 data events: object-level operations CloudTrail logs only when the trail records data events. */
const S3_DATA_EVENTS = /^(GetObject|PutObject|HeadObject|DeleteObjects?|CopyObject|CreateMultipartUpload|UploadPart|CompleteMultipartUpload|ListObjects(V2)?|GetObjectAcl|PutObjectAcl|SelectObjectContent|RestoreObject)$/;

export async function generateLeastPrivilege(records: AsyncIterable<SourcedRecord> | Iterable<SourcedRecord>, options: GenerateOptions): Promise<GenerationResult> {
  const role = parseRoleArn(options.role);
  if (!role) throw new GenerateError(`"${options.role}" is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)`);
  const catalog = options.catalog ?? defaultCatalog();
  const calls: ObservedCall[] = [];
  const skipped: Record<SkipReason, number> = { denied: 0, 'no-permission': 0, 'not-an-api-call': 0 };
  const noResourceLevel = new Set<string>();
  const unknownActions = new Set<string>();
  const widened = new Map<string, string>();
  const pathAssumed = new Set<string>();
  const notes: string[] = [];
  const noteOnce = new Set<string>();
  const note = (text: string) => {
    if (!noteOnce.has(text)) noteOnce.add(text), notes.push(text);
  };
  let count = 0;
  let matched = 0;
  let s3DataEvents = 0;
  let failedAfterAuth = 0;

  for await (const entry of records) {
    count++;
    const r = entry.record;
    if (r.eventSource === 's3.amazonaws.com' && S3_DATA_EVENTS.test(r.eventName)) s3DataEvents++;
    if (!isCallOf(r, role)) continue;
    matched++;
    const o = await observe(entry, role, catalog);
    if (o.skipped) {
      skipped[o.skipped]++;
      continue;
    }
    o.noResourceLevel.forEach((a) => noResourceLevel.add(a));
    o.unknownActions.forEach((a) => unknownActions.add(a));
    for (const w of o.widened) if (!widened.has(w.action)) widened.set(w.action, w.reason);
    o.pathAssumed.forEach((a) => pathAssumed.add(a));
    if (o.call!.errorCode) failedAfterAuth++;
    if (r.eventName === 'RunInstances' && r.requestParameters?.iamInstanceProfile) {
      note('RunInstances was given an instance profile: the role inside it is passed (iam:PassRole to ec2.amazonaws.com), but CloudTrail does not name it; add that statement by hand');
    }
    calls.push(o.call!);
  }

  if (matched === 0) throw new GenerateError(`no call of ${options.role} in ${count} record${count === 1 ? '' : 's'} (looked for sessions whose issuer is the role)`);
  const requests = calls.flatMap((c) => c.requests);
  const policy = buildPolicy(requests, options);
  const proof = proveAllowed(policy, calls, role);

  if (s3DataEvents === 0) note('no S3 data events (GetObject, PutObject, ListObjects…) are in these records: if the trail does not log data events, the objects the role reads and writes are not in this policy');
  const passed = calls.flatMap((c) => c.passed.map((p) => `${p.role} to ${p.service} (${c.eventName} ${p.parameter})`));
  if (passed.length) note(`iam:PassRole inferred from the roles the calls handed to services: ${[...new Set(passed)].join('; ')}`);
  if (noResourceLevel.size) note(`no resource-level permissions, so Resource "*": ${[...noResourceLevel].sort().join(', ')}`);
  for (const [action, reason] of widened) note(`${action}: ${reason}, so its resource is a wildcard there`);
  if (unknownActions.size) note(`not in the action catalog (kept as logged; check the name): ${[...unknownActions].sort().join(', ')}`);
  if (skipped.denied) note(`${skipped.denied} call${skipped.denied === 1 ? ' was' : 's were'} denied (AccessDenied and similar) and ${skipped.denied === 1 ? 'is' : 'are'} not granted`);
  if (skipped['no-permission']) note(`${skipped['no-permission']} call${skipped['no-permission'] === 1 ? ' needs' : 's need'} no permission (sts:GetCallerIdentity)`);
  if (skipped['not-an-api-call']) note(`${skipped['not-an-api-call']} event${skipped['not-an-api-call'] === 1 ? ' is' : 's are'} not API calls authorized by IAM (console sign-in, service events)`);
  if (failedAfterAuth) note(`${failedAfterAuth} call${failedAfterAuth === 1 ? '' : 's'} failed after authorization (for example ResourceNotFound) and ${failedAfterAuth === 1 ? 'is' : 'are'} still granted`);
  if (pathAssumed.size) note(`${[...pathAssumed].sort().join(', ')}: the records name IAM resources without their path, so their ARNs assume the default path (/)`);
  const size = JSON.stringify(policy).replace(/\s/g, '').length;
  if (size > MANAGED_POLICY_LIMIT) note(`the policy has ${size} characters without whitespace, over IAM's ${MANAGED_POLICY_LIMIT} for a managed policy: split it`);
  return { role: options.role, policy, records: count, matched, calls, skipped, notes, proof, size };
}
