import { evaluate } from '../evaluate/evaluate.js';
import type { ConditionExpression } from '../evaluate/formula.js';
import type { CompiledPolicySet } from '../evaluate/policy-set.js';
import type { ContextValue } from '../evaluate/request.js';
import { conditionKeysOf, keyClass, policyConditionKeys } from './context-keys.js';
import type { GraphNode, NodeSet } from './nodes.js';

/**
 * One question to the evaluator on behalf of the escalation search: may this node (or a service
 * principal) perform this action on this resource? Context keys are filled as the attack would
 * fill them (see context-keys.ts): facts about the principal and known resource tags are given,
 * keys the attacker or the environment decides are unknown, so the answer says under which
 * conditions access is granted.
 */

export type Grant = 'always' | 'attacker' | 'conditional';

export interface Verdict {
  allowed: boolean;
  /**
   * `always`: no condition left; `attacker`: only conditions the attacker satisfies by what it
   * sends (tags, region, request parameters); `conditional`: it depends on the environment.
   */
  grant?: Grant;
  /** The condition under which access is granted, for people. */
  conditions?: string;
}

export interface AskOptions {
  /** Values the technique fixes (iam:PassedToService, iam:PolicyARN). */
  context?: Record<string, ContextValue>;
  /** The resource policy that must also allow (a role's trust policy). */
  resourcePolicy?: CompiledPolicySet['resource'];
  /** Tags of an existing resource; undefined when unknown. A new resource has none: pass `{}`. */
  resourceTags?: Readonly<Record<string, string>>;
}

export class Asker {
  /** Evaluations made, for the report. */
  count = 0;

  constructor(private readonly nodes: NodeSet) {}

  /** May the node perform the action on the resource? */
  node(node: GraphNode, action: string, resource: string, options: AskOptions = {}): Verdict {
    const base = this.nodes.policySet(node);
    const set: CompiledPolicySet = options.resourcePolicy ? { ...base, resource: options.resourcePolicy } : base;
    const context: Record<string, ContextValue> = {};
    for (const [k, v] of Object.entries(node.principal.tags)) context[`aws:PrincipalTag/${k}`] = v;
    const orgId = this.nodes.world.organizationId;
    if (orgId && (!this.nodes.world.organizationAccounts || this.nodes.world.organizationAccounts.includes(node.principal.account))) context['aws:PrincipalOrgID'] = orgId;
    return this.run(node.principal.arn, action, resource, set, context, options, base);
  }

  /** May a service principal perform the action (a service assuming a role through its trust policy)? */
  service(service: string, action: string, resource: string, set: CompiledPolicySet, options: AskOptions = {}): Verdict {
    return this.run(service, action, resource, set, {}, options, set);
  }

  private run(principal: string, action: string, resource: string, set: CompiledPolicySet, context: Record<string, ContextValue>, options: AskOptions, base: CompiledPolicySet): Verdict {
    const service = action.slice(0, action.indexOf(':'));
    for (const [k, v] of Object.entries(options.resourceTags ?? {})) {
      context[`aws:ResourceTag/${k}`] = v;
      // A role's tags are iam:ResourceTag also when the request is sts:AssumeRole.
      context[`${service === 'sts' ? 'iam' : service}:ResourceTag/${k}`] = v;
    }
    Object.assign(context, options.context);
    const given = new Set(Object.keys(context).map((k) => k.toLowerCase()));
    const keys = options.resourcePolicy && base !== set ? [...conditionKeysOf(base), ...policyConditionKeys(options.resourcePolicy)] : conditionKeysOf(set);
    const unknown = keys.filter((k) => {
      if (given.has(k)) return false;
      const c = keyClass(k);
      if (c === 'request' || c === 'environment') return true;
      return c === 'resource' && options.resourceTags === undefined;
    });
    this.count++;
    const r = evaluate({ principal, action, resource, context, unknownContext: unknown }, set);
    if (r.decision !== 'Allowed') return { allowed: false };
    if (!r.conditions) return { allowed: true, grant: 'always' };
    return { allowed: true, grant: attackerChooses(r.conditions) ? 'attacker' : 'conditional', conditions: r.conditionsText };
  }
}

/** True when some alternative of the condition depends only on keys the attacker sends. */
function attackerChooses(c: ConditionExpression): boolean {
  const keysOnlyRequest = (x: ConditionExpression): boolean => {
    if ('key' in x) return keyClass(x.key.toLowerCase()) === 'request';
    if ('all' in x) return x.all.every(keysOnlyRequest);
    if ('any' in x) return x.any.every(keysOnlyRequest);
    return true;
  };
  if ('any' in c) return c.any.some(keysOnlyRequest);
  return keysOnlyRequest(c);
}
