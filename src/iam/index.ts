// The IAM engine: the action catalog, the policy language, and AWS's evaluation logic.
export * from './catalog/index.js';
export * from './policy/index.js';
export * from './evaluate/index.js';
export { compileGlob, matchTokens, tokenize } from './glob.js';
export { parseArn, splitArn, compileArnMatcher, type Arn } from './arn.js';
export { parseCase, parseCaseText, simulate, type SimulationCase } from './simulate/case.js';
export { readCaseFile } from './simulate/read.js';
