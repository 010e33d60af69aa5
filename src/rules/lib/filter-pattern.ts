/**
 * A SMALL matcher for CloudWatch Logs JSON filter patterns, only what the posture rules need to
 * judge metric filters such as `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode =
 * "AccessDenied*") }`: selectors `$.a.b[0]`, `=` and `!=` against strings (with `*` wildcards)
 * and numbers, `&&`, `||`, parentheses and `NOT EXISTS`. Anything else is a FilterPatternError,
 * which rules report as unknown rather than guess.
 *
 * Issue 4 replaces this with the full filter-pattern language in src/trail/; keep callers to
 * `compileFilterPattern` so the swap is one import.
 */

export class FilterPatternError extends Error {
  constructor(
    message: string,
    /** 0-based offset in the pattern text. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'FilterPatternError';
  }
}

type Step = string | number;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'compare'; selector: Step[]; op: '=' | '!='; value: string | number }
  | { kind: 'notExists'; selector: Step[] };

type Token =
  | { t: 'punct'; v: '{' | '}' | '(' | ')' | '&&' | '||' | '=' | '!='; at: number }
  | { t: 'selector'; v: Step[]; at: number }
  | { t: 'string'; v: string; at: number }
  | { t: 'word'; v: string; at: number };

const PUNCT = ['&&', '||', '!=', '{', '}', '(', ')', '='] as const;
// Deep nesting or a huge pattern cannot make the matcher hang or overflow.
const MAX_LENGTH = 10_000;
const MAX_DEPTH = 100;

function tokenize(text: string): Token[] {
  if (text.length > MAX_LENGTH) throw new FilterPatternError(`pattern longer than ${MAX_LENGTH} characters`, 0);
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const p = PUNCT.find((x) => text.startsWith(x, i));
    if (p) {
      out.push({ t: 'punct', v: p, at: i });
      i += p.length;
    } else if (c === '$') {
      const m = /^\$((?:\.[A-Za-z0-9_@-]+|\[\d+\])*)/.exec(text.slice(i))!;
      const steps: Step[] = [...m[1]!.matchAll(/\.([A-Za-z0-9_@-]+)|\[(\d+)\]/g)].map((s) => (s[2] !== undefined ? Number(s[2]) : s[1]!));
      if (steps.length === 0) throw new FilterPatternError('selector "$" names no field', i);
      out.push({ t: 'selector', v: steps, at: i });
      i += m[0].length;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        s += text[j];
        j++;
      }
      if (j >= text.length) throw new FilterPatternError('unterminated string', i);
      out.push({ t: 'string', v: s, at: i });
      i = j + 1;
    } else {
      const m = /^[^\s(){}"=!&|]+/.exec(text.slice(i));
      if (!m) throw new FilterPatternError(`unexpected "${c}"`, i);
      out.push({ t: 'word', v: m[0], at: i });
      i += m[0].length;
    }
  }
  return out;
}

/** Parses a JSON filter pattern; throws FilterPatternError for anything outside the subset. */
export function parseFilterPattern(text: string): FilterNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const at = (): number => peek()?.at ?? text.length;
  const expect = (v: string): void => {
    const t = peek();
    if (!t || t.t !== 'punct' || t.v !== v) throw new FilterPatternError(`expected "${v}"`, at());
    pos++;
  };
  const isPunct = (v: string): boolean => {
    const t = peek();
    return t?.t === 'punct' && t.v === v;
  };

  const orExpr = (depth: number): FilterNode => {
    if (depth > MAX_DEPTH) throw new FilterPatternError('pattern nested too deeply', at());
    let left = andExpr(depth);
    while (isPunct('||')) {
      pos++;
      left = { kind: 'or', left, right: andExpr(depth) };
    }
    return left;
  };
  const andExpr = (depth: number): FilterNode => {
    let left = unary(depth);
    while (isPunct('&&')) {
      pos++;
      left = { kind: 'and', left, right: unary(depth) };
    }
    return left;
  };
  const unary = (depth: number): FilterNode => {
    if (isPunct('(')) {
      pos++;
      const inner = orExpr(depth + 1);
      expect(')');
      return inner;
    }
    const sel = peek();
    if (sel?.t !== 'selector') throw new FilterPatternError('expected a selector such as $.errorCode', at());
    pos++;
    const next = peek();
    if (next?.t === 'word' && next.v === 'NOT') {
      pos++;
      const ex = peek();
      if (ex?.t !== 'word' || ex.v !== 'EXISTS') throw new FilterPatternError('expected EXISTS after NOT', at());
      pos++;
      return { kind: 'notExists', selector: sel.v };
    }
    if (next?.t !== 'punct' || (next.v !== '=' && next.v !== '!=')) throw new FilterPatternError('only =, != and NOT EXISTS are supported here', at());
    pos++;
    const val = peek();
    if (val?.t === 'string') {
      pos++;
      return { kind: 'compare', selector: sel.v, op: next.v, value: val.v };
    }
    if (val?.t === 'word') {
      if (/^%.*%$/.test(val.v)) throw new FilterPatternError('regular expressions (%...%) are not supported by this matcher', val.at);
      pos++;
      const n = Number(val.v);
      return { kind: 'compare', selector: sel.v, op: next.v, value: /^-?\d+(\.\d+)?$/.test(val.v) && Number.isFinite(n) ? n : val.v };
    }
    throw new FilterPatternError('expected a value', at());
  };

  expect('{');
  const node = orExpr(0);
  expect('}');
  if (pos < tokens.length) throw new FilterPatternError('unexpected text after "}"', at());
  return node;
}

function lookup(event: unknown, selector: Step[]): unknown {
  let cur = event;
  for (const s of selector) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}

function equals(actual: unknown, expected: string | number): boolean {
  if (typeof expected === 'number') return typeof actual === 'number' ? actual === expected : String(actual) === String(expected);
  if (typeof actual !== 'string' && typeof actual !== 'number' && typeof actual !== 'boolean') return false;
  const re = '^' + expected.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$';
  return new RegExp(re, 's').test(String(actual));
}

export function matchesEvent(node: FilterNode, event: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return matchesEvent(node.left, event) && matchesEvent(node.right, event);
    case 'or':
      return matchesEvent(node.left, event) || matchesEvent(node.right, event);
    case 'notExists':
      return lookup(event, node.selector) === undefined;
    case 'compare': {
      const actual = lookup(event, node.selector);
      // Assumption of this small matcher: a missing field is unequal to everything.
      if (actual === undefined) return node.op === '!=';
      const eq = equals(actual, node.value);
      return node.op === '=' ? eq : !eq;
    }
  }
}

/** A predicate over parsed log events (CloudTrail records). Throws FilterPatternError. */
export function compileFilterPattern(text: string): (event: unknown) => boolean {
  const node = parseFilterPattern(text);
  return (event) => matchesEvent(node, event);
}
