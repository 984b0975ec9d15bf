import type { RequestScope } from '@custos/tenancy';
import { checkPageSize, decodeCursor, encodeCursor, toPage, type Page, type PageRequest } from '../shared/pagination';
import { QueryRecordEntity } from './query-record.entity';

export class QueryRecordService {
  /** A user's own register, newest first, with stable cursor pages. */
  async listOwn(scope: RequestScope, cityId: string, accountId: string, page: PageRequest): Promise<Page<QueryRecordEntity>> {
    checkPageSize(page.first);
    const manager = await scope.manager(cityId);
    const query = manager
      .getRepository(QueryRecordEntity)
      .createQueryBuilder('record')
      .where('record.city_id = :cityId AND record.account_id = :accountId', { cityId, accountId });
    const totalCount = await query.clone().getCount();
    if (page.after) {
      const [queriedAt, id] = decodeCursor(page.after);
      query.andWhere('(record.queried_at, record.id) < (:queriedAt, :id)', { queriedAt, id });
    }
    const rows = await query.orderBy('record.queried_at', 'DESC').addOrderBy('record.id', 'DESC').limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (row) => encodeCursor(row.queriedAt, row.id));
  }
}
