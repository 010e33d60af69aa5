import { closestName } from './edit-distance.js';
import { KNOWN_RESOURCE_TYPES } from './resource-types.js';

// Which resource types ringfence models. Rules judge AWS services around ML workloads; a resource
// of another service still loads (it may be referenced), with a warning that no rule judges it.
// For the modelled services every CloudFormation type is known (resource-types.ts), so a type
// there that is not known is a typo CloudFormation would reject.

const MODELLED_SERVICES: readonly string[] = ['SageMaker', 'S3', 'IAM', 'KMS', 'EC2', 'CloudTrail', 'CloudWatch', 'Logs', 'ECR'];

/** Types that load without comment: custom resources, stack plumbing and CDK's own metadata. */
const QUIET_PREFIXES: readonly string[] = ['Custom::', 'AWS::CloudFormation::', 'AWS::CDK::'];

/** `Vendor::Service::Resource`, or a registry module `Vendor::Service::Resource::MODULE`. */
const TYPE_SHAPE = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(?:::MODULE)?$/;
/** `Custom::Name`; the name may also hold `_`, `@` and `-`. */
const CUSTOM_SHAPE = /^Custom::[A-Za-z0-9_@-]+$/;

/** Known types by the lower-cased service name, to catch a service written in the wrong case. */
const KNOWN_BY_SERVICE: ReadonlyMap<string, readonly string[]> = (() => {
  const byService = new Map<string, string[]>(MODELLED_SERVICES.map((s) => [s.toLowerCase(), []]));
  for (const type of KNOWN_RESOURCE_TYPES) byService.get(type.split('::')[1]!.toLowerCase())?.push(type);
  return byService;
})();

/** How the loader treats a resource type. */
export type TypeVerdict =
  | { kind: 'known' }
  | { kind: 'quiet' }
  | { kind: 'unmodelled' }
  /** CloudFormation has no such type: an error, with a hint when a known name is close. */
  | { kind: 'invalid'; message: string };

export function isModelledType(type: string): boolean {
  const [vendor, service] = type.split('::');
  return vendor === 'AWS' && service !== undefined && MODELLED_SERVICES.includes(service);
}

/** Templates repeat a few types thousands of times: judge each once (bounded, for hostile input). */
const verdicts = new Map<string, TypeVerdict>();

export function judgeResourceType(type: string): TypeVerdict {
  let verdict = verdicts.get(type);
  if (!verdict) {
    verdict = judge(type);
    if (verdicts.size < 10_000) verdicts.set(type, verdict);
  }
  return verdict;
}

function judge(type: string): TypeVerdict {
  if (CUSTOM_SHAPE.test(type)) return { kind: 'quiet' };
  if (!TYPE_SHAPE.test(type)) {
    return { kind: 'invalid', message: `resource type ${JSON.stringify(type)} is not of the form Vendor::Service::Resource${hint(type, KNOWN_RESOURCE_TYPES, 2)}` };
  }
  const [vendor, service, resource] = type.split('::') as [string, string, string];
  const known = vendor.toUpperCase() === 'AWS' ? KNOWN_BY_SERVICE.get(service.toLowerCase()) : undefined;
  if (known) {
    if (KNOWN_RESOURCE_TYPES.has(type)) return { kind: 'known' };
    // A short name tolerates one slip, a long one up to three.
    const max = Math.max(1, Math.min(3, Math.floor(resource.length / 4)));
    return { kind: 'invalid', message: `unknown resource type ${type}${hint(type, known, max)}` };
  }
  if (QUIET_PREFIXES.some((p) => type.startsWith(p))) return { kind: 'quiet' };
  return { kind: 'unmodelled' };
}

function hint(type: string, candidates: Iterable<string>, max: number): string {
  const near = closestName(type, candidates, max);
  return near ? `; did you mean ${near}?` : '';
}
