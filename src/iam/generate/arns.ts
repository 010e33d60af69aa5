import type { ActionCatalog, CatalogResourceType } from '../catalog/types.js';
import type { CloudTrailRecord } from '../../trail/record.js';

/**
 * The resources one CloudTrail call acted on, as the ARNs IAM authorized it against. Evidence
 * first: the record's `resources`, and ARNs in its request and response (a Create call's response
 * carries the new resource's ARN). Otherwise the ARN is built from the action's resource type in
 * the catalog (`arn:${Partition}:sagemaker:${Region}:${Account}:training-job/${TrainingJobName}`),
 * each placeholder taken from the request parameters (`trainingJobName`). What cannot be built
 * becomes a wildcard, and the caller is told.
 */

export interface CallScope {
  partition: string;
  region: string;
  account: string;
}

/** A resource as requested (`arn`, for replaying the call) and as a policy names it (`pattern`). */
export interface Target {
  arn: string;
  /** Literal `*`, `?` and `${` of names escaped (`${*}`), wildcards only where the record gave no value. */
  pattern: string;
}

export interface ResolvedResources {
  targets: Target[];
  /** The action takes no resource (Resource "*" is the only option). */
  noResourceLevel?: boolean;
  /** The action is not in the catalog. */
  unknownAction?: boolean;
  /** Why an ARN is wider than the resource (a placeholder the record does not give). */
  widened?: string;
  /** Some ARN was built from names in the request rather than read from the record. */
  built?: boolean;
}

/** Placeholders whose request parameter is not the placeholder's own name in camelCase. */
const PARAMETER_ALIASES: Readonly<Record<string, readonly string[]>> = {
  ObjectName: ['key'],
  RoleNameWithPath: ['roleName'],
  UserNameWithPath: ['userName'],
  GroupNameWithPath: ['groupName'],
  PolicyNameWithPath: ['policyName'],
  InstanceProfileNameWithPath: ['instanceProfileName'],
  ParameterNameWithoutLeadingSlash: ['name', 'names'],
  TrailName: ['name', 'trailName'],
  ResourceId: ['modelId', 'resourceId'],
  SecretId: ['secretId'],
  KeyId: ['keyId'],
  LogGroupName: ['logGroupName'],
  LogStreamName: ['logStreamName'],
};

/** Placeholders whose values may contain `/` (every other one stops at a slash). */
const SLASHED = new Set(['ObjectName', 'RoleNameWithPath', 'UserNameWithPath', 'GroupNameWithPath', 'PolicyNameWithPath', 'InstanceProfileNameWithPath', 'ParameterNameWithoutLeadingSlash', 'LogGroupName', 'LogStreamName', 'SecretId', 'RepositoryName']);

/** Most ARNs built from one multi-valued parameter (`names` of ssm:GetParameters). */
const MAX_EXPANSION = 50;

interface ActionTypes {
  unknown?: true;
  wildcardOnly?: boolean;
  types: { type: CatalogResourceType; required: boolean; fits: (arn: string) => boolean }[];
}

/** An action's resource types with their matchers, looked up and compiled once per catalog. */
const typeCache = new WeakMap<ActionCatalog, Map<string, Promise<ActionTypes>>>();

function actionTypes(action: string, catalog: ActionCatalog): Promise<ActionTypes> {
  let byAction = typeCache.get(catalog);
  if (!byAction) typeCache.set(catalog, (byAction = new Map()));
  let hit = byAction.get(action);
  if (!hit) {
    hit = (async () => {
      const info = await catalog.action(action);
      if (!info) return { unknown: true, types: [] };
      if (info.wildcardOnly) return { wildcardOnly: true, types: [] };
      const service = action.slice(0, action.indexOf(':')).toLowerCase();
      const found = await Promise.all(info.resourceTypes.map((t) => catalog.resourceType(service, t.name)));
      const types: ActionTypes['types'] = [];
      found.forEach((type, i) => {
        if (type) types.push({ type, required: info.resourceTypes[i]!.required, fits: typeMatcher(type.arnPattern) });
      });
      return { types };
    })();
    byAction.set(action, hit);
  }
  return hit;
}

export async function resolveResources(action: string, record: CloudTrailRecord, scope: CallScope, catalog: ActionCatalog): Promise<ResolvedResources> {
  const info = await actionTypes(action, catalog);
  const any = [{ arn: '*', pattern: '*' }];
  if (info.unknown) return { targets: any, unknownAction: true };
  if (info.wildcardOnly) return { targets: any, noResourceLevel: true };
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  const evidence = arnsIn(record);

  const byType = info.types.map(({ type, required, fits }) => {
    const seen = evidence.filter(fits);
    return { type, required, seen, built: seen.length ? undefined : build(type.arnPattern, record, scope, service) };
  });
  const required = byType.filter((t) => t.required);
  // An action whose few required types all appear (CreateEndpoint: the endpoint and its config) is authorized against each.
  if (required.length > 0 && required.length <= 3 && required.every((t) => t.seen.length || t.built?.complete)) {
    return { targets: uniqueTargets(required.flatMap((t) => (t.seen.length ? t.seen.map(literal) : t.built!.targets))), ...(required.some((t) => !t.seen.length) ? { built: true } : {}) };
  }
  const seen = unique(byType.flatMap((t) => t.seen));
  if (seen.length) return { targets: seen.map(literal) };
  // Otherwise the one type the request names most directly: every placeholder given, fewest placeholders.
  const buildable = byType.filter((t) => t.built?.complete).sort((a, b) => placeholders(a.type.arnPattern) - placeholders(b.type.arnPattern));
  if (buildable.length) return { targets: buildable[0]!.built!.targets, built: true };
  // Nothing complete: the type the request came closest to naming, with the rest as wildcards.
  const closest = (required.length ? required : byType).filter((t) => t.built).sort((a, b) => a.built!.missing.length - b.built!.missing.length);
  const first = closest[0];
  if (!first?.built) return { targets: any, widened: 'the record does not name the resource' };
  return { targets: first.built.targets, widened: `the record does not give ${first.built.missing.join(', ')}`, built: true };
}

/** Every ARN the record mentions: its `resources`, and strings in its request and response. */
export function arnsIn(record: CloudTrailRecord): string[] {
  const out = new Set<string>();
  for (const r of record.resources ?? []) {
    const arn = r.ARN ?? (r as { arn?: string }).arn;
    if (typeof arn === 'string' && arn.startsWith('arn:')) out.add(arn);
  }
  const walk = (v: unknown, depth: number) => {
    if (depth > 6 || out.size > 200) return;
    if (typeof v === 'string') {
      if (v.startsWith('arn:')) out.add(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(record.requestParameters, 0);
  walk(record.responseElements, 0);
  return [...out];
}

/** A matcher for ARNs of a catalog pattern: each placeholder is one name (no `/` unless it may have one). */
export function typeMatcher(pattern: string): (arn: string) => boolean {
  let source = '';
  let last = 0;
  for (const m of pattern.matchAll(/\$\{(\w+)\}/g)) {
    source += escape(pattern.slice(last, m.index));
    const name = m[1]!;
    source += name === 'Partition' ? '[a-z-]+' : name === 'Region' ? '[a-z0-9-]*' : name === 'Account' ? '\\d{12}' : SLASHED.has(name) ? '.+' : '[^/]+';
    last = m.index! + m[0].length;
  }
  source += escape(pattern.slice(last));
  const re = new RegExp(`^${source}$`);
  return (arn) => re.test(arn);
}

interface Built {
  targets: Target[];
  complete: boolean;
  missing: string[];
}

function build(pattern: string, record: CloudTrailRecord, scope: CallScope, service: string): Built {
  const params = new Map(Object.entries(record.requestParameters ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const missing: string[] = [];
  let expansion: { name: string; values: string[] } | undefined;
  const single = new Map<string, string>();
  for (const m of pattern.matchAll(/\$\{(\w+)\}/g)) {
    const name = m[1]!;
    if (name === 'Partition' || name === 'Region' || name === 'Account' || single.has(name)) continue;
    const value = parameter(params, name);
    if (value === undefined) missing.push(name);
    else if (Array.isArray(value)) {
      if (expansion) missing.push(name);
      else expansion = { name, values: value.slice(0, MAX_EXPANSION) };
    } else single.set(name, value);
  }
  const fill = (escapeValue: (v: string) => string, extra?: [string, string]) =>
    pattern.replace(/\$\{(\w+)\}/g, (_, name: string) => {
      if (name === 'Partition') return scope.partition;
      if (name === 'Region') return scope.region;
      if (name === 'Account') return scope.account;
      const v = extra && extra[0] === name ? extra[1] : single.get(name);
      if (v === undefined) return '*';
      // SageMaker ARNs carry resource names in lower case, whatever the request's case.
      return escapeValue(service === 'sagemaker' ? v.toLowerCase() : v);
    });
  const one = (extra?: [string, string]): Target => ({ arn: fill((v) => v, extra), pattern: fill(escapePolicyText, extra) });
  const targets = expansion ? expansion.values.map((v) => one([expansion!.name, v])) : [one()];
  // A fixed ARN (no name in it) says nothing about this request: it is never the one built.
  const named = single.size > 0 || expansion !== undefined;
  return { targets: uniqueTargets(targets), complete: missing.length === 0 && named, missing };
}

/**
 * Text from a record placed in a policy: `*` and `?` would act as wildcards and `${` would start a
 * variable, so they are written as the escapes IAM defines (`${*}`, `${?}`, `${$}`).
 */
export function escapePolicyText(text: string): string {
  return text.replace(/\*|\?|\$(?=\{)/g, (c) => `\${${c}}`);
}

function literal(arn: string): Target {
  return { arn, pattern: escapePolicyText(arn) };
}

function uniqueTargets(xs: Target[]): Target[] {
  const seen = new Set<string>();
  return xs.filter((t) => (seen.has(t.pattern) ? false : (seen.add(t.pattern), true)));
}

/** A request parameter for a placeholder: `${TrainingJobName}` ← `trainingJobName`, case-insensitively. */
function parameter(byLower: ReadonlyMap<string, unknown>, placeholder: string): string | string[] | undefined {
  const lc = placeholder[0]!.toLowerCase() + placeholder.slice(1);
  const candidates = [...(PARAMETER_ALIASES[placeholder] ?? []), lc, lc.replace(/WithPath$|WithoutLeadingSlash$/, '')];
  for (const c of candidates) {
    const v = byLower.get(c.toLowerCase());
    const norm = (s: string) => (placeholder === 'ParameterNameWithoutLeadingSlash' ? s.replace(/^\//, '') : s);
    // A value that is itself an ARN is evidence, not a name; aliases and ids that are not names are not used.
    if (typeof v === 'string' && v !== '' && !v.startsWith('arn:') && !v.startsWith('alias/')) return norm(v);
    if (Array.isArray(v) && v.length && v.every((x) => typeof x === 'string' && !x.startsWith('arn:'))) return (v as string[]).map(norm);
  }
  return undefined;
}

function placeholders(pattern: string): number {
  return (pattern.match(/\$\{/g) ?? []).length;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
