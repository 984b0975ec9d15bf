import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { RequestScope } from '@custos/tenancy';
import { AgencyEntity } from './agency.entity';

/** Per request and per city: the city is fixed when the loader is made, never taken from a key. */
export function createAgencyLoader(scope: RequestScope, cityId: string) {
  return new DataLoader<string, AgencyEntity | null>(async (ids) => {
    const manager = await scope.manager(cityId);
    const rows = await manager.getRepository(AgencyEntity).findBy({ cityId, id: In([...ids]) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
