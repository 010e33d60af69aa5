import type { Classifier } from '../../models/types.js';

/**
 * The deployed model as an attacker sees it: an inference API that returns class probabilities
 * (rounded to `decimals` when set, as many APIs do) and counts the queries.
 */
export class Oracle {
  queries = 0;
  constructor(
    readonly model: Classifier,
    private readonly decimals?: number,
  ) {}

  query(x: Float64Array): Float64Array {
    this.queries++;
    const p = this.model.predictRow(x);
    if (this.decimals === undefined) return p;
    const f = 10 ** this.decimals;
    for (let c = 0; c < p.length; c++) p[c] = Math.round(p[c]! * f) / f;
    return p;
  }
}
