import { compilePolicySet, type CompiledPolicySet } from '../evaluate/policy-set.js';
import { parsePolicy } from '../policy/parse.js';
import type { Policy } from '../policy/types.js';
import { shortName, type IamWorld, type WorldGroup, type WorldPolicy, type WorldPrincipal } from './world.js';

/**
 * A node of the escalation graph: a principal of the world as it is, or as an attacker has
 * changed it (AdministratorAccess attached, added to a group, another policy version made the
 * default). The attacker acts as the principal; the node's policies are what it is then allowed.
 */
export interface GraphNode {
  key: string;
  principal: WorldPrincipal;
  /** How the attacker changed it; undefined for the principal as it is. */
  change?: NodeChange;
  label: string;
}

export interface NodeChange {
  /** Part of the node key: `admin`, `group:arn…`, `version:arn…#2`. */
  id: string;
  /** For people: `with AdministratorAccess attached`. */
  text: string;
  addPolicies?: Policy[];
  addGroups?: WorldGroup[];
  /** Replace one attached managed policy with another version of it. */
  replace?: { from: Policy; to: Policy };
}

/** The policy an attacker attaches or writes: everything on everything. */
export const ALLOW_ALL: Policy = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { id: 'AdministratorAccess (added by the attacker)' });

export const ADMIN_CHANGE: NodeChange = { id: 'admin', text: 'with AdministratorAccess', addPolicies: [ALLOW_ALL] };

export class NodeSet {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly sets = new Map<string, CompiledPolicySet>();
  private readonly groups: ReadonlyMap<string, WorldGroup>;
  private readonly principals: ReadonlyMap<string, WorldPrincipal>;
  private readonly manyAccounts: boolean;

  constructor(readonly world: IamWorld) {
    this.groups = new Map(world.groups.map((g) => [g.arn, g]));
    this.principals = new Map(world.principals.map((p) => [p.arn, p]));
    this.manyAccounts = new Set(world.principals.map((p) => p.account)).size > 1;
  }

  principal(arn: string): WorldPrincipal | undefined {
    return this.principals.get(arn);
  }

  group(arn: string): WorldGroup | undefined {
    return this.groups.get(arn);
  }

  /** The node of a principal as it is, or changed. Created once per key. */
  node(principal: WorldPrincipal, change?: NodeChange): GraphNode {
    const key = change ? `${principal.arn}+${change.id}` : principal.arn;
    let n = this.nodes.get(key);
    if (!n) {
      const base = shortName(principal.arn, this.manyAccounts);
      n = { key, principal, change, label: change ? `${base} (${change.text})` : base };
      this.nodes.set(key, n);
    }
    return n;
  }

  label(arn: string): string {
    return shortName(arn, this.manyAccounts);
  }

  /** The groups a node's principal belongs to, including any the attacker added it to. */
  groupsOf(node: GraphNode): WorldGroup[] {
    const out = node.principal.groups.map((g) => this.groups.get(g)).filter((g): g is WorldGroup => g !== undefined);
    for (const g of node.change?.addGroups ?? []) if (!out.includes(g)) out.push(g);
    return out;
  }

  /** The managed and inline policies that apply to the principal, directly or through groups. */
  attachedPolicies(principal: WorldPrincipal): WorldPolicy[] {
    const own = [...principal.policies];
    for (const g of principal.groups) own.push(...(this.groups.get(g)?.policies ?? []));
    return own;
  }

  /** Every policy that decides what the node may do, compiled once. */
  policySet(node: GraphNode): CompiledPolicySet {
    let set = this.sets.get(node.key);
    if (set) return set;
    const p = node.principal;
    const replace = node.change?.replace;
    const identity: Policy[] = [];
    const add = (wp: WorldPolicy) => identity.push(replace && wp.policy === replace.from ? replace.to : wp.policy);
    p.policies.forEach(add);
    for (const g of this.groupsOf(node)) g.policies.forEach(add);
    identity.push(...(node.change?.addPolicies ?? []));
    const scpApplies = this.world.serviceControlPolicies && (!this.world.organizationAccounts || this.world.organizationAccounts.includes(p.account));
    set = compilePolicySet({
      identityPolicies: identity,
      permissionBoundaries: p.permissionsBoundary ? [p.permissionsBoundary] : [],
      serviceControlPolicies: scpApplies ? this.world.serviceControlPolicies : undefined,
    });
    this.sets.set(node.key, set);
    return set;
  }
}
