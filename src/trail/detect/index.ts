// The detection catalog: the only place a detection is registered. Ordered by ring, then id.

import { UsageError } from '../../core/errors.js';
import { CHECKS, type CheckId } from './checks.js';
import { detection as kmsKeyDisabled } from './data/kms-key-disabled-or-deleted.js';
import { detection as bucketAclPublic } from './data/s3-bucket-acl-public.js';
import { detection as bucketPolicyDeleted } from './data/s3-bucket-policy-deleted.js';
import { detection as bucketPolicyPublic } from './data/s3-bucket-policy-public.js';
import { detection as publicAccessBlockRemoved } from './data/s3-public-access-block-removed.js';
import { detection as trainingDataBulkRead } from './data/s3-training-data-bulk-read.js';
import { detection as trainingDataNewWriter } from './data/s3-training-data-new-writer.js';
import { detection as accessDeniedBurst } from './identity/access-denied-burst.js';
import { detection as consoleLoginWithoutMfa } from './identity/console-login-without-mfa.js';
import { detection as iamAdminGranted } from './identity/iam-admin-granted.js';
import { detection as lifecycleScriptSuspicious } from './identity/sagemaker-lifecycle-script-suspicious.js';
import { detection as notebookRootAccess } from './identity/sagemaker-notebook-root-access-granted.js';
import { detection as presignedUrlNewIp } from './identity/sagemaker-presigned-url-new-ip.js';
import { detection as roleNewPasser } from './identity/sagemaker-role-new-passer.js';
import { detection as cloudtrailDataEventsReduced } from './monitoring/cloudtrail-data-events-reduced.js';
import { detection as cloudtrailEventSelectorsReduced } from './monitoring/cloudtrail-event-selectors-reduced.js';
import { detection as cloudtrailLoggingStopped } from './monitoring/cloudtrail-logging-stopped.js';
import { detection as cloudtrailTrailWeakened } from './monitoring/cloudtrail-trail-weakened.js';
import { detection as endpointConfigWithoutCapture } from './monitoring/sagemaker-endpoint-config-without-capture.js';
import { detection as monitoringStopped } from './monitoring/sagemaker-monitoring-stopped.js';
import { detection as modelWithoutIsolation } from './network/sagemaker-model-without-isolation.js';
import { detection as notebookInternetEnabled } from './network/sagemaker-notebook-internet-enabled.js';
import { detection as presignedUrlOutsideVpce } from './network/sagemaker-presigned-url-outside-vpce.js';
import type { Predicate } from './predicate.js';
import { SCRIPT_PATTERNS } from './script-patterns.js';
import { rulePredicate, type EventRule } from './stateless.js';
import type { Detection, ParameterSpec } from './types.js';

export const DETECTIONS: readonly Detection[] = [
  // network
  notebookInternetEnabled,
  modelWithoutIsolation,
  presignedUrlOutsideVpce,
  // identity
  accessDeniedBurst,
  consoleLoginWithoutMfa,
  iamAdminGranted,
  roleNewPasser,
  presignedUrlNewIp,
  notebookRootAccess,
  lifecycleScriptSuspicious,
  // data
  bucketPolicyPublic,
  bucketAclPublic,
  publicAccessBlockRemoved,
  bucketPolicyDeleted,
  kmsKeyDisabled,
  trainingDataBulkRead,
  trainingDataNewWriter,
  // monitoring
  cloudtrailLoggingStopped,
  cloudtrailTrailWeakened,
  cloudtrailEventSelectorsReduced,
  cloudtrailDataEventsReduced,
  monitoringStopped,
  endpointConfigWithoutCapture,
];

/** The detections a run uses; an id that names none is a usage error, not a silent no-op. */
export function selectDetections(catalog: readonly Detection[], only: readonly string[] = [], skip: readonly string[] = []): Detection[] {
  const known = new Set(catalog.map((d) => d.id));
  for (const id of [...only, ...skip]) {
    if (!known.has(id)) throw new UsageError(`unknown detection "${id}" (see \`ringfence trail scan --list\` for the catalog)`);
  }
  const wanted = only.length ? new Set(only) : undefined;
  const skipped = new Set(skip);
  return catalog.filter((d) => !skipped.has(d.id) && (!wanted || wanted.has(d.id)));
}

/** One row of a stateless detection, as data for the SQL compiler. */
export interface StatelessRow {
  eventSource: string;
  eventNames: readonly string[];
  /** The whole condition: event source and names, success (unless failures count) and the extra condition. */
  predicate: Predicate;
  /** The message phrase; `{target}` is the resource's name. */
  action: string;
  target?: { type: string; paths: readonly string[] };
  property?: string;
}

export interface DetectionDescription {
  id: string;
  title: string;
  ring: Detection['ring'];
  severity: Detection['severity'];
  kind: Detection['kind'];
  eventNames?: readonly string[];
  /** Stateless: the whole detection. Stateful: the records that feed its state. */
  predicate?: Predicate;
  /** Stateless detections: one entry per table row, each its own alert. */
  rows?: StatelessRow[];
  parameters: Readonly<Record<string, ParameterSpec>>;
}

/**
 * The catalog as data, for compiling detections to SQL (DuckDB, Athena) and for listing them:
 * predicates are trees of field-path comparisons (see predicate.ts); `checks` documents the named
 * checks they may use and `scriptPatterns` the regular expressions of `script-suspicious`.
 */
export function describeDetections(catalog: readonly Detection[] = DETECTIONS): {
  detections: DetectionDescription[];
  checks: Record<CheckId, string>;
  scriptPatterns: typeof SCRIPT_PATTERNS;
} {
  return {
    detections: catalog.map((d) => {
      const rows = (d as Detection & { rules?: readonly EventRule[] }).rules;
      return {
        id: d.id,
        title: d.title,
        ring: d.ring,
        severity: d.severity,
        kind: d.kind,
        ...(d.eventNames ? { eventNames: d.eventNames } : {}),
        ...(d.predicate ? { predicate: d.predicate } : {}),
        ...(rows
          ? {
              rows: rows.map((r) => ({
                eventSource: r.eventSource,
                eventNames: r.eventNames,
                predicate: rulePredicate(r),
                action: r.action,
                ...(r.target ? { target: r.target } : {}),
                ...(r.property ? { property: r.property } : {}),
              })),
            }
          : {}),
        parameters: d.parameters,
      };
    }),
    checks: Object.fromEntries(Object.entries(CHECKS).map(([id, c]) => [id, c.description])) as Record<CheckId, string>,
    scriptPatterns: SCRIPT_PATTERNS,
  };
}

export { DetectionRun, detect, alertToFinding, type RunOptions, type RunStats } from './engine.js';
export { detectorConfig, type DetectionSettings } from './params.js';
export { evaluate, describe as describePredicate, type Predicate, type Leaf } from './predicate.js';
export { CHECKS, type CheckId } from './checks.js';
export { SCRIPT_PATTERNS, decodeScript, scanScript } from './script-patterns.js';
export type { Alert, Detection, Detector, DetectorConfig, ParameterSpec, ParamValue } from './types.js';
