import type { AccountPrincipal, CrossCityReach } from '@custos/auth';
import { ForbiddenError, InputError } from '@custos/federation';
import type { RequestScope } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

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
  // Plain SQL (no entity import), so the reporting service also runs outside the subgraph (bench/).
  const rows = read.cityIds.map((cityId) => [randomUUID(), cityId, rowsByCity.get(cityId) ?? 0] as const);
  await manager.query(
    `INSERT INTO query_log.cross_city_read (id, city_id, service, reader_city_id, reader_account_id, reader_agency_id, operation, row_count, read_at)
     SELECT r.id, r.city_id, $4, $5, $6, $7, $8, r.row_count, $9
       FROM unnest($1::uuid[], $2::text[], $3::int[]) AS r(id, city_id, row_count)`,
    [rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2]), read.service, read.reader.cityId, read.reader.accountId, read.reader.agencyId, operation.slice(0, 200), now],
  );
}

export function countByCity<T>(rows: readonly T[], cityOf: (row: T) => string, weight: (row: T) => number = () => 1): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(cityOf(row), (counts.get(cityOf(row)) ?? 0) + weight(row));
  return counts;
}
