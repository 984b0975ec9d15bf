import { PLATFORM_ROLES, type PlatformRole } from '@custos/rules';

/** Platform roles, defined once with the rule profiles that map each city's local titles onto them. */
export const ROLES = PLATFORM_ROLES;
export type Role = PlatformRole;

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
      /**
       * Issue 9: a caller that reads across cities (a bureau officer, or a reporting token scoped to
       * several cities): the cities it may read and the one WebIR service whose records it may see.
       * Never "all": the list is explicit, and the database session carries exactly this list.
       */
      crossCity?: CrossCityReach;
      /** Issue 9: a reporting (API) token: the gateway refuses every mutation it sends. */
      readOnly?: boolean;
    };

/** The cities and the service a cross-city caller may read. */
export interface CrossCityReach {
  cityIds: string[];
  service: 'labor-insurance' | 'health-insurance';
}

export const CROSS_CITY_SERVICES = ['labor-insurance', 'health-insurance'] as const;

export type AccountPrincipal = Extract<Principal, { kind: 'account' }>;

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous' });
