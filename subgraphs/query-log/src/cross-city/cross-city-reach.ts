import type { AccountPrincipal, CrossCityReach } from '@custos/auth';
import { ForbiddenError, InputError } from '@custos/federation';
import type { RequestScope } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CrossCityReadEntity } from './cross-city-read.entity';

/** The cities (and the one service) a cross-city request reads. */
export interface CrossCityRead {
  reader: AccountPrincipal;
  cityIds: string[];
  service: CrossCityReach['service'];
}

/**
 * Issue 9: the reach of a cross-city caller, narrowed to the cities it asked for. The reach comes
 * only from the verified principal (identity put it in the access token): a city's own official
 * has none, and asking for a city outside the reach is FORBIDDEN, never silently widened.
 */
export function crossCityRead(principal: AccountPrincipal, requestedCityIds: readonly string[] | null | undefined): CrossCityRead {
  const reach = principal.crossCity;
  if (!reach || !principal.roles.includes('BUREAU_OFFICER')) {
    throw new ForbiddenError('Only a central agency’s officer (or its reporting token) reads across cities.', { requiredRoles: ['BUREAU_OFFICER'] });
  }
  const cityIds = requestedCityIds?.length ? [...new Set(requestedCityIds)].sort() : [...reach.cityIds].sort();
  const outside = cityIds.filter((id) => !reach.cityIds.includes(id));
  if (outside.length > 0) throw new ForbiddenError(`You may not read the records of ${outside.join(', ')}.`, { cities: outside });
  if (cityIds.length === 0) throw new InputError('NO_CITIES', 'There is no city to read.', 'cityIds');
  return { reader: principal, cityIds, service: reach.service };
}

/** The request's transaction under the cross-city settings (app.city_ids + app.service). */
export function crossCityManager(scope: RequestScope, read: CrossCityRead): Promise<EntityManager> {
  return scope.crossCityManager(read.cityIds, read.service);
}

/**
 * Records the read in the append-only read log, one row per city read, in the same transaction:
 * if the log cannot be written, the caller gets no data.
 */
export async function logCrossCityRead(manager: EntityManager, read: CrossCityRead, operation: string, rowsByCity: Map<string, number>, now: Date): Promise<void> {
  const rows: CrossCityReadEntity[] = read.cityIds.map((cityId) => ({
    id: randomUUID(),
    cityId,
    service: read.service,
    readerCityId: read.reader.cityId,
    readerAccountId: read.reader.accountId,
    readerAgencyId: read.reader.agencyId,
    operation: operation.slice(0, 200),
    rowCount: rowsByCity.get(cityId) ?? 0,
    readAt: now,
  }));
  await manager.getRepository(CrossCityReadEntity).insert(rows);
}

export function countByCity<T>(rows: readonly T[], cityOf: (row: T) => string, weight: (row: T) => number = () => 1): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(cityOf(row), (counts.get(cityOf(row)) ?? 0) + weight(row));
  return counts;
}
