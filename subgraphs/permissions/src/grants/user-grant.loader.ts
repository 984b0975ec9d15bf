import DataLoader from 'dataloader';
import { In, IsNull } from 'typeorm';
import type { RequestScope } from '@custos/tenancy';
import { UserGrantEntity } from './user-grant.entity';

/** Current grants by account, for one city: one SQL statement however many accounts a page lists. */
export function createCurrentGrantsLoader(scope: RequestScope, cityId: string) {
  return new DataLoader<string, UserGrantEntity[]>(async (accountIds) => {
    const manager = await scope.manager(cityId);
    const rows = await manager.getRepository(UserGrantEntity).find({
      where: { cityId, accountId: In([...accountIds]), revokedAt: IsNull() },
      order: { itemKey: 'ASC' },
    });
    const byAccount = new Map<string, UserGrantEntity[]>();
    for (const row of rows) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row]);
    return accountIds.map((id) => byAccount.get(id) ?? []);
  });
}
