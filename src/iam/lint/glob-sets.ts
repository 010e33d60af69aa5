/**
 * IAM wildcard patterns (`*` any run, `?` one character) compared as sets of strings: whether two
 * patterns can match a common string (does `arn:aws:s3:::data/*` name anything of the type
 * `arn:*:s3:::*` + `/` + `*`?), and whether one pattern's strings are all matched by another (is
 * `s3:GetObject` redundant next to `s3:Get*`?). Both are small dynamic programs over the two
 * patterns; `ignoreCase` for action names.
 */

const STAR = 42; // '*'
const QMARK = 63; // '?'

/** True when some string matches both patterns. */
export function globsIntersect(a: string, b: string, ignoreCase = false): boolean {
  const x = ignoreCase ? a.toLowerCase() : a;
  const y = ignoreCase ? b.toLowerCase() : b;
  const memo = new Map<number, boolean>();
  const width = y.length + 1;
  const go = (i: number, j: number): boolean => {
    const key = i * width + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === x.length && j === y.length) r = true;
    // A star matches nothing, or swallows the other side's next character (a star there then matches nothing).
    else if (i < x.length && x.charCodeAt(i) === STAR) r = go(i + 1, j) || (j < y.length && go(i, j + 1));
    else if (j < y.length && y.charCodeAt(j) === STAR) r = go(i, j + 1) || (i < x.length && go(i + 1, j));
    else if (i < x.length && j < y.length) r = (x.charCodeAt(i) === QMARK || y.charCodeAt(j) === QMARK || x.charCodeAt(i) === y.charCodeAt(j)) && go(i + 1, j + 1);
    else r = false;
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/**
 * True when every string `inner` matches, `outer` matches too. Sound, and exact for the patterns
 * policies use: `outer`'s `*` may cover any part of `inner` (wildcards included), `outer`'s `?` one
 * character or `?` of `inner`, and `inner`'s `*` only a `*` of `outer`.
 */
export function globCovers(outer: string, inner: string, ignoreCase = false): boolean {
  const o = ignoreCase ? outer.toLowerCase() : outer;
  const n = ignoreCase ? inner.toLowerCase() : inner;
  const memo = new Map<number, boolean>();
  const width = n.length + 1;
  const go = (i: number, j: number): boolean => {
    const key = i * width + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === o.length) r = j === n.length;
    else if (o.charCodeAt(i) === STAR) r = go(i + 1, j) || (j < n.length && go(i, j + 1));
    else if (j === n.length) r = false;
    else if (n.charCodeAt(j) === STAR) r = false;
    else if (o.charCodeAt(i) === QMARK) r = go(i + 1, j + 1);
    else r = n.charCodeAt(j) !== QMARK && o.charCodeAt(i) === n.charCodeAt(j) && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}
