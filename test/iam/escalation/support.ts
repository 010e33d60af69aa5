import { findEscalations, type EscalationOptions, type EscalationPath, type EscalationReport } from '../../../src/iam/escalation/search.js';
import { parseWorld } from '../../../src/iam/escalation/read-world.js';

/** Small IAM worlds for escalation tests, written as the world JSON the CLI reads. */

export const ACCT = '111122223333';
export const OTHER = '444455556666';
type Doc = Record<string, unknown>;

export const doc = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
export const allow = (Action: string | string[], Resource: string | string[] = '*', Condition?: Doc): Doc => ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) });
export const deny = (Action: string | string[], Resource: string | string[] = '*', Condition?: Doc): Doc => ({ Effect: 'Deny', Action, Resource, ...(Condition ? { Condition } : {}) });
export const trusts = (service: string): Doc => doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
export const trustsArn = (arn: string): Doc => doc({ Effect: 'Allow', Principal: { AWS: arn }, Action: 'sts:AssumeRole' });
export const ADMIN = doc(allow('*'));

export const userArn = (name: string, account = ACCT) => `arn:aws:iam::${account}:user/${name}`;
export const roleArn = (name: string, account = ACCT) => `arn:aws:iam::${account}:role/${name}`;
export const notebookArn = (name: string) => `arn:aws:sagemaker:eu-west-1:${ACCT}:notebook-instance/${name}`;

export const user = (name: string, policies: Doc[], extra: Doc = {}): Doc => ({ arn: userArn(name), policies, ...extra });
export const role = (name: string, trust: Doc | undefined, policies: Doc[], extra: Doc = {}): Doc => ({ arn: roleArn(name), ...(trust ? { trustPolicy: trust } : {}), policies, ...extra });

/** The strong role most tests try to reach: SageMaker may assume it, and it may do anything. */
export const mlAdmin = (): Doc => role('ml-admin', trusts('sagemaker.amazonaws.com'), [ADMIN]);

export function search(world: Doc, options: EscalationOptions = {}): EscalationReport {
  return findEscalations(parseWorld({ region: 'eu-west-1', ...world }), options);
}

/** Paths from `from` (a name such as user/alice). */
export function pathsFrom(world: Doc, from: string, options: EscalationOptions = {}): EscalationPath[] {
  return search(world, { ...options, from: [from] }).paths;
}

/** The path from `from` to the principal labelled `to` (unchanged), if any. */
export function pathTo(world: Doc, from: string, to: string): EscalationPath | undefined {
  return pathsFrom(world, from).find((p) => p.target.label === to);
}
