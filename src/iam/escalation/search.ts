import { Asker } from './ask.js';
import { EdgeFinder, type Edge, type StepAction } from './edges.js';
import { NodeSet, type GraphNode } from './nodes.js';
import { Strength } from './strength.js';
import { TECHNIQUES, type Technique } from './techniques.js';
import { principalParts, type IamWorld, type WorldPrincipal } from './world.js';

/**
 * Privilege-escalation paths: from each starting principal, a breadth-first search over the
 * ways to gain another principal (its credentials, a session, a workload running as it) or to
 * change one the attacker holds (attach a policy, add it to a group). Every edge is a set of
 * requests the evaluator allowed. A path is reported when the principal it ends at is stronger
 * than the start (its permissions are not a subset), shortest first.
 */

export interface EscalationOptions {
  /** Start only from these principals (ARNs, `user/alice`, `role/Name` or names). Default: every principal. */
  from?: readonly string[];
  /** Longest path searched (steps). Default 5. */
  maxHops?: number;
  techniques?: readonly Technique[];
}

export interface PathStep {
  /** Who acts, and what it gains. */
  from: string;
  fromArn: string;
  to: string;
  toArn: string;
  technique: string;
  title: string;
  gains: string;
  pathfinding: string[];
  actions: StepAction[];
  via?: string;
  note?: string;
  /** Modifications: the attacker must hold this principal too, reached by these steps. */
  alsoNeeds?: { principal: string; steps: number };
}

export interface EscalationPath {
  source: { arn: string; label: string };
  target: { arn: string; label: string; change?: string };
  /** The target can do everything (or grant itself everything). */
  adminEquivalent: boolean;
  steps: PathStep[];
  /** Some request is allowed only under conditions of the environment (see each step's conditions). */
  conditional: boolean;
  /** Why the target is stronger: a grant it has and the source lacks. */
  evidence: string;
  /** Where the source principal was defined. */
  sourceLocation?: WorldPrincipal['source'];
}

export interface EscalationReport {
  principals: number;
  sources: number;
  paths: EscalationPath[];
  /** Evaluator calls made. */
  evaluations: number;
  /** Principals given in `from` that the world does not have. */
  unknownSources: string[];
  /** What the world or the search could not model. */
  notes: string[];
}

interface Visit {
  node: GraphNode;
  depth: number;
  edge?: Edge;
  parent?: Visit;
}

export function findEscalations(world: IamWorld, options: EscalationOptions = {}): EscalationReport {
  const nodes = new NodeSet(world);
  const ask = new Asker(nodes);
  const edges = new EdgeFinder(nodes, ask, options.techniques ?? TECHNIQUES);
  const strength = new Strength(nodes, ask);
  const maxHops = options.maxHops ?? 5;
  const accessCache = new Map<string, Edge[]>();
  const modifyCache = new Map<string, Edge[]>();
  const accessOf = (n: GraphNode) => accessCache.get(n.key) ?? accessCache.set(n.key, edges.access(n)).get(n.key)!;
  const modifyOf = (n: GraphNode, target: WorldPrincipal) => {
    const key = `${n.key}\u0000${target.arn}`;
    return modifyCache.get(key) ?? modifyCache.set(key, edges.modify(n, target)).get(key)!;
  };

  const { sources, unknown } = selectSources(world, options.from);
  const paths: EscalationPath[] = [];
  for (const source of sources) {
    const start = nodes.node(source);
    if (strength.isAdmin(start)) continue;
    paths.push(...search(start));
  }

  function search(start: GraphNode): EscalationPath[] {
    const visits = new Map<string, Visit>();
    const held = new Map<string, Visit>(); // principal ARN → first visit holding it
    // Breadth first: `queue` is also the order of discovery.
    const queue: Visit[] = [];
    const enqueue = (v: Visit) => {
      if (visits.has(v.node.key)) return;
      visits.set(v.node.key, v);
      queue.push(v);
      if (!held.has(v.node.principal.arn)) {
        held.set(v.node.principal.arn, v);
        // Everything already held may now change this principal.
        for (const z of queue) if (z.depth < maxHops) for (const e of modifyOf(z.node, v.node.principal)) enqueue({ node: e.to, depth: z.depth + 1, edge: e, parent: z });
      }
    };
    enqueue({ node: start, depth: 0 });
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i]!;
      // An admin-equivalent principal reaches everything: its paths onward add nothing.
      if (v.depth >= maxHops || (v.node !== start && strength.isAdmin(v.node))) continue;
      for (const e of accessOf(v.node)) enqueue({ node: e.to, depth: v.depth + 1, edge: e, parent: v });
      for (const h of [...held.values()]) for (const e of modifyOf(v.node, h.node.principal)) enqueue({ node: e.to, depth: v.depth + 1, edge: e, parent: v });
    }

    const found: EscalationPath[] = [];
    let adminReported = false;
    const throughAdmin = (v: Visit) => {
      for (let p = v.parent; p && p.node !== start; p = p.parent) if (strength.isAdmin(p.node)) return true;
      return false;
    };
    const byHops = [...visits.values()].filter((v) => v.node !== start && !throughAdmin(v)).sort((a, b) => a.depth - b.depth);
    const changedBases = new Set<string>();
    for (const v of byHops) {
      const evidence = strength.stronger(v.node, start);
      if (!evidence) continue;
      const admin = strength.isAdmin(v.node);
      if (v.node.change) {
        // One changed principal per base, and one admin-equivalent change in all: the rest repeat it.
        if (changedBases.has(v.node.principal.arn) || (admin && adminReported)) continue;
        changedBases.add(v.node.principal.arn);
      }
      if (admin) adminReported = true;
      found.push(toPath(start, v, admin, evidence.shown, held));
    }
    return found;
  }

  function toPath(start: GraphNode, end: Visit, admin: boolean, shown: string, held: Map<string, Visit>): EscalationPath {
    const chainOf = (last: Visit | undefined): Edge[] => {
      const out: Edge[] = [];
      for (let v = last; v?.edge; v = v.parent) out.unshift(v.edge);
      return out;
    };
    // A change to a principal the modifier is not: the steps that reach that principal follow it.
    const edges: Edge[] = [];
    for (const e of chainOf(end)) {
      edges.push(e);
      if (e.needs && e.needs.arn !== e.from.principal.arn) for (const x of chainOf(held.get(e.needs.arn))) if (!edges.includes(x)) edges.push(x);
    }
    const steps = edges.map((e) => {
      const t = e.technique;
      const s: PathStep = {
        from: e.from.label,
        fromArn: e.from.principal.arn,
        to: e.to.label,
        toArn: e.to.principal.arn,
        technique: t.id,
        title: t.title,
        gains: t.gains,
        pathfinding: t.pathfinding,
        actions: e.actions,
      };
      if (e.via) s.via = e.via;
      // A technique's note explains what to do without its optional actions: shown only when one is missing.
      const optional = t.actions.filter((a) => a.optional);
      if (t.note && !(optional.length && optional.every((o) => e.actions.some((a) => a.optional && a.action === o.action)))) s.note = t.note;
      if (e.needs && e.needs.arn !== e.from.principal.arn) {
        const h = held.get(e.needs.arn);
        s.alsoNeeds = { principal: nodes.label(e.needs.arn), steps: h?.depth ?? 0 };
      }
      return s;
    });
    const path: EscalationPath = {
      source: { arn: start.principal.arn, label: start.label },
      target: { arn: end.node.principal.arn, label: end.node.label },
      adminEquivalent: admin,
      steps,
      conditional: steps.some((s) => s.actions.some((a) => a.grant === 'conditional')),
      evidence: `${end.node.label} is allowed ${shown}; ${start.label} is not`,
    };
    if (end.node.change) path.target.change = end.node.change.text;
    if (start.principal.source) path.sourceLocation = start.principal.source;
    return path;
  }

  const notes = [...(world.gaps ?? [])];
  for (const r of world.resources) {
    if (r.roleArn && !nodes.principal(r.roleArn)) notes.push(`${r.type} ${r.arn} runs as ${r.roleArn}, which is not in the world: paths through it are not searched`);
  }
  return { principals: world.principals.length, sources: sources.length, paths, evaluations: ask.count, unknownSources: unknown, notes };
}

/** The principals named by `from` (full ARN, `kind/name`, or name), or all of them. */
function selectSources(world: IamWorld, from: readonly string[] | undefined): { sources: WorldPrincipal[]; unknown: string[] } {
  if (!from?.length) return { sources: world.principals, unknown: [] };
  const sources: WorldPrincipal[] = [];
  const unknown: string[] = [];
  for (const f of from) {
    const hits = world.principals.filter((p) => {
      if (p.arn === f) return true;
      const parts = principalParts(p.arn)!;
      return f === `${parts.kind}/${parts.name}` || f === parts.name;
    });
    if (hits.length === 0) unknown.push(f);
    for (const h of hits) if (!sources.includes(h)) sources.push(h);
  }
  return { sources, unknown };
}
