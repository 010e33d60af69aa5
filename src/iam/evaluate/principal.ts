import { splitArn } from '../arn.js';
import type { PrincipalElement } from '../policy/types.js';
import type { PreparedRequest, RequestPrincipal } from './request.js';

/**
 * Matching the `Principal` and `NotPrincipal` elements of resource-based policies (IAM User
 * Guide, "AWS JSON policy elements: Principal"). How a principal matched matters to the
 * evaluation logic, so a match says what was named:
 * - `principal`: the caller itself: its user, session or federated-user ARN, the service, the
 *   provider, or, for the root user, its account;
 * - `wildcard`: `*`, everyone (anonymous callers included);
 * - `role`: the role whose session is calling ("Resource-based policies that grant permissions to
 *   an IAM role ARN are limited by an implicit deny in a permissions boundary or session policy");
 * - `account`: the caller's account, which delegates the decision to the account's own policies.
 * Wildcards inside principal ARNs are not wildcards: "You cannot use a wildcard to match part of
 * a principal name or ARN", so such an entry names nothing.
 */

export type PrincipalMatch = 'principal' | 'wildcard' | 'role' | 'account';

export interface CompiledPrincipal {
  /** The strongest way the element names the caller, or undefined. */
  match(req: PreparedRequest): PrincipalMatch | undefined;
  /** True when every identity of the caller's chain is listed (NotPrincipal excludes it). */
  excludes(req: PreparedRequest): boolean;
}

export function compilePrincipal(element: PrincipalElement): CompiledPrincipal {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  /** Roles by `account/name`, so a session (whose ARN hides the role's path) finds its role. */
  const roles = new Set<string>();
  for (const entry of element.AWS) {
    if (entry === '*') continue;
    if (/^\d{12}$/.test(entry)) {
      accounts.add(entry);
      continue;
    }
    const parts = splitArn(entry);
    if (parts.length === 6 && parts[2] === 'iam' && parts[5] === 'root') accounts.add(parts[4]!);
    else arns.add(entry);
    if (parts.length === 6 && parts[2] === 'iam' && parts[5]!.startsWith('role/')) {
      roles.add(`${parts[4]}/${parts[5]!.slice(parts[5]!.lastIndexOf('/') + 1)}`);
    }
  }
  const services = new Set(element.Service.map((s) => s.toLowerCase()));
  const federated = new Set(element.Federated);
  const canonical = new Set(element.CanonicalUser);

  // Role names are unique in an account, so account and name identify the role whatever its path.
  const namesRole = (p: RequestPrincipal): boolean => Boolean(p.roleName && p.account && roles.has(`${p.account}/${p.roleName}`));

  const match = (req: PreparedRequest): PrincipalMatch | undefined => {
    if (element.wildcard) return 'wildcard';
    const p = req.principal;
    switch (p.kind) {
      case 'anonymous':
        return undefined;
      case 'service':
        return services.has(p.id.toLowerCase()) ? 'principal' : undefined;
      case 'web-identity':
        return federated.has(p.id) ? 'principal' : undefined;
      case 'canonical-user':
        return canonical.has(p.id) ? 'principal' : undefined;
      case 'root':
        return accounts.has(p.account!) || arns.has(p.id) ? 'principal' : undefined;
      case 'role':
        if (arns.has(p.id) || namesRole(p)) return 'role';
        return accounts.has(p.account!) ? 'account' : undefined;
      case 'role-session':
        if (arns.has(p.id)) return 'principal';
        if (namesRole(p)) return 'role';
        return accounts.has(p.account!) ? 'account' : undefined;
      default:
        if (arns.has(p.id)) return 'principal';
        return accounts.has(p.account!) ? 'account' : undefined;
    }
  };

  const excludes = (req: PreparedRequest): boolean => {
    if (element.wildcard) return true;
    const p = req.principal;
    const account = p.account !== undefined && accounts.has(p.account);
    switch (p.kind) {
      case 'anonymous':
        return false;
      case 'service':
        return services.has(p.id.toLowerCase());
      case 'web-identity':
        return federated.has(p.id);
      case 'canonical-user':
        return canonical.has(p.id);
      case 'root':
        return account || arns.has(p.id);
      case 'role':
        return account && (arns.has(p.id) || namesRole(p));
      case 'role-session':
        return account && namesRole(p) && arns.has(p.id);
      default:
        return account && arns.has(p.id);
    }
  };
  return { match, excludes };
}
