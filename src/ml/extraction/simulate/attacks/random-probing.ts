import { labelSurrogate } from './label-surrogate.js';
import type { ExtractionAttack } from './types.js';

/** Uniform random probing: inputs drawn uniformly over the feature domain, a surrogate on their labels. */
export const randomProbing: ExtractionAttack = {
  name: 'random-probing',
  description: 'uniformly random queries over the feature domain; logistic surrogate on the labels',
  *run({ domain, random }) {
    for (;;) yield domain.sample(random);
  },
  surrogate: (observations, { classes }) => labelSurrogate(observations, classes),
};
