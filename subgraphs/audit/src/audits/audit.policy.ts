import type { AccountPrincipal, Role } from '@custos/auth';
import type { RuleVersion } from '@custos/rules';
import { hasAnyRole } from '@custos/tenancy';

/** Obligations whose owner checks query records: they may draw an audit of a period. */
const AUDITING_OBLIGATIONS = new Set(['sample-audit', 'internal-audit', 'register-check', 'records-review', 'on-site-audit', 'subordinate-audit']);

/**
 * Who may draw an audit under a version: the auditor, and whoever the rules make check the records
 * (Tainan 8(一): 業務主管, the unit admin; Taoyuan 8(一)1: the agency admin; Changhua's original rule: the admin).
 */
export function auditDrawers(version: RuleVersion): Role[] {
  const owners = version.obligations.filter((o) => AUDITING_OBLIGATIONS.has(o.kind)).map((o) => o.owner as Role);
  return [...new Set<Role>(['AUDITOR', ...owners])];
}

/** Everyone who takes part in audits or oversees them may read them; caseworkers and anonymous callers may not. */
export const AUDIT_READERS: readonly Role[] = [
  'AUDITOR',
  'TOP_ADMIN',
  'AGENCY_ADMIN',
  'UNIT_ADMIN',
  'UNIT_HEAD',
  'AGENCY_HEAD',
  'ETHICS_OFFICER',
  'IT_OFFICER',
  'REVIEWING_OFFICER',
];

export function mayReadAudits(viewer: AccountPrincipal): boolean {
  return hasAnyRole(viewer, AUDIT_READERS);
}
