import type { Inventory } from '../../core/inventory.js';
import type { Resource } from '../../core/resource.js';
import { asString, isObject, parsePath } from '../../core/value.js';
import { managedAttachments, policyDocuments, type ManagedAttachment } from '../../iam/inventory/attachments.js';
import { effectOf } from './iam-match.js';
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

/** Policy documents that apply to the role: inline, and attached policy resources that name it. */
export function rolePolicyDocuments(role: Resource, inventory: Inventory): PolicySource[] {
  return policyDocuments(role, inventory);
}

export type { ManagedAttachment };

/** Managed policy ARNs: the role's ManagedPolicyArns, and attachment resources with a PolicyArn. */
export function managedPolicyAttachments(role: Resource, inventory: Inventory): ManagedAttachment[] {
  return managedAttachments(role, inventory);
}
