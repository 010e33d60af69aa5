import { compilePolicy, type CompiledPolicy } from '../evaluate/compile.js';
import { compilePolicySet, type CompiledPolicySet } from '../evaluate/policy-set.js';
import { parsePolicy } from '../policy/parse.js';
import { splitArn } from '../arn.js';
import type { Asker, Grant, Verdict } from './ask.js';
import { ADMIN_CHANGE, type GraphNode, type NodeChange, type NodeSet } from './nodes.js';
import { RESOURCE_TEMPLATES, type ModifyTechnique, type PassRoleTechnique, type Slot, type Technique, type WorkloadTechnique } from './techniques.js';
import { fillTemplate, newResourceCandidates, type WitnessScope } from './witness.js';
import { domainOfProfile, workloadRole, type WorldPrincipal, type WorldResource } from './world.js';

/** One request of a step, as the evaluator answered it. */
export interface StepAction {
  action: string;
  resource: string;
  /** Values the technique fixes in the request (iam:PassedToService). */
  context?: Record<string, string>;
  grant: Grant;
  conditions?: string;
  optional?: boolean;
  /** The principal making the request when it is not the step's principal (a service assuming the role). */
  principal?: string;
}

/** A way the attacker, acting as `from`, gains `to`. */
export interface Edge {
  from: GraphNode;
  to: GraphNode;
  technique: Technique;
  actions: StepAction[];
  /** The resource the technique goes through (the notebook, the group, the policy). */
  via?: string;
  /** Modifications: the principal whose credentials the attacker must also hold to use the change. */
  needs?: WorldPrincipal;
}

/** How many bindings of existing resources a technique tries before giving up. */
const MAX_BINDINGS = 64;

interface SlotBinding {
  candidates: string[];
  /** Tags of the resource; undefined when unknown, `{}` for a new one. */
  tags?: Readonly<Record<string, string>>;
  resource?: WorldResource;
}

/**
 * The edges of the escalation graph, each decided by asking the evaluator the requests the
 * technique makes. Access edges (a node gets another principal's credentials) depend only on the
 * node; modification edges also on which principals the attacker already holds.
 */
export class EdgeFinder {
  private readonly trustCache = new Map<string, Verdict>();
  private readonly trustSets = new Map<string, CompiledPolicySet>();
  private readonly compiledTrust = new Map<string, CompiledPolicy>();

  constructor(
    private readonly nodes: NodeSet,
    private readonly ask: Asker,
    private readonly techniques: readonly Technique[],
  ) {}

  /** Edges from `node` to principals whose credentials or sessions it can obtain. */
  access(node: GraphNode): Edge[] {
    const out: Edge[] = [];
    const seen = new Set<string>();
    const push = (e: Edge) => {
      if (seen.has(e.to.key) || e.to.principal.arn === node.principal.arn) return;
      seen.add(e.to.key);
      out.push(e);
    };
    for (const t of this.techniques) {
      if (t.family === 'pass-role') this.passRole(node, t).forEach(push);
      else if (t.family === 'workload') this.workload(node, t).forEach(push);
      else if (t.family === 'assume') this.assume(node, t).forEach(push);
      else if (t.family === 'trust-rewrite') this.trustRewrite(node, t).forEach(push);
      else if (t.family === 'credentials') this.credentials(node, t).forEach(push);
    }
    return out;
  }

  /** Edges from `node` (the modifier) to `target` changed so that it has more permissions. */
  modify(node: GraphNode, target: WorldPrincipal): Edge[] {
    const out: Edge[] = [];
    for (const t of this.techniques) if (t.family === 'modify') out.push(...this.modification(node, target, t));
    return out;
  }

  private scope(node: GraphNode): WitnessScope {
    const p = node.principal;
    const variables: Record<string, string> = { 'aws:principalaccount': p.account };
    if (p.kind === 'user') variables['aws:username'] = p.name;
    for (const [k, v] of Object.entries(p.tags)) variables[`aws:principaltag/${k.toLowerCase()}`] = v;
    return { partition: p.partition, region: this.nodes.world.region ?? 'us-east-1', account: p.account, variables };
  }

  private passRole(node: GraphNode, t: PassRoleTechnique): Edge[] {
    // Only roles of the caller's account that the service may assume can be passed to it.
    const roles = this.nodes.world.principals.filter((r) => r.kind === 'role' && r.account === node.principal.account && r.arn !== node.principal.arn && this.serviceTrust(r, t.service).allowed);
    if (roles.length === 0) return [];
    const actions = this.firstBinding(node, t, this.scope(node), undefined);
    if (!actions) return [];
    const out: Edge[] = [];
    for (const role of roles) {
      const trust = this.serviceTrust(role, t.service);
      const pass = this.ask.node(node, 'iam:PassRole', role.arn, { context: { 'iam:PassedToService': t.service }, resourceTags: role.tags });
      if (!pass.allowed) continue;
      out.push({
        from: node,
        to: this.nodes.node(role),
        technique: t,
        actions: [
          step('iam:PassRole', role.arn, pass, { context: { 'iam:PassedToService': t.service } }),
          ...actions.steps,
          step('sts:AssumeRole', role.arn, trust, { principal: t.service }),
        ],
        via: actions.via,
      });
    }
    return out;
  }

  private workload(node: GraphNode, t: WorkloadTechnique): Edge[] {
    const out: Edge[] = [];
    const world = this.nodes.world;
    for (const w of world.resources) {
      if (w.type !== t.workload) continue;
      const roleArn = workloadRole(world, w);
      const role = roleArn ? this.nodes.principal(roleArn) : undefined;
      if (!role || role.arn === node.principal.arn) continue;
      const parts = splitArn(w.arn);
      const scope: WitnessScope = { ...this.scope(node), partition: parts[1] ?? node.principal.partition, region: parts[3] || (world.region ?? 'us-east-1'), account: parts[4] || node.principal.account };
      const actions = this.firstBinding(node, t, scope, w);
      if (!actions) continue;
      out.push({ from: node, to: this.nodes.node(role), technique: t, actions: actions.steps, via: w.arn });
    }
    return out;
  }

  private assume(node: GraphNode, t: Technique): Edge[] {
    const out: Edge[] = [];
    for (const role of this.nodes.world.principals) {
      if (role.kind !== 'role' || !role.trustPolicy || role.arn === node.principal.arn) continue;
      const v = this.ask.node(node, 'sts:AssumeRole', role.arn, { resourcePolicy: this.trustPolicy(role), resourceTags: role.tags });
      if (v.allowed) out.push({ from: node, to: this.nodes.node(role), technique: t, actions: [step('sts:AssumeRole', role.arn, v)] });
    }
    return out;
  }

  private trustRewrite(node: GraphNode, t: Technique): Edge[] {
    const out: Edge[] = [];
    let rewritten: CompiledPolicy | undefined;
    for (const role of this.nodes.world.principals) {
      if (role.kind !== 'role' || role.arn === node.principal.arn) continue;
      const update = this.ask.node(node, 'iam:UpdateAssumeRolePolicy', role.arn, { resourceTags: role.tags });
      if (!update.allowed) continue;
      rewritten ??= compilePolicy(
        parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: node.principal.arn }, Action: 'sts:AssumeRole' }] }, { id: `trust policy rewritten to trust ${node.label}`, kind: 'resource' }),
      );
      const assume = this.ask.node(node, 'sts:AssumeRole', role.arn, { resourcePolicy: rewritten, resourceTags: role.tags });
      if (!assume.allowed) continue;
      out.push({ from: node, to: this.nodes.node(role), technique: t, actions: [step('iam:UpdateAssumeRolePolicy', role.arn, update), step('sts:AssumeRole', role.arn, assume)] });
    }
    return out;
  }

  private credentials(node: GraphNode, t: Technique): Edge[] {
    const out: Edge[] = [];
    const action = t.actions[0]!.action;
    for (const user of this.nodes.world.principals) {
      if (user.kind !== 'user' || user.arn === node.principal.arn) continue;
      const v = this.ask.node(node, action, user.arn, { resourceTags: user.tags });
      if (v.allowed) out.push({ from: node, to: this.nodes.node(user), technique: t, actions: [step(action, user.arn, v)] });
    }
    return out;
  }

  private modification(node: GraphNode, target: WorldPrincipal, t: ModifyTechnique): Edge[] {
    const action = t.actions[0]!.action;
    const adminArn = `arn:${target.partition}:iam::aws:policy/AdministratorAccess`;
    const boundary: Record<string, string> = target.permissionsBoundaryArn ? { 'iam:PermissionsBoundary': target.permissionsBoundaryArn } : {};
    const edge = (resource: string, v: Verdict, change: NodeChange, context?: Record<string, string>): Edge => ({
      from: node,
      to: this.nodes.node(target, change),
      technique: t,
      actions: [step(action, resource, v, context ? { context } : {})],
      via: resource === target.arn ? undefined : resource,
      needs: target,
    });
    const out: Edge[] = [];
    switch (t.change) {
      case 'attach-admin':
      case 'put-inline': {
        if (t.target !== target.kind) break;
        const context = t.change === 'attach-admin' ? { 'iam:PolicyARN': adminArn, ...boundary } : boundary;
        const v = this.ask.node(node, action, target.arn, { context, resourceTags: target.tags });
        if (v.allowed) out.push(edge(target.arn, v, ADMIN_CHANGE, t.change === 'attach-admin' ? { 'iam:PolicyARN': adminArn } : undefined));
        break;
      }
      case 'group-attach-admin':
      case 'group-put-inline': {
        if (target.kind !== 'user') break;
        const context = t.change === 'group-attach-admin' ? { 'iam:PolicyARN': adminArn } : undefined;
        for (const g of target.groups) {
          const v = this.ask.node(node, action, g, { context, resourceTags: undefined });
          if (v.allowed) {
            out.push(edge(g, v, ADMIN_CHANGE, context));
            break;
          }
        }
        break;
      }
      case 'policy-version': {
        for (const wp of this.nodes.attachedPolicies(target)) {
          if (!wp.arn || /^arn:[\w-]+:iam::aws:policy\//.test(wp.arn)) continue;
          const v = this.ask.node(node, action, wp.arn, {});
          if (v.allowed) {
            out.push(edge(wp.arn, v, ADMIN_CHANGE));
            break;
          }
        }
        break;
      }
      case 'set-default-version': {
        for (const wp of this.nodes.attachedPolicies(target)) {
          if (!wp.arn || !wp.otherVersions?.length) continue;
          const v = this.ask.node(node, action, wp.arn, {});
          if (!v.allowed) continue;
          wp.otherVersions.forEach((version, i) => {
            out.push(edge(wp.arn!, v, { id: `version:${wp.arn}#${i + 2}`, text: `with another version of ${wp.policy.id} as default`, replace: { from: wp.policy, to: version } }));
          });
        }
        break;
      }
      case 'join-group': {
        if (target.kind !== 'user') break;
        for (const g of this.nodes.world.groups) {
          if (g.account !== target.account || target.groups.includes(g.arn)) continue;
          const v = this.ask.node(node, action, g.arn, {});
          if (v.allowed) out.push(edge(g.arn, v, { id: `group:${g.arn}`, text: `in group ${g.name}`, addGroups: [g] }));
        }
        break;
      }
    }
    return out;
  }

  /** Whether the service may assume the role: its trust policy must allow the service principal. */
  private serviceTrust(role: WorldPrincipal, service: string): Verdict {
    const key = `${role.arn}\u0000${service}`;
    let v = this.trustCache.get(key);
    if (!v) {
      if (!role.trustPolicy) v = { allowed: false };
      else {
        let set = this.trustSets.get(role.arn);
        if (!set) this.trustSets.set(role.arn, (set = compilePolicySet({ resourcePolicy: this.trustPolicy(role) })));
        // The service acts for a resource of the attacker's account; aws:SourceArn is the attacker's choice.
        v = this.ask.service(service, 'sts:AssumeRole', role.arn, set, { context: { 'aws:SourceAccount': role.account }, resourceTags: role.tags });
      }
      this.trustCache.set(key, v);
    }
    return v;
  }

  private trustPolicy(role: WorldPrincipal): CompiledPolicy {
    let c = this.compiledTrust.get(role.arn);
    if (!c) this.compiledTrust.set(role.arn, (c = compilePolicy(role.trustPolicy!, 'resource')));
    return c;
  }

  /**
   * The first way to bind the technique's slots to resources such that every required action is
   * allowed: for new resources, a name the policies allow; for existing ones, each candidate in
   * turn. Undefined when none works.
   */
  private firstBinding(node: GraphNode, t: Technique, scope: WitnessScope, workload: WorldResource | undefined): { steps: StepAction[]; via?: string } | undefined {
    let tried = 0;
    for (const binding of this.bindings(node, t, scope, workload)) {
      if (++tried > MAX_BINDINGS) return undefined;
      const steps = this.tryBinding(node, t, binding);
      if (steps) {
        const via = Object.values(binding).find((b) => b.resource && b.resource !== workload)?.resource?.arn;
        return via ? { steps, via } : { steps };
      }
    }
    return undefined;
  }

  private tryBinding(node: GraphNode, t: Technique, binding: Record<string, SlotBinding>): StepAction[] | undefined {
    const chosen = new Map<string, StepAction[]>();
    for (const [slot, b] of Object.entries(binding)) {
      const actions = t.actions.filter((a) => a.slot === slot);
      let found: StepAction[] | undefined;
      for (const arn of b.candidates) {
        const verdicts = actions.filter((a) => !a.optional).map((a) => ({ a, v: this.ask.node(node, a.action, arn, { resourceTags: b.tags }) }));
        if (!verdicts.every((x) => x.v.allowed)) continue;
        found = verdicts.map((x) => step(x.a.action, arn, x.v));
        for (const a of actions.filter((x) => x.optional)) {
          const v = this.ask.node(node, a.action, arn, { resourceTags: b.tags });
          if (v.allowed) found.push(step(a.action, arn, v, { optional: true }));
        }
        break;
      }
      if (!found) return undefined;
      chosen.set(slot, found);
    }
    // In the technique's order.
    const out: StepAction[] = [];
    const used = new Map<string, number>();
    for (const a of t.actions) {
      const list = chosen.get(a.slot) ?? [];
      const i = used.get(a.slot) ?? 0;
      const s = list.find((x, k) => k >= i && x.action === a.action);
      if (s) {
        out.push(s);
        used.set(a.slot, list.indexOf(s) + 1);
      }
    }
    return out;
  }

  /** Every way to bind the technique's slots (existing resources vary; new ones are named later). */
  private *bindings(node: GraphNode, t: Technique, scope: WitnessScope, workload: WorldResource | undefined): Generator<Record<string, SlotBinding>> {
    const entries = Object.entries(t.slots);
    const world = this.nodes.world;
    const self = this;
    function* fill(i: number, acc: Record<string, SlotBinding>): Generator<Record<string, SlotBinding>> {
      if (i === entries.length) {
        yield { ...acc };
        return;
      }
      const [name, slot] = entries[i]!;
      for (const b of self.slotOptions(node, t, slot, name, scope, workload, acc, world.resources)) {
        acc[name] = b;
        yield* fill(i + 1, acc);
      }
      delete acc[name];
    }
    yield* fill(0, {});
  }

  private slotOptions(node: GraphNode, t: Technique, slot: Slot, name: string, scope: WitnessScope, workload: WorldResource | undefined, bound: Record<string, SlotBinding>, resources: readonly WorldResource[]): SlotBinding[] {
    switch (slot.kind) {
      case 'none':
        return [{ candidates: ['*'], tags: {} }];
      case 'fixed':
        return [{ candidates: [fillTemplate(slot.template, scope)], tags: {} }];
      case 'workload':
        return workload ? [{ candidates: [workload.arn], tags: workload.tags, resource: workload }] : [];
      case 'lifecycle-config':
        return workload?.lifecycleConfigArn ? [{ candidates: [workload.lifecycleConfigArn], tags: undefined }] : [];
      case 'new':
      case 'pick': {
        const template = RESOURCE_TEMPLATES[slot.type];
        const patterns = this.allowPatterns(node, t.actions.filter((a) => a.slot === name).map((a) => a.action));
        const tags = slot.kind === 'new' ? {} : undefined;
        if (slot.kind === 'new' && slot.parent) {
          const parentType = slot.parent.type;
          const param = slot.parent.param;
          return resources
            .filter((r) => r.type === parentType && splitArn(r.arn)[4] === scope.account)
            .map((parent) => {
              const parts = splitArn(parent.arn);
              const s: WitnessScope = { ...scope, region: parts[3] || scope.region, params: { [param]: parts[5]!.slice(parts[5]!.lastIndexOf('/') + 1) } };
              return { candidates: newResourceCandidates(template, patterns, s), tags, resource: parent };
            });
        }
        return [{ candidates: newResourceCandidates(template, patterns, scope), tags }];
      }
      case 'existing': {
        const domainBinding = Object.values(bound).find((b) => b.resource?.type === 'AWS::SageMaker::Domain')?.resource;
        return resources
          .filter((r) => r.type === slot.type)
          .filter((r) => !slot.inheritsRole || (!r.roleArn && (!domainBinding || domainOfProfile(this.nodes.world, r) === domainBinding)))
          .map((r) => ({ candidates: [r.arn], tags: r.tags, resource: r }));
      }
    }
  }

  /** `Resource` patterns of the node's Allow statements (identity and boundary) for these actions. */
  private allowPatterns(node: GraphNode, actions: readonly string[]): string[] {
    const set = this.nodes.policySet(node);
    const out = new Set<string>();
    for (const action of actions) {
      const lower = action.toLowerCase();
      const service = lower.slice(0, lower.indexOf(':'));
      const name = lower.slice(lower.indexOf(':') + 1);
      for (const policy of [...set.identity, ...set.boundary]) {
        for (const st of policy.candidates(service)) {
          if (st.effect === 'Allow' && st.statement.resource && st.matchAction(service, name)) for (const r of st.statement.resource) out.add(r);
        }
      }
    }
    return [...out];
  }
}

function step(action: string, resource: string, v: Verdict, extra: Partial<StepAction> = {}): StepAction {
  const s: StepAction = { action, resource, grant: v.grant ?? 'always', ...extra };
  if (v.conditions) s.conditions = v.conditions;
  return s;
}
