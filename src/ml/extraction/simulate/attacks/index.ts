import { boundaryWalk } from './boundary-walk.js';
import { equationSolving } from './equation-solving.js';
import { jacobian } from './jacobian.js';
import { randomProbing } from './random-probing.js';
import type { AttackName, ExtractionAttack } from './types.js';

export const ATTACKS: Readonly<Record<AttackName, ExtractionAttack>> = {
  'equation-solving': equationSolving,
  jacobian,
  'random-probing': randomProbing,
  'boundary-walk': boundaryWalk,
};

export type { AttackContext, AttackName, ExtractionAttack, Observation } from './types.js';
