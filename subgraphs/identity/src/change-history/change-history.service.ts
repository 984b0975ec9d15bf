import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor, InputError } from '@custos/federation';
import type { RequestScope } from '@custos/tenancy';
import type { EntityManager } from 'typeorm';
import type { Actor } from './actor';
import { ChangeRecordEntity } from './change-record.entity';

export type ChangeAction =
  | 'ACCOUNT_CREATED'
  | 'ACCOUNT_CHANGED'
  | 'ACCOUNT_SUSPENDED'
  | 'ACCOUNT_REACTIVATED'
  | 'ACCOUNT_REVOKED'
  | 'ACCOUNT_REVOCATION_SCHEDULED'
  | 'ACCOUNT_UNLOCKED'
  | 'PERSON_CREATED'
  | 'PERSON_DUTY_CHANGE_RECORDED'
  | 'PERSON_EMPLOYMENT_CHANGED'
  | 'ADMIN_HANDOVER_RECORDED'
  | 'ADMIN_HANDOVER_BUREAU_NOTIFIED'
  | 'ACCOUNT_REVIEW_STARTED'
  | 'ACCOUNT_REVIEW_DECIDED'
  | 'ACCOUNT_REVIEW_COMPLETED'
  | 'SERVICE_ACCOUNT_CREATED'
  | 'SERVICE_ACCOUNT_TOKEN_ISSUED'
  | 'SERVICE_ACCOUNT_TOKEN_REVOKED';

export type ChangedEntity = 'ACCOUNT' | 'PERSON' | 'ADMIN_HANDOVER' | 'ACCOUNT_REVIEW' | 'SERVICE_ACCOUNT';

export interface ChangeEntry {
  action: ChangeAction;
  entityType: ChangedEntity;
  entityId: string;
  reason: string;
  before: object | null;
  after: object | null;
}

export interface ChangePage {
  records: ChangeRecordEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const MAX_PAGE_SIZE = 100;


/**
 * The append-only change history of identity data. Every command writes its records in the same
 * transaction as the change itself, so a change is never kept without its record, nor a record
 * without its change.
 */
export class ChangeHistoryService {
  async record(manager: EntityManager, cityId: string, actor: Actor, occurredAt: Date, entries: ChangeEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.getRepository(ChangeRecordEntity).insert(
      entries.map((entry) => ({
        id: randomUUID(),
        cityId,
        occurredAt,
        actorKind: actor.kind,
        actorAccountId: actor.kind === 'ACCOUNT' ? actor.accountId : null,
        actorPersonId: actor.kind === 'ACCOUNT' ? actor.personId : null,
        clientAddress: actor.kind === 'ACCOUNT' ? actor.clientAddress : null,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        reason: entry.reason,
        before: entry.before,
        after: entry.after,
      })) as never,
    );
  }

  /** Newest first, optionally only the changes to one entity. */
  async list(scope: RequestScope, cityId: string, page: { first: number; after?: string | null; entityId?: string | null }): Promise<ChangePage> {
    if (page.first < 1 || page.first > MAX_PAGE_SIZE) throw new InputError('INVALID_PAGE_SIZE', `Ask for between 1 and ${MAX_PAGE_SIZE} changes at a time.`, 'first');
    const manager = await scope.manager(cityId);
    const query = manager.getRepository(ChangeRecordEntity).createQueryBuilder('change').where('change.city_id = :cityId', { cityId });
    if (page.entityId) query.andWhere('change.entity_id = :entityId', { entityId: page.entityId });
    if (page.after) query.andWhere('change.position < :position', { position: decodeCursor(page.after, ['integer'])[0] });
    const rows = await query.orderBy('change.position', 'DESC').limit(page.first + 1).getMany();
    const records = rows.slice(0, page.first);
    const last = records[records.length - 1];
    return { records, hasNextPage: rows.length > page.first, endCursor: last ? encodeCursor([last.position]) : null };
  }
}
