import { asString, referencedKeys, Unknown, type Value, type ValueObject } from '../../core/value.js';
import type { ConditionExpression } from '../../iam/evaluate/formula.js';
import type { EvaluationResult } from '../../iam/evaluate/types.js';
import { parseOperator } from '../../iam/policy/operators.js';
import { listOf } from './policy-document.js';
import { showValue } from './read.js';

/**
 * What rules ask of IAM policies. The questions that decide a finding (is this role allowed `*`?
 * can anyone outside the named endpoints read this bucket?) go to the evaluation engine
 * (src/iam/inventory); what is left here is reading statements as text where the answer is
 * evidence rather than a verdict: which buckets a statement names, which actions it lists.
 */

export { awsManagedPolicyName } from '../../iam/inventory/aws-managed-policies.js';

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

/** AWS-managed policies too broad for a SageMaker execution role, and what each allows. */
export const BROAD_MANAGED_POLICIES: Readonly<Record<string, string>> = {
  AdministratorAccess: 'every action on every resource',
  PowerUserAccess: 'every action except IAM and Organizations management',
  IAMFullAccess: 'full IAM, so the role can grant itself anything',
  AmazonS3FullAccess: 'every S3 action on every bucket of the account',
  AmazonSageMakerFullAccess: 'every SageMaker action plus broad S3, ECR, CloudWatch and iam:PassRole access',
  AmazonEC2ContainerRegistryFullAccess: 'pushing and deleting any container image, so it can replace the images SageMaker runs',
};

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

// ---------------------------------------------------------------- conditions of evaluated answers

type Leaf = Extract<ConditionExpression, { key: string }>;

/** Condition operators that, holding, restrict a key to the values listed. */
const MEMBERSHIP = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike']);
/** Their negations: a negated leaf of one of these restricts the key just as well. */
const NON_MEMBERSHIP = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike']);

/**
 * Whether a condition leaf says "the key is one of these named values": `StringEquals` (not
 * IfExists, which an absent key satisfies) or a negated `StringNotEquals` (IfExists or not: its
 * negation requires the key), without set qualifiers, with no value that is only wildcards.
 */
export function restrictsKey(leaf: Leaf, key: string): boolean {
  if (leaf.key.toLowerCase() !== key.toLowerCase()) return false;
  const op = parseOperator(leaf.operator);
  if (!op || op.set) return false;
  const named = leaf.values.length > 0 && leaf.values.every((v) => v !== '' && !/^[*?]+$/.test(v));
  if (!named) return false;
  return leaf.negated ? NON_MEMBERSHIP.has(op.spec.name) : MEMBERSHIP.has(op.spec.name) && !op.ifExists;
}

/** The alternatives of a condition in disjunctive form, or undefined when it is too large to expand. */
export function alternatives(c: ConditionExpression | undefined): Leaf[][] | undefined {
  if (!c) return [[]];
  if ('always' in c) return [[]];
  if ('never' in c) return [];
  if (!('any' in c)) return undefined;
  const out: Leaf[][] = [];
  for (const alt of c.any) {
    if (!('all' in alt) || !alt.all.every((l): l is Leaf => 'key' in l)) return undefined;
    out.push(alt.all);
  }
  return out;
}

/**
 * Whether an evaluation grants access only when one of `keys` is restricted to named values:
 * true for a denial, and for an Allow every alternative of whose conditions restricts a key.
 */
export function grantedOnlyWithin(r: EvaluationResult, keys: readonly string[]): Tri {
  if (r.decision !== 'Allowed') return 'yes';
  if (!r.conditions) return 'no';
  const alts = alternatives(r.conditions);
  if (!alts) return 'unknown';
  return alts.every((alt) => alt.some((leaf) => keys.some((k) => restrictsKey(leaf, k)))) ? 'yes' : 'no';
}

/** The leaves of an answer's conditions that name `keys`, for messages and the deciding statement. */
export function restrictingLeaves(r: EvaluationResult, keys: readonly string[]): Leaf[] {
  return (alternatives(r.conditions) ?? []).flat().filter((l) => keys.some((k) => restrictsKey(l, k)));
}
