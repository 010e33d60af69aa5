import { operatorSpec } from '../policy/operators.js';
import type { ConditionClause } from '../policy/types.js';
import type { StatementRef } from './types.js';

/**
 * A small condition algebra for discovery mode. A condition whose context key is unknown
 * becomes a leaf; statements, policy types and the evaluation logic combine leaves with and/or/
 * not exactly as they combine known booleans, so the final answer is either a constant (the
 * unknown keys did not matter) or the condition under which access is granted. Formulas stay in
 * negation normal form: `not` is pushed down to the leaves.
 */

export interface Leaf {
  kind: 'leaf';
  /** Identity of the condition: operator, key and values. Equal conditions are one leaf. */
  id: string;
  clause: ConditionClause;
  negated: boolean;
  source: StatementRef;
}
export interface Junction {
  kind: 'and' | 'or';
  args: Formula[];
}
export type Formula = boolean | Leaf | Junction;

export function leaf(clause: ConditionClause, source: StatementRef): Leaf {
  const id = `${clause.operator.toLowerCase()}\u0001${clause.key.toLowerCase()}\u0001${clause.values.join('\u0002')}`;
  return { kind: 'leaf', id, clause, negated: false, source };
}

export function and(...xs: Formula[]): Formula {
  return junction('and', xs);
}
export function or(...xs: Formula[]): Formula {
  return junction('or', xs);
}

/** Two-argument forms that decide known booleans without allocating (the evaluator's hot path). */
export function and2(a: Formula, b: Formula): Formula {
  if (a === false || b === false) return false;
  if (a === true) return b;
  if (b === true) return a;
  return junction('and', [a, b]);
}
export function or2(a: Formula, b: Formula): Formula {
  if (a === true || b === true) return true;
  if (a === false) return b;
  if (b === false) return a;
  return junction('or', [a, b]);
}

export function not(x: Formula): Formula {
  if (typeof x === 'boolean') return !x;
  if (x.kind === 'leaf') return { ...x, negated: !x.negated };
  return junction(x.kind === 'and' ? 'or' : 'and', x.args.map(not));
}

function junction(kind: 'and' | 'or', xs: Formula[]): Formula {
  const absorbing = kind === 'or';
  const args: Formula[] = [];
  const seen = new Map<string, boolean>();
  for (const x of xs) {
    if (typeof x === 'boolean') {
      if (x === absorbing) return absorbing;
      continue;
    }
    const parts = x.kind === kind ? (x as Junction).args : [x];
    for (const p of parts) {
      if (typeof p === 'boolean') continue;
      const key = formulaKey(p);
      if (p.kind === 'leaf') {
        const other = seen.get(p.id);
        // x and not x is false; x or not x is true.
        if (other !== undefined && other !== p.negated) return absorbing;
        if (other === p.negated) continue;
        seen.set(p.id, p.negated);
        args.push(p);
      } else if (!args.some((a) => typeof a !== 'boolean' && a.kind !== 'leaf' && formulaKey(a) === key)) {
        args.push(p);
      }
    }
  }
  if (args.length === 0) return !absorbing;
  if (args.length === 1) return args[0]!;
  return { kind, args };
}

function formulaKey(f: Formula): string {
  if (typeof f === 'boolean') return String(f);
  if (f.kind === 'leaf') return `${f.negated ? '!' : ''}${f.id}`;
  return `${f.kind}(${f.args.map(formulaKey).sort().join(',')})`;
}

/**
 * Disjunctive normal form: alternatives, each a list of leaves that must all hold. Undefined
 * when it would exceed `limit` alternatives (the nested form is then the answer).
 */
export function toDnf(f: Formula, limit = 64): Leaf[][] | undefined {
  if (f === true) return [[]];
  if (f === false) return [];
  if (f.kind === 'leaf') return [[f]];
  if (f.kind === 'or') {
    const out: Leaf[][] = [];
    for (const a of f.args) {
      const d = toDnf(a, limit);
      if (!d) return undefined;
      out.push(...d);
      if (out.length > limit) return undefined;
    }
    return simplifyDnf(out);
  }
  let acc: Leaf[][] = [[]];
  for (const a of f.args) {
    const d = toDnf(a, limit);
    if (!d) return undefined;
    const next: Leaf[][] = [];
    for (const x of acc) for (const y of d) next.push([...x, ...y]);
    if (next.length > limit) return undefined;
    acc = simplifyDnf(next);
  }
  return acc;
}

/** Drops contradictory and duplicate conjunctions, and those implied by a shorter one. */
function simplifyDnf(terms: Leaf[][]): Leaf[][] {
  const cleaned: Leaf[][] = [];
  for (const t of terms) {
    const byId = new Map<string, Leaf>();
    let contradiction = false;
    for (const l of t) {
      const other = byId.get(l.id);
      if (other && other.negated !== l.negated) contradiction = true;
      byId.set(l.id, l);
    }
    if (!contradiction) cleaned.push([...byId.values()]);
  }
  const keys = cleaned.map((t) => new Set(t.map((l) => `${l.negated ? '!' : ''}${l.id}`)));
  return cleaned.filter((_, i) => !keys.some((k, j) => j !== i && k.size <= keys[i]!.size && [...k].every((x) => keys[i]!.has(x)) && (k.size < keys[i]!.size || j < i)));
}

/** The leaf as a readable condition: `aws:SourceVpce StringEquals vpce-0abc`. */
export function leafText(l: Leaf): string {
  const c = l.clause;
  const values = c.values.length === 1 ? c.values[0]! : `[${c.values.join(', ')}]`;
  if (!l.negated) return `${c.key} ${c.operator} ${values}`;
  const spec = operatorSpec(c.base);
  // The complement is exact only without IfExists or a set qualifier (both change how an absent key reads).
  if (spec?.complement && !c.ifExists && !c.set) return `${c.key} ${spec.complement} ${values}`;
  if (c.base === 'Null' && !c.set) return `${c.key} Null ${c.values.map((v) => (v.toLowerCase() === 'true' ? 'false' : 'true')).join(', ')}`;
  return `NOT (${c.key} ${c.operator} ${values})`;
}

/** The formula as text: alternatives joined by OR, conditions by AND. */
export function formulaText(f: Formula): string {
  if (f === true) return 'always';
  if (f === false) return 'never';
  const dnf = toDnf(f);
  if (dnf) return dnf.map((t) => t.map(leafText).join(' AND ')).map((t, _, all) => (all.length > 1 && t.includes(' AND ') ? `(${t})` : t)).join(' OR ');
  const render = (x: Formula): string =>
    typeof x === 'boolean' ? String(x) : x.kind === 'leaf' ? leafText(x) : `(${x.args.map(render).join(x.kind === 'and' ? ' AND ' : ' OR ')})`;
  return render(f);
}

/** JSON shape of a formula for reports: `{any: [{all: [{key, operator, values}]}]}` or a nested tree. */
export type ConditionExpression =
  | { always: true }
  | { never: true }
  | { key: string; operator: string; values: string[]; negated?: true; statement: StatementRef }
  | { all: ConditionExpression[] }
  | { any: ConditionExpression[] };

export function formulaJson(f: Formula): ConditionExpression {
  if (f === true) return { always: true };
  if (f === false) return { never: true };
  const leafJson = (l: Leaf): ConditionExpression => ({
    key: l.clause.key,
    operator: l.clause.operator,
    values: l.clause.values,
    ...(l.negated ? { negated: true as const } : {}),
    statement: l.source,
  });
  const dnf = toDnf(f);
  if (dnf) return { any: dnf.map((t) => ({ all: t.map(leafJson) })) };
  const tree = (x: Formula): ConditionExpression =>
    typeof x === 'boolean' ? (x ? { always: true } : { never: true }) : x.kind === 'leaf' ? leafJson(x) : x.kind === 'and' ? { all: x.args.map(tree) } : { any: x.args.map(tree) };
  return tree(f);
}
