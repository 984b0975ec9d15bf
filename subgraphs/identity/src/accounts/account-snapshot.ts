import type { PersonEntity } from '../people/person.entity';
import type { AccountEntity } from './account.entity';

/** What the change history keeps of an account: never a password hash. */
export function accountSnapshot(account: AccountEntity) {
  return {
    username: account.username,
    kind: account.kind,
    personId: account.personId,
    agencyId: account.agencyId,
    unitId: account.unitId,
    roles: [...account.roles],
    status: account.status,
    statusReason: account.statusReason,
    revokeOn: account.revokeOn,
  };
}

/** What the change history keeps of a person: the masked national ID only, never its hash or the clear ID. */
export function personSnapshot(person: PersonEntity) {
  return {
    displayName: person.displayName,
    myEGovAccountId: person.myEGovAccountId,
    certificateFingerprint: person.certificateFingerprint,
    nationalIdMasked: person.nationalIdMasked,
    employmentStatus: person.employmentStatus,
    isVendorStaff: person.isVendorStaff,
    leftOn: person.leftOn,
  };
}
