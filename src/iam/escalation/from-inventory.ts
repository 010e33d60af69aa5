import type { Inventory } from '../../core/inventory.js';
import type { Resource } from '../../core/resource.js';
import { getPath, type Value } from '../../core/value.js';
import { groupsOf, managedAttachments, policyDocuments } from '../inventory/attachments.js';
import { awsManagedPolicyName } from '../inventory/aws-managed-policies.js';
import type { BoundedPolicy } from '../inventory/bounded-policy.js';
import { iamWorld, type WorldOptions } from '../inventory/world.js';
import type { SymbolTable } from '../inventory/symbols.js';
import { principalParts, type IamWorld, type WorldGroup, type WorldPolicy, type WorldPrincipal, type WorldResource, type WorldSource } from './world.js';

/**
 * The escalation world of an inventory (infrastructure code or a live snapshot), from the IAM
 * view src/iam/inventory builds: its roles and users with their policies, trust policies and
 * boundaries, the groups users belong to, and the workloads that run with a role. Policies take
 * their lower bound (what they surely grant): a value unknown until deployment never creates a
 * path, and is reported as a gap instead.
 */

/** Workload types, the property that names their role, and how their ARN is written. */
const WORKLOADS: readonly { type: string; role: string; arn: (name: string, w: Ctx) => string; name?: string }[] = [
  { type: 'AWS::SageMaker::NotebookInstance', role: 'RoleArn', name: 'NotebookInstanceName', arn: (n, c) => c.regional('sagemaker', `notebook-instance/${n.toLowerCase()}`) },
  { type: 'AWS::SageMaker::Domain', role: 'DefaultUserSettings.ExecutionRole', arn: (n, c) => c.regional('sagemaker', `domain/${n}`) },
  { type: 'AWS::SageMaker::UserProfile', role: 'UserSettings.ExecutionRole', name: 'UserProfileName', arn: (n, c) => c.regional('sagemaker', `user-profile/${c.domainId}/${n.toLowerCase()}`) },
  { type: 'AWS::Lambda::Function', role: 'Role', name: 'FunctionName', arn: (n, c) => c.regional('lambda', `function:${n}`) },
  { type: 'AWS::CodeBuild::Project', role: 'ServiceRole', name: 'Name', arn: (n, c) => c.regional('codebuild', `project/${n}`) },
  { type: 'AWS::Glue::Job', role: 'Role', name: 'Name', arn: (n, c) => c.regional('glue', `job/${n}`) },
  { type: 'AWS::Glue::DevEndpoint', role: 'RoleArn', name: 'EndpointName', arn: (n, c) => c.regional('glue', `devEndpoint/${n}`) },
  { type: 'AWS::AppRunner::Service', role: 'InstanceConfiguration.InstanceRoleArn', name: 'ServiceName', arn: (n, c) => c.regional('apprunner', `service/${n}/{id}`) },
  { type: 'AWS::EC2::Instance', role: 'IamInstanceProfile', arn: (n, c) => c.regional('ec2', `instance/${n}`) },
];

interface Ctx {
  regional: (service: string, resource: string) => string;
  domainId: string;
}

export function worldFromInventory(inventory: Inventory, options: WorldOptions = {}): IamWorld {
  const iw = iamWorld(inventory, options);
  const symbols = iw.symbols;
  const { account, region } = iw.placeholders;
  const gaps: string[] = [];
  const text = (v: Value | undefined): string | undefined => {
    const t = symbols.text(v);
    return 'text' in t ? t.text : undefined;
  };

  const principals: WorldPrincipal[] = [];
  const defined = new Map<string, string>();
  const groups = new Map<string, WorldGroup>();
  for (const p of iw.principals) {
    if (p.kind !== 'role' && p.kind !== 'user') continue;
    const parts = principalParts(p.arn);
    if (!parts) {
      gaps.push(`${p.label}: its ARN (${p.arn}) is not known, so no path through it is searched`);
      continue;
    }
    // The same principal defined twice (a CloudFormation and a Terraform twin): one of them is searched.
    const first = defined.get(p.arn);
    if (first !== undefined) {
      gaps.push(`${p.arn} is defined more than once (${first}, ${p.label}): only the first is searched`);
      continue;
    }
    defined.set(p.arn, p.label);
    const wp: WorldPrincipal = {
      arn: p.arn,
      ...parts,
      policies: p.identity.map((b) => worldPolicy(b, symbols)),
      groups: [],
      tags: p.resource ? tagsOf(p.resource, symbols) : {},
    };
    const boundary = p.boundary[0];
    if (boundary) {
      wp.permissionsBoundary = boundary.lower;
      const arn = managedArn(boundary, symbols);
      if (arn) wp.permissionsBoundaryArn = arn;
    }
    if (p.kind === 'role') {
      const trust = iw.resourcePolicy(p.arn);
      if (trust) wp.trustPolicy = trust.lower;
    }
    if (p.resource) {
      wp.source = sourceOf(p.resource);
      if (p.kind === 'user') {
        for (const g of groupsOf(p.resource, inventory, symbols)) {
          const group = groupOf(g, iw.policies, symbols, inventory);
          if (!group) continue;
          groups.set(group.arn, group);
          wp.groups.push(group.arn);
        }
      }
    }
    for (const b of [...p.identity, ...p.boundary]) for (const gap of b.gaps) gaps.push(`${b.origin.label}: ${gap.reason}`);
    principals.push(wp);
  }

  const byName = new Map(principals.filter((p) => p.kind === 'role').map((p) => [p.name, p.arn]));
  const roleArn = (v: Value | undefined, r: Resource, path: string): string | undefined => {
    const t = text(v);
    if (t === undefined) {
      if (v !== undefined) gaps.push(`${r.type} ${r.id} ${path}: the role is not known`);
      return undefined;
    }
    if (principalParts(t)?.kind === 'role') return t;
    return byName.get(t);
  };

  const resources: WorldResource[] = [];
  for (const spec of WORKLOADS) {
    for (const r of inventory.ofType(spec.type)) {
      const ctx: Ctx = {
        regional: (service, resource) => `arn:aws:${service}:${region}:${account}:${resource}`,
        domainId: domainIdOf(text(r.properties['DomainId'])),
      };
      const name = (spec.name ? text(r.properties[spec.name]) : undefined) ?? `{${r.id}}`;
      const fromSymbols = spec.type === 'AWS::SageMaker::NotebookInstance' ? symbols.arnOf(r) : undefined;
      const arn = r.arn ?? (fromSymbols && 'text' in fromSymbols ? fromSymbols.text : spec.arn(name, ctx));
      const w: WorldResource = { type: spec.type, arn, tags: tagsOf(r, symbols), source: sourceOf(r) };
      const role = spec.type === 'AWS::EC2::Instance' ? instanceProfileRole(r, inventory, symbols, byName) : roleArn(getPath(r.properties, spec.role), r, spec.role);
      if (role) w.roleArn = role;
      if (spec.type === 'AWS::SageMaker::NotebookInstance') {
        const lcc = text(r.properties['LifecycleConfigName']);
        if (lcc) w.lifecycleConfigArn = `arn:aws:sagemaker:${region}:${account}:notebook-instance-lifecycle-config/${lcc.toLowerCase()}`;
      }
      if (w.roleArn || spec.type === 'AWS::SageMaker::Domain' || spec.type === 'AWS::SageMaker::UserProfile') resources.push(w);
    }
  }
  for (const g of iw.gaps) if (!g.resource) gaps.push(g.gap.reason);
  return { principals, groups: [...groups.values()], resources, region, gaps: [...new Set(gaps)] };
}

/** `{StudioDomain.DomainId}` and `{StudioDomain}` name the same domain. */
function domainIdOf(text: string | undefined): string {
  if (!text) return '{unknown-domain}';
  const m = /^\{([^.}]+)(\.\w+)?\}$/.exec(text);
  return m ? `{${m[1]}}` : text;
}

function worldPolicy(b: BoundedPolicy, symbols: SymbolTable): WorldPolicy {
  const arn = managedArn(b, symbols);
  return arn ? { policy: b.lower, arn } : { policy: b.lower };
}

/** The ARN of a managed policy: AWS-managed by name, customer managed from its resource. */
function managedArn(b: BoundedPolicy, symbols: SymbolTable): string | undefined {
  if (b.origin.awsManaged) return `arn:aws:iam::aws:policy/${b.origin.awsManaged}`;
  const r = b.origin.resource;
  if (r?.type !== 'AWS::IAM::ManagedPolicy') return undefined;
  const t = symbols.arnOf(r);
  return 'text' in t ? t.text : undefined;
}

/** A group with the policies the IAM view built for it (those of its inline and attached documents). */
function groupOf(g: Resource, policies: readonly BoundedPolicy[], symbols: SymbolTable, inventory: Inventory): WorldGroup | undefined {
  const arn = symbols.arnOf(g);
  if (!('text' in arn)) return undefined;
  const m = /^arn:[\w-]+:iam::(\d{12}):group\/(?:.*\/)?([^/]+)$/.exec(arn.text);
  if (!m) return undefined;
  const docs = new Set(policyDocuments(g, inventory).map((d) => `${d.owner.id}:${d.path}`));
  const managed = new Set(
    managedAttachments(g, inventory, symbols).map((a) => {
      if (a.target) return `${a.target.id}:PolicyDocument`;
      const name = a.arn ? awsManagedPolicyName(a.arn) : undefined;
      return name ? `aws-managed:${name}:identity` : '';
    }),
  );
  const own = policies.filter((p) => p.kind === 'identity' && (docs.has(p.origin.id) || managed.has(p.origin.id)));
  return { arn: arn.text, account: m[1]!, name: m[2]!, policies: own.map((p) => worldPolicy(p, symbols)) };
}

/** The role in the instance profile an EC2 instance names. */
function instanceProfileRole(r: Resource, inventory: Inventory, symbols: SymbolTable, byName: Map<string, string>): string | undefined {
  const profile = inventory.follow(r, 'IamInstanceProfile', 'AWS::IAM::InstanceProfile')[0];
  const roles = profile?.properties['Roles'];
  const first = Array.isArray(roles) ? roles[0] : undefined;
  if (first === undefined) return undefined;
  const t = symbols.text(first);
  if (!('text' in t)) return undefined;
  return principalParts(t.text)?.kind === 'role' ? t.text : byName.get(t.text);
}

function tagsOf(r: Resource, symbols: SymbolTable): Record<string, string> {
  const out: Record<string, string> = {};
  const tags = r.properties['Tags'];
  if (!Array.isArray(tags)) return out;
  for (const t of tags) {
    if (!t || typeof t !== 'object' || Array.isArray(t)) continue;
    const k = symbols.text((t as Record<string, Value>)['Key']);
    const v = symbols.text((t as Record<string, Value>)['Value']);
    if ('text' in k && 'text' in v) out[k.text] = v.text;
  }
  return out;
}

function sourceOf(r: Resource): WorldSource {
  const s: WorldSource = { key: r.key, id: r.id, type: r.type };
  if (r.location) Object.assign(s, { file: r.location.file, line: r.location.line, column: r.location.column });
  return s;
}
