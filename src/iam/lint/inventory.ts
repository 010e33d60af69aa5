import { Expr, isObject, Ref, Unknown, type Value } from '../../core/value.js';
import { documentStatements, parseDocument } from '../inventory/document-value.js';
import type { SymbolTable } from '../inventory/symbols.js';
import { lintDocument, UNKNOWN_MARKER, type LintFinding, type LintOptions } from './lint.js';

/**
 * Lint of a policy document inside a template: references become the text IAM will see (the
 * world's symbols), values not known before deployment become a marker the checks skip, and each
 * finding's JSON path becomes a property path of the resource (`Policies[0].PolicyDocument.Statement[1].Resource`).
 */

export interface InventoryLintFinding extends LintFinding {
  /** Property path of the element within the resource. */
  property: string;
}

const ACTION_MARKER = `${UNKNOWN_MARKER}:Unknown`;
const UNKNOWN_STATEMENT = { Effect: 'Deny', Action: ACTION_MARKER, Resource: UNKNOWN_MARKER };

export function lintInventoryDocument(value: Value | undefined, documentPath: string, symbols: SymbolTable, options: LintOptions = {}): InventoryLintFinding[] | { unknown: string } {
  const doc = parseDocument(value);
  if (doc.state === 'absent') return [];
  if (doc.state === 'unknown') return { unknown: doc.reason };
  const sts = documentStatements(doc.document, documentPath);
  if (!Array.isArray(sts)) return { unknown: sts.unknown };
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc.document)) if (k !== 'Statement') raw[k] = plain(v, symbols, k);
  const statements = sts.map((s) => statementJson(s.statement, symbols));
  raw['Statement'] = Array.isArray(doc.document['Statement']) ? statements : statements[0];
  return lintDocument(raw, options).map((f) => ({ ...f, property: f.path ? `${documentPath}.${f.path}` : documentPath }));
}

function statementJson(st: Record<string, Value>, symbols: SymbolTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(st)) {
    if (k === 'Condition') {
      const c = condition(v, symbols);
      if (c) out[k] = c;
    } else if (k === 'Principal' || k === 'NotPrincipal') out[k] = v instanceof Unknown ? { AWS: [UNKNOWN_MARKER] } : plain(v, symbols, k);
    else out[k] = plain(v, symbols, k);
  }
  // A statement whose Effect is not known is left out of every check.
  if (out['Effect'] === UNKNOWN_MARKER) return { ...UNKNOWN_STATEMENT };
  return out;
}

/** A condition (or operator block) that is not known stands as one clause on a marker key, which checks skip. */
const UNKNOWN_CLAUSE = { [`${UNKNOWN_MARKER}:key`]: UNKNOWN_MARKER };

function condition(v: Value, symbols: SymbolTable): Record<string, unknown> | undefined {
  if (v instanceof Unknown) return { StringEquals: UNKNOWN_CLAUSE };
  if (!isObject(v)) return plain(v, symbols, 'Condition') as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [op, block] of Object.entries(v)) out[op] = block instanceof Unknown ? UNKNOWN_CLAUSE : plain(block, symbols, 'Condition');
  return out;
}

/** A value as JSON: symbols resolved, unknown scalars replaced by the marker (an action-shaped one in action lists). */
function plain(v: Value, symbols: SymbolTable, key: string): unknown {
  const marker = key === 'Action' || key === 'NotAction' ? ACTION_MARKER : UNKNOWN_MARKER;
  if (v instanceof Ref || v instanceof Expr || v instanceof Unknown) {
    const t = symbols.text(v);
    return 'text' in t ? t.text : marker;
  }
  if (Array.isArray(v)) return v.map((x) => plain(x, symbols, key));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, symbols, key === 'Condition' ? 'Condition' : k)]));
  return v;
}
