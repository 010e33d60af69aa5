import type { PreparedRequest } from './request.js';
import type { CompiledPolicySet } from './policy-set.js';
import type { PrincipalMatch } from './principal.js';
import type { Hit } from './evaluate.js';
import type { StatementRef } from './types.js';

/** One line per policy type for people: what it contributed to the decision. */

export interface ExplainInput {
  req: PreparedRequest;
  denies: Hit[];
  identityAllows: Hit[];
  boundaryAllows: Hit[];
  sessionAllows: Hit[];
  resourceAllows: Hit[];
  scpAllows: Hit[][];
  endpointAllows: Hit[][];
  set: CompiledPolicySet;
  sameAccount: boolean;
  hasIdentity: boolean;
  hasBoundary: boolean;
  scpApplies: boolean;
  rcpApplies: boolean;
}

export function refText(r: StatementRef): string {
  return `${r.orgIdentifier ? `${r.orgIdentifier}/` : ''}${r.policyId}#${r.statementIndex}${r.sid ? ` (${r.sid})` : ''}`;
}

export function explain(x: ExplainInput): string[] {
  const lines: string[] = [];
  const list = (hits: Hit[]) => hits.map((h) => refText(h.st.ref) + (h.truth === true ? '' : ' [conditional]')).join(', ');
  const p = x.req.principal;
  lines.push(`principal: ${p.kind} ${p.id}${p.account ? ` (account ${p.account})` : ''}; resource account ${x.req.resourceAccount ?? 'unknown'}${x.req.resourceAccountAssumed ? ' (assumed: the caller\'s)' : ''}; ${x.sameAccount ? 'same account' : 'cross-account'}`);
  if (x.denies.length) lines.push(`deny: ${list(x.denies)}`);
  if (x.scpApplies) x.set.scp!.forEach((level, i) => lines.push(`scp ${level[0]?.orgIdentifier ?? i}: ${x.scpAllows[i]!.length ? `allowed by ${list(x.scpAllows[i]!)}` : 'no statement allows'}`));
  else if (x.set.scp) lines.push('scp: not applicable to this principal');
  if (x.set.rcp) lines.push(x.rcpApplies ? 'rcp: applies (only denies restrict; RCPFullAWSAccess allows the rest)' : `rcp: not applicable (${x.req.service} is not governed by RCPs, or the caller is a service-linked role)`);
  x.set.endpoint.forEach((e, i) => lines.push(`endpoint ${e.id}: ${x.endpointAllows[i]!.length ? `allowed by ${list(x.endpointAllows[i]!)}` : 'no statement allows'}`));
  if (x.hasIdentity) lines.push(`identity: ${x.identityAllows.length ? `allowed by ${list(x.identityAllows)}` : 'no statement allows'}`);
  if (x.hasBoundary) lines.push(`boundary: ${x.boundaryAllows.length ? `allowed by ${list(x.boundaryAllows)}` : 'no statement allows'}`);
  if (x.hasIdentity && x.set.session) lines.push(`session: ${x.sessionAllows.length ? `allowed by ${list(x.sessionAllows)}` : 'no statement allows'}`);
  if (x.set.resource) {
    const by = (g: PrincipalMatch) => x.resourceAllows.filter((h) => h.grant === g);
    const who = { principal: 'the caller', wildcard: 'everyone', role: 'its role', account: 'its account' } as const;
    const parts = (['principal', 'wildcard', 'role', 'account'] as const).filter((g) => by(g).length).map((g) => `${who[g]} by ${list(by(g))}`);
    lines.push(`resource: ${parts.length ? `allows ${parts.join('; ')}` : 'no statement allows'}`);
  }
  return lines;
}
