import { Unknown, type Value } from '../../core/value.js';

/** What pseudo parameters are derived from: the `--region` / `--account` the user gave, if any. */
export interface PseudoContext {
  region?: string;
  accountId?: string;
}

/**
 * The partition, only when it is certain: a commercial region (`us-east-1`, `eu-west-3`) is in
 * `aws`. China, GovCloud, the isolated and the sovereign regions are left unknown on purpose.
 */
export function partitionOf(region: string | undefined): string | undefined {
  if (!region || !/^[a-z]{2}-[a-z]+-\d+$/.test(region)) return undefined;
  if (region.startsWith('cn-') || region.startsWith('us-gov-') || region.includes('iso')) return undefined;
  return 'aws';
}

const URL_SUFFIX: Record<string, string> = { aws: 'amazonaws.com' };

/** Pseudo parameters other than AWS::NoValue (which removes a property and is handled by the resolver). */
const PSEUDO: Record<string, (c: PseudoContext) => Value> = {
  'AWS::Region': (c) => c.region ?? new Unknown('AWS::Region is not known (give the region)'),
  'AWS::AccountId': (c) => c.accountId ?? new Unknown('AWS::AccountId is not known (give the account id)'),
  'AWS::Partition': (c) => partitionOf(c.region) ?? new Unknown('AWS::Partition depends on the region, which is not known'),
  'AWS::URLSuffix': (c) => URL_SUFFIX[partitionOf(c.region) ?? ''] ?? new Unknown('AWS::URLSuffix depends on the region, which is not known'),
  'AWS::StackName': () => new Unknown('AWS::StackName is chosen at deploy time'),
  'AWS::StackId': () => new Unknown('AWS::StackId is assigned at deploy time'),
  'AWS::NotificationARNs': () => new Unknown('AWS::NotificationARNs are chosen at deploy time'),
};

/** The value of a pseudo parameter, or undefined when `name` is not one. */
export function pseudoParameter(name: string, context: PseudoContext): Value | undefined {
  return Object.prototype.hasOwnProperty.call(PSEUDO, name) ? PSEUDO[name]!(context) : undefined;
}
