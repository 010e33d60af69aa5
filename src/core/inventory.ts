import type { Resource } from './resource.js';
import { getPath, parsePath, referencedKeys, type Value } from './value.js';

/** A reference from one resource's property to another resource. */
export interface Edge {
  from: string;
  to: string;
  /** The property path holding the reference: `RoleArn`, `Policies[0].PolicyDocument.Statement[1].Resource`. */
  path: string;
}

/** Where the inventory is deployed, when the user said (`--account-id`, `--region`). */
export interface Deployment {
  accountId?: string;
  region?: string;
}

/**
 * The resource graph. References become edges, so rules ask
 * `inventory.follow(notebook, 'RoleArn')` instead of re-parsing references.
 */
export class Inventory {
  private readonly byKey = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();
  private readonly out = new Map<string, Edge[]>();
  private readonly in = new Map<string, Edge[]>();

  /**
   * `deployment` travels with the resources: the loader resolved `AWS::AccountId` to it, so
   * whatever reasons about accounts later (the IAM world) must take the same one.
   */
  constructor(
    resources: Iterable<Resource> = [],
    readonly deployment: Deployment = {},
  ) {
    for (const r of resources) this.add(r);
  }

  add(resource: Resource): void {
    if (this.byKey.has(resource.key)) throw new Error(`duplicate resource key ${resource.key}`);
    this.byKey.set(resource.key, resource);
    const list = this.byType.get(resource.type) ?? [];
    list.push(resource);
    this.byType.set(resource.type, list);
    this.indexEdges(resource);
  }

  /** Edges are derived from the Ref/Expr/Unknown values inside the properties. */
  private indexEdges(resource: Resource): void {
    const walk = (v: Value | undefined, path: string): void => {
      for (const to of directRefs(v)) this.addEdge({ from: resource.key, to, path });
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object' && v.constructor === Object) {
        for (const [k, x] of Object.entries(v as Record<string, Value>)) walk(x, path ? `${path}.${k}` : k);
      }
    };
    walk(resource.properties, '');
  }

  addEdge(edge: Edge): void {
    const o = this.out.get(edge.from) ?? [];
    if (o.some((e) => e.to === edge.to && e.path === edge.path)) return;
    o.push(edge);
    this.out.set(edge.from, o);
    const i = this.in.get(edge.to) ?? [];
    i.push(edge);
    this.in.set(edge.to, i);
  }

  get size(): number {
    return this.byKey.size;
  }
  get(key: string): Resource | undefined {
    return this.byKey.get(key);
  }
  all(): Resource[] {
    return [...this.byKey.values()];
  }
  ofType(...types: string[]): Resource[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }
  /** Resources of the same unit (template, Terraform module) as `resource`. */
  unitOf(resource: Resource): Resource[] {
    return this.all().filter((r) => r.unit === resource.unit);
  }
  units(): string[] {
    return [...new Set(this.all().map((r) => r.unit))];
  }

  /** Outgoing edges, optionally only those at or below a property path. */
  edgesFrom(resource: Resource, path?: string): Edge[] {
    const edges = this.out.get(resource.key) ?? [];
    return path === undefined ? edges : edges.filter((e) => isAtOrBelow(e.path, path));
  }
  edgesTo(resource: Resource, path?: string): Edge[] {
    const edges = this.in.get(resource.key) ?? [];
    return path === undefined ? edges : edges.filter((e) => isAtOrBelow(e.path, path));
  }

  /** The resources referenced at or below `path` (every reference when path is omitted). */
  follow(resource: Resource, path?: string, ...types: string[]): Resource[] {
    return this.resolve(this.edgesFrom(resource, path).map((e) => e.to), types);
  }
  /** The resources that reference `resource`, optionally only from `path` in them. */
  referrers(resource: Resource, path?: string, ...types: string[]): Resource[] {
    return this.resolve(this.edgesTo(resource, path).map((e) => e.from), types);
  }

  private resolve(keys: string[], types: string[]): Resource[] {
    const seen = new Set<string>();
    const out: Resource[] = [];
    for (const k of keys) {
      if (seen.has(k)) continue;
      seen.add(k);
      const r = this.byKey.get(k);
      if (r && (types.length === 0 || types.includes(r.type))) out.push(r);
    }
    return out;
  }

  /** Read a property; see `getPath`. */
  prop(resource: Resource, path: string): Value | undefined {
    return getPath(resource.properties, path);
  }
}

/** Keys referenced by this very value (not by values nested in arrays or objects). */
function directRefs(v: Value | undefined): string[] {
  if (Array.isArray(v) || (v && typeof v === 'object' && v.constructor === Object)) return [];
  return [...referencedKeys(v)];
}

function isAtOrBelow(edgePath: string, path: string): boolean {
  if (path === '' || edgePath === path) return true;
  if (!edgePath.startsWith(path)) return false;
  const next = edgePath[path.length];
  return next === '.' || next === '[';
}

export { parsePath };
