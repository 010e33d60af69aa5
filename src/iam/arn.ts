import { compileGlob, type Matcher } from './glob.js';

/** The six colon-separated parts of an ARN; `resource` keeps any further colons. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Parses `arn:partition:service:region:account:resource`; undefined when it is not one. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts = splitArn(text);
  if (parts.length < 6) return undefined;
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts[5]! };
}

/** Splits at the first five colons: at most six parts, the last keeping its colons. */
export function splitArn(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) break;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

/** Matches a value given with its ARN parts (`splitArn(value)`, computed once per request). */
export type ArnMatcher = (value: string, parts: readonly string[]) => boolean;

/**
 * Matches ARNs the way IAM does in `Resource` and in `ArnLike`/`ArnEquals`: each of the six
 * colon-delimited parts is matched on its own, so a wildcard never spans a colon of the first five
 * ("Each of the six colon-delimited components of the ARN is checked separately", IAM User Guide,
 * condition operators). A pattern with fewer parts lets its last part match the rest of the value
 * (`arn:aws:s3:*`), which is how IAM reads such shortened ARNs. A pattern that is not an ARN
 * (`*`, or free text) is matched against the whole value.
 */
export function compileArnMatcher(pattern: string): ArnMatcher {
  if (pattern === '*') return () => true;
  if (!pattern.startsWith('arn:')) {
    const whole = compileGlob(pattern);
    return (value) => whole(value);
  }
  const parts = splitArn(pattern);
  const wildcard = pattern.search(/[*?]/);
  if (parts.length === 6) {
    // Without wildcards, part-by-part equality is string equality.
    if (wildcard < 0) return (value) => value === pattern;
    // One trailing `*` inside the resource part is a prefix test (`arn:aws:s3:::bucket/*`).
    const prefix = pattern.slice(0, -1);
    if (wildcard === pattern.length - 1 && splitArn(prefix).length === 6) return (value, v) => v.length === 6 && value.startsWith(prefix);
  }
  return matchArnParts(parts.map(compileGlob));
}

/** The per-part matching shared by static patterns and patterns built from policy variables. */
export function matchArnParts(matchers: readonly Matcher[]): ArnMatcher {
  const n = matchers.length;
  const last = matchers[n - 1]!;
  if (n === 6) {
    return (_value, v) =>
      v.length === 6 && matchers[0]!(v[0]!) && matchers[1]!(v[1]!) && matchers[2]!(v[2]!) && matchers[3]!(v[3]!) && matchers[4]!(v[4]!) && last(v[5]!);
  }
  return (_value, v) => {
    if (v.length < 6) return false;
    for (let i = 0; i < n - 1; i++) if (!matchers[i]!(v[i]!)) return false;
    return last(v.slice(n - 1).join(':'));
  };
}

/** The account id of an ARN, or undefined (S3 bucket ARNs have none). */
export function arnAccount(text: string): string | undefined {
  const arn = parseArn(text);
  return arn && /^\d{12}$/.test(arn.account) ? arn.account : undefined;
}
