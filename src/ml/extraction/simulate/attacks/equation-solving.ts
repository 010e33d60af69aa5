import { minimumNormSolve } from '../../../models/linalg.js';
import { logisticFromCoefficients } from '../../../models/logistic.js';
import type { AttackContext, ExtractionAttack, Observation } from './types.js';

/**
 * Equation-solving extraction of a logistic regression (Tramèr, Zhang, Juels, Reiter &
 * Ristenpart 2016, "Stealing Machine Learning Models via Prediction APIs", §4.1): the log-ratio of
 * two returned class probabilities is linear in the input, log(p_k / p_0) = (w_k − w_0)·x +
 * (b_k − b_0), so every answered query gives K − 1 linear equations and d + 1 random queries pin
 * the model down exactly. Queries are uniform over the feature domain; until there are enough,
 * the attacker takes the minimum-norm solution (in range-normalized coordinates).
 */
export const equationSolving: ExtractionAttack = {
  name: 'equation-solving',
  description: 'Tramèr et al. 2016: solve the logit equations of uniformly random queries',
  *run({ domain, random }: AttackContext) {
    for (;;) yield domain.sample(random);
  },
  surrogate(observations: readonly Observation[], { domain, classes }: AttackContext) {
    const d = domain.width;
    // Range-normalized coordinates u = (x − mid) / half, so "minimum norm" is scale-free.
    const mid = new Float64Array(d);
    const half = new Float64Array(d).fill(1);
    for (const j of domain.numeric) {
      mid[j] = (domain.min[j]! + domain.max[j]!) / 2;
      half[j] = Math.max((domain.max[j]! - domain.min[j]!) / 2, 1e-12);
    }
    const weights = [new Float64Array(d)];
    const intercepts = new Float64Array(classes);
    for (let k = 1; k < classes; k++) {
      const rows: Float64Array[] = [];
      const targets: number[] = [];
      for (const o of observations) {
        const p0 = o.probs[0]!;
        const pk = o.probs[k]!;
        // A probability rounded or underflowed to 0 has no usable logarithm.
        if (!(p0 > 0 && pk > 0)) continue;
        const row = new Float64Array(d + 1);
        for (let j = 0; j < d; j++) row[j] = (o.x[j]! - mid[j]!) / half[j]!;
        row[d] = 1;
        rows.push(row);
        targets.push(Math.log(pk) - Math.log(p0));
      }
      const solution = rows.length ? minimumNormSolve(rows, targets) : new Float64Array(d + 1);
      const w = new Float64Array(d);
      let b = solution[d]!;
      for (let j = 0; j < d; j++) {
        w[j] = solution[j]! / half[j]!;
        b -= w[j]! * mid[j]!;
      }
      weights.push(w);
      intercepts[k] = b;
    }
    return logisticFromCoefficients(weights, intercepts);
  },
};
