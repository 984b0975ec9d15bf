import { DomainError, NotFoundError } from '@custos/federation';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { assertPageSize, decodeCursor, pageOf, type PageRequest } from '../common/pagination';
import { updateReturning } from '../common/sql';
import { BusinessItemEntity } from '../register/business-item.entity';
import { AgencyGrantEntity } from './agency-grant.entity';
import { UserGrantEntity } from './user-grant.entity';

export interface RevokeResult {
  agencyGrants: AgencyGrantEntity[];
  /** User grants ended with them, in the same transaction. */
  endedUserGrants: number;
}

/**
 * The layered grants (domain brief "Grants are layered"): an agency holds an item only for a
 * registered business item; a user holds an item only while their agency holds it, and only for a
 * business item of their own unit (Changhua 3, data minimisation). Every method works inside the
 * caller's transaction, in the caller's city.
 */
export class GrantService {
  /** Open agency grants of these items, by item. */
  async agencyHoldings(manager: EntityManager, cityId: string, agencyId: string, itemKeys: readonly string[]): Promise<Map<string, AgencyGrantEntity[]>> {
    const rows = itemKeys.length === 0
      ? []
      : await manager
          .getRepository(AgencyGrantEntity)
          .createQueryBuilder('g')
          .where('g.city_id = :cityId AND g.agency_id = :agencyId AND g.item_key = ANY(:itemKeys) AND g.revoked_at IS NULL', { cityId, agencyId, itemKeys: [...itemKeys] })
          .getMany();
    const byItem = new Map<string, AgencyGrantEntity[]>();
    for (const row of rows) byItem.set(row.itemKey, [...(byItem.get(row.itemKey) ?? []), row]);
    return byItem;
  }

  /**
   * For each item, the business item of `unitId` that the agency holds it for (null when none):
   * the register must list the item for that unit, and the agency must hold it for that entry.
   */
  async unitBusinessItems(manager: EntityManager, cityId: string, agencyId: string, unitId: string | null, itemKeys: readonly string[]): Promise<Map<string, BusinessItemEntity | null>> {
    const result = new Map<string, BusinessItemEntity | null>(itemKeys.map((key) => [key, null]));
    if (unitId === null || itemKeys.length === 0) return result;
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT b.*, g.item_key AS granted_item
         FROM permissions.business_item b
         JOIN permissions.agency_grant g
           ON g.city_id = b.city_id AND g.business_item_id = b.id AND g.agency_id = b.agency_id AND g.revoked_at IS NULL
        WHERE b.city_id = $1 AND b.agency_id = $2 AND b.ended_at IS NULL AND $3::uuid = ANY(b.unit_ids)
          AND g.item_key = ANY($4::text[]) AND g.item_key = ANY(b.item_keys)
        ORDER BY b.registered_at, b.id`,
      [cityId, agencyId, unitId, [...itemKeys]],
    );
    for (const raw of rows) {
      const itemKey = raw.granted_item as string;
      if (result.get(itemKey) === null) result.set(itemKey, toBusinessItem(raw));
    }
    return result;
  }

  /** The agency holds `itemKeys` for `businessItemId` from `at`; items it already holds for that entry are left as they are. */
  async grantAgencyItems(
    manager: EntityManager,
    cityId: string,
    input: { agencyId: string; businessItemId: string; itemKeys: readonly string[]; at: Date; applicationId: string | null },
  ): Promise<AgencyGrantEntity[]> {
    const created: AgencyGrantEntity[] = [];
    for (const itemKey of input.itemKeys) {
      const row: AgencyGrantEntity = {
        id: randomUUID(),
        cityId,
        agencyId: input.agencyId,
        itemKey,
        businessItemId: input.businessItemId,
        grantedAt: input.at,
        revokedAt: null,
        revokedReason: null,
        applicationId: input.applicationId,
      };
      const inserted: unknown[] = await manager.query(
        `INSERT INTO permissions.agency_grant (id, city_id, agency_id, item_key, business_item_id, granted_at, application_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
        [row.id, cityId, row.agencyId, itemKey, row.businessItemId, row.grantedAt, row.applicationId],
      );
      if (inserted.length > 0) created.push(row);
    }
    return created;
  }

  /**
   * Ends agency grants, and in the same transaction the user grants that depended on them: those
   * made for the same business item, and all of the agency's users' grants of an item the agency no
   * longer holds at all.
   */
  async revokeAgencyGrants(manager: EntityManager, cityId: string, grantIds: readonly string[], at: Date, reason: string): Promise<RevokeResult> {
    if (grantIds.length === 0) return { agencyGrants: [], endedUserGrants: 0 };
    const revoked = (await updateReturning(manager, 
      `UPDATE permissions.agency_grant
          SET revoked_at = greatest(granted_at, $3::timestamptz), revoked_reason = $4
        WHERE city_id = $1 AND id = ANY($2::uuid[]) AND revoked_at IS NULL
        RETURNING *`,
      [cityId, [...grantIds], at.toISOString(), reason.slice(0, 500)],
    )).map(toAgencyGrant);
    let endedUserGrants = 0;
    for (const grant of revoked) {
      const ended = await updateReturning(manager, 
        `UPDATE permissions.user_grant u
            SET revoked_at = greatest(u.granted_at, $5::timestamptz), revoked_reason = $6
          WHERE u.city_id = $1 AND u.agency_id = $2 AND u.item_key = $3 AND u.revoked_at IS NULL
            AND (u.business_item_id = $4 OR NOT EXISTS (
                  SELECT 1 FROM permissions.agency_grant g
                   WHERE g.city_id = $1 AND g.agency_id = $2 AND g.item_key = $3 AND g.revoked_at IS NULL))
          RETURNING u.id`,
        [cityId, grant.agencyId, grant.itemKey, grant.businessItemId, at.toISOString(), `agency grant ended: ${reason}`.slice(0, 500)],
      );
      endedUserGrants += ended.length;
    }
    return { agencyGrants: revoked, endedUserGrants };
  }

  async findAgencyGrant(manager: EntityManager, cityId: string, id: string): Promise<AgencyGrantEntity | null> {
    return manager.getRepository(AgencyGrantEntity).findOneBy({ cityId, id });
  }

  /** A user's items, each for the business item of their unit that needs it; items already held are left as they are. */
  async grantUserItems(
    manager: EntityManager,
    cityId: string,
    input: { accountId: string; agencyId: string; unitId: string | null; itemKeys: readonly string[]; at: Date; applicationId: string | null },
  ): Promise<UserGrantEntity[]> {
    const businessItems = await this.unitBusinessItems(manager, cityId, input.agencyId, input.unitId, input.itemKeys);
    const missing = input.itemKeys.filter((key) => businessItems.get(key) === null);
    if (missing.length > 0) throw notHeldError(missing);
    const created: UserGrantEntity[] = [];
    for (const itemKey of input.itemKeys) {
      const row: UserGrantEntity = {
        id: randomUUID(),
        cityId,
        accountId: input.accountId,
        itemKey,
        grantedAt: input.at,
        revokedAt: null,
        agencyId: input.agencyId,
        unitId: input.unitId,
        businessItemId: businessItems.get(itemKey)!.id,
        applicationId: input.applicationId,
        revokedReason: null,
      };
      const inserted: unknown[] = await manager.query(
        `INSERT INTO permissions.user_grant (id, city_id, account_id, item_key, granted_at, agency_id, unit_id, business_item_id, application_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
        [row.id, cityId, row.accountId, itemKey, row.grantedAt, row.agencyId, row.unitId, row.businessItemId, row.applicationId],
      );
      if (inserted.length > 0) created.push(row);
    }
    return created;
  }

  /** Ends a user's open grants of `itemKeys` (all of them when null). */
  async revokeUserItems(manager: EntityManager, cityId: string, accountId: string, itemKeys: readonly string[] | null, at: Date, reason: string): Promise<number> {
    const ended = await updateReturning(manager, 
      `UPDATE permissions.user_grant
          SET revoked_at = greatest(granted_at, $3::timestamptz), revoked_reason = $4
        WHERE city_id = $1 AND account_id = $2 AND revoked_at IS NULL AND ($5::text[] IS NULL OR item_key = ANY($5::text[]))
        RETURNING id`,
      [cityId, accountId, at.toISOString(), reason.slice(0, 500), itemKeys === null ? null : [...itemKeys]],
    );
    return ended.length;
  }

  async findUserGrant(manager: EntityManager, cityId: string, id: string): Promise<UserGrantEntity | null> {
    return manager.getRepository(UserGrantEntity).findOneBy({ cityId, id });
  }

  async revokeUserGrant(manager: EntityManager, cityId: string, id: string, at: Date, reason: string): Promise<UserGrantEntity> {
    const grant = await this.findUserGrant(manager, cityId, id);
    if (!grant) throw new NotFoundError('The user grant');
    if (grant.revokedAt !== null) throw new DomainError('ALREADY_REVOKED', `This grant was already revoked on ${grant.revokedAt.toISOString()}.`);
    const revokedAt = at < grant.grantedAt ? grant.grantedAt : at;
    await manager.getRepository(UserGrantEntity).update({ cityId, id }, { revokedAt, revokedReason: reason });
    return { ...grant, revokedAt, revokedReason: reason };
  }

  /** Agency grants of an agency, oldest first; current ones only unless asked. */
  async listAgencyGrants(manager: EntityManager, cityId: string, agencyId: string, includeRevoked: boolean, page: PageRequest) {
    assertPageSize(page.first);
    const query = manager.getRepository(AgencyGrantEntity).createQueryBuilder('g').where('g.city_id = :cityId AND g.agency_id = :agencyId', { cityId, agencyId });
    if (!includeRevoked) query.andWhere('g.revoked_at IS NULL');
    const totalCount = await query.clone().getCount();
    if (page.after) {
      const [itemKey, id] = decodeCursor(page.after, 2);
      query.andWhere('(g.item_key, g.id) > (:itemKey, :id::uuid)', { itemKey, id });
    }
    const rows = await query.orderBy('g.item_key', 'ASC').addOrderBy('g.id', 'ASC').limit(page.first + 1).getMany();
    return { ...pageOf(rows, page.first, (row) => [row.itemKey, row.id]), totalCount };
  }

  /**
   * The grants matrix of an agency (users × items): the items the agency holds now (the columns) and
   * a page of its accounts that hold items now, each with their items (the rows).
   */
  async grantsMatrix(manager: EntityManager, cityId: string, agencyId: string, page: PageRequest) {
    assertPageSize(page.first);
    const columns: Array<{ item_key: string }> = await manager.query(
      `SELECT DISTINCT item_key FROM permissions.agency_grant WHERE city_id = $1 AND agency_id = $2 AND revoked_at IS NULL ORDER BY item_key`,
      [cityId, agencyId],
    );
    const [{ total }]: Array<{ total: number }> = await manager.query(
      `SELECT count(DISTINCT account_id)::int AS total FROM permissions.user_grant WHERE city_id = $1 AND agency_id = $2 AND revoked_at IS NULL`,
      [cityId, agencyId],
    );
    const after = page.after ? decodeCursor(page.after, 1)[0]! : null;
    const rows: Array<{ account_id: string; item_keys: string[] }> = await manager.query(
      `SELECT account_id, array_agg(item_key ORDER BY item_key) AS item_keys
         FROM permissions.user_grant
        WHERE city_id = $1 AND agency_id = $2 AND revoked_at IS NULL AND ($3::uuid IS NULL OR account_id > $3::uuid)
        GROUP BY account_id ORDER BY account_id LIMIT $4`,
      [cityId, agencyId, after, page.first + 1],
    );
    const { nodes, pageInfo } = pageOf(rows, page.first, (row) => [row.account_id]);
    return {
      itemKeys: columns.map((column) => column.item_key),
      rows: nodes.map((row) => ({ accountId: row.account_id, itemKeys: row.item_keys })),
      pageInfo,
      totalCount: total,
    };
  }
}

export function notHeldError(itemKeys: readonly string[]): DomainError {
  return new DomainError(
    'AGENCY_GRANT_NOT_HELD',
    `Your agency does not hold ${itemKeys.join(', ')} for a registered business item of your unit: apply for the agency's items first (業務項目清冊 / 查調項目增減表).`,
    { itemKeys: [...itemKeys] },
  );
}

function toBusinessItem(raw: Record<string, unknown>): BusinessItemEntity {
  return {
    id: raw.id as string,
    cityId: raw.city_id as string,
    agencyId: raw.agency_id as string,
    unitIds: raw.unit_ids as string[],
    legalBasisId: raw.legal_basis_id as string,
    nameZh: raw.name_zh as string,
    purposeZh: raw.purpose_zh as string,
    itemKeys: raw.item_keys as string[],
    registeredAt: new Date(raw.registered_at as string),
    endedAt: raw.ended_at ? new Date(raw.ended_at as string) : null,
    applicationId: (raw.application_id as string | null) ?? null,
  };
}

function toAgencyGrant(raw: Record<string, unknown>): AgencyGrantEntity {
  return {
    id: raw.id as string,
    cityId: raw.city_id as string,
    agencyId: raw.agency_id as string,
    itemKey: raw.item_key as string,
    businessItemId: raw.business_item_id as string,
    grantedAt: new Date(raw.granted_at as string),
    revokedAt: raw.revoked_at ? new Date(raw.revoked_at as string) : null,
    revokedReason: (raw.revoked_reason as string | null) ?? null,
    applicationId: (raw.application_id as string | null) ?? null,
  };
}
