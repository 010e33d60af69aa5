// Reading IAM, bucket and key policy documents as CloudTrail records them: an object (S3 writes
// `bucketPolicy` parsed) or a JSON string (IAM `policyDocument`, sometimes URL-encoded in older
// records). Only the questions detections ask: is a statement public, does it grant admin.

interface Statement {
  Sid?: unknown;
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: unknown;
}

/**
 * Condition keys that confine who can use a statement (an organization, account, VPC, endpoint,
 * address or named principal). A public statement with one of these is not public; one with only
 * other keys (`aws:SecureTransport`) still is.
 */
export const RESTRICTIVE_CONDITION_KEYS: readonly string[] = [
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalservicename',
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:userid',
  'aws:username',
  's3:dataaccesspointaccount',
  's3:dataaccesspointarn',
  'kms:calleraccount',
];

/** The statements of a policy document, or undefined when the value is not one. */
export function statementsOf(value: unknown): Statement[] | undefined {
  const doc = parseDocument(value);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const s = (doc as { Statement?: unknown }).Statement;
  if (Array.isArray(s)) return s.filter(isObject) as Statement[];
  return isObject(s) ? [s as Statement] : undefined;
}

function parseDocument(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  let text = value.trim();
  if (text.startsWith('%7B') || text.startsWith('%7b')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return undefined;
    }
  }
  if (!text.startsWith('{')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const label = (s: Statement, i: number): string => (typeof s.Sid === 'string' && s.Sid ? `statement "${s.Sid}"` : `statement ${i + 1}`);

/** `"*"`, `{"AWS": "*"}` or a list holding `"*"`: anyone, including anonymous callers. */
export function isPublicPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!isObject(principal)) return false;
  return list(principal.AWS).includes('*');
}

function restrictiveKeys(condition: unknown): string[] {
  if (!isObject(condition)) return [];
  const found: string[] = [];
  for (const block of Object.values(condition)) {
    if (!isObject(block)) continue;
    for (const key of Object.keys(block)) if (RESTRICTIVE_CONDITION_KEYS.includes(key.toLowerCase())) found.push(key);
  }
  return found;
}

/** Allow statements open to anyone with no condition confining the caller; one line per statement. */
export function publicStatements(value: unknown): string[] {
  const statements = statementsOf(value) ?? [];
  const out: string[] = [];
  statements.forEach((s, i) => {
    if (s.Effect !== 'Allow' || !isPublicPrincipal(s.Principal)) return;
    if (restrictiveKeys(s.Condition).length > 0) return;
    const actions = list(s.Action).map(String).join(', ') || '(no Action)';
    out.push(`${label(s, i)} allows Principal * ${actions} ${s.Condition ? 'with no condition on the caller' : 'without a condition'}`);
  });
  return out;
}

const ADMIN_ACTIONS = ['*', '*:*'];

/** Allow statements granting every action on every resource. */
export function adminStatements(value: unknown): string[] {
  const statements = statementsOf(value) ?? [];
  const out: string[] = [];
  statements.forEach((s, i) => {
    if (s.Effect !== 'Allow') return;
    if (!list(s.Action).some((a) => typeof a === 'string' && ADMIN_ACTIONS.includes(a))) return;
    if (!list(s.Resource).includes('*')) return;
    out.push(`${label(s, i)} allows Action * on Resource *`);
  });
  return out;
}
