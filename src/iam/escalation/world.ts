import type { OrgPolicies } from '../evaluate/policy-set.js';
import type { Policy } from '../policy/types.js';

/**
 * The IAM world the escalation search runs over: the principals of one or more accounts with
 * every policy that decides what they may do, the groups users belong to, the workloads that run
 * with a role (notebooks, Studio profiles, functions, instances, …) and the organization's SCPs.
 * It is built from an inventory (infrastructure code or a live snapshot) or read from a JSON file
 * (`readWorld`); the search itself only reads this structure.
 */

/** An identity policy as attached: a managed policy has an ARN (CreatePolicyVersion can target it). */
export interface WorldPolicy {
  policy: Policy;
  /** For managed policies. AWS-managed ones (`arn:aws:iam::aws:policy/…`) cannot be changed. */
  arn?: string;
  /** Stored versions that are not the default (SetDefaultPolicyVersion can switch to them). */
  otherVersions?: Policy[];
}

/** Where a principal or resource was defined, for findings. */
export interface WorldSource {
  /** Inventory resource key, when it came from an inventory. */
  key?: string;
  /** Inventory resource id (CloudFormation logical id, Terraform address). */
  id?: string;
  type?: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface WorldPrincipal {
  /** `arn:aws:iam::ACCOUNT:user/NAME` or `arn:aws:iam::ACCOUNT:role/PATH/NAME`. */
  arn: string;
  kind: 'user' | 'role';
  account: string;
  partition: string;
  /** The last part of the ARN. */
  name: string;
  policies: WorldPolicy[];
  permissionsBoundary?: Policy;
  /** The ARN of the boundary policy, when known (the `iam:PermissionsBoundary` condition key). */
  permissionsBoundaryArn?: string;
  /** Roles: who may assume the role. */
  trustPolicy?: Policy;
  /** Users: the ARNs of their groups. */
  groups: string[];
  tags: Readonly<Record<string, string>>;
  source?: WorldSource;
}

export interface WorldGroup {
  arn: string;
  name: string;
  account: string;
  policies: WorldPolicy[];
}

/**
 * A resource that runs with a role, named with CloudFormation's type names:
 * `AWS::SageMaker::NotebookInstance` (roleArn, lifecycleConfigArn), `AWS::SageMaker::Domain`
 * (roleArn: the default execution role), `AWS::SageMaker::UserProfile` (roleArn, else the domain's),
 * `AWS::Lambda::Function`, `AWS::EC2::Instance` (the role of its instance profile), `AWS::Glue::Job`,
 * `AWS::Glue::DevEndpoint`, `AWS::CodeBuild::Project`, `AWS::CloudFormation::Stack`,
 * `AWS::CloudFormation::StackSet`, `AWS::AppRunner::Service`, `AWS::BedrockAgentCore::CodeInterpreter`.
 */
export interface WorldResource {
  type: string;
  arn: string;
  roleArn?: string;
  /** Undefined when not known (conditions on resource tags then stay open). */
  tags?: Readonly<Record<string, string>>;
  /** Notebook instances: the lifecycle configuration attached to it. */
  lifecycleConfigArn?: string;
  source?: WorldSource;
}

export interface IamWorld {
  principals: WorldPrincipal[];
  groups: WorldGroup[];
  resources: WorldResource[];
  /** SCPs, root first: they apply to the principals of `organizationAccounts` (all accounts when absent). */
  serviceControlPolicies?: OrgPolicies<Policy>[];
  organizationAccounts?: string[];
  /** The organization id, when known (the `aws:PrincipalOrgID` condition key). */
  organizationId?: string;
  /** The region new resources are created in (witness ARNs); default us-east-1. */
  region?: string;
  /** What the world could not model (an unknown managed policy, an unresolved reference). */
  gaps?: string[];
}

/** The parts of an IAM user or role ARN; undefined when it is not one. */
export function principalParts(arn: string): { kind: 'user' | 'role'; account: string; partition: string; name: string } | undefined {
  const m = /^arn:([\w-]+):iam::(\d{12}):(user|role)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, account: m[2]!, kind: m[3] as 'user' | 'role', name: m[4]! };
}

/** The role a workload runs with: a Studio user profile without its own takes its domain's default. */
export function workloadRole(world: IamWorld, resource: WorldResource): string | undefined {
  if (resource.roleArn) return resource.roleArn;
  if (resource.type !== 'AWS::SageMaker::UserProfile') return undefined;
  const domain = domainOfProfile(world, resource);
  return domain?.roleArn;
}

/** `…:user-profile/d-abc/name` belongs to `…:domain/d-abc`. */
export function domainOfProfile(world: IamWorld, profile: WorldResource): WorldResource | undefined {
  const m = /^(arn:[^:]+:sagemaker:[^:]*:\d{12}):user-profile\/([^/]+)\//.exec(profile.arn);
  if (!m) return undefined;
  const domainArn = `${m[1]}:domain/${m[2]}`;
  return world.resources.find((r) => r.type === 'AWS::SageMaker::Domain' && r.arn === domainArn);
}

/** A short readable name: `user/alice`, `role/SageMakerAdmin` (with the account when several exist). */
export function shortName(arn: string, withAccount = false): string {
  const p = principalParts(arn);
  if (!p) return arn;
  return withAccount ? `${p.account}:${p.kind}/${p.name}` : `${p.kind}/${p.name}`;
}
