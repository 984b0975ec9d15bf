import type { AccountPrincipal, Role } from '@custos/auth';
import { ForbiddenError, InputError } from '@custos/federation';
import { hasAnyRole } from '@custos/tenancy';
import type { EntityManager } from 'typeorm';
import { AgencyEntity } from '../agencies/agency.entity';
import type { AccountRules } from '../rules/account-rules';

/**
 * Who may manage which accounts — small, readable decisions in one place.
 *
 * - A top admin manages every agency of their city; an agency admin their own agency and, where
 *   the city's rules say so (Tainan 4(二)3), the agencies directly below it.
 * - Roles above an agency admin (top admin, reviewing officer) are assigned only by a top admin;
 *   an agency admin appoints agency admins only where the rules let them (the agencies below).
 *   Central-agency (bureau) officers are never city accounts.
 * - An admin acts on an account only if they could have assigned every role it holds, so an
 *   agency admin cannot suspend the top admin or a fellow admin.
 * - Nobody changes their own account, or another account of their own person.
 */

/** Roles that query citizens' data, which outsourced vendor staff may never hold (Taipei 5(五)). */
export const QUERYING_ROLES: readonly Role[] = ['CASEWORKER'];
/** Roles a city's own admins never assign: the bureaus' officers are provisioned centrally. */
const NEVER_ASSIGNED_IN_A_CITY: readonly Role[] = ['BUREAU_OFFICER'];
/** Roles only a top admin assigns. */
const TOP_ADMIN_ROLES: readonly Role[] = ['TOP_ADMIN', 'REVIEWING_OFFICER'];

export interface AdminScope {
  actor: AccountPrincipal;
  cityWide: boolean;
  /** For an agency admin: their own agency. */
  ownAgencyId: string;
  /** For an agency admin, where the rules allow it: the agencies directly below their own. */
  subordinateAgencyIds: ReadonlySet<string>;
  rules: AccountRules;
}

export async function adminScopeOf(manager: EntityManager, actor: AccountPrincipal, rules: AccountRules): Promise<AdminScope> {
  if (hasAnyRole(actor, ['TOP_ADMIN'])) return { actor, cityWide: true, ownAgencyId: actor.agencyId, subordinateAgencyIds: new Set(), rules };
  if (!hasAnyRole(actor, ['AGENCY_ADMIN'])) {
    throw new ForbiddenError('Only a top admin or an agency admin manages accounts.', { requiredRoles: ['TOP_ADMIN', 'AGENCY_ADMIN'] });
  }
  let subordinates = new Set<string>();
  if (rules.agencyAdminManagesSubordinateAgencies.value) {
    const children = await manager.getRepository(AgencyEntity).find({ select: { id: true }, where: { cityId: actor.cityId, parentId: actor.agencyId } });
    subordinates = new Set(children.map((agency) => agency.id));
  }
  return { actor, cityWide: false, ownAgencyId: actor.agencyId, subordinateAgencyIds: subordinates, rules };
}

export function managesAgency(scope: AdminScope, agencyId: string): boolean {
  return scope.cityWide || agencyId === scope.ownAgencyId || scope.subordinateAgencyIds.has(agencyId);
}

export function assertManagesAgency(scope: AdminScope, agencyId: string): void {
  if (!managesAgency(scope, agencyId)) {
    throw new ForbiddenError('An agency admin manages accounts of their own agency only.', { reason: 'AGENCY_OUT_OF_SCOPE' });
  }
}

function mayAssign(scope: AdminScope, role: Role, agencyId: string): boolean {
  if (NEVER_ASSIGNED_IN_A_CITY.includes(role)) return false;
  if (scope.cityWide) return true;
  if (TOP_ADMIN_ROLES.includes(role)) return false;
  // Tainan 4(二)3: a first-level agency's admin sets up its second-level agencies' admins.
  if (role === 'AGENCY_ADMIN') return scope.subordinateAgencyIds.has(agencyId);
  return managesAgency(scope, agencyId);
}

export function assertMayAssign(scope: AdminScope, roles: readonly Role[], agencyId: string): void {
  assertManagesAgency(scope, agencyId);
  const refused = roles.filter((role) => !mayAssign(scope, role, agencyId));
  if (refused.length > 0) {
    throw new ForbiddenError(`You may not assign ${refused.join(', ')} in this agency.`, { reason: 'ROLE_NOT_ASSIGNABLE', roles: refused });
  }
}

/** The actor may act on an existing account: it sits in their scope and holds only roles they could assign. */
export function assertMayActOn(scope: AdminScope, target: { id: string; personId: string; agencyId: string; roles: readonly Role[] }): void {
  assertNotSelf(scope.actor, target);
  assertManagesAgency(scope, target.agencyId);
  const above = target.roles.filter((role) => !mayAssign(scope, role, target.agencyId));
  if (above.length > 0) {
    throw new ForbiddenError(`This account holds ${above.join(', ')}, which you may not manage.`, { reason: 'ROLE_NOT_ASSIGNABLE', roles: above });
  }
}

/** Nobody approves or changes their own account (nor another account of their own person). */
export function assertNotSelf(actor: AccountPrincipal, target: { id?: string; personId: string }): void {
  if (target.id === actor.accountId || target.personId === actor.personId) {
    throw new ForbiddenError('Nobody may approve or change their own account: another admin must do it.', { reason: 'SELF_CHANGE' });
  }
}

/**
 * What a reporting tool's service account may hold: reading roles only, never one that queries
 * citizens' data or administers accounts.
 */
// BUREAU_OFFICER only in a bureau (a CENTRAL agency), checked where the service account is created (issue 9).
export const SERVICE_ACCOUNT_ROLES: readonly Role[] = ['AUDITOR', 'ETHICS_OFFICER', 'BUREAU_OFFICER'];

export function assertServiceRoles(roles: readonly Role[], field = 'roles'): void {
  const refused = roles.filter((role) => !SERVICE_ACCOUNT_ROLES.includes(role));
  if (refused.length > 0) {
    throw new InputError('ROLE_NOT_FOR_SERVICE_ACCOUNTS', `A service account may hold only ${SERVICE_ACCOUNT_ROLES.join(', ')}; not ${refused.join(', ')}.`, field);
  }
}

/** Taipei 5(五) (and each city's equivalent in its profile): vendor staff never hold a querying role. */
export function assertVendorRule(rules: AccountRules, person: { isVendorStaff: boolean }, roles: readonly Role[]): void {
  if (!person.isVendorStaff || !rules.vendorsBarredFromQuerying.value) return;
  const querying = roles.filter((role) => QUERYING_ROLES.includes(role));
  if (querying.length > 0) {
    const citation = rules.vendorsBarredFromQuerying.citation;
    throw new InputError('VENDOR_CANNOT_QUERY', `Outsourced vendor staff may not hold a querying role (${querying.join(', ')}) (${citation}).`, 'roles', { citation });
  }
}
