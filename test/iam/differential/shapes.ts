import { defaultCatalog } from '../../../src/iam/catalog/index.js';
import type { CaseDoc } from './generate.js';

/**
 * The case shapes on which the oracle (@cloud-copilot/iam-simulate) and ringfence disagree for a
 * documented reason. The differential test skips exactly these shapes and counts them; each has
 * a test in explained-disagreements.test.ts that fixes ringfence's behaviour to what the AWS
 * documentation cited here says, and shows the oracle answering otherwise.
 */
export interface Shape {
  name: string;
  /** The AWS documentation that decides it, quoted. */
  decidedBy: string;
  /** `ignored`: context keys the oracle dropped as not applying to the action. */
  applies(c: CaseDoc, ignored: readonly string[]): boolean;
}

type Doc = Record<string, unknown>;
const statementsOf = (policy: unknown): Doc[] => {
  const s = (policy as Doc | undefined)?.Statement;
  return s === undefined ? [] : ((Array.isArray(s) ? s : [s]) as Doc[]);
};
const allPolicies = (c: CaseDoc): unknown[] => [
  ...c.identityPolicies.map((p) => p.policy),
  c.resourcePolicy,
  ...(c.endpointPolicies ?? []).map((p) => p.policy),
  ...(c.permissionBoundaries ?? []).map((p) => p.policy),
  ...(c.serviceControlPolicies ?? []).flatMap((l) => l.policies.map((p) => p.policy)),
  ...(c.resourceControlPolicies ?? []).flatMap((l) => l.policies.map((p) => p.policy)),
  c.sessionPolicy,
];
const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string]);

/** The identities AWS checks for a caller, from its account down to itself. */
function chain(principal: string): string[][] {
  const m = /^arn:aws:(iam|sts)::(\d{12}):(.*)$/.exec(principal);
  if (!m) return [];
  const [, , account, rest] = m;
  const accountNames = [account!, `arn:aws:iam::${account}:root`];
  if (rest!.startsWith('assumed-role/')) {
    const role = rest!.split('/')[1];
    return [accountNames, [`arn:aws:iam::${account}:role/${role}`], [principal]];
  }
  if (rest === 'root') return [accountNames];
  return [accountNames, [principal]];
}

export const SHAPES: Shape[] = [
  {
    name: 'rcp-on-service-without-rcp-support',
    decidedBy:
      'AWS Organizations User Guide, "Resource control policies (RCPs)": "RCPs apply to resources for a subset of AWS services" (see "List of AWS services that support RCPs"). The oracle applies RCPs to every service; ringfence only to the services the catalog lists.',
    applies: (c) => c.resourceControlPolicies !== undefined && !defaultCatalog().rcpServices().has(c.request.action.split(':')[0]!.toLowerCase()),
  },
  {
    name: 'root-user',
    decidedBy:
      'IAM User Guide, "Policy evaluation logic": "By default, all requests are implicitly denied with the exception of the AWS account root user, which has full access." The oracle gives the root user no permissions of its own.',
    applies: (c) => /^arn:aws:iam::\d{12}:root$/.test(c.request.principal),
  },
  {
    name: 'notprincipal-names-part-of-the-caller',
    decidedBy:
      'IAM User Guide, "AWS JSON policy elements: NotPrincipal": "When you use NotPrincipal with Deny, you must also specify the account ARN of the not-denied principal. Otherwise, the policy might deny access to the entire account containing the principal ... AWS might validate the account first, then the role, and then the assumed-role user." ringfence exempts a caller only when its account, role and itself are all listed; the oracle exempts it when any of them is.',
    applies: (c) => {
      const ids = chain(c.request.principal);
      if (ids.length === 0) return false;
      return statementsOf(c.resourcePolicy).some((s) => {
        const np = s.NotPrincipal as Doc | string | undefined;
        if (np === undefined || np === '*') return false;
        const names = new Set(list((np as Doc).AWS));
        const listed = ids.filter((alternatives) => alternatives.some((n) => names.has(n))).length;
        return listed > 0 && listed < ids.length;
      });
    },
  },
  {
    name: 'date-in-epoch-seconds',
    decidedBy:
      'IAM User Guide, "Condition operators", Date: "You must specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time" — UNIX time counts seconds (aws:EpochTime, "IAM global condition context keys"). The oracle reads an integer as milliseconds.',
    applies: (c) =>
      allPolicies(c).some((p) =>
        statementsOf(p).some((s) =>
          Object.entries((s.Condition as Record<string, Record<string, unknown>>) ?? {}).some(
            ([op, block]) => /date/i.test(op) && Object.values(block).some((v) => list(v).some((x) => /^\d+$/.test(String(x)))),
          ),
        ),
      ),
  },
  {
    name: 'foranyvalue-ifexists-absent-key',
    decidedBy:
      'IAM User Guide, "Condition operators", ...IfExists: "You can add IfExists to the end of any condition operator name except the Null condition ... If the key is not present, evaluate the condition element as true." ringfence applies this to ForAnyValue:…IfExists too; the oracle returns false for ForAnyValue whenever the key is absent.',
    applies: (c, ignored) => {
      const dropped = new Set(ignored.map((k) => k.toLowerCase()));
      const present = new Set(Object.keys(c.request.context).map((k) => k.toLowerCase()).filter((k) => !dropped.has(k)));
      return allPolicies(c).some((p) =>
        statementsOf(p).some((s) =>
          Object.entries((s.Condition as Record<string, Record<string, unknown>>) ?? {}).some(
            ([op, block]) => /^foranyvalue:.*ifexists$/i.test(op) && Object.keys(block).some((k) => !present.has(k.toLowerCase())),
          ),
        ),
      );
    },
  },
  {
    name: 'session-arn-grant-beyond-session-policy',
    decidedBy:
      'IAM User Guide, "Policy evaluation logic", resource-based policies: "IAM role session – Within the same account, resource-based policies that grant permissions to an IAM role session ARN grant permissions directly to the assumed role session. Permissions granted directly to a session are not limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy." The oracle lets a session policy that does not allow deny such a grant.',
    applies: (c) => {
      const m = /^arn:aws:sts::(\d{12}):assumed-role\//.exec(c.request.principal);
      if (!m || !c.sessionPolicy || m[1] !== c.request.resourceAccount) return false;
      return statementsOf(c.resourcePolicy).some((s) => s.Effect === 'Allow' && typeof s.Principal === 'object' && list((s.Principal as Doc).AWS).includes(c.request.principal));
    },
  },
  {
    name: 'ip-without-prefix-other-family',
    decidedBy:
      'IAM User Guide, "Condition operators", IP address: "If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32", so 203.0.113.7 is the range 203.0.113.7/32 and an IPv6 address lies outside it: NotIpAddress is true. The oracle compares a bare address by text and answers false for an address of the other family.',
    applies: (c, ignored) => {
      const ip = c.request.context['aws:SourceIp'];
      if (typeof ip !== 'string' || ignored.includes('aws:SourceIp')) return false;
      const v6 = ip.includes(':');
      return allPolicies(c).some((p) =>
        statementsOf(p).some((s) =>
          Object.entries((s.Condition as Record<string, Record<string, unknown>>) ?? {}).some(
            ([op, block]) => /ipaddress/i.test(op) && list(block['aws:SourceIp']).some((v) => !String(v).includes('/') && String(v).includes(':') !== v6),
          ),
        ),
      );
    },
  },
];

export function shapesOf(c: CaseDoc, ignored: readonly string[] = []): string[] {
  return SHAPES.filter((s) => s.applies(c, ignored)).map((s) => s.name);
}
