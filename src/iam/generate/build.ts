import type { ObservedRequest } from './observe.js';

/**
 * The least policy for a set of observed requests: every action on exactly the resources it was
 * used on, S3 objects narrowed to the prefixes (folders) the keys were under, iam:PassRole only to
 * the services the roles were passed to. Actions that share the same resources share a statement.
 * The output is deterministic (sorted), so the same trail always gives the same policy.
 */

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface BuildOptions {
  /** Most object prefixes kept per bucket and action before they are merged into their common prefix. */
  maxPrefixesPerBucket?: number;
}

const S3_OBJECT = /^arn:([\w-]+):s3:::([^/]+)\/(.+)$/;

export function buildPolicy(requests: readonly Pick<ObservedRequest, 'action' | 'pattern' | 'context'>[], options: BuildOptions = {}): PolicyDocument {
  const maxPrefixes = options.maxPrefixesPerBucket ?? 10;
  const byAction = new Map<string, Set<string>>();
  const passRole = new Map<string, Set<string>>();
  for (const r of requests) {
    if (r.action === 'iam:PassRole' && r.context?.['iam:PassedToService']) {
      const service = r.context['iam:PassedToService'];
      (passRole.get(service) ?? passRole.set(service, new Set()).get(service)!).add(r.pattern);
      continue;
    }
    (byAction.get(r.action) ?? byAction.set(r.action, new Set()).get(r.action)!).add(r.pattern);
  }

  // Actions with the same resources share a statement.
  const groups = new Map<string, { actions: string[]; resources: string[] }>();
  for (const [action, resources] of byAction) {
    const narrowed = resources.has('*') ? ['*'] : narrowObjects([...resources], maxPrefixes);
    const key = narrowed.join('\n');
    const g = groups.get(key) ?? groups.set(key, { actions: [], resources: narrowed }).get(key)!;
    g.actions.push(action);
  }
  const sids = new Map<string, number>();
  const sid = (base: string) => {
    const n = (sids.get(base) ?? 0) + 1;
    sids.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  };
  const statements: PolicyStatement[] = [...groups.values()]
    .map((g) => ({ actions: g.actions.sort(), resources: g.resources }))
    .sort((a, b) => a.actions[0]!.localeCompare(b.actions[0]!))
    .map((g) => ({
      Sid: sid(g.resources.length === 1 && g.resources[0] === '*' ? 'NoResourceLevelPermissions' : sidFor(g.actions)),
      Effect: 'Allow' as const,
      Action: one(g.actions),
      Resource: one(g.resources),
    }));
  for (const [service, roles] of [...passRole].sort(([a], [b]) => a.localeCompare(b))) {
    statements.push({
      Sid: sid(`PassRoleTo${pascal(service.split('.')[0]!)}`),
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: one([...roles].sort()),
      Condition: { StringEquals: { 'iam:PassedToService': service } },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * S3 object ARNs (as policy patterns) become their folders (`bucket/train/part-1.csv` → `bucket/train/*`); a folder
 * inside another kept folder goes; too many folders in one bucket merge into their longest
 * common prefix. Other ARNs stay as they are.
 */
export function narrowObjects(arns: readonly string[], maxPerBucket: number): string[] {
  const out = new Set<string>();
  const buckets = new Map<string, { partition: string; prefixes: Set<string> }>();
  for (const arn of arns) {
    const m = S3_OBJECT.exec(arn);
    if (!m) {
      out.add(arn);
      continue;
    }
    const [, partition, bucket, key] = m as unknown as [string, string, string, string];
    const slash = key.lastIndexOf('/');
    const prefix = slash < 0 ? key : `${key.slice(0, slash + 1)}*`;
    const b = buckets.get(bucket) ?? buckets.set(bucket, { partition, prefixes: new Set() }).get(bucket)!;
    b.prefixes.add(prefix);
  }
  for (const [bucket, { partition, prefixes }] of buckets) {
    let list = [...prefixes];
    // A folder covered by a shorter kept folder adds nothing.
    list = list.filter((p) => !list.some((q) => q !== p && q.endsWith('*') && p.startsWith(q.slice(0, -1))));
    if (list.length > maxPerBucket) list = [`${commonPrefix(list.map((p) => p.replace(/\*$/, '')))}*`];
    for (const p of list) out.add(`arn:${partition}:s3:::${bucket}/${p}`);
  }
  return [...out].sort();
}

function commonPrefix(xs: string[]): string {
  let p = xs[0] ?? '';
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
  // Never cut an escape (`${*}`) in half.
  return p.replace(/\$(\{[*?$]?)?$/, '');
}

/** `S3GetObject` for one action, `Kms` for several of one service, `KmsS3` across services. */
function sidFor(actions: string[]): string {
  const services = [...new Set(actions.map((a) => a.slice(0, a.indexOf(':'))))];
  const base = services.map(pascal).join('');
  return actions.length === 1 ? `${base}${pascal(actions[0]!.slice(actions[0]!.indexOf(':') + 1))}` : base;
}

function pascal(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function one(xs: string[]): string | string[] {
  return xs.length === 1 ? xs[0]! : xs;
}
