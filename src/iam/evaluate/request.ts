import { splitArn } from '../arn.js';

/**
 * One request to AWS as the evaluator sees it: who, which action, on what, in which context.
 * `prepareRequest` normalises it once (lower-cased action and context keys, the principal's
 * kind and account, the resource's ARN parts) so that evaluating it against many policies, or
 * one request shape against many principals, does no repeated parsing.
 */

export type ContextScalar = string | number | boolean;
export type ContextValue = ContextScalar | readonly ContextScalar[];

export interface AccessRequest {
  /**
   * The caller: an IAM user, role or assumed-role session ARN, a federated-user ARN, an account
   * id or root ARN, a service principal (`sagemaker.amazonaws.com`), a web-identity or SAML
   * provider, a canonical user id, or `anonymous` (`*`) for unsigned requests.
   */
  principal: string;
  action: string;
  /** The resource ARN, or `*` for actions that take no resource. */
  resource: string;
  /** The account that owns the resource; read from the ARN when it has one, else the caller's. */
  resourceAccount?: string;
  /** Request context keys (names are case-insensitive). */
  context?: Record<string, ContextValue>;
  /**
   * Discovery mode: context keys whose value is not known. When a condition needs one of them
   * and it is absent from `context`, the result says under which values access is granted.
   * Exact names, prefixes ending in `*` (`aws:PrincipalTag/*`), or `*` for every absent key.
   */
  unknownContext?: readonly string[];
}

export type PrincipalKind =
  | 'user'
  | 'role'
  | 'role-session'
  | 'federated-user'
  | 'root'
  | 'service'
  | 'web-identity'
  | 'canonical-user'
  | 'anonymous';

export interface RequestPrincipal {
  kind: PrincipalKind;
  /** As given (an account id becomes its root ARN). */
  id: string;
  account?: string;
  /** For roles and their sessions: the role's ARN as far as it is known (a session hides the path). */
  roleArn?: string;
  roleName?: string;
  /** Service-linked roles (path /aws-service-role/) are outside SCPs and RCPs. */
  serviceLinked: boolean;
}

export interface PreparedRequest {
  readonly request: AccessRequest;
  readonly principal: RequestPrincipal;
  /** Lower-cased `service:action`, and its two parts. */
  readonly action: string;
  readonly service: string;
  readonly actionName: string;
  readonly resource: string;
  readonly resourceParts: readonly string[];
  readonly resourceAccount?: string;
  /** True when the resource account was not given and could not be read from the ARN. */
  readonly resourceAccountAssumed: boolean;
  /** Context by lower-cased key. */
  readonly context: ReadonlyMap<string, string | readonly string[]>;
  readonly isUnknown: (lowerKey: string) => boolean;
  readonly discovery: boolean;
}

export class RequestError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export interface PrepareOptions {
  /**
   * Fill the context keys AWS derives from the caller when they are not given: aws:PrincipalArn
   * (for an assumed-role session, its role's ARN without the path the session ARN hides: give
   * aws:PrincipalArn to be exact),
   * aws:PrincipalAccount, aws:PrincipalType, aws:username (IAM users), aws:PrincipalIsAWSService
   * and aws:PrincipalServiceName (service principals), and aws:ResourceAccount when the resource's
   * account is known. Default true.
   */
  deriveContext?: boolean;
}

const WEB_IDENTITY_PROVIDERS = new Set(['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com']);

export function parsePrincipal(text: string): RequestPrincipal {
  const none = { serviceLinked: false };
  if (text === '*' || text.toLowerCase() === 'anonymous') return { kind: 'anonymous', id: '*', ...none };
  if (/^\d{12}$/.test(text)) return { kind: 'root', id: `arn:aws:iam::${text}:root`, account: text, ...none };
  if (/^[0-9a-f]{64}$/i.test(text)) return { kind: 'canonical-user', id: text, ...none };
  if (!text.startsWith('arn:')) {
    if (WEB_IDENTITY_PROVIDERS.has(text.toLowerCase())) return { kind: 'web-identity', id: text, ...none };
    if (/^[a-z0-9.-]+\.[a-z]+$/i.test(text)) return { kind: 'service', id: text, ...none };
    throw new RequestError(`"${text}" is not a principal: expected an ARN, an account id, a service principal or "anonymous"`, 'principal');
  }
  const parts = splitArn(text);
  const service = parts[2];
  const account = parts[4];
  const resource = parts[5] ?? '';
  if (parts.length < 6 || !/^\d{12}$/.test(account ?? '')) {
    throw new RequestError(`"${text}" is not a principal ARN (arn:partition:iam::ACCOUNT:user/NAME and similar)`, 'principal');
  }
  const acct = account!;
  if (service === 'iam') {
    if (resource === 'root') return { kind: 'root', id: text, account: acct, ...none };
    if (resource.startsWith('user/')) return { kind: 'user', id: text, account: acct, ...none };
    if (resource.startsWith('role/')) {
      const name = resource.slice(resource.lastIndexOf('/') + 1);
      return { kind: 'role', id: text, account: acct, roleArn: text, roleName: name, serviceLinked: resource.startsWith('role/aws-service-role/') };
    }
    if (resource.startsWith('saml-provider/') || resource.startsWith('oidc-provider/')) return { kind: 'web-identity', id: text, account: acct, ...none };
  }
  if (service === 'sts') {
    if (resource.startsWith('assumed-role/')) {
      const [, roleName] = resource.split('/');
      if (roleName) {
        return {
          kind: 'role-session',
          id: text,
          account: acct,
          roleName,
          roleArn: `arn:${parts[1]}:iam::${acct}:role/${roleName}`,
          serviceLinked: roleName.startsWith('AWSServiceRoleFor'),
        };
      }
    }
    if (resource.startsWith('federated-user/')) return { kind: 'federated-user', id: text, account: acct, ...none };
  }
  throw new RequestError(`"${text}" is not a principal that makes requests (user, role, assumed-role, federated-user, root)`, 'principal');
}

const PRINCIPAL_TYPE: Partial<Record<PrincipalKind, string>> = {
  user: 'User',
  role: 'AssumedRole',
  'role-session': 'AssumedRole',
  'federated-user': 'FederatedUser',
  root: 'Account',
  anonymous: 'Anonymous',
};

export function prepareRequest(request: AccessRequest, options: PrepareOptions = {}): PreparedRequest {
  if (typeof request.action !== 'string' || !/^[A-Za-z0-9-]+:[A-Za-z0-9_-]+$/.test(request.action)) {
    throw new RequestError(`"${String(request.action)}" is not an action: expected service:Action`, 'action');
  }
  if (typeof request.resource !== 'string' || request.resource === '') throw new RequestError('the request needs a resource (an ARN, or "*")', 'resource');
  const principal = parsePrincipal(String(request.principal));
  const action = request.action.toLowerCase();
  const resourceParts = splitArn(request.resource);
  const arnAccount = resourceParts.length === 6 && /^\d{12}$/.test(resourceParts[4]!) ? resourceParts[4] : undefined;
  const resourceAccount = request.resourceAccount ?? arnAccount ?? principal.account;
  if (request.resourceAccount !== undefined && !/^\d{12}$/.test(request.resourceAccount)) {
    throw new RequestError(`resourceAccount "${request.resourceAccount}" is not a 12-digit account id`, 'resourceAccount');
  }

  const context = new Map<string, string | readonly string[]>();
  for (const [key, value] of Object.entries(request.context ?? {})) {
    context.set(key.toLowerCase(), normaliseValue(value, key));
  }
  if (options.deriveContext !== false) {
    deriveContext(principal, context);
    if (request.resourceAccount ?? arnAccount) setIfAbsent(context, 'aws:resourceaccount', (request.resourceAccount ?? arnAccount)!);
  }

  const unknown = request.unknownContext ?? [];
  const exact = new Set<string>();
  const prefixes: string[] = [];
  let all = false;
  for (const u of unknown) {
    const l = u.toLowerCase();
    if (l === '*') all = true;
    else if (l.endsWith('*')) prefixes.push(l.slice(0, -1));
    else exact.add(l);
  }
  const discovery = all || exact.size > 0 || prefixes.length > 0;
  const isUnknown = (k: string) => !context.has(k) && (all || exact.has(k) || prefixes.some((p) => k.startsWith(p)));

  return {
    request,
    principal,
    action,
    service: action.slice(0, action.indexOf(':')),
    actionName: action.slice(action.indexOf(':') + 1),
    resource: request.resource,
    resourceParts,
    resourceAccount,
    resourceAccountAssumed: request.resourceAccount === undefined && arnAccount === undefined,
    context,
    isUnknown,
    discovery,
  };
}

function normaliseValue(value: ContextValue, key: string): string | readonly string[] {
  const one = (v: unknown): string => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new RequestError(`context value of ${key} must be a string, number, boolean or a list of them`, `context.${key}`);
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}

function setIfAbsent(context: Map<string, string | readonly string[]>, k: string, v: string | undefined): void {
  if (v !== undefined && !context.has(k)) context.set(k, v);
}

function deriveContext(p: RequestPrincipal, context: Map<string, string | readonly string[]>): void {
  const set = (k: string, v: string | undefined) => setIfAbsent(context, k, v);
  const arn = p.kind === 'role-session' ? p.roleArn : p.kind === 'service' || p.kind === 'anonymous' || p.kind === 'canonical-user' || p.kind === 'web-identity' ? undefined : p.id;
  set('aws:principalarn', arn);
  set('aws:principalaccount', p.account);
  set('aws:principaltype', PRINCIPAL_TYPE[p.kind]);
  if (p.kind === 'user') set('aws:username', p.id.slice(p.id.lastIndexOf('/') + 1));
  set('aws:principalisawsservice', p.kind === 'service' ? 'true' : p.kind === 'anonymous' ? undefined : 'false');
  if (p.kind === 'service') set('aws:principalservicename', p.id);
}
