import type { CompiledStatement } from '../evaluate/compile.js';
import type { Asker } from './ask.js';
import type { GraphNode, NodeSet } from './nodes.js';
import { fillPattern, PROBE_NAME } from './witness.js';

/**
 * "Stronger": a principal gained is stronger than the attacker's starting principal when its
 * permissions are not a subset of the starting principal's. Each Allow statement of the gained
 * principal becomes probes (its actions and resources made concrete; a wildcard becomes an action
 * or resource only that wildcard names), and a probe the gained principal is allowed and the
 * starting one is not is the evidence. Admin-equivalent: allowed an action no policy names but `*`,
 * and the IAM writes that grant everything else.
 */

export interface Probe {
  action: string;
  resource: string;
  /** The statement it came from, for people: `iam:PassRole on *`. */
  shown: string;
}

/** An action name only `*`, `ringfenceprobe:*` or NotAction can match. */
export const ANY_ACTION = 'ringfenceprobe:Anything';
const MAX_PROBES = 400;

/** Actions that matter most, probed for statements written with NotAction. */
const SENSITIVE_ACTIONS = [
  'iam:PassRole',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:CreateAccessKey',
  'sts:AssumeRole',
  's3:GetObject',
  's3:PutObject',
  'kms:Decrypt',
  'sagemaker:CreateNotebookInstance',
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:CreateTrainingJob',
  'lambda:CreateFunction',
  'ec2:RunInstances',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
];

export class Strength {
  private readonly probeCache = new Map<string, Probe[]>();
  private readonly allowedCache = new Map<string, Map<string, boolean>>();
  private readonly adminCache = new Map<string, boolean>();

  constructor(
    private readonly nodes: NodeSet,
    private readonly ask: Asker,
  ) {}

  /** The first probe `target` is allowed and `source` is not; undefined when target ⊆ source. */
  stronger(target: GraphNode, source: GraphNode): Probe | undefined {
    for (const p of this.probes(target)) {
      if (this.allowed(target, p) && !this.allowed(source, p)) return p;
    }
    return undefined;
  }

  isAdmin(node: GraphNode): boolean {
    let hit = this.adminCache.get(node.key);
    if (hit === undefined) {
      const { partition, account } = node.principal;
      const region = this.nodes.world.region ?? 'us-east-1';
      const probes: [string, string][] = [
        [ANY_ACTION, '*'],
        ['iam:PutRolePolicy', `arn:${partition}:iam::${account}:role/${PROBE_NAME}`],
        ['iam:AttachUserPolicy', `arn:${partition}:iam::${account}:user/${PROBE_NAME}`],
        ['iam:CreateAccessKey', `arn:${partition}:iam::${account}:user/${PROBE_NAME}`],
        ['iam:PassRole', `arn:${partition}:iam::${account}:role/${PROBE_NAME}`],
        ['s3:GetObject', `arn:${partition}:s3:::${PROBE_NAME}/${PROBE_NAME}`],
        ['secretsmanager:GetSecretValue', `arn:${partition}:secretsmanager:${region}:${account}:secret:${PROBE_NAME}`],
        ['sagemaker:CreateNotebookInstance', `arn:${partition}:sagemaker:${region}:${account}:notebook-instance/${PROBE_NAME}`],
      ];
      hit = probes.every(([action, resource]) => this.allowed(node, { action, resource, shown: '' }));
      this.adminCache.set(node.key, hit);
    }
    return hit;
  }

  private allowed(node: GraphNode, p: Probe): boolean {
    let m = this.allowedCache.get(node.key);
    if (!m) this.allowedCache.set(node.key, (m = new Map()));
    const key = `${p.action}\u0000${p.resource}`;
    let hit = m.get(key);
    if (hit === undefined) {
      hit = this.ask.node(node, p.action, p.resource).allowed;
      m.set(key, hit);
    }
    return hit;
  }

  probes(node: GraphNode): Probe[] {
    let hit = this.probeCache.get(node.key);
    if (hit) return hit;
    const out: Probe[] = [];
    const seen = new Set<string>();
    const { partition, account } = node.principal;
    const scope = { partition, account, region: this.nodes.world.region ?? 'us-east-1' };
    for (const policy of this.nodes.policySet(node).identity) {
      for (const st of policy.statements) {
        if (st.effect !== 'Allow') continue;
        const shown = statementText(st);
        const resources = st.statement.resource
          ? st.statement.resource.map((r) => (r === '*' ? '*' : fillPattern(r, scope))).filter((r): r is string => r !== undefined)
          : [`arn:${partition}:ringfenceprobe:${scope.region}:${account}:probe/${PROBE_NAME}`];
        for (const action of probeActions(st)) {
          for (const resource of resources) {
            const key = `${action}\u0000${resource}`;
            if (seen.has(key)) continue;
            seen.add(key);
            out.push({ action, resource, shown });
            if (out.length >= MAX_PROBES) break;
          }
        }
      }
    }
    this.probeCache.set(node.key, out);
    return out;
  }
}

/** Concrete action names for a statement's actions: `s3:Get*` → `s3:GetRingfenceprobe`. */
function probeActions(st: CompiledStatement): string[] {
  if (st.statement.notAction) {
    return [ANY_ACTION, ...SENSITIVE_ACTIONS].filter((a) => {
      const [svc, name] = a.toLowerCase().split(':') as [string, string];
      return st.matchAction(svc, name);
    });
  }
  return (st.statement.action ?? []).flatMap((a) => {
    // Everything: an action only `*` names, and the actions that matter most (a NotAction grant lacks some).
    if (a === '*') return [ANY_ACTION, ...SENSITIVE_ACTIONS];
    return [a.replace(/\*/g, 'Ringfenceprobe').replace(/\?/g, 'X')];
  });
}

function statementText(st: CompiledStatement): string {
  const s = st.statement;
  const actions = s.action ? s.action.join(', ') : `every action except ${s.notAction!.join(', ')}`;
  const resources = s.resource ? s.resource.join(', ') : `every resource except ${s.notResource!.join(', ')}`;
  return `${actions} on ${resources}${s.conditions.length ? ' (with conditions)' : ''}`;
}
