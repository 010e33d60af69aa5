import type { Inventory } from '../../core/inventory.js';
import type { Resource } from '../../core/resource.js';
import { fail, pass, unknown, type CheckResult, type Rule } from '../../core/rule.js';
import { asString, Expr, isObject, joinPath, Ref, referencedKeys, Unknown, type Value, type ValueObject } from '../../core/value.js';
import { awsManagedPolicyName, effectOf, statementCovers, type Tri } from '../lib/iam-match.js';
import { listOf, parseDocument, statements } from '../lib/policy-document.js';
import { bucketsNamed, pipelineRoles, roleIdentity, s3Inputs, sameRole, TRAINING_JOB_TYPES, type RoleIdentity, type S3Input } from './training-job-inputs.js';

export const rule: Rule = {
  id: 'sagemaker-training-data-writers',
  title: 'Training input can be written by principals other than the data pipeline (strict profile)',
  ring: 'data',
  severity: 'high',
  resourceTypes: TRAINING_JOB_TYPES,
  profiles: ['strict'],
  rationale:
    'Whoever can write the prefix a training job reads can poison the next model. IAM policies anywhere in the account can grant ' +
    's3:PutObject on it (administrators, ETL roles, a leaked CI key); only a Deny in the bucket policy makes the bucket refuse ' +
    'writes from everyone except the roles that run the data pipeline.',
  remediation:
    'Add a bucket-policy statement Effect: Deny, Principal: "*", Action: s3:PutObject (or s3:*), Resource: the bucket ARN + "/" + ' +
    'the input prefix + "*", with Condition ArnNotEquals aws:PrincipalArn listing only the roles of the pipeline (the pipeline role ' +
    'and the roles of its steps). Do not combine it with other condition keys: each one narrows the Deny.',
  references: {
    nist80053: ['AC-3', 'AC-6', 'SI-7', 'SR-4'],
    atlas: ['AML.T0020', 'AML.T0059', 'AML.M0005', 'AML.M0014'],
    owaspMl: ['ML02:2023', 'ML10:2023'],
    docs: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    ],
  },
  check(job, inventory) {
    const inputs = s3Inputs(job);
    if (!Array.isArray(inputs)) return [unknown(inputs.path, `${inputs.path} is not known before the pipeline runs (${inputs.unknown}); cannot tell which data it reads`)];
    if (inputs.length === 0) return [];
    const pipeline = pipelineRoles(job, inventory);
    return inputs.map((input) => judgeInput(input, pipeline, inventory));
  },
};

function judgeInput(input: S3Input, pipeline: { roles: RoleIdentity[]; unknown: string[] }, inventory: Inventory): CheckResult {
  const channel = input.label;
  if (input.uri.state === 'unknown') return unknown(input.path, `the S3 URI of ${channel} cannot be determined (${input.uri.reason})`);
  const { uri, bucket, prefix } = input.uri;
  const buckets = bucketsNamed(input, bucket, inventory);
  if (buckets.length === 0) return unknown(input.path, `bucket ${bucket} of ${channel} is not defined in the scanned code, so its policy cannot be judged`);
  if (pipeline.unknown.length) return unknown(input.path, `the roles of the data pipeline are not all known (${pipeline.unknown[0]})`);
  const names = pipeline.roles.map((r) => r.text).join(', ') || 'none named';
  const target: Target = { bucket, bucketKeys: new Set(buckets.map((b) => b.key)), objects: `arn:aws:s3:::${bucket}/${prefix}` };

  let undecided: string | undefined;
  for (const policy of buckets.flatMap((b) => bucketPolicies(b, bucket, inventory))) {
    const doc = parseDocument(policy.properties['PolicyDocument']);
    if (doc.state === 'unknown') {
      undecided ??= `the policy ${policy.id} cannot be read: ${doc.reason}`;
      continue;
    }
    if (doc.state !== 'parsed') continue;
    const sts = statements(doc.document, 'PolicyDocument');
    if (!Array.isArray(sts)) {
      undecided ??= `the statements of ${policy.id} cannot be read: ${sts.unknown}`;
      continue;
    }
    for (const { path, statement } of sts) {
      const lock = writeLockdown(statement, target, inventory);
      if (lock.result === 'unknown') undecided ??= `${policy.id} ${path}: ${lock.why}`;
      if (lock.result !== 'yes') continue;
      const outsiders = lock.exceptions.filter((e): e is RoleIdentity => !(e instanceof Unknown) && !pipeline.roles.some((p) => sameRole(p, e)));
      if (outsiders.length) {
        return fail(
          input.path,
          `the bucket policy ${policy.id} (${path}) denies s3:PutObject on ${uri} except to ${outsiders.map((o) => o.text).join(', ')}, ` +
            `which ${outsiders.length === 1 ? 'is not a role' : 'are not roles'} of the data pipeline (${names})`,
        );
      }
      const hidden = lock.exceptions.find((e): e is Unknown => e instanceof Unknown);
      if (hidden) {
        undecided ??= `${policy.id} ${path}: an excepted principal is not known (${hidden.reason})`;
        continue;
      }
      const who = lock.exceptions.length ? `every principal except the data pipeline's roles (${lock.exceptions.map((e) => (e as RoleIdentity).text).join(', ')})` : 'every principal';
      return pass(input.path, `the bucket policy ${policy.id} (${path}) denies s3:PutObject on ${uri} to ${who}`);
    }
  }
  if (undecided) return unknown(input.path, `cannot tell whether the bucket policy of ${bucket} restricts writes to ${uri} (${undecided})`);
  const writers = visibleWriters(target, pipeline.roles, inventory);
  const evidence = writers.length ? `; in this code ${writers.slice(0, 3).join(', ')}${writers.length > 3 ? ` and ${writers.length - 3} more` : ''} can write it` : '';
  return fail(
    input.path,
    `no bucket-policy Deny keeps principals other than the data pipeline (${names}) from writing ${uri}: ` +
      `any principal granted s3:PutObject anywhere in the account can poison ${channel}${evidence}`,
  );
}

interface Target {
  bucket: string;
  bucketKeys: Set<string>;
  /** `arn:aws:s3:::bucket/prefix`: every object the input reads has an ARN starting with this. */
  objects: string;
}

function bucketPolicies(bucket: Resource, name: string, inventory: Inventory): Resource[] {
  const byRef = inventory.referrers(bucket, 'Bucket', 'AWS::S3::BucketPolicy');
  const byName = inventory.ofType('AWS::S3::BucketPolicy').filter((p) => asString(p.properties['Bucket']) === name);
  return [...new Set([...byRef, ...byName])];
}

/** Negated operators that, in a Deny, except the principals they name. */
const EXCEPTING_OPERATORS: readonly string[] = ['StringNotEquals', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike'];

/**
 * Whether a bucket-policy statement denies s3:PutObject on every object under the input's prefix
 * to every principal, except at most the principals named in aws:PrincipalArn. Any other
 * condition key narrows the Deny (requests through a VPC endpoint, say, would escape it).
 */
function writeLockdown(st: ValueObject, target: Target, inventory: Inventory): { result: Tri; why?: string; exceptions: (RoleIdentity | Unknown)[] } {
  const none = { exceptions: [] };
  const effect = effectOf(st);
  if (effect !== 'Deny') return effect === 'unknown' ? { result: 'unknown', why: 'Effect is not known', ...none } : { result: 'no', ...none };
  const p = st['Principal'];
  if (p instanceof Unknown) return { result: 'unknown', why: 'Principal is not known', ...none };
  const everyone = p === '*' || (isObject(p) && listOf(p['AWS']).some((x) => x === '*'));
  if (!everyone) return { result: 'no', ...none };
  const action = statementCovers(st, 's3:PutObject');
  if (action !== 'yes') return { result: action, why: 'Action is not known', ...none };
  const resource = resourcesMatch(st['Resource'], target, coversAllWithPrefix);
  if (resource !== 'yes') return { result: resource, why: 'Resource is not known', ...none };

  const condition = st['Condition'];
  if (condition === undefined) return { result: 'yes', exceptions: [] };
  if (condition instanceof Unknown) return { result: 'unknown', why: 'Condition is not known', ...none };
  if (!isObject(condition)) return { result: 'no', ...none };
  const exceptions: (RoleIdentity | Unknown)[] = [];
  for (const [op, block] of Object.entries(condition)) {
    if (!EXCEPTING_OPERATORS.includes(op.replace(/IfExists$/, ''))) return { result: 'no', ...none };
    if (block instanceof Unknown) return { result: 'unknown', why: `Condition ${op} is not known`, ...none };
    if (!isObject(block)) return { result: 'no', ...none };
    for (const [key, values] of Object.entries(block)) {
      if (key.toLowerCase() !== 'aws:principalarn') return { result: 'no', ...none };
      for (const v of listOf(values)) exceptions.push(roleIdentity(v, inventory));
    }
  }
  return { result: 'yes', exceptions };
}

type PatternTest = (pattern: string, prefix: string) => boolean;

/** Whether any of the statement's resources passes `test` against the input's object prefix. */
function resourcesMatch(resources: Value | undefined, target: Target, test: PatternTest): Tri {
  let sawUnknown = false;
  for (const r of listOf(resources)) {
    const pattern = patternOf(r, target);
    if (pattern instanceof Unknown) sawUnknown = true;
    else if (pattern !== undefined && test(pattern, target.objects)) return 'yes';
  }
  return sawUnknown ? 'unknown' : 'no';
}

/** A Resource value as IAM pattern text; references to the input's bucket become its ARN or name. */
function patternOf(v: Value, target: Target): string | Unknown | undefined {
  if (v instanceof Unknown) return v;
  const refText = (ref: Ref): string | undefined => {
    if (ref.text !== undefined) return ref.text;
    if (!target.bucketKeys.has(ref.target)) return undefined;
    return ref.attribute?.toLowerCase() === 'arn' ? `arn:aws:s3:::${target.bucket}` : target.bucket;
  };
  let text: string | undefined;
  if (typeof v === 'string') text = v;
  else if (v instanceof Ref) text = refText(v);
  else if (v instanceof Expr) {
    const parts = v.parts.map((x) => (typeof x === 'string' ? x : refText(x)));
    text = parts.every((x) => x !== undefined) ? parts.join('') : undefined;
  }
  return text?.replace(/^arn:aws[a-z-]*:s3:::/, 'arn:aws:s3:::');
}

// ---------------------------------------------------------------- wildcard patterns over prefixes

/** Pattern positions reachable after reading `text` (IAM wildcards: `*` any run, `?` one character). */
function statesAfter(pattern: string, text: string): Set<number> {
  const close = (states: Set<number>): Set<number> => {
    for (const s of [...states]) for (let p = s; pattern[p] === '*'; p++) states.add(p + 1);
    return states;
  };
  let states = close(new Set([0]));
  for (const c of text) {
    const next = new Set<number>();
    for (const s of states) {
      const want = pattern[s];
      if (want === '*') next.add(s);
      else if (want === '?' || want === c) next.add(s + 1);
    }
    states = close(next);
    if (states.size === 0) break;
  }
  return states;
}

/** Whether the pattern matches every string that starts with `prefix` (every object under it). */
export function coversAllWithPrefix(pattern: string, prefix: string): boolean {
  return [...statesAfter(pattern, prefix)].some((s) => s < pattern.length && /^\*+$/.test(pattern.slice(s)));
}

/** Whether the pattern matches some string that starts with `prefix` (some object under it). */
export function overlapsPrefix(pattern: string, prefix: string): boolean {
  return statesAfter(pattern, prefix).size > 0;
}

// ---------------------------------------------------------------- evidence: who can write, in this code

/** AWS-managed policies that grant s3:PutObject, and on which resources. */
const MANAGED_WRITERS: Readonly<Record<string, readonly string[]>> = {
  AdministratorAccess: ['*'],
  PowerUserAccess: ['*'],
  AmazonS3FullAccess: ['*'],
  AmazonSageMakerFullAccess: ['arn:aws:s3:::*SageMaker*', 'arn:aws:s3:::*Sagemaker*', 'arn:aws:s3:::*sagemaker*'],
};

const PRINCIPAL_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];
const POLICY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'];
const ATTACHMENT_PROPERTIES = ['Roles', 'Users', 'Groups'];

/** Principals defined in the scanned code that may write under the prefix, other than the pipeline's roles. */
function visibleWriters(target: Target, pipeline: readonly RoleIdentity[], inventory: Inventory): string[] {
  const out = new Set<string>();
  const add = (holder: Resource, via: string) => {
    if (holder.type === 'AWS::IAM::Role') {
      const id = roleIdentity(new Ref(holder.key), inventory);
      if (!(id instanceof Unknown) && pipeline.some((p) => sameRole(p, id))) return;
    }
    out.add(`${holder.type} ${holder.id} (${via})`);
  };
  const grants = (doc: Value | undefined, base: string): string | undefined => {
    const parsed = parseDocument(doc);
    if (parsed.state !== 'parsed') return undefined;
    const sts = statements(parsed.document, base);
    if (!Array.isArray(sts)) return undefined;
    return sts.find(({ statement }) => effectOf(statement) === 'Allow' && statementCovers(statement, 's3:PutObject') === 'yes' && writesUnder(statement, target))?.path;
  };

  for (const holder of inventory.ofType(...PRINCIPAL_TYPES)) {
    listOf(holder.properties['Policies']).forEach((p, i) => {
      const path = grants(isObject(p) ? p['PolicyDocument'] : undefined, joinPath(joinPath('Policies', i), 'PolicyDocument'));
      if (path) add(holder, path);
    });
    listOf(holder.properties['ManagedPolicyArns']).forEach((arn, i) => {
      const name = awsManagedPolicyName(asString(arn) ?? (arn instanceof Unknown ? (arn.shape ?? '') : ''));
      const resources = name ? MANAGED_WRITERS[name] : undefined;
      if (resources?.some((r) => overlapsPrefix(r, target.objects))) add(holder, `${joinPath('ManagedPolicyArns', i)}: ${name}`);
    });
  }
  for (const policy of inventory.ofType(...POLICY_TYPES)) {
    const path = grants(policy.properties['PolicyDocument'], 'PolicyDocument');
    if (!path) continue;
    const holders = new Set<Resource>();
    for (const prop of ATTACHMENT_PROPERTIES) for (const k of referencedKeys(policy.properties[prop])) holders.add(inventory.get(k)!);
    for (const r of inventory.referrers(policy, 'ManagedPolicyArns')) holders.add(r);
    for (const h of holders) if (h && PRINCIPAL_TYPES.includes(h.type)) add(h, `${policy.id} ${path}`);
  }
  return [...out];
}

function writesUnder(st: ValueObject, target: Target): boolean {
  if (st['NotResource'] !== undefined) return true;
  return resourcesMatch(st['Resource'], target, overlapsPrefix) === 'yes';
}
