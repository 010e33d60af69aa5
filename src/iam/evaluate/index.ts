export { evaluate, type EvaluateOptions } from './evaluate.js';
export { compilePolicySet, type PolicySet, type CompiledPolicySet, type OrgPolicies, type PolicyInput } from './policy-set.js';
export { refText } from './explain.js';
export { compilePolicy, type CompiledPolicy, type CompiledStatement } from './compile.js';
export { prepareRequest, parsePrincipal, RequestError, type AccessRequest, type PreparedRequest, type RequestPrincipal, type PrincipalKind, type ContextValue, type PrepareOptions } from './request.js';
export { formulaText, formulaJson, type ConditionExpression, type Formula } from './formula.js';
export type { EvaluationResult, Decision, PolicyType, StatementRef } from './types.js';
