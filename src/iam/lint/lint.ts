import { splitArn } from '../arn.js';
import { syncCatalog, type SyncAction, type SyncCatalog } from '../inventory/sync-catalog.js';
import { childPath } from '../policy/errors.js';
import { PolicyError } from '../policy/errors.js';
import { parseOperator } from '../policy/operators.js';
import { parsePolicy } from '../policy/parse.js';
import type { Policy, PolicyKind, Statement } from '../policy/types.js';
import { LINT_CHECKS, type LintCheck, type LintSeverity } from './checks.js';
import { globCovers, globsIntersect } from './glob-sets.js';

/**
 * Lint of one IAM policy document: what IAM would reject, what does not do what it seems to, and
 * what grants more than it should (see checks.ts). It works on the parsed JSON, so that every
 * finding carries the JSON path of the element (`Statement[1].Resource[0]`), which the callers
 * turn into a line and column (a policy file) or a property path (a policy inside a template).
 */

export type LintPolicyType = 'identity' | 'resource' | 'trust' | 'scp';
export const LINT_POLICY_TYPES: readonly LintPolicyType[] = ['identity', 'resource', 'trust', 'scp'];

export interface LintFinding {
  check: string;
  severity: LintSeverity;
  accessAnalyzer?: string;
  message: string;
  /** JSON path of the element within the document: `Statement[1].Action[0]`. */
  path: string;
}

export interface LintOptions {
  type?: LintPolicyType;
  catalog?: SyncCatalog;
  /** Values containing this text were not known (a template parameter): checks skip them. */
  unknownMarker?: string;
}

/** Stands in for a value of a template that is not known before deployment. */
export const UNKNOWN_MARKER = 'ringfence-unknown';
/** Above this many statements, statements are not compared pairwise (redundancy), to stay linear. */
const MAX_PAIRWISE = 1000;

const KIND: Record<LintPolicyType, PolicyKind> = { identity: 'identity', resource: 'resource', trust: 'resource', scp: 'scp' };
const PARTITION_RE = /^(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc)$/;
/** Condition keys that tie a service principal to the account or resource it acts for (confused-deputy prevention). */
const SOURCE_KEYS = new Set(['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths']);
/**
 * Actions that read or write data rather than configuration (objects, plaintext of keys, secret
 * values, table items, parameters): on Resource "*" they reach every dataset of the account.
 */
const DATA_ACTIONS: readonly string[] = [
  's3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:RestoreObject', 's3:ReplicateObject',
  'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo',
  'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue',
  'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem',
  'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:PutParameter',
];

export function lintDocument(doc: unknown, options: LintOptions = {}): LintFinding[] {
  const type = options.type ?? 'identity';
  let policy: Policy;
  try {
    policy = parsePolicy(doc, { kind: KIND[type] });
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    return [finding(LINT_CHECKS.invalidPolicy, e.message, e.path)];
  }
  return lintPolicy(policy, doc, { ...options, type });
}

/** The checks over a parsed policy; `raw` is the JSON it was parsed from (for the paths). */
export function lintPolicy(policy: Policy, raw: unknown, options: LintOptions = {}): LintFinding[] {
  const ctx: Context = {
    type: options.type ?? 'identity',
    catalog: options.catalog ?? syncCatalog(),
    marker: options.unknownMarker ?? UNKNOWN_MARKER,
    paths: pathsOf(raw),
    out: [],
  };
  for (const s of policy.statements) lintStatement(s, ctx);
  if (policy.statements.length <= MAX_PAIRWISE) redundantStatements(policy.statements, ctx);
  return ctx.out;
}

interface Context {
  type: LintPolicyType;
  catalog: SyncCatalog;
  marker: string;
  paths: Paths;
  out: LintFinding[];
}

function finding(check: LintCheck, message: string, path: string): LintFinding {
  return { check: check.id, severity: check.severity, ...(check.accessAnalyzer ? { accessAnalyzer: check.accessAnalyzer } : {}), message, path };
}

function lintStatement(s: Statement, ctx: Context): void {
  const report = (check: LintCheck, message: string, path: string) => ctx.out.push(finding(check, message, path));
  const at = (element: string, j?: number) => ctx.paths.element(s.index, element, j);
  const known = (v: string) => !v.includes(ctx.marker);
  const actionKey = s.action ? 'Action' : 'NotAction';
  const actions = s.action ?? s.notAction ?? [];
  const resourceKey = s.resource ? 'Resource' : 'NotResource';
  const resources = s.resource ?? s.notResource ?? [];

  // Actions: services and actions that exist.
  const expanded = new Map<string, SyncAction[]>();
  const invalid = new Set<string>();
  actions.forEach((a, j) => {
    if (a === '*' || !known(a)) return;
    const service = a.slice(0, a.indexOf(':'));
    if (!ctx.catalog.hasService(service)) {
      invalid.add(a);
      return report(LINT_CHECKS.unknownService, `"${service}" is not a service prefix (in ${a})`, at(actionKey, j));
    }
    const list = ctx.catalog.expand(a);
    if (list.length === 0) {
      invalid.add(a);
      return report(LINT_CHECKS.unknownAction, `${a} names no action of ${service}`, at(actionKey, j));
    }
    expanded.set(a, list);
  });
  redundantEntries(actions, true, LINT_CHECKS.redundantAction, (j) => at(actionKey, j), ctx, invalid);

  // Resources: well-formed ARNs that fit a resource type of their service.
  resources.forEach((r, j) => {
    if (r === '*' || !known(r)) return;
    const problem = arnProblem(r, ctx.catalog);
    if (problem) report(problem.check, problem.message, at(resourceKey, j));
  });
  redundantEntries(resources, false, LINT_CHECKS.redundantResource, (j) => at(resourceKey, j), ctx);

  if (s.effect === 'Allow') lintAllow(s, ctx, expanded, report, at, known);

  // Conditions: ForAllValues on keys that carry one value.
  for (const c of s.conditions) {
    if (c.set !== 'ForAllValues') continue;
    const type = ctx.catalog.conditionKeyType(c.key);
    if (type && !type.startsWith('ArrayOf')) {
      report(LINT_CHECKS.forAllValuesSingleValued, `${c.operator} on ${c.key}, which has one value (${type}): it is also true when the key is absent; use ${c.operator.slice('ForAllValues:'.length)}`, c.path);
    }
  }
}

function lintAllow(
  s: Statement,
  ctx: Context,
  expanded: Map<string, SyncAction[]>,
  report: (check: LintCheck, message: string, path: string) => void,
  at: (element: string, j?: number) => string,
  known: (v: string) => boolean,
): void {
  const resources = s.resource ?? [];
  const starResource = resources.includes('*');
  if (s.notAction) report(LINT_CHECKS.allowNotAction, `Allow with NotAction grants every action except ${s.notAction.join(', ')}`, at('NotAction'));
  if (s.notResource) report(LINT_CHECKS.allowNotResource, `Allow with NotResource grants its actions on every resource except ${s.notResource.join(', ')}`, at('NotResource'));
  if (s.notPrincipal) report(LINT_CHECKS.allowNotPrincipal, 'Allow with NotPrincipal grants everyone who is not listed, anonymous callers included', at('NotPrincipal'));

  // Actions that act on none of the resources named.
  if (s.resource && !starResource && resources.every(known)) {
    for (const [a, list] of expanded) {
      const dead = list.filter((x) => !appliesToAny(x, resources, ctx.catalog));
      const j = s.action?.indexOf(a);
      if (!s.action || dead.length === 0) continue;
      if (!/[*?]/.test(a)) report(LINT_CHECKS.actionResourceMismatch, mismatchMessage(dead[0]!, ctx.catalog), at('Action', j));
      else if (dead.length === list.length) report(LINT_CHECKS.actionResourceMismatch, `none of the ${list.length} actions ${a} names acts on the resources of this statement`, at('Action', j));
    }
  }

  // Data actions on every resource (identity policies: in a resource policy "*" means the resource itself).
  if (starResource && s.action && (ctx.type === 'identity' || ctx.type === 'scp')) {
    const data = DATA_ACTIONS.filter((d) => s.action!.some((a) => globCovers(a, d, true)));
    if (data.length) {
      const shown = `${data.slice(0, 3).join(', ')}${data.length > 3 ? ` and ${data.length - 3} more` : ''}`;
      report(LINT_CHECKS.resourceStarDataAction, `${shown} on Resource "*": reads or writes the data of every bucket, key, secret or table the account has`, at('Resource', resources.indexOf('*')));
    }
  }

  // iam:PassRole.
  const passRole = s.action ? s.action.some((a) => globCovers(a, 'iam:PassRole', true)) : !s.notAction!.some((a) => globCovers(a, 'iam:PassRole', true));
  if (passRole) {
    const starAction = Boolean(s.action?.includes('*'));
    if (s.action && starResource) report(LINT_CHECKS.passRoleStarResource, 'iam:PassRole on Resource "*": the holder can hand any role to a service', at('Resource', resources.indexOf('*')));
    else if (s.action && s.notResource) report(starAction ? LINT_CHECKS.passRoleStarActionNotResource : LINT_CHECKS.passRoleNotResource, 'iam:PassRole through NotResource: every role not listed can be passed', at('NotResource'));
    else if (s.notAction && starResource) report(LINT_CHECKS.passRoleNotActionStarResource, 'NotAction with Resource "*" allows iam:PassRole on every role', at('Resource', resources.indexOf('*')));
    else if (s.notAction && s.notResource) report(LINT_CHECKS.passRoleNotActionNotResource, 'NotAction with NotResource allows iam:PassRole on every role not listed', at('NotResource'));
    else {
      const j = resources.findIndex(anyRole);
      if (j >= 0) report(LINT_CHECKS.passRoleAnyRole, `iam:PassRole on ${resources[j]}: every role of the account can be passed`, at('Resource', j));
    }
    const restricted = s.conditions.some((c) => c.key.toLowerCase() === 'iam:passedtoservice' && !c.ifExists && ['StringEquals', 'StringLike', 'StringEqualsIgnoreCase'].includes(c.base));
    if (!restricted) report(LINT_CHECKS.passRoleAnyService, 'iam:PassRole without a Condition on iam:PassedToService: the role can be passed to any service', at(s.action ? 'Action' : 'NotAction'));
  }

  // Resource and trust policies: who is allowed.
  if (ctx.type === 'resource' || ctx.type === 'trust') {
    if (s.principal?.wildcard && s.conditions.length === 0) report(LINT_CHECKS.wildcardPrincipal, 'Principal "*" without a Condition: anyone, in any account, can make these requests', at('Principal'));
    const services = s.principal?.Service.filter(known) ?? [];
    if (services.length && !s.conditions.some((c) => SOURCE_KEYS.has(c.key.toLowerCase()) || !known(c.key))) {
      report(LINT_CHECKS.confusedDeputy, `${services.join(', ')} is allowed without aws:SourceAccount or aws:SourceArn: the service can be made to use this permission on behalf of another account`, at('Principal'));
    }
  }
}

function anyRole(r: string): boolean {
  const parts = splitArn(r);
  return parts.length === 6 && (parts[2] === 'iam' || parts[2] === '*') && /^(\*+|role\/\*+)$/.test(parts[5]!);
}

/** `${aws:username}` and other variables match any text. */
const devariable = (p: string): string => p.replace(/\$\{[^}]*\}/g, '*');

/** Whether two ARN patterns can name a common ARN, field by field as IAM matches them. */
function arnsIntersect(a: string, b: string): boolean {
  const x = splitArn(devariable(a));
  const y = splitArn(devariable(b));
  if (x.length !== 6 || y.length !== 6) return globsIntersect(devariable(a), devariable(b));
  return x.every((part, i) => globsIntersect(part, y[i]!));
}

function appliesToAny(a: SyncAction, resources: readonly string[], catalog: SyncCatalog): boolean {
  if (a.resourceTypes.length === 0) return false;
  const types = catalog.resourceTypes(a.service);
  return a.resourceTypes.some((rt) => {
    const type = types.find((t) => t.name.toLowerCase() === rt.name.toLowerCase());
    // A resource type the catalog does not describe cannot be judged: give it the benefit of the doubt.
    return !type || resources.some((r) => arnsIntersect(r, type.arnPattern));
  });
}

function mismatchMessage(a: SyncAction, catalog: SyncCatalog): string {
  const id = `${a.service}:${a.name}`;
  if (a.resourceTypes.length === 0) return `${id} does not support resource-level permissions: it is granted only with Resource "*"`;
  const types = catalog.resourceTypes(a.service);
  const shapes = a.resourceTypes.map((rt) => `${rt.name} (${types.find((t) => t.name.toLowerCase() === rt.name.toLowerCase())?.arnPattern ?? '?'})`);
  return `${id} acts on ${shapes.join(' or ')}, none of which this statement names: the statement grants nothing for it`;
}

function arnProblem(r: string, catalog: SyncCatalog): { check: LintCheck; message: string } | undefined {
  if (!r.startsWith('arn:')) {
    if (r.startsWith('${')) return undefined;
    return { check: LINT_CHECKS.invalidArnPrefix, message: `"${r}" is neither "*" nor an ARN (arn:partition:service:region:account:resource)` };
  }
  const parts = splitArn(r);
  if (parts.length < 6) return { check: LINT_CHECKS.missingArnField, message: `"${r}" has ${parts.length} of the 6 fields of an ARN (arn:partition:service:region:account:resource)` };
  const [, partition, service] = parts as [string, string, string];
  const wild = (t: string) => /[*?]|\$\{/.test(t);
  if (!wild(partition) && !PARTITION_RE.test(partition)) return { check: LINT_CHECKS.invalidPartition, message: `"${partition}" is not a partition (aws, aws-cn, aws-us-gov, …) in ${r}` };
  if (wild(service)) return undefined;
  if (!catalog.hasService(service)) return { check: LINT_CHECKS.invalidArnService, message: `"${service}" is not a service in ${r}` };
  const types = catalog.resourceTypes(service);
  if (types.length && !types.some((t) => arnsIntersect(r, t.arnPattern))) {
    return { check: LINT_CHECKS.invalidArnResource, message: `${r} fits none of the resource types of ${service} (${types.slice(0, 4).map((t) => t.name).join(', ')}${types.length > 4 ? ', …' : ''})` };
  }
  return undefined;
}

/** Entries of one list that repeat, or that another entry's wildcard covers. */
function redundantEntries(list: readonly string[], ignoreCase: boolean, check: LintCheck, at: (j: number) => string, ctx: Context, invalid: ReadonlySet<string> = new Set()): void {
  if (list.length < 2 || list.length > MAX_PAIRWISE) return;
  list.forEach((x, j) => {
    if (x.includes(ctx.marker) || invalid.has(x)) return;
    const by = list.findIndex((y, k) => k !== j && !y.includes(ctx.marker) && globCovers(y, x, ignoreCase) && (!globCovers(x, y, ignoreCase) || k < j));
    if (by >= 0) ctx.out.push(finding(check, list[by] === x || (ignoreCase && list[by]!.toLowerCase() === x.toLowerCase()) ? `${x} is listed twice` : `${x} is covered by ${list[by]}`, at(j)));
  });
}

/** Statements that add nothing: the same as another, covered by a broader Allow, or taken away by a Deny. */
function redundantStatements(statements: readonly Statement[], ctx: Context): void {
  const plain = (s: Statement) => Boolean(s.action && s.resource) && ![...(s.action ?? []), ...(s.resource ?? [])].some((v) => v.includes(ctx.marker));
  const principalCovers = (outer: Statement, inner: Statement) =>
    !outer.principal || outer.principal.wildcard || (inner.principal !== undefined && JSON.stringify(outer.principal) === JSON.stringify(inner.principal));
  const covers = (outer: Statement, inner: Statement) =>
    inner.action!.every((a) => outer.action!.some((b) => globCovers(b, a, true))) &&
    inner.resource!.every((r) => outer.resource!.some((q) => globCovers(q, r))) &&
    principalCovers(outer, inner) &&
    !inner.notPrincipal &&
    !outer.notPrincipal;
  const key = (s: Statement) => JSON.stringify({ ...s, index: 0, sid: undefined, conditions: s.conditions.map((c) => ({ ...c, path: '' })) });
  for (const s of statements) {
    if (s.effect !== 'Allow' || !plain(s)) continue;
    const same = statements.find((o) => o.index < s.index && key(o) === key(s));
    if (same) {
      ctx.out.push(finding(LINT_CHECKS.redundantStatement, `it repeats ${ctx.paths.statement(same.index)}`, ctx.paths.statement(s.index)));
      continue;
    }
    const deny = statements.find((o) => o.effect === 'Deny' && plain(o) && o.conditions.length === 0 && covers(o, s));
    if (deny) {
      ctx.out.push(finding(LINT_CHECKS.redundantStatement, `${ctx.paths.statement(deny.index)} denies everything it allows, so it grants nothing`, ctx.paths.statement(s.index)));
      continue;
    }
    const broader = statements.find((o) => o.index !== s.index && o.effect === 'Allow' && plain(o) && o.conditions.length === 0 && covers(o, s) && (!covers(s, o) || o.index < s.index));
    if (broader) ctx.out.push(finding(LINT_CHECKS.redundantStatement, `${ctx.paths.statement(broader.index)} already allows everything it allows`, ctx.paths.statement(s.index)));
  }
}

/** JSON paths of statements and their elements, as the document writes them (one statement or a list; one value or a list). */
interface Paths {
  statement(i: number): string;
  element(i: number, element: string, j?: number): string;
}

function pathsOf(raw: unknown): Paths {
  const doc = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const list = Array.isArray(doc['Statement']);
  const statement = (i: number) => (list ? `Statement[${i}]` : 'Statement');
  const rawStatement = (i: number): Record<string, unknown> => {
    const s = list ? (doc['Statement'] as unknown[])[i] : doc['Statement'];
    return s && typeof s === 'object' ? (s as Record<string, unknown>) : {};
  };
  return {
    statement,
    element: (i, element, j) => {
      const p = childPath(statement(i), element);
      return j !== undefined && j >= 0 && Array.isArray(rawStatement(i)[element]) ? `${p}[${j}]` : p;
    },
  };
}
