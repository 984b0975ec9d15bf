import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { RequestScope } from '@custos/tenancy';
import { AccountEntity } from './account.entity';

export function createAccountLoader(scope: RequestScope, cityId: string) {
  return new DataLoader<string, AccountEntity | null>(async (ids) => {
    const manager = await scope.manager(cityId);
    const rows = await manager.getRepository(AccountEntity).findBy({ cityId, id: In([...ids]) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
