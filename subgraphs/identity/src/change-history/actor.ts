import type { AccountPrincipal } from '@custos/auth';

/** An official's account making a change, with the client address the gateway saw. */
export interface AccountActor {
  kind: 'ACCOUNT';
  accountId: string;
  personId: string;
  clientAddress: string | null;
  principal: AccountPrincipal;
}

/** A scheduled job of the platform (the leaver job) making a change under a rule. */
export interface SystemActor {
  kind: 'SYSTEM';
  job: string;
}

/** Who made a change. */
export type Actor = AccountActor | SystemActor;

export function accountActor(principal: AccountPrincipal, clientAddress: string | undefined): AccountActor {
  return { kind: 'ACCOUNT', accountId: principal.accountId, personId: principal.personId, clientAddress: clientAddress ?? null, principal };
}

export function systemActor(job: string): SystemActor {
  return { kind: 'SYSTEM', job };
}
