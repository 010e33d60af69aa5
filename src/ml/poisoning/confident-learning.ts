// Confident learning (Northcutt, Jiang & Chuang, "Confident Learning: Estimating Uncertainty in
// Dataset Labels", JAIR 70, 2021), written from the paper. Given out-of-fold probabilities p̂(j|x)
// and the given labels ỹ:
//   t_j      = mean of p̂(j|x) over the rows labelled j (per-class threshold: its self-confidence)
//   C[i][j]  = rows labelled i whose most probable class among those with p̂(l|x) ≥ t_l is j
//              (the confident joint: off-diagonal counts are the confidently mislabelled rows)
//   Q        = C calibrated so row i sums to the count of label i, then normalised to sum 1
// and the rows to flag are chosen by pruning (section 3.2 of the paper):
//   prune by noise rate: for each i ≠ j, the n·Q[i][j] rows labelled i with the largest margin
//   p̂(j|x) − p̂(i|x); prune by class: for each i, the n·Σ_{j≠i} Q[i][j] rows labelled i with the
//   lowest self-confidence; both: rows chosen by both; confident joint: the off-diagonal of C.
// A row whose given label is also the model's prediction is never flagged.

export type PruneMethod = 'prune-by-noise-rate' | 'prune-by-class' | 'both' | 'confident-joint';

export interface ConfidentLearning {
  /** Per-class thresholds t_j. */
  thresholds: Float64Array;
  /** The confident joint C (given label × likely true label), counts. */
  joint: number[][];
  /** Its calibrated, normalised form Q (a joint distribution). */
  jointDistribution: number[][];
  /** Rows flagged as label issues. */
  issues: Uint8Array;
  /** p̂(ỹ|x): the probability of the given label. */
  selfConfidence: Float64Array;
  /** Normalised margin (p̂(ỹ|x) − max_{j≠ỹ} p̂(j|x) + 1) / 2, in [0, 1]: low means likely wrong. */
  normalizedMargin: Float64Array;
  /** For each row, the class it most likely belongs to (the confident joint's column, else argmax). */
  likelyLabel: Int32Array;
  /** Estimated number of label errors, n · (1 − trace Q). */
  estimatedErrors: number;
}

export function confidentLearning(probs: Float64Array, y: Int32Array, k: number, method: PruneMethod = 'prune-by-noise-rate'): ConfidentLearning {
  const n = y.length;
  const counts = new Array<number>(k).fill(0);
  const thresholds = new Float64Array(k);
  const selfConfidence = new Float64Array(n);
  const normalizedMargin = new Float64Array(n);
  const argmax = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    const given = y[i]!;
    counts[given]!++;
    thresholds[given] += probs[base + given]!;
    selfConfidence[i] = probs[base + given]!;
    let best = 0;
    let other = 0;
    for (let j = 0; j < k; j++) {
      if (probs[base + j]! > probs[base + best]!) best = j;
      if (j !== given && probs[base + j]! > other) other = probs[base + j]!;
    }
    argmax[i] = best;
    normalizedMargin[i] = (probs[base + given]! - other + 1) / 2;
  }
  for (let j = 0; j < k; j++) thresholds[j] = counts[j]! > 0 ? thresholds[j]! / counts[j]! : 1;

  const joint = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const likelyLabel = Int32Array.from(argmax);
  const offDiagonal = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let best = -1;
    for (let j = 0; j < k; j++) {
      // The paper's threshold test; the tiny slack keeps rows exactly at the threshold in.
      if (probs[base + j]! >= thresholds[j]! - 1e-12 && (best === -1 || probs[base + j]! > probs[base + best]!)) best = j;
    }
    if (best === -1) continue;
    joint[y[i]!]![best]!++;
    likelyLabel[i] = best;
    if (best !== y[i]) offDiagonal[i] = 1;
  }

  const jointDistribution = calibrate(joint, counts);
  let trace = 0;
  for (let j = 0; j < k; j++) trace += jointDistribution[j]![j]!;
  const estimatedErrors = n * (1 - trace);

  const byMethod: Record<PruneMethod, () => Uint8Array> = {
    'prune-by-noise-rate': () => pruneByNoiseRate(probs, y, k, jointDistribution),
    'prune-by-class': () => pruneByClass(selfConfidence, y, k, jointDistribution),
    both: () => intersect(pruneByNoiseRate(probs, y, k, jointDistribution), pruneByClass(selfConfidence, y, k, jointDistribution)),
    'confident-joint': () => offDiagonal,
  };
  const issues = byMethod[method]();
  for (let i = 0; i < n; i++) if (argmax[i] === y[i]) issues[i] = 0;
  return { thresholds, joint, jointDistribution, issues, selfConfidence, normalizedMargin, likelyLabel, estimatedErrors };
}

/** Q: each row of C rescaled to the number of rows with that label, then the whole to sum 1. */
function calibrate(joint: number[][], counts: number[]): number[][] {
  const k = counts.length;
  const q = joint.map((row, i) => {
    const sum = row.reduce((a, b) => a + b, 0);
    // A label no row is confidently in: assume it is right.
    return sum > 0 ? row.map((c) => (c / sum) * counts[i]!) : row.map((_, j) => (j === i ? counts[i]! : 0));
  });
  const total = q.reduce((a, row) => a + row.reduce((b, c) => b + c, 0), 0) || 1;
  return q.map((row) => row.map((c) => c / total)).slice(0, k);
}

function pruneByNoiseRate(probs: Float64Array, y: Int32Array, k: number, q: number[][]): Uint8Array {
  const n = y.length;
  const out = new Uint8Array(n);
  const byLabel = rowsByLabel(y, k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      const take = Math.round(n * q[i]![j]!);
      if (take <= 0) continue;
      const ranked = byLabel[i]!.map((r) => ({ r, margin: probs[r * k + j]! - probs[r * k + i]! })).sort((a, b) => b.margin - a.margin);
      for (const { r } of ranked.slice(0, take)) out[r] = 1;
    }
  }
  return out;
}

function pruneByClass(selfConfidence: Float64Array, y: Int32Array, k: number, q: number[][]): Uint8Array {
  const n = y.length;
  const out = new Uint8Array(n);
  const byLabel = rowsByLabel(y, k);
  for (let i = 0; i < k; i++) {
    let rate = 0;
    for (let j = 0; j < k; j++) if (j !== i) rate += q[i]![j]!;
    const take = Math.round(n * rate);
    const ranked = [...byLabel[i]!].sort((a, b) => selfConfidence[a]! - selfConfidence[b]!);
    for (const r of ranked.slice(0, take)) out[r] = 1;
  }
  return out;
}

function rowsByLabel(y: Int32Array, k: number): number[][] {
  const out = Array.from({ length: k }, () => [] as number[]);
  for (let i = 0; i < y.length; i++) out[y[i]!]!.push(i);
  return out;
}

function intersect(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((v, i) => v & b[i]!);
}
