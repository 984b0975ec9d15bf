import { randomUUID } from 'node:crypto';
import { decodeCursor, DomainError, encodeCursor, ForbiddenError, InputError, NotFoundError } from '@custos/federation';
import { toTaiwanDate } from '@custos/rules';
import { hasAnyRole, type RequestScope } from '@custos/tenancy';
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { assertManagesAgency, assertMayActOn, assertNotSelf, managesAgency, type AdminScope } from '../accounts/account-policy';
import type { AccountLifecycleService } from '../accounts/account-lifecycle.service';
import { AccountEntity } from '../accounts/account.entity';
import type { AccountActor } from '../change-history/actor';
import type { ChangeHistoryService } from '../change-history/change-history.service';
import { PersonEntity } from '../people/person.entity';
import type { AccountRules, AccountRulesSource } from '../rules/account-rules';
import { requireReason, requireUuid } from '../validation';
import { AccountReviewEntity, AccountReviewRowEntity, type ReviewDecision, type ReviewFinding } from './account-review.entity';

const DAY_MS = 86_400_000;
const MAX_PAGE_SIZE = 100;

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y! + years, m! - 1, d!)).toISOString().slice(0, 10);
}

/**
 * What one account shows in the review. The rules name duplicate, idle, role-changed (moved) and
 * departed accounts (Changhua 6(一), Tainan 4(二)1; Taoyuan 8(一)2 checks account validity); every
 * city's review also lists vendor staff's accounts (Taipei 5(五)). Idle means no login for the
 * profile's idle days; identity knows logins, not queries (the query log does).
 */
export function findingsFor(
  account: AccountEntity,
  person: PersonEntity,
  otherLiveAccounts: number,
  rules: AccountRules,
  now: Date,
): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  if (otherLiveAccounts > 0) findings.push('DUPLICATE');
  const lastActivity = account.lastLoginAt ?? account.createdAt;
  if (now.getTime() - lastActivity.getTime() > rules.idleAccountDays.value * DAY_MS) findings.push('IDLE');
  if (person.employmentStatus === 'MOVED') findings.push('MOVED');
  if (person.employmentStatus === 'DEPARTED') findings.push('DEPARTED');
  if (person.isVendorStaff) findings.push('VENDOR');
  return findings;
}

export interface ReviewWithRows {
  review: AccountReviewEntity;
  rows: AccountReviewRowEntity[];
}

export class AccountReviewService {
  constructor(private readonly deps: { rules: AccountRulesSource; history: ChangeHistoryService; lifecycle: AccountLifecycleService }) {}

  /** Starts a review of the actor's scope: the whole city for a top admin, their agency (and those below, where the rules say) for an agency admin. */
  async start(scope: RequestScope, cityId: string, actor: AccountActor, input: { reason: string }, now: Date): Promise<ReviewWithRows> {
    const reason = requireReason(input.reason);
    const rules = this.deps.rules.at(cityId, now);
    const manager = await scope.manager(cityId);
    const adminScope = await this.deps.lifecycle.scopeOf(manager, actor.principal, rules);
    const existing = await manager.getRepository(AccountReviewEntity).findOneBy({ cityId, status: 'OPEN', agencyId: adminScope.cityWide ? IsNull() : adminScope.ownAgencyId });
    if (existing) throw new DomainError('REVIEW_ALREADY_OPEN', 'A review of these accounts is still open: complete it first.', { reviewId: existing.id });

    const live = await manager.getRepository(AccountEntity).find({ where: { cityId, status: Not('REVOKED') }, order: { username: 'ASC' } });
    const people = live.length ? await manager.getRepository(PersonEntity).findBy({ cityId, id: In([...new Set(live.map((a) => a.personId))]) }) : [];
    const personById = new Map(people.map((person) => [person.id, person]));
    const byPerson = new Map<string, AccountEntity[]>();
    // Duplicates are a person's own accounts; a service account they answer for is not one of them.
    for (const account of live.filter((candidate) => candidate.kind === 'PERSONAL')) byPerson.set(account.personId, [...(byPerson.get(account.personId) ?? []), account]);

    const today = toTaiwanDate(now);
    const review: AccountReviewEntity = {
      id: randomUUID(),
      cityId,
      agencyId: adminScope.cityWide ? null : adminScope.ownAgencyId,
      reason,
      startedAt: now,
      startedBy: actor.accountId,
      status: 'OPEN',
      completedAt: null,
      completedBy: null,
      checks: rules.accountReviewChecks.value,
      checksCitation: rules.accountReviewChecks.citation,
      idleDays: rules.idleAccountDays.value,
      idleCitation: rules.idleAccountDays.citation,
      retainUntil: addYears(today, rules.accountReviewRetention.years),
      retentionCitation: rules.accountReviewRetention.citation,
    };
    const rows: AccountReviewRowEntity[] = [];
    for (const account of live) {
      if (!managesAgency(adminScope, account.agencyId)) continue;
      const person = personById.get(account.personId)!;
      const others = account.kind === 'PERSONAL' ? (byPerson.get(account.personId) ?? []).filter((other) => other.id !== account.id) : [];
      const findings = findingsFor(account, person, others.length, rules, now);
      if (findings.length === 0) continue;
      rows.push({
        id: randomUUID(),
        cityId,
        reviewId: review.id,
        accountId: account.id,
        findings,
        details: {
          lastActivityAt: (account.lastLoginAt ?? account.createdAt).toISOString(),
          otherAccounts: others.map((other) => ({ accountId: other.id, username: other.username })),
          leftOn: person.leftOn,
        },
        decision: null,
        decisionReason: null,
        decidedBy: null,
        decidedAt: null,
      });
    }
    await manager.getRepository(AccountReviewEntity).insert(review);
    if (rows.length) await manager.getRepository(AccountReviewRowEntity).insert(rows as never);
    await this.deps.history.record(manager, cityId, actor, now, [
      { action: 'ACCOUNT_REVIEW_STARTED', entityType: 'ACCOUNT_REVIEW', entityId: review.id, reason, before: null, after: { agencyId: review.agencyId, rows: rows.length, checks: review.checks, idleDays: review.idleDays } },
    ]);
    return { review, rows };
  }

  /** The reviewer's keep-or-revoke decision on one row, with the reason; a revoke takes effect at once. */
  async decide(scope: RequestScope, cityId: string, actor: AccountActor, input: { rowId: string; decision: ReviewDecision; reason: string }, now: Date): Promise<AccountReviewRowEntity> {
    const reason = requireReason(input.reason);
    const rowId = requireUuid(input.rowId, 'rowId', 'The review row');
    const rules = this.deps.rules.at(cityId, now);
    const manager = await scope.manager(cityId);
    const row = await manager.getRepository(AccountReviewRowEntity).findOne({ where: { cityId, id: rowId }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new NotFoundError('The review row');
    const review = await this.requireOpen(manager, cityId, row.reviewId);
    if (row.decision) throw new DomainError('ALREADY_DECIDED', `This row was already decided (${row.decision}).`);
    const account = await this.deps.lifecycle.lockAccount(manager, cityId, row.accountId);
    const adminScope = await this.deps.lifecycle.scopeOf(manager, actor.principal, rules);
    this.assertMayReview(adminScope, review);
    // Nobody approves their own account: another reviewer decides it.
    assertNotSelf(actor.principal, account);
    if (input.decision === 'REVOKE' && account.status !== 'REVOKED') {
      assertMayActOn(adminScope, account);
      await this.deps.lifecycle.transition(manager, account, 'REVOKE', actor, `Account review (${review.checksCitation}): ${reason}`, now);
    }
    Object.assign(row, { decision: input.decision, decisionReason: reason, decidedBy: actor.accountId, decidedAt: now });
    await manager.getRepository(AccountReviewRowEntity).update({ cityId, id: row.id }, { decision: input.decision, decisionReason: reason, decidedBy: actor.accountId, decidedAt: now });
    await this.deps.history.record(manager, cityId, actor, now, [
      { action: 'ACCOUNT_REVIEW_DECIDED', entityType: 'ACCOUNT_REVIEW', entityId: review.id, reason, before: null, after: { accountId: account.id, username: account.username, findings: row.findings, decision: input.decision } },
    ]);
    return row;
  }

  /** Closes a review once every row is decided; it is then kept, unchanged, for the rules' retention period. */
  async complete(scope: RequestScope, cityId: string, actor: AccountActor, reviewIdInput: string, now: Date): Promise<ReviewWithRows> {
    const reviewId = requireUuid(reviewIdInput, 'reviewId', 'The review');
    const rules = this.deps.rules.at(cityId, now);
    const manager = await scope.manager(cityId);
    const review = await this.requireOpen(manager, cityId, reviewId);
    this.assertMayReview(await this.deps.lifecycle.scopeOf(manager, actor.principal, rules), review);
    const rows = await this.rowsOf(manager, cityId, review.id);
    const undecided = rows.filter((row) => !row.decision).length;
    if (undecided > 0) throw new DomainError('REVIEW_INCOMPLETE', `${undecided} account(s) still need a keep or revoke decision.`, { undecided });
    const retainUntil = addYears(toTaiwanDate(now), rules.accountReviewRetention.years);
    const changes = { status: 'COMPLETED' as const, completedAt: now, completedBy: actor.accountId, retainUntil };
    await manager.getRepository(AccountReviewEntity).update({ cityId, id: review.id }, changes);
    Object.assign(review, changes);
    await this.deps.history.record(manager, cityId, actor, now, [
      { action: 'ACCOUNT_REVIEW_COMPLETED', entityType: 'ACCOUNT_REVIEW', entityId: review.id, reason: `Completed; kept until ${retainUntil} (${review.retentionCitation})`, before: { status: 'OPEN' }, after: { status: 'COMPLETED', retainUntil } },
    ]);
    return { review, rows };
  }

  /** Newest first; `agencyId` limits the list to one agency's reviews (what an agency admin sees). */
  async list(
    scope: RequestScope,
    cityId: string,
    page: { first: number; after?: string | null; agencyId?: string },
  ): Promise<{ reviews: AccountReviewEntity[]; hasNextPage: boolean; endCursor: string | null }> {
    if (page.first < 1 || page.first > MAX_PAGE_SIZE) throw new InputError('INVALID_PAGE_SIZE', `Ask for between 1 and ${MAX_PAGE_SIZE} at a time.`, 'first');
    const manager = await scope.manager(cityId);
    const query = manager.getRepository(AccountReviewEntity).createQueryBuilder('review').where('review.city_id = :cityId', { cityId });
    if (page.agencyId) query.andWhere('review.agency_id = :agencyId', { agencyId: page.agencyId });
    if (page.after) {
      const [at, id] = decodeCursor(page.after, ['timestamp', 'uuid']);
      query.andWhere('(review.started_at, review.id) < (:at, :id)', { at, id });
    }
    const rows = await query.orderBy('review.started_at', 'DESC').addOrderBy('review.id', 'DESC').limit(page.first + 1).getMany();
    const reviews = rows.slice(0, page.first);
    const last = reviews[reviews.length - 1];
    return { reviews, hasNextPage: rows.length > page.first, endCursor: last ? encodeCursor([last.startedAt, last.id]) : null };
  }

  async find(scope: RequestScope, cityId: string, id: string): Promise<AccountReviewEntity | null> {
    const manager = await scope.manager(cityId);
    return manager.getRepository(AccountReviewEntity).findOneBy({ cityId, id: requireUuid(id, 'id', 'The review') });
  }

  async rows(scope: RequestScope, cityId: string, reviewId: string): Promise<AccountReviewRowEntity[]> {
    return this.rowsOf(await scope.manager(cityId), cityId, reviewId);
  }

  private rowsOf(manager: EntityManager, cityId: string, reviewId: string): Promise<AccountReviewRowEntity[]> {
    return manager.getRepository(AccountReviewRowEntity).find({ where: { cityId, reviewId }, order: { id: 'ASC' } });
  }

  private async requireOpen(manager: EntityManager, cityId: string, reviewId: string): Promise<AccountReviewEntity> {
    const review = await manager.getRepository(AccountReviewEntity).findOne({ where: { cityId, id: reviewId }, lock: { mode: 'pessimistic_write' } });
    if (!review) throw new NotFoundError('The review');
    if (review.status !== 'OPEN') throw new DomainError('REVIEW_COMPLETED', 'This review is completed and kept as it is.');
    return review;
  }

  /** A city-wide review is the top admin's; an agency's review belongs to the admins of that agency. */
  private assertMayReview(adminScope: AdminScope, review: AccountReviewEntity): void {
    if (review.agencyId === null) {
      if (!adminScope.cityWide || !hasAnyRole(adminScope.actor, ['TOP_ADMIN'])) throw new ForbiddenError('A city-wide review is decided by a top admin.', { reason: 'AGENCY_OUT_OF_SCOPE' });
      return;
    }
    assertManagesAgency(adminScope, review.agencyId);
  }
}
