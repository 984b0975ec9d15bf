import type { AccountPrincipal, Role } from '@custos/auth';
import type { RuleVersion } from '@custos/rules';
import { hasAnyRole } from '@custos/tenancy';

/** Who may run the anomaly rules over a period. */
export const ANOMALY_SCANNERS: readonly Role[] = ['AUDITOR', 'ETHICS_OFFICER', 'IT_OFFICER', 'TOP_ADMIN', 'AGENCY_ADMIN'];

/** The joint team the rules name (Tainan 8(二): 業務單位 + 政風 + 資訊), and the auditor, may investigate. */
export function investigators(version: RuleVersion): Role[] {
  return [...new Set<Role>([...(version.audits.anomalyTeam.value.members as Role[]), 'AUDITOR'])];
}

export function mayInvestigate(viewer: AccountPrincipal, version: RuleVersion): boolean {
  return hasAnyRole(viewer, investigators(version));
}
