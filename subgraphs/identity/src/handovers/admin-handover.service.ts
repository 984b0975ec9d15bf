import { randomUUID } from 'node:crypto';
import type { Role } from '@custos/auth';
import { decodeCursor, DomainError, encodeCursor, InputError, NotFoundError } from '@custos/federation';
import { toTaiwanDate } from '@custos/rules';
import type { RequestScope } from '@custos/tenancy';
import { Not, type EntityManager } from 'typeorm';
import { assertManagesAgency, assertMayActOn, assertMayAssign } from '../accounts/account-policy';
import type { AccountLifecycleService } from '../accounts/account-lifecycle.service';
import { AccountEntity } from '../accounts/account.entity';
import { accountSnapshot } from '../accounts/account-snapshot';
import type { AccountActor } from '../change-history/actor';
import type { ChangeHistoryService } from '../change-history/change-history.service';
import type { DutyChangeService } from '../leavers/duty-change.service';
import { recordObligationEvent } from '../obligations/obligation-events';
import { PersonEntity } from '../people/person.entity';
import type { AccountRulesSource } from '../rules/account-rules';
import { requireDate, requireReason, requireUuid } from '../validation';
import { AdminHandoverEntity, type HandedOver, type HandedOverItem } from './admin-handover.entity';

/** The admin roles a handover passes on. */
const ADMIN_ROLES: readonly Role[] = ['TOP_ADMIN', 'AGENCY_ADMIN'];

export type NoticeState = 'OPEN' | 'OVERDUE' | 'DONE';

/** OPEN until due, OVERDUE after the due date, DONE once the bureau was notified. */
export function noticeState(handover: Pick<AdminHandoverEntity, 'bureauNoticeDueOn' | 'bureauNotifiedOn'>, today: string): NoticeState | null {
  if (!handover.bureauNoticeDueOn) return null;
  if (handover.bureauNotifiedOn) return 'DONE';
  return today > handover.bureauNoticeDueOn ? 'OVERDUE' : 'OPEN';
}

const ITEM_DESCRIPTIONS: Record<HandedOverItem['kind'], string> = {
  'user-roster': 'User roster (使用者名冊) of the agency as handed over',
  'audit-records': 'Audit records (稽核紀錄): the change history of the agency’s accounts up to the handover',
  'query-records': 'Query records (查詢紀錄): the query register of the agency up to the handover',
};

const MAX_PAGE_SIZE = 100;

export class AdminHandoverService {
  constructor(
    private readonly deps: { rules: AccountRulesSource; history: ChangeHistoryService; lifecycle: AccountLifecycleService; dutyChanges: DutyChangeService },
  ) {}

  /**
   * Changhua 4(三)(四)(八): hands an admin's role to another account of the same agency. In one
   * transaction and in this order: the new admin holds the role (active) first; then the old admin
   * is stopped — at once if the move date has come, else revoked by the leaver job on that date;
   * the roster and records are listed as handed over; and, where the rules require it, the notice
   * to the bureau is due within the rule's days, kept as an event for the audit calendar.
   */
  async record(
    scope: RequestScope,
    cityId: string,
    actor: AccountActor,
    input: { outgoingAccountId: string; incomingAccountId: string; moveOn: string; reason: string },
    now: Date,
  ): Promise<AdminHandoverEntity> {
    const reason = requireReason(input.reason);
    const outgoingId = requireUuid(input.outgoingAccountId, 'outgoingAccountId', 'The outgoing admin’s account');
    const incomingId = requireUuid(input.incomingAccountId, 'incomingAccountId', 'The incoming admin’s account');
    if (outgoingId === incomingId) throw new InputError('SAME_ACCOUNT', 'The new admin must be another account.', 'incomingAccountId');
    const moveOn = requireDate(input.moveOn, 'moveOn');
    const rules = this.deps.rules.at(cityId, now);
    const today = toTaiwanDate(now);

    const manager = await scope.manager(cityId);
    const outgoing = await this.deps.lifecycle.lockAccount(manager, cityId, outgoingId);
    const incoming = await this.deps.lifecycle.lockAccount(manager, cityId, incomingId);
    const roles = outgoing.roles.filter((role) => ADMIN_ROLES.includes(role));
    if (roles.length === 0) throw new InputError('NOT_AN_ADMIN', 'The outgoing account holds no admin role to hand over.', 'outgoingAccountId');
    if (outgoing.status === 'REVOKED') throw new DomainError('ACCOUNT_REVOKED', 'The outgoing admin’s account is already revoked.');
    if (incoming.agencyId !== outgoing.agencyId) throw new InputError('INCOMING_OTHER_AGENCY', 'The new admin must hold an account in the same agency.', 'incomingAccountId');
    if (incoming.personId === outgoing.personId) throw new InputError('SAME_PERSON', 'The new admin must be another person.', 'incomingAccountId');
    const handover = rules.adminHandover;
    // Changhua 4(三): the new admin's account exists and is active before the old one is stopped.
    if (incoming.status !== 'ACTIVE') {
      throw new DomainError('INCOMING_NOT_ACTIVE', `The new admin’s account must be active before the old one is stopped (${handover.citation}).`, { citation: handover.citation });
    }
    const adminScope = await this.deps.lifecycle.scopeOf(manager, actor.principal, rules);
    assertMayActOn(adminScope, outgoing);
    assertMayActOn(adminScope, incoming);
    assertMayAssign(adminScope, roles, incoming.agencyId);
    const person = await manager.getRepository(PersonEntity).findOneByOrFail({ cityId, id: incoming.personId });
    if (person.employmentStatus === 'DEPARTED') throw new DomainError('PERSON_HAS_LEFT', 'The new admin has left; choose another account.');

    // 1. The new admin holds the role(s).
    const missing = roles.filter((role) => !incoming.roles.includes(role));
    if (missing.length > 0) {
      const before = accountSnapshot(incoming);
      incoming.roles = [...incoming.roles, ...missing];
      await manager.getRepository(AccountEntity).update({ cityId, id: incoming.id }, { roles: incoming.roles });
      // Access tokens carry roles: the new admin signs in again to act as admin.
      await this.deps.lifecycle.endSessions(manager, incoming, now, 'ACCOUNT_CHANGED');
      await this.deps.history.record(manager, cityId, actor, now, [
        { action: 'ACCOUNT_CHANGED', entityType: 'ACCOUNT', entityId: incoming.id, reason: `Admin handover: ${reason}`, before, after: accountSnapshot(incoming) },
      ]);
    }
    const incomingActiveAt = now;

    // 2. The old admin is stopped on or before the move date.
    const stopReason = `Admin handover to ${incoming.username}, move on ${moveOn} (${handover.citation}): ${reason}`;
    let outgoingStoppedAt: Date | null = null;
    if (moveOn <= today) {
      await this.deps.lifecycle.transition(manager, outgoing, 'REVOKE', actor, stopReason, now);
      outgoingStoppedAt = now;
    } else {
      await this.deps.dutyChanges.schedule(manager, outgoing, moveOn, stopReason, actor, now);
    }

    // 3. What is handed over, as the city's rules list it (Changhua 4(四): the roster and the audit records).
    const handedOver = await this.inventory(manager, cityId, outgoing.agencyId, handover.value?.handOver ?? ['user-roster']);

    // 4. The notice to the bureau (Changhua 4(八): within 7 days from the day after the change).
    const notice = rules.adminChangeNotice;
    const record: AdminHandoverEntity = {
      id: randomUUID(),
      cityId,
      agencyId: outgoing.agencyId,
      outgoingAccountId: outgoing.id,
      incomingAccountId: incoming.id,
      roles,
      moveOn,
      reason,
      recordedAt: now,
      recordedBy: actor.accountId,
      incomingActiveAt,
      outgoingStoppedAt,
      handedOver,
      citation: handover.citation,
      bureauNoticeObligationId: notice?.obligationId ?? null,
      bureauNoticeCitation: notice?.citation ?? null,
      bureauNoticeDueOn: null,
      bureauNotifiedOn: null,
      bureauNoticeReference: null,
    };
    const events = await recordObligationEvent(manager, cityId, rules, {
      kind: 'admin-changed',
      occurredOn: today,
      agencyId: outgoing.agencyId,
      subjectType: 'ADMIN_HANDOVER',
      subjectId: record.id,
      note: `${outgoing.username} → ${incoming.username}: ${reason}`.slice(0, 2000),
      recordedBy: actor.accountId,
    }, now);
    record.bureauNoticeDueOn = notice ? (events.find((event) => event.obligationId === notice.obligationId)?.dueOn ?? null) : null;
    await manager.getRepository(AdminHandoverEntity).insert(record);
    await this.deps.history.record(manager, cityId, actor, now, [
      {
        action: 'ADMIN_HANDOVER_RECORDED',
        entityType: 'ADMIN_HANDOVER',
        entityId: record.id,
        reason,
        before: null,
        after: { outgoing: outgoing.username, incoming: incoming.username, roles, moveOn, items: handedOver.items, bureauNoticeDueOn: record.bureauNoticeDueOn },
      },
    ]);
    return record;
  }

  /** Records that the bureau was notified (the obligation done), with the letter's reference. */
  async recordBureauNotified(
    scope: RequestScope,
    cityId: string,
    actor: AccountActor,
    input: { handoverId: string; notifiedOn: string; reference: string },
    now: Date,
  ): Promise<AdminHandoverEntity> {
    const id = requireUuid(input.handoverId, 'handoverId', 'The handover');
    const notifiedOn = requireDate(input.notifiedOn, 'notifiedOn');
    const reference = requireReason(input.reference, 'reference');
    if (notifiedOn > toTaiwanDate(now)) throw new InputError('DATE_IN_FUTURE', 'The bureau cannot have been notified in the future.', 'notifiedOn');
    const manager = await scope.manager(cityId);
    const handover = await manager.getRepository(AdminHandoverEntity).findOne({ where: { cityId, id }, lock: { mode: 'pessimistic_write' } });
    if (!handover) throw new NotFoundError('The handover');
    if (!handover.bureauNoticeDueOn) throw new DomainError('NO_NOTICE_REQUIRED', 'The city’s rules require no notice to the bureau for this handover.');
    if (handover.bureauNotifiedOn) throw new DomainError('ALREADY_NOTIFIED', `The bureau was already notified on ${handover.bureauNotifiedOn}.`);
    if (notifiedOn < toTaiwanDate(handover.recordedAt)) throw new InputError('DATE_BEFORE_HANDOVER', 'The notice cannot predate the handover.', 'notifiedOn');
    assertManagesAgency(await this.deps.lifecycle.scopeOf(manager, actor.principal, this.deps.rules.at(cityId, now)), handover.agencyId);
    const before = { bureauNotifiedOn: null, bureauNoticeReference: null };
    Object.assign(handover, { bureauNotifiedOn: notifiedOn, bureauNoticeReference: reference });
    await manager.getRepository(AdminHandoverEntity).update({ cityId, id }, { bureauNotifiedOn: notifiedOn, bureauNoticeReference: reference });
    await this.deps.history.record(manager, cityId, actor, now, [
      { action: 'ADMIN_HANDOVER_BUREAU_NOTIFIED', entityType: 'ADMIN_HANDOVER', entityId: id, reason: reference, before, after: { bureauNotifiedOn: notifiedOn, bureauNoticeReference: reference } },
    ]);
    return handover;
  }

  async list(scope: RequestScope, cityId: string, page: { first: number; after?: string | null }): Promise<{ handovers: AdminHandoverEntity[]; hasNextPage: boolean; endCursor: string | null }> {
    if (page.first < 1 || page.first > MAX_PAGE_SIZE) throw new InputError('INVALID_PAGE_SIZE', `Ask for between 1 and ${MAX_PAGE_SIZE} at a time.`, 'first');
    const manager = await scope.manager(cityId);
    const query = manager.getRepository(AdminHandoverEntity).createQueryBuilder('handover').where('handover.city_id = :cityId', { cityId });
    if (page.after) {
      const cursor = decodeCursor(page.after, ['timestamp', 'uuid']);
      query.andWhere('(handover.recorded_at, handover.id) < (:at, :id)', { at: cursor[0], id: cursor[1] });
    }
    const rows = await query.orderBy('handover.recorded_at', 'DESC').addOrderBy('handover.id', 'DESC').limit(page.first + 1).getMany();
    const handovers = rows.slice(0, page.first);
    const last = handovers[handovers.length - 1];
    return {
      handovers,
      hasNextPage: rows.length > page.first,
      endCursor: last ? encodeCursor([last.recordedAt, last.id]) : null,
    };
  }

  async find(scope: RequestScope, cityId: string, id: string): Promise<AdminHandoverEntity | null> {
    const manager = await scope.manager(cityId);
    return manager.getRepository(AdminHandoverEntity).findOneBy({ cityId, id: requireUuid(id, 'id', 'The handover') });
  }

  private async inventory(manager: EntityManager, cityId: string, agencyId: string, kinds: HandedOverItem['kind'][]): Promise<HandedOver> {
    const accounts = await manager.getRepository(AccountEntity).find({ where: { cityId, agencyId, status: Not('REVOKED') }, order: { username: 'ASC' } });
    const people = accounts.length
      ? await manager.getRepository(PersonEntity).createQueryBuilder('person').where('person.city_id = :cityId AND person.id IN (:...ids)', { cityId, ids: [...new Set(accounts.map((a) => a.personId))] }).getMany()
      : [];
    const names = new Map(people.map((person) => [person.id, person.displayName]));
    const roster = accounts.map((account) => ({ accountId: account.id, username: account.username, displayName: names.get(account.personId) ?? '', roles: [...account.roles], status: account.status }));
    const items: HandedOverItem[] = [];
    for (const kind of kinds) {
      if (kind === 'user-roster') items.push({ kind, description: ITEM_DESCRIPTIONS[kind], count: roster.length, reference: null });
      if (kind === 'audit-records') {
        const [{ count }] = (await manager.query(
          `select count(*)::int as count from identity.change_record c
            where c.city_id = $1 and c.entity_id in (select id from identity.account where city_id = $1 and agency_id = $2)`,
          [cityId, agencyId],
        )) as Array<{ count: number }>;
        items.push({ kind, description: ITEM_DESCRIPTIONS[kind], count, reference: 'identity change history (identityChanges), up to the handover' });
      }
      if (kind === 'query-records') items.push({ kind, description: ITEM_DESCRIPTIONS[kind], count: 0, reference: `query register of agency ${agencyId} (query-log subgraph), up to the handover` });
    }
    return { items, roster };
  }
}
