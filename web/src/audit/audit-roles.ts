/** The roles the audit subgraph lets read audits and findings (AUDIT_READERS there). */
export const AUDIT_READER_ROLES: readonly string[] = [
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
