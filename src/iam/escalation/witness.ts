import { compileArnMatcher, splitArn } from '../arn.js';

/**
 * Witness ARNs: concrete resources on which to ask the evaluator whether an action is allowed.
 * For a resource the attacker creates, the attacker picks the name, so any ARN the policies
 * allow will do: the candidates are a default name and every `Resource` pattern of the
 * principal's Allow statements made concrete (wildcards filled in) that fits the resource type.
 * The evaluator, not this module, decides which candidate is allowed.
 */

export const PROBE_NAME = 'ringfence-probe';

export interface WitnessScope {
  partition: string;
  region: string;
  account: string;
  /** Values for template placeholders (`DomainId`), and for policy variables (`aws:username`). */
  params?: Readonly<Record<string, string>>;
  variables?: Readonly<Record<string, string>>;
}

/** `arn:${Partition}:sagemaker:${Region}:${Account}:notebook-instance/${NotebookInstanceName}` made concrete. */
export function fillTemplate(template: string, scope: WitnessScope): string {
  return template.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    if (name === 'Partition') return scope.partition;
    if (name === 'Region') return scope.region;
    if (name === 'Account') return scope.account;
    const given = scope.params?.[name];
    if (given !== undefined) return given;
    return /Number$|Version$/.test(name) ? '1' : PROBE_NAME;
  });
}

/** The template with every placeholder as `*`: a matcher for ARNs of the type. */
export function templateMatcher(template: string, scope?: Partial<WitnessScope>): (arn: string) => boolean {
  const pattern = template.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    if (name === 'Partition' && scope?.partition) return scope.partition;
    if (name === 'Account' && scope?.account) return scope.account;
    const given = scope?.params?.[name];
    return given ?? '*';
  });
  const m = compileArnMatcher(pattern);
  return (arn) => m(arn, splitArn(arn));
}

/**
 * A `Resource` pattern made concrete: each wildcard of the partition, region and account parts
 * becomes the scope's value, the rest of each wildcard the probe name, so the result is one
 * ARN the pattern matches. Policy variables take their value from the scope when known. Undefined
 * for patterns that are not ARNs, or whose variables are unknown.
 */
export function fillPattern(pattern: string, scope: WitnessScope): string | undefined {
  let text = pattern;
  if (text.includes('${')) {
    let unknownVariable = false;
    text = text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
      if (name === '*' || name === '?' || name === '$') return name;
      const v = scope.variables?.[name.toLowerCase()];
      if (v === undefined) unknownVariable = true;
      return v ?? '';
    });
    if (unknownVariable) return undefined;
  }
  if (!text.startsWith('arn:')) return undefined;
  const parts = splitArn(text);
  if (parts.length < 6) {
    // A shortened pattern (`arn:aws:s3:*`): its last part stands for the rest.
    while (parts.length < 6) parts.push('*');
  }
  const fill = (part: string, whole: string, filler: string) => (part === '*' ? whole : part.replace(/\*/g, filler).replace(/\?/g, 'x'));
  return [
    'arn',
    fill(parts[1]!, scope.partition, 'aws'),
    fill(parts[2]!, '*', 'x'),
    fill(parts[3]!, scope.region, 'x'),
    fill(parts[4]!, scope.account, '0'),
    fill(parts[5]!, PROBE_NAME, PROBE_NAME),
  ].join(':');
}

/**
 * Candidate ARNs for a resource of `template` the attacker names: the default name first, then
 * each pattern made concrete that fits the type (and the scope's account: a new resource lives in
 * the caller's account). Deduplicated, in that order.
 */
export function newResourceCandidates(template: string, patterns: readonly string[], scope: WitnessScope): string[] {
  const fits = templateMatcher(template, { partition: scope.partition, account: scope.account, params: scope.params });
  const out = [fillTemplate(template, scope)];
  for (const p of patterns) {
    const arn = fillPattern(p, scope);
    if (arn && fits(arn) && !out.includes(arn)) out.push(arn);
  }
  return out;
}
