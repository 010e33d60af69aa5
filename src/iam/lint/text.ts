import { PolicyError, pathSteps } from '../policy/errors.js';
import { locateJsonPath, parseJsonText } from '../policy/json-text.js';
import { LINT_CHECKS } from './checks.js';
import { lintDocument, type LintFinding, type LintOptions } from './lint.js';

/** A lint finding placed in the policy file: line and column of the element its JSON path names. */
export interface LocatedLintFinding extends LintFinding {
  line?: number;
  column?: number;
}

export interface TextLintResult {
  source: string;
  findings: LocatedLintFinding[];
}

/** Lints a policy file's text; malformed JSON is itself a finding, with its line and column. */
export function lintPolicyText(text: string, source: string, options: LintOptions = {}): TextLintResult {
  let doc: unknown;
  try {
    doc = parseJsonText(text, source);
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    const c = LINT_CHECKS.invalidPolicy;
    return { source, findings: [{ check: c.id, severity: c.severity, accessAnalyzer: c.accessAnalyzer, message: e.message, path: e.path, ...(e.line !== undefined ? { line: e.line, column: e.column ?? 1 } : {}) }] };
  }
  const findings = lintDocument(doc, options).map((f): LocatedLintFinding => {
    const at = locateJsonPath(text, pathSteps(f.path));
    return at ? { ...f, line: at.line, column: at.column } : f;
  });
  // In reading order, as an editor shows them.
  findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { source, findings };
}
