import type { LogisticModel } from '../../../models/logistic.js';
import { labelSurrogate } from './label-surrogate.js';
import type { ExtractionAttack, Observation } from './types.js';

/**
 * Jacobian-based dataset augmentation (Papernot, McDaniel, Goodfellow, Jha, Celik & Swami 2017,
 * "Practical Black-Box Attacks against Machine Learning", §4.1): start from a few natural
 * inputs (one per class here), label them with the model, train a surrogate, then add, for every
 * point x, x + λ·sign(∂ surrogate's probability of x's label / ∂x), with λ a tenth of each
 * feature's range and its sign flipped every τ = 3 rounds (their periodic step size); once the
 * set is large, a random κ = 200 points are augmented per round (their reservoir sampling).
 * Categorical features keep their values: the sign of a gradient says nothing about which
 * category to move to.
 */
const STEP = 0.1;
const PERIOD = 3;
const RESERVOIR = 200;

export const jacobian: ExtractionAttack = {
  name: 'jacobian',
  description: 'Papernot et al. 2017: Jacobian-based augmentation from one natural seed per class',
  *run(context) {
    const { domain, classes, pool, random } = context;
    const seeds = random.shuffle([...pool]).slice(0, Math.min(classes, pool.length));
    const known: Observation[] = [];
    for (const x of seeds) known.push(yield Float64Array.from(x));
    for (let round = 1; ; round++) {
      const surrogate = labelSurrogate(known, classes) as LogisticModel;
      const sign = Math.floor(round / PERIOD) % 2 === 0 ? 1 : -1;
      const from = known.length > RESERVOIR ? random.shuffle([...known]).slice(0, RESERVOIR) : [...known];
      for (const o of from) {
        const gradient = surrogate.inputGradient(o.x, o.label);
        const x = Float64Array.from(o.x);
        for (const j of domain.numeric) x[j] = x[j]! + sign * STEP * (domain.max[j]! - domain.min[j]!) * Math.sign(gradient[j]!);
        known.push(yield domain.clamp(x));
      }
    }
  },
  surrogate: (observations, { classes }) => labelSurrogate(observations, classes),
};
