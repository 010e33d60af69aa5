/**
 * Stand-ins for what infrastructure code does not know until deployment: the account, the
 * region, another account, a name AWS generates. They are chosen so that the evaluator accepts
 * them (account ids are 12 digits) and so that every reference to the same thing yields the same
 * text, which makes policies that reference each other match consistently. `displayText` turns
 * them back into words for people.
 */

/** The account the stack is deployed to, when `--account-id` is not given. */
export const THIS_ACCOUNT = '000000000000';
/** Some other account: the "anyone outside" of the questions and rules. */
export const OTHER_ACCOUNT = '999999999999';
/** The region the stack is deployed to, when `--region` is not given (valid where a region may stand: service principals, ARNs). */
export const THIS_REGION = 'xx-unknown-1';
/** The partition, when the template leaves it to `AWS::Partition`. */
export const DEFAULT_PARTITION = 'aws';
/** A piece of a name that is not known (a parameter without a default). */
export const UNKNOWN_PIECE = '{unknown}';

/** `{LogicalId}` / `{LogicalId.Attribute}`: a name or id AWS assigns at deploy time. */
export function generatedName(resourceId: string, attribute?: string): string {
  return `{${resourceId}${attribute ? `.${attribute}` : ''}}`;
}

export interface Placeholders {
  account: string;
  region: string;
}

/** Replaces the placeholder accounts with words, for tables. */
export function displayText(text: string, p: Placeholders = { account: THIS_ACCOUNT, region: THIS_REGION }): string {
  let out = text;
  if (p.account === THIS_ACCOUNT) out = out.split(THIS_ACCOUNT).join('{this-account}');
  if (p.region === THIS_REGION) out = out.split(THIS_REGION).join('{region}');
  return out.split(OTHER_ACCOUNT).join('{other-account}');
}
