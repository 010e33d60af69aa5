import type { Resource } from '../../core/resource.js';
import { parseArn, splitArn } from '../arn.js';
import { unknownPolicy } from './bounded-policy.js';
import { syncCatalog, type SyncCatalog } from './sync-catalog.js';
import type { IamWorld, WorldPrincipal } from './world.js';

/**
 * The PRINCIPAL and RESOURCE of `iam can` / `iam who-can`, as people write them: an ARN, a
 * CloudFormation logical id, a Terraform address, a service principal, `*`. A bucket asked about
 * with an object action (`s3:GetObject`) stands for its objects: one probe for "any object" and
 * one per prefix the policies name (`training/*`), so that a role allowed to read only
 * `training/` is reported as such instead of as "cannot read the bucket".
 */

/** One concrete ARN a question is asked about, with what it stands for. */
export interface Target {
  arn: string;
  label: string;
}

export interface ResolvedResource {
  resource?: Resource;
  targets: Target[];
}

export class ResolveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResolveError';
  }
}

const ANY_OBJECT = '{any-object}';
const MAX_PREFIXES = 24;

/** The resources of the inventory a name may mean: its key, logical id or Terraform address, or its name. */
function findResources(world: IamWorld, text: string): Resource[] {
  const inv = world.inventory;
  const byKey = inv.get(text);
  if (byKey) return [byKey];
  const byId = inv.all().filter((r) => r.id === text && !r.parent);
  if (byId.length) return byId;
  return inv.all().filter((r) => {
    const n = world.symbols.nameOf(r);
    return 'text' in n && n.text === text && ['AWS::S3::Bucket', 'AWS::IAM::Role', 'AWS::IAM::User'].includes(r.type);
  });
}

function one(world: IamWorld, text: string, what: string): Resource | undefined {
  const found = findResources(world, text);
  if (found.length > 1) throw new ResolveError(`"${text}" names ${found.length} resources (${found.map((r) => r.key).join(', ')}); give the ${what} as FILE#ID or by ARN`);
  return found[0];
}

export function resolveResource(world: IamWorld, text: string, action: string, catalog: SyncCatalog = syncCatalog()): ResolvedResource {
  if (text === '*') return { targets: anyResource(world, action, catalog) };
  if (text.startsWith('arn:')) {
    if (!parseArn(text)) throw new ResolveError(`"${text}" is not an ARN (arn:partition:service:region:account:resource)`);
    const resource = world.resourceOf(text);
    return { ...(resource ? { resource } : {}), targets: [{ arn: text, label: text }] };
  }
  const resource = one(world, text, 'resource');
  if (!resource) throw new ResolveError(`"${text}" is neither an ARN nor a resource of the scanned code (use a CloudFormation logical id, a Terraform address or an ARN)`);
  if (resource.type === 'AWS::S3::Bucket' && actsOnObjects(action, catalog)) return { resource, targets: objectTargets(world, resource) };
  const arn = world.symbols.arnOf(resource);
  if (!('text' in arn)) throw new ResolveError(`the ARN of ${resource.id} is not known: ${arn.unknown}`);
  return { resource, targets: [{ arn: arn.text, label: `${resource.id} (${arn.text})` }] };
}

/**
 * `*` for an action that acts on resources: one resource nobody names per resource type of the
 * action (`arn:aws:iam::{this-account}:role/{any-roleNameWithPath}`), since `*` is not an ARN a
 * request can name. Actions without resource types take `*` itself.
 */
function anyResource(world: IamWorld, action: string, catalog: SyncCatalog): Target[] {
  const a = catalog.action(action);
  const types = catalog.resourceTypes(a?.service ?? '');
  const out: Target[] = [];
  for (const rt of a?.resourceTypes ?? []) {
    const type = types.find((t) => t.name.toLowerCase() === rt.name.toLowerCase());
    if (!type) continue;
    const arn = type.arnPattern.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
      name === 'Partition' ? 'aws' : name === 'Region' ? world.placeholders.region : name === 'Account' ? world.placeholders.account : `{any-${name}}`,
    );
    out.push({ arn, label: `any ${rt.name} (${arn})` });
  }
  return out.length ? out : [{ arn: '*', label: '*' }];
}

function actsOnObjects(action: string, catalog: SyncCatalog): boolean {
  const a = catalog.action(action);
  return Boolean(a?.resourceTypes.some((r) => r.name === 'object'));
}

/** Any object of the bucket, and one object under each prefix the world's policies name. */
function objectTargets(world: IamWorld, bucket: Resource): Target[] {
  const name = world.symbols.nameOf(bucket);
  const bucketName = 'text' in name ? name.text : bucket.id;
  const base = `arn:aws:s3:::${bucketName}/`;
  const targets = new Map<string, Target>([[base + ANY_OBJECT, { arn: base + ANY_OBJECT, label: 'any object' }]]);
  for (const p of world.policies) {
    for (const s of p.upper.statements) {
      for (const r of s.resource ?? []) {
        const parts = splitArn(r);
        if (parts.length !== 6 || parts[2] !== 's3' || !parts[5]!.startsWith(`${bucketName}/`)) continue;
        const key = parts[5]!.slice(bucketName.length + 1);
        const wild = key.search(/[*?]/);
        if (wild === 0) continue;
        const probe = wild < 0 ? key : `${key.slice(0, wild)}${ANY_OBJECT}`;
        const label = wild < 0 ? `object ${key}` : `objects under ${key.slice(0, wild)}`;
        if (targets.size < MAX_PREFIXES) targets.set(base + probe, { arn: base + probe, label });
      }
    }
  }
  return [...targets.values()];
}

const SERVICE_RE = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i;

export function resolvePrincipal(world: IamWorld, text: string): WorldPrincipal {
  const known = world.principals.find((p) => p.arn === text || (p.kind === 'service' && p.arn === text.toLowerCase()));
  if (known) return known;
  if (text === '*' || text.toLowerCase() === 'anonymous') return world.principals.find((p) => p.kind === 'anonymous')!;
  if (SERVICE_RE.test(text)) return { kind: 'service', arn: text.toLowerCase(), label: `service ${text.toLowerCase()}`, identity: [], boundary: [] };
  const account = /^\d{12}$/.test(text) ? text : /^arn:[\w-]+:iam::(\d{12}):root$/.exec(text)?.[1];
  if (account) return { kind: 'account', arn: `arn:aws:iam::${account}:root`, label: `account ${account}`, identity: [], boundary: [] };
  if (text.startsWith('arn:')) {
    const r = world.resourceOf(text);
    const p = r && world.principalFor(r);
    if (p) return p;
    const parts = splitArn(text);
    const kind = parts[5]?.startsWith('user/') ? 'user' : 'role';
    if (parts.length !== 6 || !['iam', 'sts'].includes(parts[2]!)) throw new ResolveError(`"${text}" is not a principal ARN (a role, user, or account root)`);
    // Not in the scanned code: what its own policies allow is not known.
    const unknown = unknownPolicy({ origin: { id: `unknown-principal:${text}`, label: `the policies of ${text}` }, kind: 'identity', symbols: world.symbols, path: text }, `${text} is not defined in the scanned code`);
    return { kind, arn: text, label: `${kind} ${text} (not in the scanned code)`, identity: [unknown], boundary: [] };
  }
  const resource = one(world, text, 'principal');
  const p = resource && world.principalFor(resource);
  if (p) return p;
  if (resource) throw new ResolveError(`${resource.id} is a ${resource.type}, not a principal (a role or a user)`);
  throw new ResolveError(`"${text}" is not a principal of the scanned code: give a role or user (logical id, Terraform address or ARN), a service principal, an account id, or "*"`);
}

export function checkAction(action: string, catalog: SyncCatalog = syncCatalog()): void {
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9_-]+$/.test(action)) throw new ResolveError(`"${action}" is not an action: expected service:Action, without wildcards`);
  const service = action.slice(0, action.indexOf(':'));
  if (!catalog.hasService(service)) throw new ResolveError(`unknown service "${service}" in ${action}`);
  if (!catalog.action(action)) throw new ResolveError(`unknown action ${action} (see the Service Authorization Reference for ${service})`);
}
