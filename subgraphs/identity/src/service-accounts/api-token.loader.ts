import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { RequestScope } from '@custos/tenancy';
import { ApiTokenEntity } from './api-token.entity';

/** Per request and per city: a service account's API tokens (never their hashes). */
export function createApiTokensByAccountLoader(scope: RequestScope, cityId: string) {
  return new DataLoader<string, ApiTokenEntity[]>(async (accountIds) => {
    const manager = await scope.manager(cityId);
    const rows = await manager.getRepository(ApiTokenEntity).find({ where: { cityId, accountId: In([...accountIds]) }, order: { createdAt: 'ASC' } });
    return accountIds.map((accountId) => rows.filter((row) => row.accountId === accountId));
  });
}
