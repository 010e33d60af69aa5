// Edit distance for "did you mean" hints on misspelt names.

/**
 * Edit distance between two strings, ignoring case: insertions, deletions, substitutions and
 * swaps of two neighbouring letters (the commonest typo) each count one. Stops early once it
 * exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    [before, prev] = [prev, row];
  }
  return prev[t.length]!;
}

/** The candidate nearest to `name` (the first of equals), or undefined when none is within `max`. */
export function closestName(name: string, candidates: Iterable<string>, max: number): string | undefined {
  let found: string | undefined;
  let bestDistance = max + 1;
  for (const c of candidates) {
    const d = editDistance(name, c, bestDistance - 1);
    if (d < bestDistance) [found, bestDistance] = [c, d];
    if (d === 0) break;
  }
  return found;
}
