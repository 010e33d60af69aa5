import { parseCase } from '../../../src/iam/simulate/case.js';
import { evaluate } from '../../../src/iam/evaluate/evaluate.js';
import type { EvaluationResult } from '../../../src/iam/evaluate/types.js';
import type { CaseDoc } from './generate.js';

/** Our answer to a generated case, with the context keys the oracle dropped dropped here too. */
export function askOurs(c: CaseDoc, ignoredContextKeys: readonly string[] = []): EvaluationResult {
  const drop = new Set(ignoredContextKeys.map((k) => k.toLowerCase()));
  const context = Object.fromEntries(Object.entries(c.request.context).filter(([k]) => !drop.has(k.toLowerCase())));
  const parsed = parseCase({ ...c, request: { ...c.request, context } });
  // The oracle derives no context keys from the caller; the generated context carries them.
  return evaluate(parsed.request, parsed.policies, { deriveContext: false, explain: true });
}
