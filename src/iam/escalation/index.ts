// Privilege-escalation paths over an IAM world, every edge decided by the evaluator.
export { findEscalations, type EscalationOptions, type EscalationPath, type EscalationReport, type PathStep } from './search.js';
export type { StepAction } from './edges.js';
export type { Grant } from './ask.js';
export { TECHNIQUES, COMPOSED_PATHS, RESOURCE_TEMPLATES, ADMIN_POLICY_ARN, type Technique } from './techniques.js';
export { parseWorld, parseWorldText, readWorldFile, isWorldDocument } from './read-world.js';
export { principalParts, workloadRole, shortName, type IamWorld, type WorldPrincipal, type WorldGroup, type WorldPolicy, type WorldResource, type WorldSource } from './world.js';
export { actionText, pathSummary, resourceText, stepLine } from './render.js';
export { worldFromInventory } from './from-inventory.js';
export { loadWorld, mergeWorlds, type LoadedWorld } from './load.js';
