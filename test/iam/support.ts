import { evaluate, type EvaluateOptions } from '../../src/iam/evaluate/evaluate.js';
import type { ContextValue } from '../../src/iam/evaluate/request.js';
import type { EvaluationResult } from '../../src/iam/evaluate/types.js';
import { parseCase } from '../../src/iam/simulate/case.js';

export const ACCOUNT = '111122223333';
export const OTHER = '444455556666';
export const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/DataScientist`;
export const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/DataScientist/alice`;
export const BUCKET = 'arn:aws:s3:::ml-training-data';
export const OBJECT = `${BUCKET}/datasets/train.csv`;

type Doc = Record<string, unknown>;

/** A policy document from statements. */
export const doc = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });

/** Evaluates a case document (the `iam simulate` shape). */
export function decide(c: Doc, options: EvaluateOptions = {}): EvaluationResult {
  const parsed = parseCase(c);
  return evaluate(parsed.request, parsed.policies, { explain: true, ...options });
}

/** Whether one identity statement with this condition allows alice's s3:GetObject in this context. */
export function conditionHolds(condition: Doc, context: Record<string, ContextValue>, version = '2012-10-17'): boolean {
  const r = decide(
    {
      request: { principal: USER, action: 's3:GetObject', resource: OBJECT, resourceAccount: ACCOUNT, context },
      identityPolicies: [{ Version: version, Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }] }],
    },
    { deriveContext: false },
  );
  return r.decision === 'Allowed';
}
