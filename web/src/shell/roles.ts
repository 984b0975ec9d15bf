/** The roles that may list accounts: the gateway refuses everyone else, so the console offers it to no one else. */
export const ACCOUNT_LIST_ROLES: readonly string[] = ['TOP_ADMIN', 'AGENCY_ADMIN'];
