import type { StepAction } from './edges.js';
import type { EscalationPath, PathStep } from './search.js';

/**
 * Escalation paths as plain text for people and finding messages: who acts, the requests it
 * makes (action on resource, and any condition the grant depends on), and what it gains.
 */

/** The short form of an ARN in a step: `notebook-instance/ringfence-probe`, `role/Admin`. */
export function resourceText(arn: string): string {
  if (arn === '*') return '*';
  const parts = arn.split(':');
  if (parts.length < 6) return arn;
  const rest = parts.slice(5).join(':');
  return parts[2] === 's3' ? `s3://${rest}` : rest;
}

export function actionText(a: StepAction): string {
  const who = a.principal ? `${a.principal} ` : '';
  const ctx = a.context ? ` (${Object.entries(a.context).map(([k, v]) => `${k}=${v}`).join(', ')})` : '';
  const when = a.conditions ? ` [${a.grant === 'attacker' ? 'attacker sends' : 'only when'}: ${a.conditions}]` : '';
  return `${who}${a.action} on ${resourceText(a.resource)}${ctx}${when}${a.optional ? ' (optional)' : ''}`;
}

/** One step in one line: `user/alice: iam:PassRole on role/X + sagemaker:CreateTrainingJob on … → role/X`. */
export function stepLine(s: PathStep): string {
  return `${s.from}: ${s.actions.map(actionText).join(' + ')} → ${s.to}`;
}

/** A path in one paragraph, for finding messages. */
export function pathSummary(p: EscalationPath): string {
  const steps = p.steps.map((s, i) => `(${i + 1}) ${stepLine(s)}`).join(' ');
  const what = p.adminEquivalent ? 'an admin-equivalent principal' : 'a stronger principal';
  return `${p.source.label} can become ${p.target.label}, ${what}, in ${p.steps.length} step${p.steps.length === 1 ? '' : 's'}: ${steps}. ${p.evidence}.${p.conditional ? ' Some requests are allowed only under the conditions shown.' : ''}`;
}
