import { countsPerCity, logCrossCityAccess, type ReportReach, type RequestScope } from '@custos/tenancy';

export interface GrantCountRow {
  cityId: string;
  itemKey: string;
  agencies: number;
  users: number;
}

/**
 * Issue 9: grants in force by city and item, in one GROUP BY per grant table. A city's caller counts
 * its own city; a central agency counts the cities of its reach, items of its own service only, in a
 * cross-city transaction where row-level security admits only those grants (cross_city_read on
 * agency_grant and user_grant), and the read is logged per city in `permissions.cross_city_read` with
 * the number of holdings counted (agencies + officials over the items). The WHERE clauses only filter.
 */
export class GrantCountService {
  async count(scope: RequestScope, reach: ReportReach, moment: Date, operation: string, now: Date): Promise<GrantCountRow[]> {
    const manager = reach.kind === 'city' ? await scope.manager(reach.cityId) : await scope.crossCityManager(reach.access.cityIds, reach.access.service);
    // One city as `city_id = $1` (the form the row-level-security-alone test mode neutralises); the explicit list across cities.
    const params: unknown[] = [reach.kind === 'city' ? reach.cityId : reach.access.cityIds, moment];
    const where = [reach.kind === 'city' ? 'city_id = $1' : 'city_id = ANY ($1::text[])', 'granted_at <= $2', '(revoked_at IS NULL OR revoked_at > $2)'];
    if (reach.kind === 'cross-city') where.push(`split_part(item_key, ':', 1) = $${params.push(reach.access.service)}`);
    const raw: Array<{ city_id: string; item_key: string; agencies: number; users: number }> = await manager.query(
      `WITH a AS (SELECT city_id, item_key, count(DISTINCT agency_id)::int AS n FROM permissions.agency_grant
                   WHERE ${where.join(' AND ')} GROUP BY city_id, item_key),
            u AS (SELECT city_id, item_key, count(DISTINCT account_id)::int AS n FROM permissions.user_grant
                   WHERE ${where.join(' AND ')} GROUP BY city_id, item_key)
       SELECT coalesce(a.city_id, u.city_id) AS city_id, coalesce(a.item_key, u.item_key) AS item_key, coalesce(a.n, 0) AS agencies, coalesce(u.n, 0) AS users
         FROM a FULL JOIN u ON u.city_id = a.city_id AND u.item_key = a.item_key ORDER BY 1, 2`,
      params,
    );
    const rows = raw.map((row) => ({ cityId: row.city_id, itemKey: row.item_key, agencies: row.agencies, users: row.users }));
    if (reach.kind === 'cross-city') {
      await logCrossCityAccess(manager, 'permissions', reach.access, operation, countsPerCity(rows, (row) => row.cityId, (row) => row.agencies + row.users), now);
    }
    return rows;
  }
}
