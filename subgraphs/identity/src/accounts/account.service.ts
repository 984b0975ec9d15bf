import type { AccountPrincipal } from '@custos/auth';
import { decodeCursor, encodeCursor, InputError } from '@custos/federation';
import { hasAnyRole, type RequestScope } from '@custos/tenancy';
import { AccountEntity } from './account.entity';

export interface AccountPage {
  accounts: AccountEntity[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

const MAX_PAGE_SIZE = 100;

function accountCursor(account: AccountEntity): string {
  return encodeCursor([account.username.toLowerCase(), account.id]);
}

export class AccountService {
  /**
   * Accounts an admin may see: a top admin sees the whole city, an agency admin their agency.
   * Sorted by username then id, so pages are stable while rows are added.
   */
  async listVisible(scope: RequestScope, cityId: string, viewer: AccountPrincipal, page: { first: number; after?: string | null }): Promise<AccountPage> {
    if (page.first < 1 || page.first > MAX_PAGE_SIZE) throw new InputError('INVALID_PAGE_SIZE', `Ask for between 1 and ${MAX_PAGE_SIZE} accounts at a time.`, 'first');
    const manager = await scope.manager(cityId);
    const query = manager.getRepository(AccountEntity).createQueryBuilder('account').where('account.city_id = :cityId', { cityId });
    if (!hasAnyRole(viewer, ['TOP_ADMIN'])) query.andWhere('account.agency_id = :agencyId', { agencyId: viewer.agencyId });
    const totalCount = await query.clone().getCount();
    if (page.after) {
      const [username, id] = decodeCursor(page.after, ['string', 'uuid']);
      query.andWhere('(lower(account.username), account.id) > (:username, :id)', { username, id });
    }
    const rows = await query.orderBy('lower(account.username)', 'ASC').addOrderBy('account.id', 'ASC').limit(page.first + 1).getMany();
    const accounts = rows.slice(0, page.first);
    return { accounts, totalCount, hasNextPage: rows.length > page.first, endCursor: accounts.length ? accountCursor(accounts[accounts.length - 1]!) : null };
  }
}
