import { FilterPatternError } from './errors.js';

// AWS's regex subset for filter patterns ("Supported regular expressions (regex) syntax"):
// letters and digits, the symbols _ # = @ / ; , - : (and space, which AWS's own examples use),
// and the operators ^ $ ? [ ] { } | \ * + . — no parentheses, no multi-byte characters.
//
// Without groups the language is a choice (|) of sequences of single atoms with quantifiers, so
// it is matched here by simulating the automaton (time linear in the text, whatever the pattern)
// instead of by a backtracking engine, which a pattern such as %a*a*a*a*a*b% would stall.

const ALLOWED = /^[A-Za-z0-9_#=@/;,\-: ^$?[\]{}|\\*+.]$/;
/** Atoms after expanding {m,n}; a guard so `a{1000}{1000}`-like patterns cannot blow up. */
const MAX_ATOMS = 4000;

export interface RegexMatcher {
  source: string;
  /** Whether the expression matches anywhere in `text`. */
  test(text: string): boolean;
}

type CharTest = (code: number) => boolean;
type Assertion = 'start' | 'end' | 'word-boundary' | 'not-word-boundary';

/** One atom of a sequence: a character test or a zero-width assertion, repeated or not. */
interface Atom {
  char?: CharTest;
  /** The one character a plain or escaped literal matches, for the substring prefilter. */
  literal?: number;
  assert?: Assertion;
  /** May be skipped (`?`, and the optional copies of `{m,n}`). */
  optional: boolean;
  /** May repeat without end (`*`, and the tail of `+` and `{m,}`). */
  loop: boolean;
}

/**
 * Checks `source` (the text between the `%` delimiters, starting at `offset` of `text`) against
 * AWS's subset and compiles it. Throws FilterPatternError naming what AWS rejects.
 */
export function compileRegex(source: string, offset: number, text: string): RegexMatcher {
  if (source.length === 0) throw new FilterPatternError('empty regular expression %%', offset - 1, text);
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (ALLOWED.test(c)) continue;
    const at = offset + i;
    if (c === '(' || c === ')') throw new FilterPatternError(`"${c}" is not supported in a filter-pattern regex: AWS allows no parentheses (subpatterns)`, at, text);
    if (c.charCodeAt(0) > 0x7f) throw new FilterPatternError('multi-byte characters are not supported in a filter-pattern regex', at, text);
    throw new FilterPatternError(`"${c}" is not supported in a filter-pattern regex (allowed: letters, digits, _ # = @ / ; , - : and ^ $ ? [ ] { } | \\ * + .)`, at, text);
  }
  const branches = parseBranches(source, offset, text);
  if (branches.some((b) => b.some((a) => a.optional || a.loop))) return automaton(source, branches);
  // No quantifier: the engine cannot backtrack out of bounds, and it is faster.
  let re: RegExp;
  try {
    re = new RegExp(source);
  } catch {
    return automaton(source, branches);
  }
  return { source, test: (t) => re.test(t) };
}

function parseBranches(source: string, offset: number, text: string): Atom[][] {
  const branches: Atom[][] = [[]];
  let total = 0;
  let i = 0;
  const fail = (message: string, at: number): never => {
    throw new FilterPatternError(message, offset + at, text);
  };
  while (i < source.length) {
    const c = source[i]!;
    const branch = branches[branches.length - 1]!;
    if (c === '|') {
      branches.push([]);
      i++;
      continue;
    }
    const start = i;
    let atom: Omit<Atom, 'optional' | 'loop'>;
    if (c === '^' || c === '$') {
      atom = { assert: c === '^' ? 'start' : 'end' };
      i++;
    } else if (c === '.') {
      atom = { char: (code) => code !== 10 && code !== 13 && code !== 0x2028 && code !== 0x2029 };
      i++;
    } else if (c === '[') {
      const cls = parseClass(source, i, fail);
      atom = { char: cls.test };
      i = cls.end;
    } else if (c === '\\') {
      if (i + 1 >= source.length) fail('the regex ends with a lone \\', i);
      const e = source[i + 1]!;
      atom = e === 'b' ? { assert: 'word-boundary' } : e === 'B' ? { assert: 'not-word-boundary' } : 'dDwWsS'.includes(e) ? { char: escapeTest(e) } : literalAtom(literalEscape(e));
      i += 2;
    } else if (c === '*' || c === '+' || c === '?') {
      fail(`nothing to repeat before "${c}"`, i);
    } else if (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i))) {
      fail('nothing to repeat before "{"', i);
    } else {
      atom = literalAtom(source.charCodeAt(i));
      i++;
    }
    // The quantifier, if any; a lazy `?` after it changes nothing for "does it match".
    let min = 1;
    let max = 1;
    const q = source[i];
    if (q === '*' || q === '+' || q === '?') {
      [min, max] = q === '*' ? [0, Infinity] : q === '+' ? [1, Infinity] : [0, 1];
      i++;
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (m) {
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (max < min) fail(`numbers out of order in ${m[0]}`, i);
        i += m[0].length;
      }
    }
    if (min !== 1 || max !== 1) {
      if (atom!.assert) fail('an anchor cannot be repeated', start);
      if (source[i] === '?') i++;
      if (source[i] === '*' || source[i] === '+' || (source[i] === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i)))) fail('nothing to repeat: two quantifiers in a row', i);
    }
    const copies = Math.max(min, 1) + (max === Infinity ? 0 : max - Math.max(min, 1));
    total += copies;
    if (total > MAX_ATOMS) fail(`the regex repeats too much (over ${MAX_ATOMS} atoms once {m,n} are counted)`, start);
    for (let k = 0; k < min; k++) branch.push({ ...atom!, optional: false, loop: false });
    if (max === Infinity) branch.push({ ...atom!, optional: true, loop: true });
    else for (let k = Math.max(min, 0); k < max; k++) branch.push({ ...atom!, optional: true, loop: false });
  }
  return branches;
}

function parseClass(source: string, open: number, fail: (m: string, at: number) => never): { test: CharTest; end: number } {
  let i = open + 1;
  const negate = source[i] === '^';
  if (negate) i++;
  const parts: CharTest[] = [];
  let first = true;
  while (i < source.length && (source[i] !== ']' || first)) {
    first = false;
    let lo: number;
    let single: CharTest | undefined;
    if (source[i] === '\\' && i + 1 < source.length) {
      const e = source[i + 1]!;
      i += 2;
      if ('dDwWsS'.includes(e)) {
        parts.push(escapeTest(e));
        continue;
      }
      lo = literalEscape(e);
    } else {
      lo = source.charCodeAt(i);
      i++;
    }
    if (source[i] === '-' && i + 1 < source.length && source[i + 1] !== ']') {
      let hi: number;
      if (source[i + 1] === '\\' && i + 2 < source.length) {
        hi = literalEscape(source[i + 2]!);
        i += 3;
      } else {
        hi = source.charCodeAt(i + 1);
        i += 2;
      }
      if (hi < lo) fail(`range out of order in character class [${source.slice(open + 1, i)}]`, open);
      single = (x) => x >= lo && x <= hi;
    }
    parts.push(single ?? ((x) => x === lo));
  }
  if (i >= source.length) fail('unterminated character class: no closing ]', open);
  const test: CharTest = (x) => parts.some((p) => p(x));
  return { test: negate ? (x) => !test(x) : test, end: i + 1 };
}

const isDigit: CharTest = (x) => x >= 48 && x <= 57;
const isWord: CharTest = (x) => isDigit(x) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122) || x === 95;
const isSpaceChar: CharTest = (x) => x === 32 || (x >= 9 && x <= 13) || x === 0xa0 || x === 0x1680 || (x >= 0x2000 && x <= 0x200a) || x === 0x2028 || x === 0x2029 || x === 0x202f || x === 0x205f || x === 0x3000 || x === 0xfeff;

function escapeTest(e: string): CharTest {
  switch (e) {
    case 'd':
      return isDigit;
    case 'D':
      return (x) => !isDigit(x);
    case 'w':
      return isWord;
    case 'W':
      return (x) => !isWord(x);
    case 's':
      return isSpaceChar;
    case 'S':
      return (x) => !isSpaceChar(x);
    default: {
      const code = literalEscape(e);
      return (x) => x === code;
    }
  }
}

const ESCAPED_CONTROLS: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, v: 11, '0': 0 };

function literalEscape(e: string): number {
  return ESCAPED_CONTROLS[e] ?? e.charCodeAt(0);
}

function literalAtom(code: number): Omit<Atom, 'optional' | 'loop'> {
  return { char: (x) => x === code, literal: code };
}

/**
 * Simulates the automaton of the branches over the text: every position of every branch at once,
 * in time linear in the text. State sets are typed arrays reused across calls (matching is
 * synchronous); a text without a literal that every match must contain is rejected up front.
 */
function automaton(source: string, branches: Atom[][]): RegexMatcher {
  const atoms: Atom[] = [];
  const accept: number[] = [];
  const starts: number[] = [];
  for (const b of branches) {
    starts.push(atoms.length);
    atoms.push(...b);
    accept.push(atoms.length);
    atoms.push({ optional: false, loop: false });
  }
  const size = atoms.length;
  const isAccept = new Uint8Array(size);
  for (const a of accept) isAccept[a] = 1;
  let current = new Int32Array(size);
  let next = new Int32Array(size);
  const inNext = new Int32Array(size).fill(-1);
  const seen = new Int32Array(size).fill(-1);
  const stack = new Int32Array(size * 2 + starts.length);
  const required = requiredLiterals(branches);
  let stamp = 0;

  return {
    source,
    test(t) {
      if (required && !required.some((lit) => t.includes(lit))) return false;
      const n = t.length;
      let count = 0;
      for (let pos = 0; pos <= n; pos++) {
        const code = pos < n ? t.charCodeAt(pos) : -1;
        const step = ++stamp;
        let top = 0;
        for (let k = 0; k < count; k++) stack[top++] = current[k]!;
        for (const s of starts) stack[top++] = s; // unanchored search: a match may start here
        let nextCount = 0;
        while (top > 0) {
          const s = stack[--top]!;
          if (seen[s] === step) continue;
          seen[s] = step;
          if (isAccept[s]) return true;
          const a = atoms[s]!;
          if (a.assert) {
            if (holds(a.assert, t, pos)) stack[top++] = s + 1;
            continue;
          }
          if (a.optional) stack[top++] = s + 1;
          if (code >= 0 && a.char!(code)) {
            const to = a.loop ? s : s + 1;
            if (inNext[to] !== step) {
              inNext[to] = step;
              next[nextCount++] = to;
            }
          }
        }
        [current, next] = [next, current];
        count = nextCount;
      }
      return false;
    },
  };
}

/**
 * For each branch, its longest run of plain characters that every match contains; undefined
 * when some branch has none (then any text may match).
 */
function requiredLiterals(branches: Atom[][]): string[] | undefined {
  const out: string[] = [];
  for (const b of branches) {
    let best = '';
    let run = '';
    for (const a of b) {
      if (a.literal !== undefined && !a.optional && !a.loop) run += String.fromCharCode(a.literal);
      else run = '';
      if (run.length > best.length) best = run;
    }
    if (best.length < 2) return undefined;
    out.push(best);
  }
  return out;
}

function holds(a: Assertion, t: string, pos: number): boolean {
  switch (a) {
    case 'start':
      return pos === 0;
    case 'end':
      return pos === t.length;
    case 'word-boundary':
    case 'not-word-boundary': {
      const before = pos > 0 && isWord(t.charCodeAt(pos - 1));
      const after = pos < t.length && isWord(t.charCodeAt(pos));
      return (before !== after) === (a === 'word-boundary');
    }
  }
}
