import type { ConditionExpression } from './formula.js';

/** The policy types of AWS's evaluation logic, named as in the decision's `blockedBy`. */
export type PolicyType = 'scp' | 'rcp' | 'identity' | 'resource' | 'boundary' | 'session' | 'endpoint';

export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

/** Which statement of which policy. */
export interface StatementRef {
  policyType: PolicyType;
  policyId: string;
  /** For SCPs and RCPs: the root, OU or account the policy is attached to. */
  orgIdentifier?: string;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
}

export interface EvaluationResult {
  decision: Decision;
  /**
   * The statements that decided: for an explicit deny, the denying statements; for an allow,
   * the allowing statements of each policy type that had to allow; for an implicit deny, none.
   */
  decidingStatements: StatementRef[];
  /** For a denial: the policy type that denied, or the first one that failed to allow. */
  blockedBy?: PolicyType;
  /** Every policy type whose requirement failed, in evaluation order. */
  blockedByAll?: PolicyType[];
  /** Principal and resource in different accounts: both sides had to allow. */
  crossAccount: boolean;
  /** How the resource policy granted access, when it did: to the caller itself, to everyone, to its role, or to its account. */
  resourceGrant?: 'principal' | 'wildcard' | 'role' | 'account';
  /** The resource account was not given and not in the ARN: it was taken to be the caller's. */
  resourceAccountAssumed?: boolean;
  /**
   * Discovery mode: access depends on context keys marked unknown. `decision` is Allowed and
   * this says when (`conditionsText`: "aws:SourceVpce StringEquals vpce-0abc").
   */
  conditions?: ConditionExpression;
  conditionsText?: string;
  /** With the `explain` option: one line per policy type for people, what it contributed. */
  explanation?: string[];
}
