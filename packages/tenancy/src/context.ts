import type { AccountPrincipal, Principal, Role } from '@custos/auth';
import { ForbiddenError, UnauthenticatedError } from '@custos/federation';
import type { RequestScope } from './request-scope';

/** What every subgraph resolver sees: the gateway-verified caller and the request's tenant scope. */
export interface RequestContext {
  principal: Principal;
  clientAddress?: string;
  scope: RequestScope;
}

/** The caller as an account; anonymous callers get UNAUTHENTICATED. */
export function requireAccount(context: { principal: Principal }): AccountPrincipal {
  if (context.principal.kind !== 'account') throw new UnauthenticatedError();
  return context.principal;
}

export function hasAnyRole(principal: AccountPrincipal, roles: readonly Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

/** The caller as an account holding one of `roles`, or FORBIDDEN naming the roles that would do. */
export function requireRole(context: { principal: Principal }, roles: readonly Role[]): AccountPrincipal {
  const account = requireAccount(context);
  if (!hasAnyRole(account, roles)) throw new ForbiddenError(`This needs one of these roles: ${roles.join(', ')}.`, { requiredRoles: roles });
  return account;
}
