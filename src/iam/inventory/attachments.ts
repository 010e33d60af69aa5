import type { Inventory } from '../../core/inventory.js';
import type { Resource } from '../../core/resource.js';
import { isObject, joinPath, parsePath, Ref, Unknown, type Value } from '../../core/value.js';
import { awsManagedPolicyName } from './aws-managed-policies.js';
import { listOf } from './document-value.js';
import type { SymbolTable } from './symbols.js';

/**
 * Which policies an IAM role, user or group has, found through the inventory graph: inline
 * `Policies`, policy resources that name the principal (`AWS::IAM::Policy`, `AWS::IAM::RolePolicy`,
 * `AWS::IAM::ManagedPolicy` with `Roles`/`Users`/`Groups`, Terraform's `aws_iam_role_policy`), and
 * managed policies by ARN (`ManagedPolicyArns`, attachment resources, Terraform's
 * `aws_iam_role_policy_attachment`, merged into the role by the loader).
 */

/** Where a policy document lives: the resource holding it and the property path of the document. */
export interface DocumentSource {
  owner: Resource;
  path: string;
}

/** A managed policy attached by ARN, with the resource and property path that attaches it. */
export interface ManagedAttachment {
  owner: Resource;
  path: string;
  /** The ARN's text, when it is known (possibly with placeholders for the partition or account). */
  arn?: string;
  /** The managed policy resource of the inventory it references, if it does. */
  target?: Resource;
  /** Why the ARN is not known. */
  unknown?: string;
}

const PRINCIPAL_TYPES: Record<string, readonly string[]> = {
  'AWS::IAM::Role': ['Roles', 'RoleName', 'Role'],
  'AWS::IAM::User': ['Users', 'UserName', 'User'],
  'AWS::IAM::Group': ['Groups', 'GroupName', 'Group'],
};

const isIam = (r: Resource): boolean => r.type.startsWith('AWS::IAM::') || Boolean(r.nativeType?.startsWith('aws_iam_'));

/** Policy resources that attach themselves to the principal by naming it. */
export function attachedPolicyResources(principal: Resource, inventory: Inventory): Resource[] {
  const props = PRINCIPAL_TYPES[principal.type] ?? [];
  const out = new Map<string, Resource>();
  for (const edge of inventory.edgesTo(principal)) {
    const from = inventory.get(edge.from);
    const first = parsePath(edge.path)[0];
    if (from && isIam(from) && typeof first === 'string' && props.includes(first)) out.set(from.key, from);
  }
  // ManagedPolicyArns may reference customer managed policies defined in the same code.
  for (const managed of inventory.follow(principal, 'ManagedPolicyArns', 'AWS::IAM::ManagedPolicy')) out.set(managed.key, managed);
  return [...out.values()];
}

/** Inline policies and the documents of policy resources attached to the principal. */
export function policyDocuments(principal: Resource, inventory: Inventory): DocumentSource[] {
  const out: DocumentSource[] = [];
  const inline = principal.properties['Policies'];
  if (Array.isArray(inline)) {
    inline.forEach((p, i) => {
      if (isObject(p)) out.push({ owner: principal, path: joinPath(joinPath('Policies', i), 'PolicyDocument') });
    });
  }
  for (const att of attachedPolicyResources(principal, inventory)) {
    if (att.properties['PolicyDocument'] !== undefined) out.push({ owner: att, path: 'PolicyDocument' });
  }
  return out;
}

/** Managed policy ARNs: the principal's `ManagedPolicyArns`, and attachment resources with a `PolicyArn`. */
export function managedAttachments(principal: Resource, inventory: Inventory, symbols?: SymbolTable): ManagedAttachment[] {
  const out: ManagedAttachment[] = [];
  listOf(principal.properties['ManagedPolicyArns']).forEach((v, i) => out.push(attachment(principal, joinPath('ManagedPolicyArns', i), v, inventory, symbols)));
  for (const att of attachedPolicyResources(principal, inventory)) {
    const v = att.properties['PolicyArn'];
    if (v !== undefined) out.push(attachment(att, 'PolicyArn', v, inventory, symbols));
  }
  return out;
}

/** The permissions boundary's ARN, when the principal has one. */
export function boundaryAttachment(principal: Resource, inventory: Inventory, symbols?: SymbolTable): ManagedAttachment | undefined {
  const v = principal.properties['PermissionsBoundary'];
  return v === undefined || v === null || v === '' ? undefined : attachment(principal, 'PermissionsBoundary', v, inventory, symbols);
}

function attachment(owner: Resource, path: string, v: Value, inventory: Inventory, symbols: SymbolTable | undefined): ManagedAttachment {
  if (v instanceof Ref) {
    const target = inventory.get(v.target);
    if (target?.type === 'AWS::IAM::ManagedPolicy') return { owner, path, target };
  }
  if (v instanceof Unknown && !symbols) {
    // `arn:${AWS::Partition}:iam::aws:policy/Name` names the policy for sure, whatever the partition.
    return v.shape && awsManagedPolicyName(v.shape) ? { owner, path, arn: v.shape } : { owner, path, unknown: v.reason };
  }
  if (!symbols) return typeof v === 'string' ? { owner, path, arn: v } : v instanceof Ref && v.text ? { owner, path, arn: v.text } : { owner, path };
  const t = symbols.text(v);
  if ('text' in t) return { owner, path, arn: t.text };
  if (v instanceof Unknown && v.shape && awsManagedPolicyName(v.shape)) return { owner, path, arn: v.shape };
  return { owner, path, unknown: t.unknown };
}

/** The groups a user belongs to: its `Groups`, and `AWS::IAM::UserToGroupAddition` resources naming it. */
export function groupsOf(user: Resource, inventory: Inventory, symbols: SymbolTable): Resource[] {
  const groups = inventory.ofType('AWS::IAM::Group');
  const out = new Map<string, Resource>();
  const byName = (name: Value): void => {
    if (name instanceof Ref) {
      const g = inventory.get(name.target);
      if (g?.type === 'AWS::IAM::Group') out.set(g.key, g);
      return;
    }
    const t = symbols.text(name);
    if (!('text' in t)) return;
    for (const g of groups) {
      const n = symbols.nameOf(g);
      if ('text' in n && n.text === t.text) out.set(g.key, g);
    }
  };
  listOf(user.properties['Groups']).forEach(byName);
  const userName = symbols.nameOf(user);
  for (const add of inventory.ofType('AWS::IAM::UserToGroupAddition')) {
    const names = listOf(add.properties['Users']);
    const mine = names.some((n) => (n instanceof Ref ? n.target === user.key : 'text' in userName && 'text' in symbols.text(n) && (symbols.text(n) as { text: string }).text === userName.text));
    if (mine) byName(add.properties['GroupName'] ?? null);
  }
  return [...out.values()];
}
