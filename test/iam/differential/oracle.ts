// The oracle of the differential test: @cloud-copilot/iam-simulate (AGPL-3.0, a dev dependency
// used only here and in bench/, never shipped). Its validating entry point is used because it
// applies session and VPC endpoint policies, and because it drops context keys that do not
// apply to the action, as AWS would never send them; the same keys are dropped on our side.
import { anonymousPrincipal, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { CaseDoc } from './generate.js';

export interface OracleAnswer {
  decision?: 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';
  error?: string;
  ignoredContextKeys: string[];
}

export function toSimulation(c: CaseDoc): Simulation {
  const sim: Simulation = {
    request: {
      principal: c.request.principal === 'anonymous' ? anonymousPrincipal : c.request.principal,
      action: c.request.action,
      resource: { resource: c.request.resource, accountId: c.request.resourceAccount },
      contextVariables: c.request.context,
    },
    identityPolicies: c.identityPolicies,
    serviceControlPolicies: c.serviceControlPolicies ?? [],
    resourceControlPolicies: c.resourceControlPolicies ?? [],
  };
  if (c.resourcePolicy) sim.resourcePolicy = c.resourcePolicy;
  if (c.permissionBoundaries) sim.permissionBoundaryPolicies = c.permissionBoundaries;
  if (c.endpointPolicies) sim.vpcEndpointPolicies = c.endpointPolicies;
  if (c.sessionPolicy) sim.sessionPolicy = c.sessionPolicy;
  return sim;
}

export async function askOracle(c: CaseDoc): Promise<OracleAnswer> {
  const result = await runSimulation(toSimulation(c), {});
  if (result.resultType === 'error') return { error: result.errors.message + ' ' + JSON.stringify(result.errors).slice(0, 400), ignoredContextKeys: [] };
  const ignored = result.resultType === 'single' ? (result.result.ignoredContextKeys ?? []) : [];
  return { decision: result.overallResult, ignoredContextKeys: ignored };
}
