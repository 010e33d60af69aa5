// The IAM policy language as data: what `parsePolicy` returns after validation. Values keep the
// text as written (actions keep their case, ARNs their wildcards, variables their `${...}`);
// single values and one-element arrays are both arrays here, so consumers have one shape.

export type Effect = 'Allow' | 'Deny';

/** Where a policy sits decides which elements it may use and how it is evaluated. */
export type PolicyKind = 'identity' | 'resource' | 'boundary' | 'session' | 'scp' | 'rcp' | 'endpoint';

/** Policy kinds that name principals (a `Principal` or `NotPrincipal` is required in them). */
export const PRINCIPAL_KINDS: ReadonlySet<PolicyKind> = new Set(['resource', 'rcp', 'endpoint']);

/** The `Principal` element: `"*"`, or principals by type. Account ids stay as written. */
export interface PrincipalElement {
  wildcard: boolean;
  AWS: string[];
  Service: string[];
  Federated: string[];
  CanonicalUser: string[];
}

export const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** One key of one operator in a `Condition` block: `"StringEquals": {"aws:SourceVpce": [...]}`. */
export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** The canonical base operator (`StringLike`), its set qualifier and IfExists flag. */
  base: string;
  set?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
  /** The context key as written. */
  key: string;
  /** The values as text (numbers and booleans written unquoted become their text). */
  values: string[];
  /** JSON path of the key inside the policy, for messages. */
  path: string;
}

export interface Statement {
  /** Position in the policy's statement list (0-based). */
  index: number;
  sid?: string;
  effect: Effect;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalElement;
  notPrincipal?: PrincipalElement;
  conditions: ConditionClause[];
}

export interface Policy {
  /** Our name for it: a policy name, a file name, `identityPolicies[0]`. */
  id: string;
  kind: PolicyKind;
  /** `2012-10-17`, `2008-10-17`, or undefined when absent (variables are then literal text). */
  version?: string;
  /** The optional `Id` element. */
  policyId?: string;
  statements: Statement[];
}
