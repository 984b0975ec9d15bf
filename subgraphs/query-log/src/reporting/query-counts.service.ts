import { InputError } from '@custos/federation';
import type { RequestScope } from '@custos/tenancy';
import type { EntityManager } from 'typeorm';
import { countByCity, crossCityManager, logCrossCityRead, type CrossCityRead } from '../cross-city/cross-city-reach';
import type { QueryCountDimension } from './query-counts.types';

// `sql` is grouped on (cheap per row); `present` formats the group's value once per group.
const COLUMNS: Record<QueryCountDimension, { sql: string; present?: (column: string) => string; key: keyof QueryCountRow }> = {
  CITY: { sql: 'city_id', key: 'cityId' },
  AGENCY: { sql: 'agency_id', present: (c) => `${c}::text`, key: 'agencyId' },
  UNIT: { sql: 'unit_id', present: (c) => `${c}::text`, key: 'unitId' },
  ITEM: { sql: 'item_key', key: 'itemKey' },
  PURPOSE: { sql: 'purpose', key: 'purpose' },
  PURPOSE_CATEGORY: { sql: 'purpose_category', key: 'purposeCategory' },
  MONTH: { sql: `date_trunc('month', queried_at AT TIME ZONE 'Asia/Taipei')`, present: (c) => `to_char(${c}, 'YYYY-MM')`, key: 'month' },
};

export interface QueryCountRow {
  cityId: string | null;
  agencyId: string | null;
  unitId: string | null;
  itemKey: string | null;
  purpose: string | null;
  purposeCategory: string | null;
  month: string | null;
  count: number;
}

export interface QueryCountQuery {
  groupBy: QueryCountDimension[];
  from?: Date | null;
  to?: Date | null;
  agencyId?: string | null;
  itemKey?: string | null;
}

/**
 * The usual report questions about queries (how many, by city, agency, unit, item, purpose, month),
 * answered by one GROUP BY over the register. The dimensions are whitelisted SQL; every value is a
 * parameter. The city is never a filter the caller controls: row-level security confines it.
 */
export class QueryCountService {
  /** A city's own counts (its officials or its reporting token). */
  async forCity(scope: RequestScope, cityId: string, query: QueryCountQuery): Promise<QueryCountRow[]> {
    const manager = await scope.manager(cityId);
    return this.run(manager, [cityId], query);
  }

  /** A central agency's counts across its cities, for its own service only; the read is logged. */
  async acrossCities(scope: RequestScope, read: CrossCityRead, query: QueryCountQuery, operation: string, now: Date): Promise<QueryCountRow[]> {
    const manager = await crossCityManager(scope, read);
    const rows = await this.run(manager, read.cityIds, query);
    // Each city's share of what was counted, so the city sees how much of its register was read.
    const perCity: Array<{ city_id: string; n: number }> = query.groupBy.includes('CITY')
      ? rows.map((row) => ({ city_id: row.cityId!, n: row.count }))
      : await this.perCity(manager, read.cityIds, query);
    await logCrossCityRead(manager, read, operation, countByCity(perCity, (row) => row.city_id, (row) => row.n), now);
    return rows;
  }

  private async perCity(manager: EntityManager, cityIds: string[], query: QueryCountQuery) {
    const rows = await this.run(manager, cityIds, { ...query, groupBy: ['CITY'] });
    return rows.map((row) => ({ city_id: row.cityId!, n: row.count }));
  }

  private async run(manager: EntityManager, cityIds: string[], query: QueryCountQuery): Promise<QueryCountRow[]> {
    const groupBy = [...new Set(query.groupBy)];
    if (groupBy.length === 0) throw new InputError('GROUP_BY_REQUIRED', 'Count by at least one dimension.', 'groupBy');
    if (query.agencyId && !/^[0-9a-f-]{36}$/i.test(query.agencyId)) throw new InputError('INVALID_ID', 'The agency id is not valid.', 'agencyId');
    // The roll-up keeps neither the purpose nor its category: those are counted over the register itself.
    if (!groupBy.includes('PURPOSE') && !groupBy.includes('PURPOSE_CATEGORY') && isMonthStart(query.from) && isMonthStart(query.to)) return this.fromRollup(manager, cityIds, groupBy, query);
    const params: unknown[] = [cityIds];
    const where = ['city_id = ANY ($1::text[])'];
    if (query.from) where.push(`queried_at >= $${params.push(query.from)}`);
    if (query.to) where.push(`queried_at < $${params.push(query.to)}`);
    if (query.agencyId) where.push(`agency_id = $${params.push(query.agencyId)}`);
    if (query.itemKey) where.push(`item_key = $${params.push(query.itemKey)}`);
    const selected = groupBy.map((dimension, index) => `${COLUMNS[dimension].sql} AS g${index}`);
    const presented = groupBy.map((dimension, index) => `${COLUMNS[dimension].present?.(`g${index}`) ?? `g${index}`} AS d${index}`);
    const positions = groupBy.map((_, index) => String(index + 1));
    const sql = `SELECT ${presented.join(', ')}, n FROM (
        SELECT ${selected.join(', ')}, count(*)::int AS n FROM query_log.query_record WHERE ${where.join(' AND ')} GROUP BY ${positions.join(', ')}
      ) grouped ORDER BY ${groupBy.map((_, index) => `g${index} NULLS LAST`).join(', ')}`;
    return present(await manager.query(sql, params), groupBy);
  }

  /**
   * The same counts from the monthly roll-up (query_count_monthly), when the period is whole
   * Taiwan months (or open) and PURPOSE is not asked for: a year of a city is thousands of rows,
   * not millions. Same policies, same order, same result.
   */
  private async fromRollup(manager: EntityManager, cityIds: string[], groupBy: QueryCountDimension[], query: QueryCountQuery): Promise<QueryCountRow[]> {
    const params: unknown[] = [cityIds];
    const where = ['city_id = ANY ($1::text[])'];
    if (query.from) where.push(`month >= $${params.push(taipeiDate(query.from))}::date`);
    if (query.to) where.push(`month < $${params.push(taipeiDate(query.to))}::date`);
    if (query.agencyId) where.push(`agency_id = $${params.push(query.agencyId)}`);
    if (query.itemKey) where.push(`item_key = $${params.push(query.itemKey)}`);
    const column = (dimension: QueryCountDimension) => (dimension === 'MONTH' ? 'month' : COLUMNS[dimension].sql);
    const selected = groupBy.map((dimension, index) => `${column(dimension)} AS g${index}`);
    const presented = groupBy.map((dimension, index) => `${dimension === 'MONTH' ? `to_char(g${index}, 'YYYY-MM')` : (COLUMNS[dimension].present?.(`g${index}`) ?? `g${index}`)} AS d${index}`);
    const positions = groupBy.map((_, index) => String(index + 1));
    const sql = `SELECT ${presented.join(', ')}, n FROM (
        SELECT ${selected.join(', ')}, sum(n)::int AS n FROM query_log.query_count_monthly WHERE ${where.join(' AND ')} GROUP BY ${positions.join(', ')}
      ) grouped ORDER BY ${groupBy.map((_, index) => `g${index} NULLS LAST`).join(', ')}`;
    return present(await manager.query(sql, params), groupBy);
  }
}

const TAIPEI_OFFSET_MS = 8 * 3_600_000;

/** Midnight of the 1st of a month, Taiwan time (no daylight saving); an open bound counts too. */
function isMonthStart(at: Date | null | undefined): boolean {
  if (!at) return true;
  const local = new Date(at.getTime() + TAIPEI_OFFSET_MS);
  return local.getUTCDate() === 1 && local.getUTCHours() === 0 && local.getUTCMinutes() === 0 && local.getUTCSeconds() === 0 && local.getUTCMilliseconds() === 0;
}

function taipeiDate(at: Date): string {
  return new Date(at.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

function present(raw: Array<Record<string, unknown>>, groupBy: QueryCountDimension[]): QueryCountRow[] {
  return raw.map((row) => {
    const result: QueryCountRow = { cityId: null, agencyId: null, unitId: null, itemKey: null, purpose: null, purposeCategory: null, month: null, count: Number(row.n) };
    groupBy.forEach((dimension, index) => {
      (result as unknown as Record<string, unknown>)[COLUMNS[dimension].key] = (row[`d${index}`] as string | null) ?? null;
    });
    return result;
  });
}
