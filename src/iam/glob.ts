/**
 * IAM wildcard matching: `*` matches any run of characters (also none), `?` exactly one. Used
 * for actions, resources, StringLike and ArnLike. Patterns compile once into the cheapest matcher
 * that decides them (equality, prefix, suffix, or a linear backtracking scan; never a RegExp, so
 * no pattern can make matching slow). Matching is case-sensitive; callers lower-case both sides
 * where IAM ignores case (actions).
 */

/** A piece of a pattern: literal text, or a wildcard. */
export type GlobToken = string | typeof STAR | typeof ANY_ONE;
export const STAR = Symbol('*');
export const ANY_ONE = Symbol('?');

export type Matcher = (value: string) => boolean;

const always: Matcher = () => true;

/** Splits a pattern into literal runs and wildcards. */
export function tokenize(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  let lit = '';
  for (const ch of pattern) {
    if (ch === '*' || ch === '?') {
      if (lit) tokens.push(lit);
      lit = '';
      // Consecutive stars are one star.
      if (ch === '*' && tokens[tokens.length - 1] === STAR) continue;
      tokens.push(ch === '*' ? STAR : ANY_ONE);
    } else lit += ch;
  }
  if (lit) tokens.push(lit);
  return tokens;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Compiles a wildcard pattern into a matcher. */
export function compileGlob(pattern: string): Matcher {
  if (pattern === '*') return always;
  return compileTokens(tokenize(pattern));
}

/** Compiles tokens (literal text in them never acts as a wildcard: policy variables use this). */
export function compileTokens(tokens: readonly GlobToken[]): Matcher {
  const stars = tokens.filter((t) => t === STAR).length;
  const ones = tokens.filter((t) => t === ANY_ONE).length;
  if (ones === 0) {
    if (stars === 0) {
      const text = tokens.join('');
      return (v) => v === text;
    }
    if (tokens.length === 1) return always;
    if (stars === 1 && tokens.length === 2) {
      const [a, b] = tokens;
      if (a === STAR) {
        const suffix = b as string;
        return (v) => v.endsWith(suffix);
      }
      const prefix = a as string;
      return (v) => v.startsWith(prefix);
    }
  }
  const frozen = [...tokens];
  return (v) => matchTokens(frozen, v);
}

/**
 * Greedy-star backtracking over tokens: remembers only the last star, which is enough for
 * `*`/`?` patterns and keeps the scan O(pattern × value).
 */
export function matchTokens(tokens: readonly GlobToken[], value: string): boolean {
  let ti = 0;
  let vi = 0;
  let starTi = -1;
  let starVi = 0;
  while (vi < value.length || ti < tokens.length) {
    if (ti < tokens.length) {
      const t = tokens[ti]!;
      if (t === STAR) {
        starTi = ti++;
        starVi = vi;
        continue;
      }
      if (t === ANY_ONE) {
        if (vi < value.length) {
          ti++;
          vi++;
          continue;
        }
      } else if (value.startsWith(t as string, vi)) {
        ti++;
        vi += (t as string).length;
        continue;
      }
    }
    if (starTi < 0 || starVi >= value.length) return false;
    // Let the last star swallow one more character and retry from just after it.
    ti = starTi + 1;
    vi = ++starVi;
  }
  return true;
}
