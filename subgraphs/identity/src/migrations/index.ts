import { runSchemaMigrations } from '@custos/tenancy';
import { CreateIdentitySchema1764028800000 } from './1764028800000-create-identity-schema';
import { AccountLifecycleAndChangeHistory1764201600000 } from './1764201600000-account-lifecycle-and-change-history';
import { SessionsAndTokenRevocations1764201600001 } from './1764201600001-sessions-and-token-revocations';
import { AdminHandoversAndObligationEvents1764201600002 } from './1764201600002-admin-handovers-and-obligation-events';
import { AccountReviews1764201600003 } from './1764201600003-account-reviews';
import { ServiceAccounts1764201600004 } from './1764201600004-service-accounts';
import { BureauReach1764288000000 } from './1764288000000-bureau-reach';
import { OutboxReceipts1795700000000 } from './1795700000000-outbox-receipts';
import { MutationTrail1796500000000 } from './1796500000000-mutation-trail';
import { SharedLoginThrottle1797100000000 } from './1797100000000-shared-login-throttle';
import { AgencyDirectory1797100000001 } from './1797100000001-agency-directory';
import { AgencyDirectoryCrossCity1797200000000 } from './1797200000000-agency-directory-cross-city';
import { AgencyNames1797300000000 } from './1797300000000-agency-names';

/** In order; never edit one that has been committed — add a new one. */
export const identityMigrations = [
  CreateIdentitySchema1764028800000,
  AccountLifecycleAndChangeHistory1764201600000,
  SessionsAndTokenRevocations1764201600001,
  AdminHandoversAndObligationEvents1764201600002,
  AccountReviews1764201600003,
  ServiceAccounts1764201600004,
  BureauReach1764288000000,
  OutboxReceipts1795700000000,
  MutationTrail1796500000000,
  SharedLoginThrottle1797100000000,
  AgencyDirectory1797100000001,
  AgencyDirectoryCrossCity1797200000000,
  AgencyNames1797300000000,
];

export function migrateIdentity(ownerUrl: string) {
  return runSchemaMigrations(ownerUrl, 'identity', identityMigrations);
}
