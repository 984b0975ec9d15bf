/** Who may start account reviews and record admin handovers (identity's ADMINS). */
export const ORGANISATION_ADMIN_ROLES: readonly string[] = ['TOP_ADMIN', 'AGENCY_ADMIN'];

/** Who may read the reviews, the handovers and the agency tree (admins, auditors, ethics officers). */
export const ORGANISATION_READER_ROLES: readonly string[] = ['TOP_ADMIN', 'AGENCY_ADMIN', 'AUDITOR', 'ETHICS_OFFICER'];
