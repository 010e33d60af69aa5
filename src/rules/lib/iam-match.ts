import { asString, Expr, isObject, referencedKeys, Ref, Unknown, type Value, type ValueObject } from '../../core/value.js';
import { listOf } from './policy-document.js';
import { showValue } from './read.js';

/**
 * Text matching of IAM policy statements: which actions a statement grants, whether it is broad,
 * whether a bucket policy locks objects down. This is deliberately the only place that
 * interprets statements, so that the real IAM evaluation engine (a later issue, src/iam/) can
 * replace it without touching the rules. It ignores conditions on Allow statements.
 */

export type Tri = 'yes' | 'no' | 'unknown';

function anyOf(results: Tri[]): Tri {
  if (results.includes('yes')) return 'yes';
  return results.includes('unknown') ? 'unknown' : 'no';
}

/** IAM wildcards: `*` is any run of characters, `?` exactly one. Actions compare case-insensitively. */
export function wildcardMatch(pattern: string, text: string, ignoreCase = true): boolean {
  const re = '^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$';
  return new RegExp(re, ignoreCase ? 'is' : 's').test(text);
}

/** The text of a policy value, or why there is none. */
function textOf(v: Value): string | Unknown {
  if (typeof v === 'string') return v;
  if (v instanceof Unknown) return v;
  const t = asString(v);
  return t ?? new Unknown(`${showValue(v)} is not known before deployment`);
}

/** Whether a list of action patterns includes `action`. */
export function grantsAction(actions: Value | undefined, action: string): Tri {
  return anyOf(
    listOf(actions).map((a) => {
      const t = textOf(a);
      return t instanceof Unknown ? 'unknown' : wildcardMatch(t, action) ? 'yes' : 'no';
    }),
  );
}

/** Whether a statement's Action (or NotAction, inverted) covers `action`. */
export function statementCovers(st: ValueObject, action: string): Tri {
  if (st['Action'] !== undefined) return grantsAction(st['Action'], action);
  if (st['NotAction'] !== undefined) {
    const listed = grantsAction(st['NotAction'], action);
    return listed === 'yes' ? 'no' : listed === 'no' ? 'yes' : 'unknown';
  }
  return 'no';
}

export function effectOf(st: ValueObject): 'Allow' | 'Deny' | 'unknown' {
  const e = st['Effect'];
  if (e === 'Allow' || e === 'Deny') return e;
  return 'unknown';
}

/** Resource `*` (or a resource-wide pattern from `stars`), or NotResource, which covers nearly everything. */
function coversEverything(st: ValueObject, stars: readonly string[]): Tri {
  if (st['NotResource'] !== undefined) return 'yes';
  return anyOf(
    listOf(st['Resource']).map((r) => {
      if (r instanceof Unknown) return 'unknown';
      // A reference names one resource of the inventory, and no resource's ARN is a wildcard.
      const t = asString(r);
      if (t === undefined) return r instanceof Ref || r instanceof Expr ? 'no' : 'unknown';
      const arn = t.replace(/^arn:aws[a-z-]*:/, 'arn:aws:');
      return stars.includes(arn) ? 'yes' : 'no';
    }),
  );
}

/** An action pattern that on its own grants a whole service (or everything). */
export const BROAD_ACTIONS: readonly { pattern: string; why: string }[] = [
  { pattern: '*', why: 'every action of every AWS service' },
  { pattern: 's3:*', why: 'every S3 action: reading, overwriting and deleting any object it can reach' },
  { pattern: 'sagemaker:*', why: 'every SageMaker action, including starting notebooks and jobs that run code under other roles' },
  { pattern: 'iam:*', why: 'every IAM action, which is administrator access by another route' },
];

/** Actions that are too much when granted on every resource. */
export const STAR_RESOURCE_ACTIONS: readonly { action: string; stars: readonly string[]; why: string }[] = [
  { action: 'iam:PassRole', stars: ['*', 'arn:aws:iam::*:role/*'], why: 'iam:PassRole on every role lets the jobs it starts run as any role, including more privileged ones' },
  { action: 's3:GetObject', stars: ['*', 'arn:aws:s3:::*', 'arn:aws:s3:::*/*'], why: 'it can read objects in every bucket of the account, not only its own data' },
];

export interface BroadGrant {
  /** The field that decided: `Action` or `NotAction` (or `Resource`, for resource-wide grants). */
  field: 'Action' | 'NotAction' | 'Resource';
  why: string;
}

/** Why an Allow statement is broad; `unknown` when a value the decision needs is not known. */
export function broadGrants(st: ValueObject): { grants: BroadGrant[]; unknown?: string } {
  const effect = effectOf(st);
  if (effect === 'Deny') return { grants: [] };
  if (effect === 'unknown') return { grants: [], unknown: 'the statement Effect is not known' };
  const grants: BroadGrant[] = [];
  let unknown: string | undefined;

  if (st['NotAction'] !== undefined && st['Action'] === undefined) {
    grants.push({ field: 'NotAction', why: 'Allow with NotAction grants every action except the few listed' });
  }
  for (const a of listOf(st['Action'])) {
    const t = textOf(a);
    if (t instanceof Unknown) {
      unknown = `an Action is not known (${t.reason})`;
      continue;
    }
    const broad = BROAD_ACTIONS.find((b) => b.pattern.toLowerCase() === t.toLowerCase());
    if (broad) grants.push({ field: 'Action', why: `"${t}" grants ${broad.why}` });
  }
  for (const s of STAR_RESOURCE_ACTIONS) {
    const action = statementCovers(st, s.action);
    const everywhere = coversEverything(st, s.stars);
    if (action === 'yes' && everywhere === 'yes') grants.push({ field: 'Resource', why: `${s.action} on Resource "*": ${s.why}` });
    else if (action !== 'no' && everywhere !== 'no' && (action === 'unknown' || everywhere === 'unknown')) {
      unknown ??= `cannot tell whether it grants ${s.action} on every resource`;
    }
  }
  return unknown && grants.length === 0 ? { grants, unknown } : { grants };
}

/** AWS-managed policies too broad for a SageMaker execution role, and what each allows. */
export const BROAD_MANAGED_POLICIES: Readonly<Record<string, string>> = {
  AdministratorAccess: 'every action on every resource',
  PowerUserAccess: 'every action except IAM and Organizations management',
  IAMFullAccess: 'full IAM, so the role can grant itself anything',
  AmazonS3FullAccess: 'every S3 action on every bucket of the account',
  AmazonSageMakerFullAccess: 'every SageMaker action plus broad S3, ECR, CloudWatch and iam:PassRole access',
  AmazonEC2ContainerRegistryFullAccess: 'pushing and deleting any container image, so it can replace the images SageMaker runs',
};

/** `AdministratorAccess` for `arn:aws:iam::aws:policy/AdministratorAccess` (any partition, any path). */
export function awsManagedPolicyName(arn: string): string | undefined {
  // `*` stands for a partition that is not known (see Unknown.shape); the name is what matters.
  return /^arn:(?:aws[a-z-]*|\*):iam::aws:policy\/(?:[^*]+\/)?([^/*]+)$/.exec(arn)?.[1];
}

/** A bucket as policies name it: its inventory key (for references) and its name when concrete. */
export interface BucketIdentity {
  key: string;
  name?: string;
}

/** The bucket name in `arn:aws:s3:::name/...` or `s3://name/...`, when it has no wildcard. */
export function bucketNameIn(text: string): string | undefined {
  const m = /^(?:arn:aws[a-z-]*:s3:::|s3:\/\/)([^/*?]+)/.exec(text);
  return m?.[1];
}

/** What an Allow statement lets the holder read with s3:GetObject: referenced resources and named buckets. */
export function s3ReadTargets(st: ValueObject): { keys: string[]; names: string[] } {
  if (effectOf(st) !== 'Allow' || statementCovers(st, 's3:GetObject') !== 'yes') return { keys: [], names: [] };
  const keys = new Set<string>();
  const names = new Set<string>();
  for (const r of listOf(st['Resource'])) {
    for (const k of referencedKeys(r)) keys.add(k);
    const t = asString(r);
    const name = t === undefined ? undefined : bucketNameIn(t);
    if (name) names.add(name);
  }
  return { keys: [...keys], names: [...names] };
}

/** Negated condition operators that, in a Deny, carve out the named endpoints or principals. */
export const LOCKDOWN_OPERATORS: readonly string[] = ['StringNotEquals', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike'];
/** Condition keys that name where a request may come from, or who may make it. */
export const LOCKDOWN_KEYS: readonly string[] = ['aws:SourceVpce', 'aws:PrincipalArn'];

/**
 * Whether a bucket-policy statement denies object reads to everyone unless the request comes
 * through named VPC endpoints or from named principals.
 */
export function locksDownObjectReads(st: ValueObject, bucket: BucketIdentity): { result: Tri; why?: string } {
  const effect = effectOf(st);
  if (effect !== 'Deny') return effect === 'unknown' ? { result: 'unknown', why: 'Effect is not known' } : { result: 'no' };
  const everyone = principalIsEveryone(st['Principal']);
  if (everyone !== 'yes') return { result: everyone, why: 'Principal is not known' };
  const reads = statementCovers(st, 's3:GetObject');
  if (reads !== 'yes') return { result: reads, why: 'Action is not known' };
  const objects = coversObjects(st['Resource'], bucket);
  if (objects !== 'yes') return { result: objects, why: 'Resource is not known' };
  return carvesOutNamed(st['Condition']);
}

function principalIsEveryone(p: Value | undefined): Tri {
  if (p instanceof Unknown) return 'unknown';
  if (p === '*') return 'yes';
  if (isObject(p)) return listOf(p['AWS']).some((x) => x === '*') ? 'yes' : 'no';
  return 'no';
}

function coversObjects(resources: Value | undefined, bucket: BucketIdentity): Tri {
  return anyOf(
    listOf(resources).map((r): Tri => {
      if (r instanceof Unknown) return 'unknown';
      if (r instanceof Expr && r.refs.some((x) => x.target === bucket.key)) {
        const tail = r.parts[r.parts.length - 1];
        return typeof tail === 'string' && tail.endsWith('/*') ? 'yes' : 'no';
      }
      const t = asString(r);
      if (t === undefined) return r instanceof Ref || r instanceof Expr ? 'no' : 'unknown';
      if (t === '*') return 'yes';
      const arn = t.replace(/^arn:aws[a-z-]*:s3:::/, 'arn:aws:s3:::');
      return bucket.name && wildcardMatch(arn, `arn:aws:s3:::${bucket.name}/ringfence-probe-object`, false) ? 'yes' : 'no';
    }),
  );
}

function carvesOutNamed(condition: Value | undefined): { result: Tri; why?: string } {
  if (condition instanceof Unknown) return { result: 'unknown', why: 'Condition is not known' };
  if (!isObject(condition) || Object.keys(condition).length === 0) return { result: 'no' };
  let sawKey = false;
  for (const [op, block] of Object.entries(condition)) {
    if (!LOCKDOWN_OPERATORS.includes(op.replace(/IfExists$/, ''))) return { result: 'no' };
    if (block instanceof Unknown) return { result: 'unknown', why: `Condition ${op} is not known` };
    if (!isObject(block)) return { result: 'no' };
    for (const [key, values] of Object.entries(block)) {
      // An extra, unrelated condition narrows the Deny, so the lockdown no longer holds for every request.
      if (!LOCKDOWN_KEYS.some((k) => k.toLowerCase() === key.toLowerCase())) return { result: 'no' };
      const items = listOf(values);
      if (items.some((x) => x instanceof Unknown)) return { result: 'unknown', why: `the values of ${key} are not known` };
      if (items.length === 0 || !items.every((x) => (typeof x === 'string' && x !== '' && x !== '*') || x instanceof Ref || x instanceof Expr)) return { result: 'no' };
      sawKey = true;
    }
  }
  return { result: sawKey ? 'yes' : 'no' };
}
