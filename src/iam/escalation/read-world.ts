import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import type { OrgPolicies } from '../evaluate/policy-set.js';
import { childPath, pathSteps, PolicyError } from '../policy/errors.js';
import { locateJsonPath, parseJsonText } from '../policy/json-text.js';
import { parsePolicy } from '../policy/parse.js';
import type { Policy, PolicyKind } from '../policy/types.js';
import { principalParts, type IamWorld, type WorldGroup, type WorldPolicy, type WorldPrincipal, type WorldResource } from './world.js';

/**
 * An IAM world written as JSON, for `ringfence iam escalations WORLD.json` and for tests:
 *
 *   { "region": "eu-west-1",
 *     "principals": [ { "arn": "arn:aws:iam::111122223333:user/alice",
 *                       "policies": [ POLICY, { "name", "arn"?, "policy": POLICY, "otherVersions"?: [POLICY] } ],
 *                       "permissionsBoundary"?: POLICY, "permissionsBoundaryArn"?: "…",
 *                       "trustPolicy"?: POLICY (roles), "groups"?: ["name or ARN"], "tags"?: { "k": "v" } } ],
 *     "groups": [ { "arn", "policies": [...] } ],
 *     "resources": [ { "type": "AWS::SageMaker::NotebookInstance", "arn", "roleArn"?, "tags"?, "lifecycleConfigArn"? } ],
 *     "serviceControlPolicies": [ { "orgIdentifier": "r-root", "policies": [...] } ],
 *     "organizationAccounts"?: ["111122223333"], "organizationId"?: "o-…" }
 *
 * Every error names the JSON path (and, from text, the line and column).
 */

const WORLD_KEYS = new Set(['region', 'principals', 'groups', 'resources', 'serviceControlPolicies', 'organizationAccounts', 'organizationId', 'gaps']);
const PRINCIPAL_KEYS = new Set(['arn', 'policies', 'permissionsBoundary', 'permissionsBoundaryArn', 'trustPolicy', 'groups', 'tags']);
const GROUP_KEYS = new Set(['arn', 'policies']);
const RESOURCE_KEYS = new Set(['type', 'arn', 'roleArn', 'tags', 'lifecycleConfigArn']);

export function parseWorld(doc: unknown, text?: string, file?: string): IamWorld {
  const obj = asObject(doc, '', 'an IAM world');
  onlyKeys(obj, WORLD_KEYS, '');
  const locate = (path: string) => {
    if (text === undefined) return {};
    const at = locateJsonPath(text, pathSteps(path));
    return { file, line: at?.line, column: at?.column };
  };
  const principals = list(obj.principals, 'principals').map((p, i) => readPrincipal(p, `principals[${i}]`, locate));
  const seen = new Map<string, string>();
  principals.forEach((p, i) => {
    const first = seen.get(p.arn);
    if (first) throw new PolicyError(`${p.arn} is already defined at ${first}`, `principals[${i}].arn`);
    seen.set(p.arn, `principals[${i}]`);
  });
  const groups = list(obj.groups ?? [], 'groups').map((g, i) => readGroup(g, `groups[${i}]`));
  for (const p of principals) {
    p.groups = p.groups.map((g) => (g.startsWith('arn:') ? g : `arn:${p.partition}:iam::${p.account}:group/${g}`));
  }
  const groupArns = new Set(groups.map((g) => g.arn));
  principals.forEach((p, i) =>
    p.groups.forEach((g, j) => {
      if (!groupArns.has(g)) throw new PolicyError(`group ${g} is not defined under "groups"`, `principals[${i}].groups[${j}]`);
    }),
  );
  const world: IamWorld = {
    principals,
    groups,
    resources: list(obj.resources ?? [], 'resources').map((r, i) => readResource(r, `resources[${i}]`, locate)),
  };
  if (obj.region !== undefined) world.region = str(obj.region, 'region');
  if (obj.organizationId !== undefined) world.organizationId = str(obj.organizationId, 'organizationId');
  if (obj.organizationAccounts !== undefined) world.organizationAccounts = list(obj.organizationAccounts, 'organizationAccounts').map((a, i) => account(a, `organizationAccounts[${i}]`));
  if (obj.serviceControlPolicies !== undefined) world.serviceControlPolicies = orgLevels(obj.serviceControlPolicies, 'serviceControlPolicies');
  if (obj.gaps !== undefined) world.gaps = list(obj.gaps, 'gaps').map((g, i) => str(g, `gaps[${i}]`));
  return world;
}

/** Reads a world from JSON text: errors carry the file, line and column. */
export function parseWorldText(text: string, file?: string): IamWorld {
  const doc = parseJsonText(text, file);
  try {
    return parseWorld(doc, text, file);
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    throw e.within('', locateJsonPath(text, pathSteps(e.path)), file);
  }
}

/** Reads a world file; an error is a message naming the file, line and JSON path. */
export async function readWorldFile(file: string): Promise<{ world: IamWorld } | { error: string }> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { error: `${file}: not a file` };
    if (info.size > DEFAULT_LIMITS.maxFileBytes) return { error: `${file}: larger than ${DEFAULT_LIMITS.maxFileBytes} bytes` };
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: `${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}` };
  }
  try {
    return { world: parseWorldText(text, file) };
  } catch (e) {
    if (e instanceof PolicyError) return { error: e.toString() };
    throw e;
  }
}

/** True when a parsed JSON document looks like a world (has `principals`), not a template or a case. */
export function isWorldDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) && Array.isArray((doc as Record<string, unknown>).principals);
}

type Locate = (path: string) => { file?: string; line?: number; column?: number };

function readPrincipal(value: unknown, path: string, locate: Locate): WorldPrincipal {
  const obj = asObject(value, path, 'a principal');
  onlyKeys(obj, PRINCIPAL_KEYS, path);
  const arn = str(obj.arn, childPath(path, 'arn'));
  const parts = principalParts(arn);
  if (!parts) throw new PolicyError(`"${arn}" is not an IAM user or role ARN (arn:aws:iam::ACCOUNT:user/NAME or role/NAME)`, childPath(path, 'arn'));
  const p: WorldPrincipal = {
    arn,
    ...parts,
    policies: list(obj.policies ?? [], childPath(path, 'policies')).map((x, i) => worldPolicy(x, `${childPath(path, 'policies')}[${i}]`)),
    groups: list(obj.groups ?? [], childPath(path, 'groups')).map((g, i) => str(g, `${childPath(path, 'groups')}[${i}]`)),
    tags: tags(obj.tags, childPath(path, 'tags')),
    source: { ...locate(path) },
  };
  if (obj.permissionsBoundary !== undefined) p.permissionsBoundary = policyOf(obj.permissionsBoundary, childPath(path, 'permissionsBoundary'), 'boundary');
  if (obj.permissionsBoundaryArn !== undefined) p.permissionsBoundaryArn = str(obj.permissionsBoundaryArn, childPath(path, 'permissionsBoundaryArn'));
  if (obj.trustPolicy !== undefined) {
    if (parts.kind !== 'role') throw new PolicyError('only roles have a trust policy', childPath(path, 'trustPolicy'));
    p.trustPolicy = policyOf(obj.trustPolicy, childPath(path, 'trustPolicy'), 'resource');
  }
  if (parts.kind === 'role' && p.groups.length) throw new PolicyError('roles do not belong to groups', childPath(path, 'groups'));
  return p;
}

function readGroup(value: unknown, path: string): WorldGroup {
  const obj = asObject(value, path, 'a group');
  onlyKeys(obj, GROUP_KEYS, path);
  const arn = str(obj.arn, childPath(path, 'arn'));
  const m = /^arn:[\w-]+:iam::(\d{12}):group\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) throw new PolicyError(`"${arn}" is not an IAM group ARN`, childPath(path, 'arn'));
  return { arn, account: m[1]!, name: m[2]!, policies: list(obj.policies ?? [], childPath(path, 'policies')).map((x, i) => worldPolicy(x, `${childPath(path, 'policies')}[${i}]`)) };
}

function readResource(value: unknown, path: string, locate: Locate): WorldResource {
  const obj = asObject(value, path, 'a resource');
  onlyKeys(obj, RESOURCE_KEYS, path);
  const r: WorldResource = { type: str(obj.type, childPath(path, 'type')), arn: str(obj.arn, childPath(path, 'arn')), source: { ...locate(path) } };
  if (!r.arn.startsWith('arn:')) throw new PolicyError(`"${r.arn}" is not an ARN`, childPath(path, 'arn'));
  if (obj.roleArn !== undefined) {
    r.roleArn = str(obj.roleArn, childPath(path, 'roleArn'));
    if (principalParts(r.roleArn)?.kind !== 'role') throw new PolicyError(`"${r.roleArn}" is not an IAM role ARN`, childPath(path, 'roleArn'));
  }
  if (obj.tags !== undefined) r.tags = tags(obj.tags, childPath(path, 'tags'));
  if (obj.lifecycleConfigArn !== undefined) r.lifecycleConfigArn = str(obj.lifecycleConfigArn, childPath(path, 'lifecycleConfigArn'));
  return r;
}

/** A policy document, or `{ "name", "arn"?, "policy", "otherVersions"? }`. */
function worldPolicy(value: unknown, path: string): WorldPolicy {
  const obj = asObject(value, path, 'a policy');
  if (!('policy' in obj) || 'Statement' in obj) return { policy: policyOf(obj, path, 'identity') };
  for (const key of Object.keys(obj)) {
    if (!['name', 'arn', 'policy', 'otherVersions'].includes(key)) throw new PolicyError(`unknown field "${key}" (expected name, arn, policy, otherVersions)`, childPath(path, key));
  }
  const wp: WorldPolicy = { policy: policyOf(obj, path, 'identity') };
  if (obj.arn !== undefined) wp.arn = str(obj.arn, childPath(path, 'arn'));
  if (obj.otherVersions !== undefined) {
    wp.otherVersions = list(obj.otherVersions, childPath(path, 'otherVersions')).map((v, i) => {
      const p = policyOf(v, `${childPath(path, 'otherVersions')}[${i}]`, 'identity');
      return { ...p, id: `${wp.policy.id} (version ${i + 2})` };
    });
  }
  return wp;
}

function policyOf(value: unknown, path: string, kind: PolicyKind): Policy {
  const obj = asObject(value, path, 'a policy');
  const named = 'policy' in obj && !('Statement' in obj);
  if (named && obj.name !== undefined && typeof obj.name !== 'string') throw new PolicyError('"name" must be a string', childPath(path, 'name'));
  const id = named && typeof obj.name === 'string' ? obj.name : named && typeof obj.arn === 'string' ? obj.arn.slice(obj.arn.lastIndexOf('/') + 1) : path;
  const docPath = named ? childPath(path, 'policy') : path;
  try {
    return parsePolicy(named ? obj.policy : obj, { id, kind });
  } catch (e) {
    if (e instanceof PolicyError) throw e.within(docPath);
    throw e;
  }
}

function orgLevels(value: unknown, path: string): OrgPolicies<Policy>[] {
  return list(value, path).map((level, i) => {
    const p = `${path}[${i}]`;
    const obj = asObject(level, p, 'an organization level');
    const org = str(obj.orgIdentifier, childPath(p, 'orgIdentifier'));
    return { orgIdentifier: org, policies: list(obj.policies ?? [], childPath(p, 'policies')).map((x, j) => policyOf(x, `${childPath(p, 'policies')}[${j}]`, 'scp')) };
  });
}

function tags(value: unknown, path: string): Record<string, string> {
  if (value === undefined) return {};
  const obj = asObject(value, path, 'tags');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = str(v, childPath(path, k));
  return out;
}

function account(value: unknown, path: string): string {
  const a = str(value, path);
  if (!/^\d{12}$/.test(a)) throw new PolicyError(`"${a}" is not a 12-digit account id`, path);
  return a;
}

function onlyKeys(obj: Record<string, unknown>, allowed: ReadonlySet<string>, path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) throw new PolicyError(`unknown field "${key}" (expected ${[...allowed].join(', ')})`, childPath(path, key));
  }
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new PolicyError(`${path || 'the value'} must be a list`, path);
  return value;
}

function str(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new PolicyError(value === undefined ? 'missing (a string is required)' : 'must be a string', path);
  return value;
}

function asObject(value: unknown, path: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PolicyError(`${what} must be a JSON object`, path);
  return value as Record<string, unknown>;
}
