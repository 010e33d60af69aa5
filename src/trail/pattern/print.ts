import type { DelimitedCondition, FilterPattern, JsonExpr, Literal, Term } from './ast.js';

// Canonical text of a pattern. With `explicit`, the grouping CloudWatch applies is written out:
// `A || B && C` prints as `A || (B && C)`, which is how lints show what a pattern really says.

export interface PrintOptions {
  /** Parenthesise every `&&` under an `||`, so precedence is visible. */
  explicit?: boolean;
}

export function printPattern(p: FilterPattern, options: PrintOptions = {}): string {
  switch (p.kind) {
    case 'match-all':
      return '""';
    case 'terms':
      return p.terms.map(printTerm).join(' ');
    case 'json':
      return `{ ${printJsonExpr(p.expr, options)} }`;
    case 'delimited':
      return `[${p.fields.map((f) => (f.kind === 'ellipsis' ? '...' : f.condition ? printCondition(f.condition, options) : (f.name ?? ''))).join(', ')}]`;
  }
}

export function printJsonExpr(e: JsonExpr, options: PrintOptions = {}, parent?: 'and' | 'or'): string {
  switch (e.kind) {
    case 'group':
      return `(${printJsonExpr(e.expr, options)})`;
    case 'and':
    case 'or': {
      const text = `${printJsonExpr(e.left, options, e.kind)} ${e.kind === 'and' ? '&&' : '||'} ${printJsonExpr(e.right, options, e.kind)}`;
      return options.explicit && e.kind === 'and' && parent === 'or' ? `(${text})` : text;
    }
    case 'compare':
      return `${e.selector.text} ${e.op} ${printLiteral(e.value)}`;
    case 'check':
      return `${e.selector.text} ${CHECK_TEXT[e.check]}`;
  }
}

const CHECK_TEXT = { 'is-null': 'IS NULL', 'is-true': 'IS TRUE', 'is-false': 'IS FALSE', 'not-exists': 'NOT EXISTS' } as const;

function printCondition(c: DelimitedCondition, options: PrintOptions, parent?: 'and' | 'or'): string {
  if (c.kind === 'compare') return `${c.field} ${c.op} ${printLiteral(c.value)}`;
  const text = `${printCondition(c.left, options, c.kind)} ${c.kind === 'and' ? '&&' : '||'} ${printCondition(c.right, options, c.kind)}`;
  return options.explicit && c.kind === 'and' && parent === 'or' ? `(${text})` : text;
}

export function printLiteral(l: Literal): string {
  switch (l.kind) {
    case 'number':
      return l.text;
    case 'regex':
      return `%${l.source}%`;
    case 'string':
      return l.quoted ? JSON.stringify(l.text) : l.text;
  }
}

function printTerm(t: Term): string {
  const prefix = t.mode === 'optional' ? '?' : t.mode === 'excluded' ? '-' : '';
  const v = t.value;
  return prefix + (v.kind === 'regex' ? `%${v.source}%` : v.quoted ? JSON.stringify(v.text) : v.text);
}
