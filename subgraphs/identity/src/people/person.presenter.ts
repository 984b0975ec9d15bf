import type { PersonEntity } from './person.entity';
import type { PersonType } from './person.type';

export function presentPerson(person: PersonEntity): PersonType {
  return {
    id: person.id,
    cityId: person.cityId,
    displayName: person.displayName,
    employmentStatus: person.employmentStatus,
    leftOn: person.leftOn,
    isVendorStaff: person.isVendorStaff,
    certificateRegistered: Boolean(person.certificateFingerprint),
    myEGovAccountId: person.myEGovAccountId,
    nationalIdMasked: person.nationalIdMasked,
  };
}
