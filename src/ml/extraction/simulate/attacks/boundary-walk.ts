import { labelSurrogate } from './label-surrogate.js';
import type { ExtractionAttack, Observation } from './types.js';

/**
 * Boundary walking with line searches (after Lowd & Meek 2005, "Adversarial Learning"): take two
 * natural inputs the model labels differently, bisect the segment between them to a point just on
 * one side of the decision boundary, then from that point search along each feature in turn —
 * doubling steps until the label flips, then bisecting — which traces where the boundary crosses
 * every axis. Repeats from new pairs. Every search query differs from the anchor in one feature
 * and lands near the boundary; the surrogate is a logistic regression on all labels seen.
 */
const BISECTIONS = 10;
const AXIS_BISECTIONS = 6;
const FIRST_STEP = 0.02;

export const boundaryWalk: ExtractionAttack = {
  name: 'boundary-walk',
  description: 'Lowd & Meek-style line searches: bisect to the boundary, then search along each feature',
  *run({ domain, pool, random }) {
    const order = random.shuffle(pool.map((_, i) => i));
    let next = 0;
    const natural = function* (): Generator<Float64Array, Observation | undefined, Observation> {
      if (next >= order.length) return undefined;
      return yield Float64Array.from(pool[order[next++]!]!);
    };
    for (;;) {
      // Two natural inputs with different labels.
      const a = yield* natural();
      if (!a) return;
      let b: Observation | undefined;
      while (!b || b.label === a.label) {
        b = yield* natural();
        if (!b) return;
      }
      // Bisect the segment: numbers interpolate, categories switch from a's to b's half-way.
      let lo = { o: a, t: 0 };
      let hi = { o: b, t: 1 };
      for (let s = 0; s < BISECTIONS; s++) {
        const t = (lo.t + hi.t) / 2;
        const x = Float64Array.from(t < 0.5 ? a.x : b.x);
        for (const j of domain.numeric) x[j] = a.x[j]! + t * (b.x[j]! - a.x[j]!);
        const o: Observation = yield x;
        if (o.label === a.label) lo = { o, t };
        else hi = { o, t };
      }
      const anchor = lo.o;
      for (const j of random.shuffle([...domain.numeric])) {
        const range = domain.max[j]! - domain.min[j]!;
        search: for (const direction of [1, -1]) {
          let inside = 0;
          for (let t = FIRST_STEP * range; t <= range; t *= 2) {
            const value = anchor.x[j]! + direction * t;
            if (value < domain.min[j]! || value > domain.max[j]!) break;
            const x = Float64Array.from(anchor.x);
            x[j] = value;
            const o: Observation = yield x;
            if (o.label === anchor.label) {
              inside = t;
              continue;
            }
            let near = inside;
            let far = t;
            for (let s = 0; s < AXIS_BISECTIONS; s++) {
              const m = (near + far) / 2;
              const y = Float64Array.from(anchor.x);
              y[j] = anchor.x[j]! + direction * m;
              const p: Observation = yield y;
              if (p.label === anchor.label) near = m;
              else far = m;
            }
            break search;
          }
        }
      }
    }
  },
  surrogate: (observations, { classes }) => labelSurrogate(observations, classes),
};
