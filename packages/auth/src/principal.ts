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
    };

export type AccountPrincipal = Extract<Principal, { kind: 'account' }>;

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous' });
