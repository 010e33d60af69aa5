import type { Inventory } from '../../core/inventory.js';
import type { Resource } from '../../core/resource.js';
import { asString, isObject, joinPath, parsePath, Unknown, type Value } from '../../core/value.js';
import { awsManagedPolicyName, effectOf } from './iam-match.js';
import { listOf, parseDocument, statements, type PolicySource } from './policy-document.js';

/**
 * SageMaker execution roles and the policies attached to them, found through the inventory graph:
 * a role is an execution role when a SageMaker resource names it (RoleArn, ExecutionRoleArn,
 * DefaultUserSettings.ExecutionRole, …) or when its trust policy lets SageMaker assume it.
 */

/** Property names under which SageMaker resources name the role they run as. */
export const ROLE_PROPERTY_NAMES: ReadonlySet<string> = new Set(['RoleArn', 'ExecutionRoleArn', 'ExecutionRole']);

export const SAGEMAKER_PRINCIPAL = 'sagemaker.amazonaws.com';

const isSageMaker = (r: Resource): boolean => r.type.startsWith('AWS::SageMaker::');

function lastName(path: string): string | undefined {
  const steps = parsePath(path).filter((s): s is string => typeof s === 'string');
  return steps[steps.length - 1];
}

/** Why a role counts as a SageMaker execution role; empty when it does not. */
export function executionRoleEvidence(role: Resource, inventory: Inventory): string[] {
  const why: string[] = [];
  for (const edge of inventory.edgesTo(role)) {
    const from = inventory.get(edge.from);
    const name = lastName(edge.path);
    if (from && isSageMaker(from) && name && ROLE_PROPERTY_NAMES.has(name)) why.push(`the ${edge.path} of ${from.type} ${from.id}`);
  }
  if (trustsSageMaker(role)) why.push(`its trust policy lets ${SAGEMAKER_PRINCIPAL} assume it`);
  return [...new Set(why)];
}

export function isExecutionRole(role: Resource, inventory: Inventory): boolean {
  return executionRoleEvidence(role, inventory).length > 0;
}

// Rules ask once per bucket; the answer only changes when resources are added.
const cache = new WeakMap<Inventory, { size: number; roles: Resource[] }>();

export function executionRoles(inventory: Inventory): Resource[] {
  const hit = cache.get(inventory);
  if (hit && hit.size === inventory.size) return hit.roles;
  const roles = inventory.ofType('AWS::IAM::Role').filter((r) => isExecutionRole(r, inventory));
  cache.set(inventory, { size: inventory.size, roles });
  return roles;
}

function trustsSageMaker(role: Resource): boolean {
  const doc = parseDocument(role.properties['AssumeRolePolicyDocument']);
  if (doc.state !== 'parsed') return false;
  const sts = statements(doc.document, 'AssumeRolePolicyDocument');
  if (!Array.isArray(sts)) return false;
  return sts.some(({ statement }) => {
    if (effectOf(statement) !== 'Allow') return false;
    const p = statement['Principal'];
    return isObject(p) && listOf(p['Service']).some((s) => asString(s) === SAGEMAKER_PRINCIPAL);
  });
}

/** First property name of an edge from an attachment-like IAM resource to the role. */
const ATTACHMENT_PROPERTIES: ReadonlySet<string> = new Set(['Roles', 'RoleName', 'Role']);

/** Policy documents that apply to the role: inline, and attached policy resources that name it. */
export function rolePolicyDocuments(role: Resource, inventory: Inventory): PolicySource[] {
  const out: PolicySource[] = [];
  const policies = role.properties['Policies'];
  if (Array.isArray(policies)) {
    policies.forEach((p, i) => {
      if (isObject(p)) out.push({ owner: role, path: joinPath(joinPath('Policies', i), 'PolicyDocument') });
    });
  }
  const seen = new Set<string>();
  for (const att of attachedResources(role, inventory)) {
    if (seen.has(att.key) || att.properties['PolicyDocument'] === undefined) continue;
    seen.add(att.key);
    out.push({ owner: att, path: 'PolicyDocument' });
  }
  return out;
}

/** A managed policy ARN attached to the role, with the resource and property path that attaches it. */
export interface ManagedAttachment {
  owner: Resource;
  path: string;
  /** The concrete ARN, when it is one (`arn:aws:iam::aws:policy/...`). */
  arn?: string;
  /** Why the ARN is not known, when it is neither concrete nor a reference to a policy defined here. */
  unknown?: string;
}

/** Managed policy ARNs: the role's ManagedPolicyArns, and attachment resources with a PolicyArn. */
export function managedPolicyAttachments(role: Resource, inventory: Inventory): ManagedAttachment[] {
  const out: ManagedAttachment[] = [];
  listOf(role.properties['ManagedPolicyArns']).forEach((v, i) => out.push(attachment(role, joinPath('ManagedPolicyArns', i), v)));
  for (const att of attachedResources(role, inventory)) {
    const v = att.properties['PolicyArn'];
    if (v !== undefined) out.push(attachment(att, 'PolicyArn', v));
  }
  return out;
}

function attachment(owner: Resource, path: string, v: Value): ManagedAttachment {
  if (v instanceof Unknown) {
    // `arn:${AWS::Partition}:iam::aws:policy/Name` names the policy for sure, whatever the partition.
    const shape = v.shape;
    if (shape && awsManagedPolicyName(shape)) return { owner, path, arn: shape };
    return { owner, path, unknown: v.reason };
  }
  const arn = asString(v);
  return arn === undefined ? { owner, path } : { owner, path, arn };
}

/** IAM resources that attach something to the role by naming it in Roles / RoleName / Role. */
function attachedResources(role: Resource, inventory: Inventory): Resource[] {
  const out: Resource[] = [];
  for (const edge of inventory.edgesTo(role)) {
    const from = inventory.get(edge.from);
    const first = parsePath(edge.path)[0];
    const iam = from && (from.type.startsWith('AWS::IAM::') || from.nativeType?.startsWith('aws_iam_'));
    if (from && iam && typeof first === 'string' && ATTACHMENT_PROPERTIES.has(first)) out.push(from);
  }
  // ManagedPolicyArns may reference customer managed policies defined in the same code.
  for (const managed of inventory.follow(role, 'ManagedPolicyArns', 'AWS::IAM::ManagedPolicy')) out.push(managed);
  return out;
}
