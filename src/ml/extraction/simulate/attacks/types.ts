import type { Random } from '../../../models/random.js';
import type { Classifier } from '../../../models/types.js';
import type { FeatureDomain } from '../domain.js';

export interface AttackContext {
  domain: FeatureDomain;
  classes: number;
  /** Natural rows the attacker owns (held out from training): seeds and starting points. */
  pool: readonly Float64Array[];
  random: Random;
}

/** One answered query: the input, the returned probabilities and the predicted class. */
export interface Observation {
  x: Float64Array;
  probs: Float64Array;
  label: number;
}

export type AttackName = 'equation-solving' | 'jacobian' | 'random-probing' | 'boundary-walk';

export interface ExtractionAttack {
  readonly name: AttackName;
  readonly description: string;
  /**
   * The attacker's queries, chosen adaptively: the generator yields an input and is resumed with
   * the model's answer to it.
   */
  run(context: AttackContext): Generator<Float64Array, void, Observation>;
  /** The surrogate the attacker builds from its observations so far. */
  surrogate(observations: readonly Observation[], context: AttackContext): Classifier;
}
