import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { RequestScope } from '@custos/tenancy';
import { UnitEntity } from './unit.entity';

/** An agency's units, per request and bound to the caller's city. */
export function createUnitsByAgencyLoader(scope: RequestScope, cityId: string) {
  return new DataLoader<string, UnitEntity[]>(async (agencyIds) => {
    const manager = await scope.manager(cityId);
    const rows = await manager.getRepository(UnitEntity).find({ where: { cityId, agencyId: In([...agencyIds]) }, order: { name: 'ASC' } });
    return agencyIds.map((agencyId) => rows.filter((row) => row.agencyId === agencyId));
  });
}
