import { DomainError, ForbiddenError, InputError } from '@custos/federation';
import { toTaiwanDate } from '@custos/rules';
import type { RequestScope } from '@custos/tenancy';
import { Not, type EntityManager } from 'typeorm';
import { assertMayActOn, assertNotSelf } from '../accounts/account-policy';
import type { AccountLifecycleService } from '../accounts/account-lifecycle.service';
import { AccountEntity } from '../accounts/account.entity';
import { accountSnapshot, personSnapshot } from '../accounts/account-snapshot';
import type { AccountActor } from '../change-history/actor';
import type { ChangeEntry, ChangeHistoryService } from '../change-history/change-history.service';
import { recordObligationEvent } from '../obligations/obligation-events';
import { PersonEntity } from '../people/person.entity';
import type { AccountRules, AccountRulesSource } from '../rules/account-rules';
import { requireDate, requireReason, requireUuid } from '../validation';

export type DutyChangeKind = 'MOVED' | 'DEPARTED';

export interface DutyChangeOutcome {
  person: PersonEntity;
  /** The person's accounts after the change (revoked now, scheduled, or left for the review). */
  accounts: AccountEntity[];
  /** When the accounts are revoked: the move or departure date, or null when the rules leave it to the periodic review. */
  revokeOn: string | null;
  citation: string;
}

/**
 * When accounts must go after a move or departure. Changhua 4(六) (on or before the move date) and
 * Taipei 5(四) (during the leaving procedure) fix the date; where the rules leave moved staff to the
 * periodic review (Tainan 4(二)1) or say nothing (Taoyuan), a move is listed by the annual review
 * instead. Someone who has left the government keeps no account anywhere: a departure is always
 * revoked on its date (platform rule).
 */
export function revocationDateFor(rules: AccountRules, kind: DutyChangeKind, effectiveOn: string): { revokeOn: string | null; citation: string } {
  const { value: deadline, citation } = rules.revokeOnDutyChange;
  if (deadline === 'on-or-before-move-date' || deadline === 'during-leave-procedure') return { revokeOn: effectiveOn, citation };
  if (kind === 'DEPARTED') return { revokeOn: effectiveOn, citation: `platform rule: a departure revokes every account on its date (${citation} sets no earlier deadline)` };
  return { revokeOn: null, citation };
}

export class DutyChangeService {
  constructor(
    private readonly deps: { rules: AccountRulesSource; history: ChangeHistoryService; lifecycle: AccountLifecycleService },
  ) {}

  /**
   * Records that a person moves or leaves on a date and schedules the revocation of their accounts
   * on or before it (revoking at once when the date has come). The leaver job revokes the rest.
   */
  async record(
    scope: RequestScope,
    cityId: string,
    actor: AccountActor,
    input: { personId: string; kind: DutyChangeKind; effectiveOn: string; reason: string },
    now: Date,
  ): Promise<DutyChangeOutcome> {
    const reason = requireReason(input.reason);
    const personId = requireUuid(input.personId, 'personId', 'The person');
    const effectiveOn = requireDate(input.effectiveOn, 'effectiveOn');
    const rules = this.deps.rules.at(cityId, now);
    const manager = await scope.manager(cityId);
    const person = await manager.getRepository(PersonEntity).findOne({ where: { cityId, id: personId }, lock: { mode: 'pessimistic_write' } });
    if (!person) throw new InputError('UNKNOWN_PERSON', 'There is no such person in this city.', 'personId');
    assertNotSelf(actor.principal, { personId: person.id });
    if (person.employmentStatus === 'DEPARTED') throw new DomainError('PERSON_HAS_LEFT', 'This person’s departure is already recorded.');
    const adminScope = await this.deps.lifecycle.scopeOf(manager, actor.principal, rules);
    const accounts = await manager.getRepository(AccountEntity).find({ where: { cityId, personId, status: Not('REVOKED') }, order: { createdAt: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    // Every account of the person must be the actor's to manage: a partial leaver would keep access.
    for (const account of accounts) {
      try {
        assertMayActOn(adminScope, account);
      } catch (error) {
        if (error instanceof ForbiddenError) throw new ForbiddenError('This person also holds accounts you do not manage: the top admin records this change.', { reason: 'AGENCY_OUT_OF_SCOPE' });
        throw error;
      }
    }

    const { revokeOn, citation } = revocationDateFor(rules, input.kind, effectiveOn);
    const today = toTaiwanDate(now);
    const personBefore = personSnapshot(person);
    Object.assign(person, { employmentStatus: input.kind, leftOn: effectiveOn });
    await manager.getRepository(PersonEntity).update({ cityId, id: person.id }, { employmentStatus: input.kind, leftOn: effectiveOn });
    await this.deps.history.record(manager, cityId, actor, now, [
      { action: 'PERSON_DUTY_CHANGE_RECORDED', entityType: 'PERSON', entityId: person.id, reason, before: personBefore, after: personSnapshot(person) },
    ]);
    await recordObligationEvent(manager, cityId, rules, {
      kind: 'staff-moved-or-left',
      occurredOn: effectiveOn,
      agencyId: accounts[0]?.agencyId ?? null,
      subjectType: 'PERSON',
      subjectId: person.id,
      note: reason,
      recordedBy: actor.accountId,
    }, now);
    if (revokeOn) {
      const scheduleReason = `${input.kind === 'MOVED' ? 'moves' : 'leaves'} on ${effectiveOn} (${citation}): ${reason}`;
      for (const account of accounts) {
        if (revokeOn <= today) {
          await this.deps.lifecycle.transition(manager, account, 'REVOKE', actor, scheduleReason, now);
        } else {
          await this.schedule(manager, account, revokeOn, scheduleReason, actor, now);
        }
      }
    }
    return { person, accounts, revokeOn, citation };
  }

  /** Schedules an account's revocation (keeping an earlier date if one is already set). */
  async schedule(manager: EntityManager, account: AccountEntity, revokeOn: string, reason: string, actor: AccountActor, now: Date): Promise<void> {
    if (account.revokeOn && account.revokeOn <= revokeOn) return;
    const before = accountSnapshot(account);
    Object.assign(account, { revokeOn, revokeOnReason: reason });
    await manager.getRepository(AccountEntity).update({ cityId: account.cityId, id: account.id }, { revokeOn, revokeOnReason: reason });
    const entry: ChangeEntry = { action: 'ACCOUNT_REVOCATION_SCHEDULED', entityType: 'ACCOUNT', entityId: account.id, reason, before, after: accountSnapshot(account) };
    await this.deps.history.record(manager, account.cityId, actor, now, [entry]);
  }
}

