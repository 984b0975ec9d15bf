import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { RequestScope } from '@custos/tenancy';
import { PersonEntity } from './person.entity';

export function createPersonLoader(scope: RequestScope, cityId: string) {
  return new DataLoader<string, PersonEntity | null>(async (ids) => {
    const manager = await scope.manager(cityId);
    const rows = await manager.getRepository(PersonEntity).findBy({ cityId, id: In([...ids]) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
