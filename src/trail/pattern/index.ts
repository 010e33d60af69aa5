// The CloudWatch Logs filter-pattern language: parse to a syntax tree, evaluate, lint, test.
export type * from './ast.js';
export { FilterPatternError } from './errors.js';
export { parseFilterPattern } from './parse.js';
export { compileFilterPattern, type CompiledFilterPattern } from './compile.js';
export { compileMatcher, compileSelector, jsonOf, messageOf, type LogEventInput, type Matcher, type PatternMatch } from './evaluate.js';
export { splitFields } from './delimited-fields.js';
export { parseMetricValue, metricValueOf, type MetricValueSpec } from './metric-value.js';
export { testPattern, type MetricFilterMatchRecord, type TestPatternOptions, type TestPatternResult } from './test-pattern.js';
export { lintPattern, type PatternWarning } from './lint.js';
export { printPattern, printJsonExpr, printLiteral, type PrintOptions } from './print.js';
export { MAX_PATTERN_LENGTH, MAX_REGEX_PER_PATTERN, TEST_METRIC_FILTER_MAX_EVENTS } from './limits.js';
