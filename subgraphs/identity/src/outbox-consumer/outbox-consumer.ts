import { ROLES, type Role } from '@custos/auth';
import { InputError } from '@custos/federation';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccountLifecycleService } from '../accounts/account-lifecycle.service';
import { AccountEntity } from '../accounts/account.entity';
import { assertVendorRule } from '../accounts/account-policy';
import { accountSnapshot } from '../accounts/account-snapshot';
import { systemActor } from '../change-history/actor';
import type { ChangeHistoryService } from '../change-history/change-history.service';
import { CityEntity } from '../cities/city.entity';
import { PersonEntity } from '../people/person.entity';
import type { AccountRulesSource } from '../rules/account-rules';
import { parseOutboxEvent, type AccountRoleGrant, type AccountRoleRevoke, type OutboxEvent } from './outbox-event';

export const OUTBOX_CONSUMER_JOB = 'permissions-outbox';

export type ReceiptOutcome = 'APPLIED' | 'ALREADY_IN_PLACE' | 'REFUSED';

export interface HandledEvent {
  eventId: string;
  topic: string;
  /** DUPLICATE: a receipt already existed (the event came again); nothing changed, it was only acknowledged. */
  outcome: ReceiptOutcome | 'DUPLICATE';
  detail: string | null;
}

export interface DrainResult {
  cityId: string;
  handled: HandledEvent[];
  failed: Array<{ eventId: string; error: string }>;
}

export interface OutboxConsumerDeps {
  lifecycle: AccountLifecycleService;
  history: ChangeHistoryService;
  accountRules: AccountRulesSource;
}

export interface OutboxConsumerOptions {
  /** Called after the change is made and its receipt written, before the event is acknowledged (fault tests). */
  afterApply?: (manager: EntityManager, event: OutboxEvent) => Promise<void>;
  now?: () => Date;
}

/** The permissions outbox contract: see subgraphs/permissions/README.md ("The outbox identity consumes"). */
const CLAIM_ONE = `SELECT id, topic, payload, attempts FROM permissions.outbox_event
  WHERE city_id = $1 AND processed_at IS NULL AND topic LIKE 'identity.%' AND NOT (id = ANY($2::uuid[]))
  ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`;

interface Applied {
  outcome: ReceiptOutcome;
  detail: string | null;
  accountId: string | null;
}

/**
 * Makes in identity the account changes that approved applications ask for (附表一/附表二), from
 * permissions' transactional outbox. Each event is handled in ONE transaction of identity's own role
 * under the event's city: claim it (FOR UPDATE SKIP LOCKED), look for its receipt, make the change
 * and write the receipt (the idempotency key), acknowledge it. A crash anywhere before the commit
 * rolls all of it back and the event stays pending; an event delivered again after the commit (a
 * replay, a restored backup, a second worker) finds its receipt and changes nothing. So every
 * approved change is made exactly once. A change identity must refuse (the account was revoked in
 * the meantime, a vendor, another agency) is acknowledged with its reason, never retried forever.
 */
export class OutboxConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deps: OutboxConsumerDeps,
    private readonly options: OutboxConsumerOptions = {},
  ) {}

  /** Every city identity knows, one after another. */
  async drainAll(): Promise<DrainResult[]> {
    const cities = await this.dataSource.getRepository(CityEntity).find({ select: { id: true }, order: { id: 'ASC' } });
    const results: DrainResult[] = [];
    for (const { id } of cities) results.push(await this.drainCity(id));
    return results;
  }

  /** Handles the city's pending events, oldest first, until none is left (or only ones that failed this time). */
  async drainCity(cityId: string): Promise<DrainResult> {
    const result: DrainResult = { cityId, handled: [], failed: [] };
    const skip: string[] = [];
    for (;;) {
      let claimedId: string | null = null;
      try {
        const handled = await this.dataSource.transaction(async (manager) => {
          await manager.query(`SELECT set_config('app.city_id', $1, true)`, [cityId]);
          const [row] = (await manager.query(CLAIM_ONE, [cityId, skip])) as Array<{ id: string; topic: string; payload: unknown }>;
          if (!row) return null;
          claimedId = row.id;
          return this.handle(manager, cityId, row);
        });
        if (!handled) return result;
        result.handled.push(handled);
      } catch (error) {
        if (!claimedId) throw error;
        const message = error instanceof Error ? error.message : String(error);
        skip.push(claimedId);
        result.failed.push({ eventId: claimedId, error: message });
        await this.recordFailure(cityId, claimedId, message).catch(() => undefined);
      }
    }
  }

  private async handle(manager: EntityManager, cityId: string, row: { id: string; topic: string; payload: unknown }): Promise<HandledEvent> {
    const now = this.options.now?.() ?? new Date();
    // The idempotency key: this event, or another event for the same application's same change.
    const applicationId = (row.payload as { applicationId?: unknown } | null)?.applicationId;
    const [receipt] = (await manager.query(
      `SELECT outcome FROM identity.outbox_receipt WHERE city_id = $1 AND (event_id = $2 OR (application_id::text = $3 AND topic = $4)) LIMIT 1`,
      [cityId, row.id, typeof applicationId === 'string' ? applicationId : null, row.topic],
    )) as Array<{ outcome: string }>;
    let handled: HandledEvent;
    if (receipt) {
      handled = { eventId: row.id, topic: row.topic, outcome: 'DUPLICATE', detail: `already handled (${receipt.outcome})` };
    } else {
      const event = parseOutboxEvent(row);
      const applied = event.kind === 'unknown'
        ? { outcome: 'REFUSED' as const, detail: event.reason, accountId: null }
        : event.kind === 'grant'
          ? await this.grant(manager, cityId, event.payload, now)
          : await this.revoke(manager, cityId, event.payload, now);
      await manager.query(
        `INSERT INTO identity.outbox_receipt (city_id, event_id, topic, application_id, account_id, outcome, detail, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [cityId, row.id, row.topic, event.applicationId, applied.accountId, applied.outcome, applied.detail, now],
      );
      if (this.options.afterApply) await this.options.afterApply(manager, event);
      handled = { eventId: row.id, topic: row.topic, outcome: applied.outcome, detail: applied.detail };
    }
    await manager.query(
      `UPDATE permissions.outbox_event SET processed_at = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1`,
      [row.id, now, handled.outcome === 'REFUSED' ? handled.detail : null],
    );
    return handled;
  }

  private async recordFailure(cityId: string, eventId: string, message: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.city_id', $1, true)`, [cityId]);
      await manager.query(`UPDATE permissions.outbox_event SET attempts = attempts + 1, last_error = $2 WHERE id = $1 AND processed_at IS NULL`, [eventId, message.slice(0, 1000)]);
    });
  }

  /** 附表一/附表二 approved: give the account the role; then take it from the account it replaces (Changhua 4(三): new before old). */
  private async grant(manager: EntityManager, cityId: string, payload: AccountRoleGrant, now: Date): Promise<Applied> {
    const refuse = (code: string, message: string): Applied => ({ outcome: 'REFUSED', detail: `${code}: ${message}`, accountId: payload.accountId });
    if (!(ROLES as readonly string[]).includes(payload.role)) return refuse('UNKNOWN_ROLE', `${payload.role} is not a role identity knows.`);
    const role = payload.role as Role;
    const account = await this.lock(manager, cityId, payload.accountId);
    if (!account) return refuse('ACCOUNT_NOT_FOUND', 'No such account in this city.');
    if (account.status === 'REVOKED') return refuse('ACCOUNT_REVOKED', 'The account was revoked before the application was carried out.');
    if (payload.agencyId && account.agencyId !== payload.agencyId) return refuse('AGENCY_MISMATCH', 'The account is no longer in the agency the application was filed for.');
    const person = await manager.getRepository(PersonEntity).findOneByOrFail({ cityId, id: account.personId });
    if (person.employmentStatus === 'DEPARTED') return refuse('PERSON_HAS_LEFT', 'The person has left.');
    try {
      assertVendorRule(this.deps.accountRules.at(cityId, now), person, [...account.roles, role]);
    } catch (error) {
      if (error instanceof InputError) return refuse(error.code, error.message);
      throw error;
    }
    const reason = `Application ${payload.applicationId} approved: role ${role} given (permissions outbox).`;
    let outcome: ReceiptOutcome = 'ALREADY_IN_PLACE';
    if (!account.roles.includes(role)) {
      const before = accountSnapshot(account);
      account.roles = [...account.roles, role];
      await manager.getRepository(AccountEntity).update({ cityId, id: account.id }, { roles: account.roles });
      // Adding a role takes nothing away: the next refresh issues a token carrying it.
      await this.deps.history.record(manager, cityId, systemActor(OUTBOX_CONSUMER_JOB), now, [
        { action: 'ACCOUNT_CHANGED', entityType: 'ACCOUNT', entityId: account.id, reason, before, after: accountSnapshot(account) },
      ]);
      outcome = 'APPLIED';
    }
    let detail: string | null = null;
    if (payload.replacesAccountId && payload.revokeReplacedRoleAfterGrant && payload.replacesAccountId !== account.id) {
      detail = await this.takeRole(manager, cityId, payload.replacesAccountId, role, `Application ${payload.applicationId} approved: role ${role} handed to account ${account.id} (permissions outbox).`, now);
      if (detail === null) outcome = 'APPLIED';
    }
    return { outcome, detail, accountId: account.id };
  }

  /** 附表二 刪除 approved: the querying role is taken away (the account is revoked when no role is left). */
  private async revoke(manager: EntityManager, cityId: string, payload: AccountRoleRevoke, now: Date): Promise<Applied> {
    const account = await this.lock(manager, cityId, payload.accountId);
    if (!account) return { outcome: 'REFUSED', detail: 'ACCOUNT_NOT_FOUND: No such account in this city.', accountId: payload.accountId };
    const detail = await this.takeRole(manager, cityId, account.id, payload.role as Role, `Application ${payload.applicationId} approved: role ${payload.role} removed (permissions outbox).`, now);
    return { outcome: detail === null ? 'APPLIED' : 'ALREADY_IN_PLACE', detail, accountId: account.id };
  }

  /** Takes a role from an account; returns null when it did, or why there was nothing to take. */
  private async takeRole(manager: EntityManager, cityId: string, accountId: string, role: Role, reason: string, now: Date): Promise<string | null> {
    const account = await this.lock(manager, cityId, accountId);
    if (!account) return `account ${accountId} not found: nothing to take`;
    if (account.status === 'REVOKED') return `account ${accountId} already revoked`;
    if (!account.roles.includes(role)) return `account ${accountId} does not hold ${role}`;
    const remaining = account.roles.filter((held) => held !== role);
    const actor = systemActor(OUTBOX_CONSUMER_JOB);
    if (remaining.length === 0) {
      // An account needs a role: with none left it is revoked (and its tokens stop working at once).
      await this.deps.lifecycle.transition(manager, account, 'REVOKE', actor, reason, now);
      return null;
    }
    const before = accountSnapshot(account);
    account.roles = remaining;
    await manager.getRepository(AccountEntity).update({ cityId, id: account.id }, { roles: remaining });
    // Tokens carry roles: those issued before the change must not outlive it.
    await this.deps.lifecycle.endSessions(manager, account, now, 'ACCOUNT_CHANGED');
    await this.deps.history.record(manager, cityId, actor, now, [
      { action: 'ACCOUNT_CHANGED', entityType: 'ACCOUNT', entityId: account.id, reason, before, after: accountSnapshot(account) },
    ]);
    return null;
  }

  private lock(manager: EntityManager, cityId: string, accountId: string): Promise<AccountEntity | null> {
    if (!/^[0-9a-f-]{36}$/i.test(accountId)) return Promise.resolve(null);
    return manager.getRepository(AccountEntity).findOne({ where: { cityId, id: accountId }, lock: { mode: 'pessimistic_write' } });
  }
}
