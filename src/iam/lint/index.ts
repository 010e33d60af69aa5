// IAM policy lint: the checks, the document and file entry points, and the wildcard-set helpers they use.
export { LINT_CHECKS, LINT_SEVERITIES, lintSeverityRank, type LintCheck, type LintCheckName, type LintSeverity } from './checks.js';
export { lintDocument, lintPolicy, LINT_POLICY_TYPES, UNKNOWN_MARKER, type LintFinding, type LintOptions, type LintPolicyType } from './lint.js';
export { lintPolicyText, type LocatedLintFinding, type TextLintResult } from './text.js';
export { lintInventoryDocument, type InventoryLintFinding } from './inventory.js';
export { globCovers, globsIntersect } from './glob-sets.js';
