import type { RequestScope } from '@custos/tenancy';
import { checkPageSize, decodeCursor, encodeCursor, toPage, type Page, type PageRequest } from '../shared/pagination';
import { QueryRecordEntity } from '../records/query-record.entity';
import { CrossCityReadEntity } from './cross-city-read.entity';
import { countByCity, crossCityManager, logCrossCityRead, type CrossCityRead } from './cross-city-reach';

export interface CrossCityRecordQuery {
  from?: Date | null;
  to?: Date | null;
  agencyId?: string | null;
}

/**
 * Issue 9: the central agencies' reads of the cities' query records, and the cities' view of those
 * reads. Row-level security does the narrowing (cities + service); the WHERE clauses only filter.
 */
export class CrossCityService {
  async records(scope: RequestScope, read: CrossCityRead, filter: CrossCityRecordQuery, page: PageRequest, operation: string, now: Date): Promise<Page<QueryRecordEntity>> {
    checkPageSize(page.first);
    const cursor = page.after ? decodeCursor(page.after) : null;
    const manager = await crossCityManager(scope, read);
    const base = manager.getRepository(QueryRecordEntity).createQueryBuilder('record').where('record.city_id IN (:...cityIds)', { cityIds: read.cityIds });
    if (filter.from) base.andWhere('record.queried_at >= :from', { from: filter.from });
    if (filter.to) base.andWhere('record.queried_at < :to', { to: filter.to });
    if (filter.agencyId) base.andWhere('record.agency_id = :agencyId', { agencyId: filter.agencyId });
    const totalCount = await base.clone().getCount();
    const rows = base.clone();
    if (cursor) rows.andWhere('(record.queried_at, record.id) < (:at, :id)', { at: cursor[0], id: cursor[1] });
    const found = await rows.orderBy('record.queried_at', 'DESC').addOrderBy('record.id', 'DESC').take(page.first + 1).getMany();
    const result = toPage(found, page.first, totalCount, (row) => encodeCursor(row.queriedAt, row.id));
    await logCrossCityRead(manager, read, operation, countByCity(result.nodes, (row) => row.cityId), now);
    return result;
  }

  /** This city's reads by central agencies (for its top admin). */
  async readsOf(scope: RequestScope, cityId: string, page: PageRequest): Promise<Page<CrossCityReadEntity>> {
    checkPageSize(page.first);
    const cursor = page.after ? decodeCursor(page.after) : null;
    const manager = await scope.manager(cityId);
    const base = manager.getRepository(CrossCityReadEntity).createQueryBuilder('read').where('read.city_id = :cityId', { cityId });
    const totalCount = await base.clone().getCount();
    const rows = base.clone();
    if (cursor) rows.andWhere('(read.read_at, read.id) < (:at, :id)', { at: cursor[0], id: cursor[1] });
    const found = await rows.orderBy('read.read_at', 'DESC').addOrderBy('read.id', 'DESC').take(page.first + 1).getMany();
    return toPage(found, page.first, totalCount, (row) => encodeCursor(row.readAt, row.id));
  }
}
