// How well a detector finds known poison: precision, recall and F1 of the rows it flags, and the
// area under the ROC curve of its scores (the chance a poisoned row scores above a clean one).

export interface DetectionQuality {
  precision: number;
  recall: number;
  f1: number;
  /** Undefined when every row is poisoned or none is. */
  auroc: number | undefined;
  flagged: number;
  poisoned: number;
}

/** `truth[i]` and `flagged[i]` are 1 for poisoned / flagged rows; scores are higher when more suspicious. */
export function detectionQuality(truth: ArrayLike<number>, flagged: ArrayLike<number>, scores: ArrayLike<number>): DetectionQuality {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < truth.length; i++) {
    if (flagged[i] && truth[i]) tp++;
    else if (flagged[i]) fp++;
    else if (truth[i]) fn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, auroc: auroc(truth, scores), flagged: tp + fp, poisoned: tp + fn };
}

/** AUROC by the Mann–Whitney U statistic, ties counted half (mid-ranks). */
export function auroc(truth: ArrayLike<number>, scores: ArrayLike<number>): number | undefined {
  const n = truth.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let t = start; t <= end; t++) {
      if (truth[order[t]!]) {
        positives++;
        rankSum += midRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return undefined;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
