export * from './types.js';
export { PolicyError, childPath, pathSteps } from './errors.js';
export { parsePolicy, parsePolicyText, POLICY_VERSIONS, type ParseOptions } from './parse.js';
export { parseJsonText, locateJsonPath, lineColumn, JSON_TEXT_LIMITS, type JsonTextLimits } from './json-text.js';
export { OPERATORS, parseOperator, operatorSpec, operatorName, type OperatorSpec, type OperatorFamily, type ParsedOperator } from './operators.js';
