import { InputError } from '@custos/federation';
import type { RequestScope } from '@custos/tenancy';
import { QueryRecordEntity } from './query-record.entity';

const MAX_PAGE_SIZE = 200;

function encodeCursor(record: QueryRecordEntity): string {
  return Buffer.from(JSON.stringify([record.queriedAt.toISOString(), record.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && !Number.isNaN(Date.parse(value[0])) && typeof value[1] === 'string') return value as [string, string];
  } catch {
    // reported below
  }
  throw new InputError('INVALID_CURSOR', 'The page cursor is not valid; start again from the first page.', 'after');
}

export class QueryRecordService {
  /** A user's own register, newest first, with stable cursor pages. */
  async listOwn(scope: RequestScope, cityId: string, accountId: string, page: { first: number; after?: string | null }) {
    if (page.first < 1 || page.first > MAX_PAGE_SIZE) throw new InputError('INVALID_PAGE_SIZE', `Ask for between 1 and ${MAX_PAGE_SIZE} records at a time.`, 'first');
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
    const records = rows.slice(0, page.first);
    return {
      nodes: records,
      totalCount,
      pageInfo: { hasNextPage: rows.length > page.first, endCursor: records.length ? encodeCursor(records[records.length - 1]!) : null },
    };
  }
}
