import type { DelimitedCondition, FilterPattern, JsonExpr, Literal, Span } from './ast.js';
import { printJsonExpr } from './print.js';

// Patterns CloudWatch accepts but that probably do not say what their author meant.

export interface PatternWarning {
  code: 'mixed-precedence' | 'literal-asterisk';
  message: string;
  span: Span;
}

export function lintPattern(p: FilterPattern): PatternWarning[] {
  const out: PatternWarning[] = [];
  if (p.kind === 'json') lintJson(p.expr, out);
  if (p.kind === 'delimited') for (const f of p.fields) if (f.kind === 'slot' && f.condition) lintCondition(f.condition, out);
  return out;
}

function lintJson(e: JsonExpr, out: PatternWarning[]): void {
  switch (e.kind) {
    case 'group':
      return lintJson(e.expr, out);
    case 'or':
      for (const side of [e.left, e.right]) {
        if (side.kind === 'and') {
          out.push({
            code: 'mixed-precedence',
            message:
              `|| and && are mixed without parentheses: && binds tighter, so this reads as ${printJsonExpr(e, { explicit: true })}; ` +
              `the conditions joined by && apply only to their side of ||`,
            span: e.span,
          });
          break;
        }
      }
      lintJson(e.left, out);
      lintJson(e.right, out);
      return;
    case 'and':
      lintJson(e.left, out);
      lintJson(e.right, out);
      return;
    case 'compare':
      lintLiteral(e.value, out);
      return;
    case 'check':
      return;
  }
}

function lintCondition(c: DelimitedCondition, out: PatternWarning[]): void {
  if (c.kind === 'compare') return lintLiteral(c.value, out);
  if (c.kind === 'or' && (c.left.kind === 'and' || c.right.kind === 'and')) {
    out.push({ code: 'mixed-precedence', message: '|| and && are mixed: && binds tighter, so the conditions joined by && apply only to their side of ||', span: c.span });
  }
  lintCondition(c.left, out);
  lintCondition(c.right, out);
}

function lintLiteral(l: Literal, out: PatternWarning[]): void {
  if (l.kind !== 'string') return;
  if (l.core.includes('*')) {
    out.push({ code: 'literal-asterisk', message: `"*" inside ${l.quoted ? JSON.stringify(l.text) : l.text} is a literal character: CloudWatch treats * as a wildcard only at the start or end`, span: l.span });
  }
}
