/**
 * The lint checks, as data: what each finds, how serious it is, and the IAM Access Analyzer
 * policy validation check it corresponds to where there is one ("Access Analyzer policy check
 * reference", IAM User Guide), so that findings can be compared with `aws accessanalyzer
 * validate-policy`. Severities follow Access Analyzer's finding types.
 */

export type LintSeverity = 'error' | 'security' | 'warning' | 'suggestion';
export const LINT_SEVERITIES: readonly LintSeverity[] = ['suggestion', 'warning', 'security', 'error'];

export function lintSeverityRank(s: LintSeverity): number {
  return LINT_SEVERITIES.indexOf(s);
}

export interface LintCheck {
  id: string;
  severity: LintSeverity;
  /** The Access Analyzer check of the same intent, by its name in the reference. */
  accessAnalyzer?: string;
  summary: string;
}

const check = (id: string, severity: LintSeverity, summary: string, accessAnalyzer?: string): LintCheck => ({ id, severity, summary, ...(accessAnalyzer ? { accessAnalyzer } : {}) });

export const LINT_CHECKS = {
  invalidPolicy: check('invalid-policy', 'error', 'IAM rejects the policy: malformed JSON, an unknown element, a missing Effect, an unknown condition operator', 'Json syntax error / Invalid policy element'),
  unknownService: check('unknown-service', 'error', 'an action names a service prefix that does not exist', 'Invalid service'),
  unknownAction: check('unknown-action', 'error', 'an action (or an action pattern) names no action of its service', 'Invalid action'),
  actionResourceMismatch: check('action-resource-mismatch', 'warning', 'an action acts on none of the resources the statement names, so the statement grants nothing for it'),
  invalidArnPrefix: check('invalid-arn-prefix', 'error', 'a resource is neither "*" nor an ARN', 'Invalid ARN prefix'),
  missingArnField: check('missing-arn-field', 'error', 'an ARN has fewer than six colon-separated fields', 'Missing ARN field'),
  invalidPartition: check('invalid-partition', 'error', 'an ARN names a partition that does not exist', 'Invalid partition'),
  invalidArnService: check('invalid-arn-service', 'error', 'an ARN names a service that does not exist', 'Invalid service'),
  invalidArnResource: check('invalid-arn-resource', 'error', "an ARN fits none of its service's resource types", 'Invalid ARN resource'),
  resourceStarDataAction: check('resource-star-data-action', 'warning', 'an Allow grants reading or writing data (objects, keys, secrets, tables) on Resource "*"'),
  passRoleStarResource: check('passrole-star-resource', 'security', 'iam:PassRole is allowed on Resource "*"', 'Pass role with star in resource'),
  passRoleNotResource: check('passrole-not-resource', 'security', 'iam:PassRole is allowed through NotResource', 'Pass role with NotResource'),
  passRoleStarActionNotResource: check('passrole-star-action-not-resource', 'security', 'Action "*" with NotResource allows iam:PassRole on almost every role', 'Pass role with star in action and NotResource'),
  passRoleNotActionStarResource: check('passrole-not-action-star-resource', 'security', 'NotAction with Resource "*" allows iam:PassRole on every role', 'Pass role with star in resource and NotAction'),
  passRoleNotActionNotResource: check('passrole-not-action-not-resource', 'security', 'NotAction with NotResource allows iam:PassRole on almost every role', 'Pass role with NotAction and NotResource'),
  passRoleAnyRole: check('passrole-any-role', 'security', 'iam:PassRole is allowed on every role of an account (arn:aws:iam::*:role/*)'),
  passRoleAnyService: check('passrole-without-passed-to-service', 'warning', 'iam:PassRole without an iam:PassedToService condition lets the role be handed to any service'),
  allowNotAction: check('allow-not-action', 'warning', 'Allow with NotAction grants every action not listed, including those AWS adds later'),
  allowNotResource: check('allow-not-resource', 'warning', 'Allow with NotResource grants the actions on every resource not listed'),
  allowNotPrincipal: check('allow-not-principal', 'security', 'Allow with NotPrincipal grants everyone not listed, anonymous callers included', 'Allow with NotPrincipal'),
  wildcardPrincipal: check('wildcard-principal-without-condition', 'security', 'a resource policy allows Principal "*" without any condition: anyone, in any account, unauthenticated'),
  confusedDeputy: check('trust-without-confused-deputy-condition', 'warning', 'a service principal is allowed without aws:SourceAccount or aws:SourceArn (or aws:SourceOrgID/aws:SourceOrgPaths), so the service can be made to act for another account'),
  forAllValuesSingleValued: check('forallvalues-single-valued-key', 'security', 'ForAllValues on a single-valued key is also true when the key is absent', 'ForAllValues with single valued key'),
  redundantStatement: check('redundant-statement', 'suggestion', 'a statement grants nothing another statement does not already grant (or a Deny takes away)', 'Redundant statement'),
  redundantAction: check('redundant-action', 'suggestion', 'an action is listed twice, or is covered by a wildcard in the same list', 'Redundant action'),
  redundantResource: check('redundant-resource', 'suggestion', 'a resource is listed twice, or is covered by a wildcard in the same list', 'Redundant resource'),
} as const satisfies Record<string, LintCheck>;

export type LintCheckName = keyof typeof LINT_CHECKS;
