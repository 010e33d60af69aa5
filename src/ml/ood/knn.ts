/**
 * Mean Euclidean distance to the k nearest baseline rows (in the standardised space), by brute
 * force over a bounded reference set. Per-dimension terms are the squared differences to the
 * nearest row: what separates the record from the closest thing the model was trained on.
 */
export class KnnModel {
  constructor(
    readonly reference: readonly Float64Array[],
    readonly k: number,
  ) {
    if (reference.length === 0) throw new RangeError('no reference rows for k-NN');
  }

  score(z: ArrayLike<number>): { distance: number; terms: Float64Array } {
    const k = Math.min(this.k, this.reference.length);
    const best = new Float64Array(k).fill(Infinity);
    let nearest = 0;
    const p = z.length;
    this.reference.forEach((r, idx) => {
      const worst = best[k - 1]!;
      let d2 = 0;
      for (let j = 0; j < p && d2 < worst; j++) {
        const diff = z[j]! - r[j]!;
        d2 += diff * diff;
      }
      if (d2 >= worst) return;
      // Insert into the sorted list of the k smallest.
      let i = k - 1;
      while (i > 0 && best[i - 1]! > d2) {
        best[i] = best[i - 1]!;
        i--;
      }
      best[i] = d2;
      if (i === 0) nearest = idx;
    });
    let sum = 0;
    for (let i = 0; i < k; i++) sum += Math.sqrt(best[i]!);
    const r = this.reference[nearest]!;
    const terms = new Float64Array(p);
    for (let j = 0; j < p; j++) terms[j] = (z[j]! - r[j]!) ** 2;
    return { distance: sum / k, terms };
  }
}
