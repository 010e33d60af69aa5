/**
 * The threshold above which a score is flagged, from scores of held-out baseline rows, so that a
 * new row from the baseline's distribution is flagged with probability at most `fpr`: the
 * ⌈(n+1)(1−fpr)⌉-th smallest of n held-out scores (a split-conformal quantile). With n held-out
 * rows the smallest rate that can be promised is 1/(n+1); a lower `fpr` gets the largest score.
 */
export function calibrateThreshold(scores: readonly number[], fpr: number): { threshold: number; achievableFpr: number } {
  if (scores.length === 0) throw new RangeError('no held-out scores to calibrate on');
  const sorted = [...scores].sort((a, b) => a - b);
  const n = sorted.length;
  const rank = Math.ceil((n + 1) * (1 - fpr));
  const index = Math.min(Math.max(rank, 1), n) - 1;
  return { threshold: sorted[index]!, achievableFpr: Math.max(fpr, 1 / (n + 1)) };
}

/** A reproducible shuffle of 0..n-1 (xorshift32, Fisher–Yates). */
export function shuffledIndexes(n: number, seed: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
