import type { AccountPrincipal } from '@custos/auth';
import { ForbiddenError } from '@custos/federation';
import { hasAnyRole } from '@custos/tenancy';

/**
 * Who may do what with an agency's grants. The city is never in question here: every read and write
 * runs in the caller's own city (and row-level security holds it there).
 */

/** Grant, revoke and configure for an agency: the city's top admin, or the agency's own admin. */
export function assertAdministersAgency(viewer: AccountPrincipal, agencyId: string): void {
  if (hasAnyRole(viewer, ['TOP_ADMIN'])) return;
  if (hasAnyRole(viewer, ['AGENCY_ADMIN']) && viewer.agencyId === agencyId) return;
  throw new ForbiddenError("This needs the city's top admin or this agency's admin.", { requiredRoles: ['TOP_ADMIN', 'AGENCY_ADMIN'] });
}

/** Read who holds what in an agency (the grants matrix, the approved-user roster of Tainan 附件四). */
export function assertMayReviewAgency(viewer: AccountPrincipal, agencyId: string): void {
  if (hasAnyRole(viewer, ['TOP_ADMIN', 'REVIEWING_OFFICER'])) return;
  if (viewer.agencyId === agencyId && hasAnyRole(viewer, ['AGENCY_ADMIN', 'AGENCY_HEAD', 'AUDITOR', 'ETHICS_OFFICER', 'IT_OFFICER', 'UNIT_ADMIN', 'UNIT_HEAD'])) return;
  throw new ForbiddenError("Only the city's admins and reviewers, or this agency's admins, heads and auditors, may see who holds what here.");
}

/** The items an agency holds: its own officials (to apply for them) and the reviewers above. */
export function assertMaySeeAgencyItems(viewer: AccountPrincipal, agencyId: string): void {
  if (viewer.agencyId === agencyId) return;
  assertMayReviewAgency(viewer, agencyId);
}
