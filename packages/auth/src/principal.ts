/** Platform roles. Each city's local titles map onto these (see @custos/rules). */
export const ROLES = [
  'TOP_ADMIN',
  'REVIEWING_OFFICER',
  'AGENCY_ADMIN',
  'UNIT_ADMIN',
  'CASEWORKER',
  'AUDITOR',
  'ETHICS_OFFICER',
  'IT_OFFICER',
  'AGENCY_HEAD',
  'UNIT_HEAD',
  'BUREAU_OFFICER',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as verified by the gateway. Subgraphs receive nothing else about the caller. */
export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'account';
      accountId: string;
      personId: string;
      /** The tenant: every read and write of this caller is confined to this city. */
      cityId: string;
      agencyId: string;
      roles: Role[];
    };

export type AccountPrincipal = Extract<Principal, { kind: 'account' }>;

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous' });
