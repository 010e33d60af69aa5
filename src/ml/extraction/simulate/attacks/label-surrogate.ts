import { fitLogistic, type LogisticModel } from '../../../models/logistic.js';
import type { Observation } from './types.js';

/** A logistic regression trained on the predicted labels of the observations (Papernot's setting). */
export function labelSurrogate(observations: readonly Observation[], classes: number): LogisticModel {
  return fitLogistic(
    observations.map((o) => o.x),
    observations.map((o) => o.label),
    { classes, l2: 1e-3, maxIterations: 200 },
  );
}
