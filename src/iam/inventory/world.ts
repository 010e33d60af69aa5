import type { Inventory } from '../../core/inventory.js';
import type { Resource } from '../../core/resource.js';
import { isObject, type Value } from '../../core/value.js';
import { splitArn } from '../arn.js';
import { awsManagedPolicy, awsManagedPolicyName } from './aws-managed-policies.js';
import { boundaryAttachment, groupsOf, managedAttachments, policyDocuments, type ManagedAttachment } from './attachments.js';
import { boundPolicy, exactPolicy, unknownPolicy, type BoundedPolicy, type Gap, type PolicyOrigin } from './bounded-policy.js';
import { OTHER_ACCOUNT, THIS_ACCOUNT, THIS_REGION, type Placeholders } from './placeholders.js';
import { SymbolTable } from './symbols.js';
import type { PolicyKind } from '../policy/types.js';
import { parsePolicy } from '../policy/parse.js';

/**
 * The IAM view of an inventory: who the principals are (roles, users, the services and accounts
 * that policies name, anonymous callers, and "anyone else" in this or another account), which
 * policies apply to each, and which resource policy guards each resource. Built once per
 * inventory; every question (can, who-can, the posture rules) evaluates against it.
 */

export type WorldPrincipalKind = 'role' | 'user' | 'service' | 'account' | 'anonymous' | 'any-in-account' | 'any-other-account';

export interface WorldPrincipal {
  kind: WorldPrincipalKind;
  /** What the evaluator is given: an ARN, a service name, an account root, or `*`. */
  arn: string;
  /** For people: `role SageMakerExecutionRole`. */
  label: string;
  resource?: Resource;
  identity: BoundedPolicy[];
  boundary: BoundedPolicy[];
  /** Principals allowed to assume the role by its trust policy (as written). */
  trustedBy?: string[];
}

export interface WorldEndpoint {
  resource: Resource;
  /** The value `aws:SourceVpce` has for requests through it. */
  id: string;
  /** The service it serves (`s3`), when its ServiceName is known. */
  service?: string;
  policy?: BoundedPolicy;
}

export interface WorldOptions {
  /** The account the stack is deployed to (default: a placeholder). */
  accountId?: string;
  region?: string;
}

export interface IamWorld {
  inventory: Inventory;
  symbols: SymbolTable;
  placeholders: Placeholders;
  principals: WorldPrincipal[];
  endpoints: WorldEndpoint[];
  /** Every policy by its evaluator id. */
  origins: Map<string, PolicyOrigin>;
  /** Every policy of the world (identity, boundary, resource, endpoint). */
  policies: BoundedPolicy[];
  /** The policy document at a property path of a resource, when it is one the world read. */
  policyAt(resource: Resource, path: string): BoundedPolicy | undefined;
  /** A policy by its evaluator id. */
  policy(id: string): BoundedPolicy | undefined;
  /** What could not be known, by resource. */
  gaps: { resource?: Resource; gap: Gap }[];
  /** The resource policy that applies to requests on this ARN (bucket policy, key policy, trust policy). */
  resourcePolicy(arn: string): BoundedPolicy | undefined;
  /** The inventory resource an ARN (or bucket object ARN) belongs to. */
  resourceOf(arn: string): Resource | undefined;
  /** The policies of an inventory principal, built on demand for resources that are not in `principals`. */
  principalFor(resource: Resource): WorldPrincipal | undefined;
}

/** A principal that may hold any permission of its own: what its account's administrators gave it. */
const ALLOW_ALL_DOC = { Version: '2012-10-17', Statement: [{ Sid: 'AnyPermissionOfItsOwn', Effect: 'Allow', Action: '*', Resource: '*' }] };

const cache = new WeakMap<Inventory, { size: number; key: string; world: IamWorld }>();

/** The world of an inventory, cached while the inventory does not change; options default to its deployment. */
export function iamWorld(inventory: Inventory, given: WorldOptions = {}): IamWorld {
  const options = { ...inventory.deployment, ...given };
  const key = `${options.accountId ?? ''}|${options.region ?? ''}`;
  const hit = cache.get(inventory);
  if (hit && hit.size === inventory.size && hit.key === key) return hit.world;
  const world = buildIamWorld(inventory, options);
  cache.set(inventory, { size: inventory.size, key, world });
  return world;
}

export function buildIamWorld(inventory: Inventory, given: WorldOptions = {}): IamWorld {
  const options = { ...inventory.deployment, ...given };
  const placeholders: Placeholders = { account: options.accountId ?? THIS_ACCOUNT, region: options.region ?? THIS_REGION };
  const symbols = new SymbolTable(inventory, placeholders);
  const origins = new Map<string, PolicyOrigin>();
  const policies: BoundedPolicy[] = [];
  const byId = new Map<string, BoundedPolicy>();
  const gaps: IamWorld['gaps'] = [];
  const policyCache = new Map<string, BoundedPolicy | undefined>();

  const record = (p: BoundedPolicy | undefined, resource?: Resource): BoundedPolicy | undefined => {
    if (!p || origins.has(p.origin.id)) return p;
    origins.set(p.origin.id, p.origin);
    policies.push(p);
    byId.set(p.origin.id, p);
    for (const g of p.gaps) gaps.push({ resource, gap: g });
    return p;
  };

  /** The document at `path` of `owner`, bounded; once per document. */
  const documentPolicy = (owner: Resource, path: string, kind: PolicyKind, label: string): BoundedPolicy | undefined => {
    const id = `${owner.key}:${path}`;
    if (policyCache.has(`${id}|${kind}`)) return policyCache.get(`${id}|${kind}`);
    const value = valueAt(owner, path);
    const p = record(boundPolicy(value, { origin: { id, label, resource: owner, path }, kind, symbols, path }), owner);
    policyCache.set(`${id}|${kind}`, p);
    return p;
  };

  const managedPolicy = (att: ManagedAttachment, kind: PolicyKind, subject: string): BoundedPolicy => {
    if (att.target) {
      return documentPolicy(att.target, 'PolicyDocument', kind, `managed policy ${att.target.id}`) ?? unknownAt(att, kind, `managed policy ${att.target.id} has no document`);
    }
    if (!att.arn) return unknownAt(att, kind, att.unknown ?? `the managed policy attached to ${subject} is not known`);
    const name = awsManagedPolicyName(att.arn);
    if (name) {
      const aws = awsManagedPolicy(name);
      if (!aws) return unknownAt(att, kind, `AWS-managed policy ${name} is not in ringfence's table of AWS-managed policies`);
      const id = `aws-managed:${name}:${kind}`;
      const cached = policyCache.get(id);
      if (cached) return cached;
      const origin = { id, label: `AWS-managed policy ${name} (${aws.version})`, awsManaged: name };
      let p = exactPolicy(aws.document, origin, kind);
      if (aws.services) p = excerpt(p, aws.services, kind);
      record(p);
      policyCache.set(id, p);
      return p;
    }
    // A customer managed policy named by ARN: find it in the inventory.
    const target = inventory.ofType('AWS::IAM::ManagedPolicy').find((m) => {
      const arn = symbols.arnOf(m);
      return 'text' in arn && arn.text === att.arn;
    });
    if (target) return managedPolicy({ ...att, target }, kind, subject);
    return unknownAt(att, kind, `managed policy ${att.arn} is not defined in the scanned code`);
  };

  const unknownAt = (att: ManagedAttachment, kind: PolicyKind, reason: string): BoundedPolicy => {
    const id = `${att.owner.key}:${att.path}`;
    const key = `${id}|${kind}`;
    const cached = policyCache.get(key);
    if (cached) return cached;
    const p = record(unknownPolicy({ origin: { id, label: `the policy at ${att.owner.id} ${att.path}`, resource: att.owner, path: att.path }, kind, symbols, path: att.path }, reason), att.owner)!;
    policyCache.set(key, p);
    return p;
  };

  const identityOf = (r: Resource, label: string): { identity: BoundedPolicy[]; boundary: BoundedPolicy[] } => {
    const identity: BoundedPolicy[] = [];
    const holders = r.type === 'AWS::IAM::User' ? [r, ...groupsOf(r, inventory, symbols)] : [r];
    for (const holder of holders) {
      for (const src of policyDocuments(holder, inventory)) {
        const p = documentPolicy(src.owner, src.path, 'identity', policyLabel(src.owner, src.path, holder));
        if (p) identity.push(p);
      }
      for (const att of managedAttachments(holder, inventory, symbols)) identity.push(managedPolicy(att, 'identity', label));
    }
    const b = boundaryAttachment(r, inventory, symbols);
    return { identity: dedupe(identity), boundary: b ? [managedPolicy(b, 'boundary', label)] : [] };
  };

  const principals: WorldPrincipal[] = [];
  const byResource = new Map<string, WorldPrincipal>();
  const principalFor = (r: Resource): WorldPrincipal | undefined => {
    const cached = byResource.get(r.key);
    if (cached) return cached;
    const kind = r.type === 'AWS::IAM::Role' ? 'role' : r.type === 'AWS::IAM::User' ? 'user' : undefined;
    if (!kind) return undefined;
    const arn = symbols.arnOf(r);
    if (!('text' in arn)) return undefined;
    const label = `${kind} ${r.id}`;
    const p: WorldPrincipal = { kind, arn: arn.text, label, resource: r, ...identityOf(r, label) };
    if (kind === 'role') {
      const trust = documentPolicy(r, 'AssumeRolePolicyDocument', 'resource', `trust policy of role ${r.id}`);
      p.trustedBy = trust ? trustedPrincipals(trust) : [];
    }
    byResource.set(r.key, p);
    return p;
  };
  for (const r of inventory.ofType('AWS::IAM::Role', 'AWS::IAM::User')) {
    const p = principalFor(r);
    if (p) principals.push(p);
  }

  // Resource policies by the resource they guard.
  const resourcePolicies = new Map<string, BoundedPolicy>();
  const bucketsByName = new Map<string, Resource>();
  for (const b of inventory.ofType('AWS::S3::Bucket')) {
    const n = symbols.nameOf(b);
    if ('text' in n) bucketsByName.set(n.text, b);
  }
  for (const bp of inventory.ofType('AWS::S3::BucketPolicy')) {
    const bucket = bucketOfPolicy(bp, inventory, symbols, bucketsByName);
    const p = documentPolicy(bp, 'PolicyDocument', 'resource', `bucket policy ${bp.id}`);
    if (!bucket || !p) continue;
    if (resourcePolicies.has(bucket.key)) gaps.push({ resource: bp, gap: { path: 'Bucket', reason: `bucket ${bucket.id} has more than one bucket policy; ${bp.id} is ignored` } });
    else resourcePolicies.set(bucket.key, p);
  }
  for (const key of inventory.ofType('AWS::KMS::Key')) {
    const p = documentPolicy(key, 'KeyPolicy', 'resource', `key policy of ${key.id}`);
    if (p) resourcePolicies.set(key.key, p);
  }
  for (const role of inventory.ofType('AWS::IAM::Role')) {
    const p = documentPolicy(role, 'AssumeRolePolicyDocument', 'resource', `trust policy of role ${role.id}`);
    if (p) resourcePolicies.set(role.key, p);
  }

  const endpoints: WorldEndpoint[] = inventory.ofType('AWS::EC2::VPCEndpoint').map((e) => {
    const id = symbols.nameOf(e);
    const service = symbols.text(e.properties['ServiceName']);
    const policy = documentPolicy(e, 'PolicyDocument', 'endpoint', `endpoint policy of ${e.id}`);
    return {
      resource: e,
      id: 'text' in id ? id.text : e.id,
      ...('text' in service ? { service: service.text.slice(service.text.lastIndexOf('.') + 1) } : {}),
      ...(policy ? { policy } : {}),
    };
  });

  // Everyone else the policies name: services, accounts, anonymous callers.
  const named = namedPrincipals([...resourcePolicies.values()]);
  for (const service of named.services) {
    principals.push({ kind: 'service', arn: service, label: `service ${service}`, identity: [], boundary: [] });
  }
  const allowAll = (id: string) => exactPolicy(ALLOW_ALL_DOC, { id, label: 'any permission of its own', assumed: true }, 'identity');
  principals.push({
    kind: 'any-in-account',
    arn: `arn:aws:iam::${placeholders.account}:role/{any-other-principal}`,
    label: 'any other principal of this account (with permission of its own)',
    identity: [record(allowAll('any-permission-this-account'))!],
    boundary: [],
  });
  for (const account of named.accounts) {
    if (account === placeholders.account) continue;
    principals.push({ kind: 'account', arn: `arn:aws:iam::${account}:root`, label: `account ${account} (its principals, with permission of their own)`, identity: [], boundary: [] });
  }
  principals.push({
    kind: 'any-other-account',
    arn: `arn:aws:iam::${OTHER_ACCOUNT}:role/{any-principal}`,
    label: 'any principal of another account (with permission of its own)',
    identity: [record(allowAll('any-permission-other-account'))!],
    boundary: [],
  });
  principals.push({ kind: 'anonymous', arn: '*', label: 'anyone, unauthenticated (anonymous)', identity: [], boundary: [] });

  const arnIndex = new Map<string, Resource>();
  for (const r of inventory.all()) {
    const arn = symbols.arnOf(r);
    if ('text' in arn) arnIndex.set(arn.text, r);
  }
  const resourceOf = (arn: string): Resource | undefined => {
    const exact = arnIndex.get(arn);
    if (exact) return exact;
    const parts = splitArn(arn);
    if (parts.length === 6 && parts[2] === 's3') return bucketsByName.get(parts[5]!.split('/')[0]!);
    return undefined;
  };

  return {
    inventory,
    symbols,
    placeholders,
    principals,
    endpoints,
    origins,
    policies,
    policyAt: (resource, path) => byId.get(`${resource.key}:${path}`),
    policy: (id) => byId.get(id),
    gaps,
    resourcePolicy: (arn) => {
      const r = resourceOf(arn);
      return r ? resourcePolicies.get(r.key) : undefined;
    },
    resourceOf,
    principalFor,
  };
}

function valueAt(owner: Resource, path: string): Value | undefined {
  let cur: Value | undefined = owner.properties;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (cur === undefined || cur === null) return undefined;
    if (m[2] !== undefined) cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
    else cur = isObject(cur) ? cur[m[1]!] : undefined;
  }
  return cur;
}

function policyLabel(owner: Resource, path: string, holder: Resource): string {
  if (owner.key !== holder.key) return `${owner.type === 'AWS::IAM::ManagedPolicy' ? 'managed policy' : 'policy'} ${owner.id}${holder.type === 'AWS::IAM::Group' ? ` (group ${holder.id})` : ''}`;
  const m = /^Policies\[(\d+)\]/.exec(path);
  const name = m ? (owner.properties['Policies'] as Value[] | undefined)?.[Number(m[1])] : undefined;
  const policyName = isObject(name) && typeof name['PolicyName'] === 'string' ? name['PolicyName'] : m ? `#${m[1]}` : path;
  return `inline policy ${policyName} of ${owner.id}`;
}

function dedupe(list: BoundedPolicy[]): BoundedPolicy[] {
  const seen = new Set<string>();
  return list.filter((p) => (seen.has(p.origin.id) ? false : (seen.add(p.origin.id), true)));
}

function bucketOfPolicy(bp: Resource, inventory: Inventory, symbols: SymbolTable, byName: Map<string, Resource>): Resource | undefined {
  const byRef = inventory.follow(bp, 'Bucket', 'AWS::S3::Bucket')[0];
  if (byRef) return byRef;
  const t = symbols.text(bp.properties['Bucket']);
  return 'text' in t ? byName.get(t.text) : undefined;
}

/** `ReadOnlyAccess` and other excerpts: exact for the services transcribed, unknown (anything) for the others. */
function excerpt(p: BoundedPolicy, services: readonly string[], kind: PolicyKind): BoundedPolicy {
  const doc = {
    Version: '2012-10-17',
    Statement: [
      ...p.upper.statements.map((s) => ({ Sid: s.sid, Effect: s.effect, ...(s.action ? { Action: s.action } : { NotAction: s.notAction }), Resource: s.resource ?? '*' })),
      { Sid: 'ServicesNotTranscribed', Effect: 'Allow', NotAction: services.map((s) => `${s}:*`), Resource: '*' },
    ],
  };
  return { ...p, upper: parsePolicy(doc, { id: p.origin.id, kind }), exact: false, gaps: [{ path: p.origin.awsManaged ?? '', reason: `only the ${services.join(', ')} statements of ${p.origin.awsManaged} are known` }] };
}

/** Who a trust policy lets assume the role, as written: services, accounts, ARNs, `*`. */
function trustedPrincipals(trust: BoundedPolicy): string[] {
  const out = new Set<string>();
  for (const s of trust.upper.statements) {
    if (s.effect !== 'Allow' || !s.principal) continue;
    if (s.principal.wildcard) out.add('*');
    for (const list of [s.principal.Service, s.principal.AWS, s.principal.Federated]) for (const x of list) out.add(x);
  }
  return [...out];
}

/** Services and accounts named by resource policies (Allow statements). */
function namedPrincipals(policies: BoundedPolicy[]): { services: string[]; accounts: string[] } {
  const services = new Set<string>();
  const accounts = new Set<string>();
  for (const p of policies) {
    for (const s of p.upper.statements) {
      if (s.effect !== 'Allow' || !s.principal) continue;
      for (const svc of s.principal.Service) if (/^[a-z0-9.-]+\.[a-z]+$/i.test(svc)) services.add(svc.toLowerCase());
      for (const a of s.principal.AWS) {
        const account = /^\d{12}$/.test(a) ? a : splitArn(a)[4];
        if (account && /^\d{12}$/.test(account)) accounts.add(account);
      }
    }
  }
  return { services: [...services].sort(), accounts: [...accounts].sort() };
}

