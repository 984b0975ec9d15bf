import type { AccountEntity } from './account.entity';
import type { AccountType } from './account.type';

export function presentAccount(account: AccountEntity): AccountType {
  return {
    id: account.id,
    username: account.username,
    roles: account.roles,
    status: account.status,
    lastLoginAt: account.lastLoginAt,
    cityId: account.cityId,
    personId: account.personId,
    agencyId: account.agencyId,
    unitId: account.unitId,
    statusReason: account.statusReason,
    statusChangedAt: account.statusChangedAt,
    revokeOn: account.revokeOn,
    // A lockout that has run out is no lockout.
    lockedUntil: account.lockedUntil && account.lockedUntil > new Date() ? account.lockedUntil : null,
    createdAt: account.createdAt,
    kind: account.kind,
  };
}
