import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AccessTokenSigner, AccountPrincipal } from '@custos/auth';
import { DomainError } from '@custos/federation';
import type { RequestScope } from '@custos/tenancy';
import { decodeJwt } from 'jose';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';
import { sessionReach } from '../bureaus/bureau-reach';
import { SessionEntity, SessionTokenEntity, TokenRevocationEntity } from './session.entity';

export interface IssuedSession {
  accessToken: string;
  expiresAt: Date;
  refreshToken: string;
  /** The session's absolute end: refreshing never goes past it. */
  refreshExpiresAt: Date;
}

export interface SessionServiceOptions {
  dataSource: DataSource;
  tokens: AccessTokenSigner;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
}

export interface RevocationFeed {
  /** Pass back as `since`: the oldest transaction still running when this page was read. */
  cursor: string;
  entries: Array<{ kind: 'ACCOUNT' | 'TOKEN'; subject: string; notBefore: string | null; expiresAt: string }>;
}

/**
 * How long an account-wide revocation is kept in the feed: longer than any access token or
 * delegation can live (the TTL is at most an hour, see env.ts), with room for clock skew.
 */
const ACCOUNT_REVOCATION_SECONDS = 3600 + 120;

// `<city>.<secret>`: the city lets the lookup run under the city's row-level security.
const REFRESH_TOKEN_PATTERN = /^([a-z][a-z0-9-]{1,30})\.([A-Za-z0-9_-]{43})$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const invalidRefreshToken = () => new DomainError('REFRESH_TOKEN_INVALID', 'This session has ended. Please log in again.');

type RefreshOutcome = { ok: true; session: IssuedSession } | { ok: false; error: DomainError };

/**
 * Sessions: an access token (short-lived, verified by the gateway) plus a rotating refresh token
 * (long-lived, stored only as a hash). Ending a session or revoking an account publishes to the
 * revocation feed, which the gateway polls about every second.
 */
export class SessionService {
  constructor(private readonly options: SessionServiceOptions) {}

  /** Starts a session for an account that has just proved who it is. */
  async open(manager: EntityManager, account: AccountEntity, now: Date, clientAddress: string | null, apiTokenId: string | null = null): Promise<IssuedSession> {
    const session: SessionEntity = {
      id: randomUUID(),
      cityId: account.cityId,
      accountId: account.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.options.sessionTtlSeconds * 1000),
      clientAddress,
      lastRefreshedAt: null,
      endedAt: null,
      endReason: null,
      apiTokenId,
    };
    await manager.getRepository(SessionEntity).insert(session);
    return this.issue(manager, session, account, now);
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token. Runs in a
   * transaction of its own (before the request's scope opens), so that when a used token is
   * presented again the session is ended and stays ended although the request itself fails.
   */
  async refresh(scope: RequestScope, refreshToken: string, now: Date): Promise<IssuedSession> {
    const match = REFRESH_TOKEN_PATTERN.exec(refreshToken.trim());
    if (!match) throw invalidRefreshToken();
    const cityId = match[1]!;
    const outcome = await scope.independent<RefreshOutcome>(cityId, async (manager) => {
      const row = await manager.getRepository(SessionTokenEntity).findOne({
        where: { cityId, refreshTokenHash: sha256(refreshToken.trim()) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) return { ok: false, error: invalidRefreshToken() };
      const session = await manager.getRepository(SessionEntity).findOne({ where: { cityId, id: row.sessionId }, lock: { mode: 'pessimistic_write' } });
      if (!session || session.endedAt) return { ok: false, error: invalidRefreshToken() };
      if (row.usedAt) {
        // A rotated refresh token came back: someone holds a copy. End the session for both holders.
        await this.endSessions(manager, [session], now, 'REFRESH_TOKEN_REUSED');
        return { ok: false, error: new DomainError('REFRESH_TOKEN_REUSED', 'This refresh token was already used, so the session has been ended for safety. Please log in again.') };
      }
      if (session.expiresAt <= now) {
        await this.endSessions(manager, [session], now, 'EXPIRED');
        return { ok: false, error: new DomainError('SESSION_EXPIRED', 'Your session has reached its time limit. Please log in again.') };
      }
      const account = await manager.getRepository(AccountEntity).findOneBy({ cityId, id: session.accountId });
      if (!account || account.status !== 'ACTIVE') {
        await this.endSessions(manager, [session], now, 'ACCOUNT_NOT_ACTIVE');
        return { ok: false, error: invalidRefreshToken() };
      }
      await manager.getRepository(SessionTokenEntity).update({ cityId, refreshTokenHash: row.refreshTokenHash }, { usedAt: now });
      await manager.getRepository(SessionEntity).update({ cityId, id: session.id }, { lastRefreshedAt: now });
      return { ok: true, session: await this.issue(manager, session, account, now) };
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.session;
  }

  /** Ends the session a refresh token belongs to; its access tokens stop working at once. */
  async logout(scope: RequestScope, refreshToken: string, now: Date): Promise<boolean> {
    const match = REFRESH_TOKEN_PATTERN.exec(refreshToken.trim());
    if (!match) return false;
    const cityId = match[1]!;
    const manager = await scope.manager(cityId);
    const row = await manager.getRepository(SessionTokenEntity).findOneBy({ cityId, refreshTokenHash: sha256(refreshToken.trim()) });
    if (!row) return false;
    const session = await manager.getRepository(SessionEntity).findOne({ where: { cityId, id: row.sessionId, endedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (!session) return false;
    await this.endSessions(manager, [session], now, 'LOGOUT');
    return true;
  }

  /**
   * Ends every session of an account and refuses every access token issued to it until now
   * (suspension, revocation, a change of roles or agency). Runs in the caller's transaction.
   */
  async endAllForAccount(manager: EntityManager, account: { id: string; cityId: string }, now: Date, reason: string): Promise<void> {
    const live = await manager.getRepository(SessionEntity).find({ where: { cityId: account.cityId, accountId: account.id, endedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    await this.endSessions(manager, live, now, reason);
    await manager.getRepository(TokenRevocationEntity).insert({
      kind: 'ACCOUNT',
      subject: account.id,
      notBefore: now,
      expiresAt: new Date(now.getTime() + ACCOUNT_REVOCATION_SECONDS * 1000),
    });
  }

  /** Ends the sessions opened with an API token (when the token is revoked). */
  async endAllForApiToken(manager: EntityManager, cityId: string, apiTokenId: string, now: Date, reason: string): Promise<void> {
    const live = await manager.getRepository(SessionEntity).find({ where: { cityId, apiTokenId, endedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    await this.endSessions(manager, live, now, reason);
  }

  /** Entries still in force, from transaction `since` on (all of them when `since` is null). */
  async feed(since: string | null): Promise<RevocationFeed> {
    const db = this.options.dataSource;
    // Read the horizon first: every transaction older than it has finished, so the rows read next
    // include all it wrote; anything newer is read again next time (entries are idempotent).
    const [{ cursor }] = (await db.query(`select pg_snapshot_xmin(pg_current_snapshot())::text as cursor`)) as Array<{ cursor: string }>;
    const rows = (await db.query(
      `select kind, subject, not_before, expires_at from identity.token_revocation
        where expires_at > now() and ($1::xid8 is null or txid >= $1::xid8)
        order by id`,
      [since],
    )) as Array<{ kind: 'ACCOUNT' | 'TOKEN'; subject: string; not_before: Date | null; expires_at: Date }>;
    return {
      cursor,
      entries: rows.map((row) => ({ kind: row.kind, subject: row.subject, notBefore: row.not_before?.toISOString() ?? null, expiresAt: row.expires_at.toISOString() })),
    };
  }

  private async endSessions(manager: EntityManager, sessions: SessionEntity[], now: Date, reason: string): Promise<void> {
    if (sessions.length === 0) return;
    const cityId = sessions[0]!.cityId;
    const ids = sessions.map((session) => session.id);
    await manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ endedAt: now, endReason: reason })
      .where('city_id = :cityId AND id IN (:...ids) AND ended_at IS NULL', { cityId, ids })
      .execute();
    const tokens = await manager
      .getRepository(SessionTokenEntity)
      .createQueryBuilder('token')
      .where('token.city_id = :cityId AND token.session_id IN (:...ids) AND token.access_expires_at > :now', { cityId, ids, now })
      .getMany();
    if (tokens.length > 0) {
      await manager.getRepository(TokenRevocationEntity).insert(
        tokens.map((token) => ({ kind: 'TOKEN' as const, subject: token.accessTokenId, notBefore: null, expiresAt: token.accessExpiresAt })),
      );
    }
  }

  private async issue(manager: EntityManager, session: SessionEntity, account: AccountEntity, now: Date): Promise<IssuedSession> {
    const principal: AccountPrincipal = { kind: 'account', accountId: account.id, personId: account.personId, cityId: account.cityId, agencyId: account.agencyId, roles: account.roles };
    // Issue 9: a bureau officer's cross-city reach; an API token's read-only flag and scope.
    Object.assign(principal, await sessionReach(manager, account, session.apiTokenId));
    const { token, expiresAt } = await this.options.tokens.sign(principal, this.options.accessTokenTtlSeconds);
    const refreshToken = `${account.cityId}.${randomBytes(32).toString('base64url')}`;
    await manager.getRepository(SessionTokenEntity).insert({
      refreshTokenHash: sha256(refreshToken),
      cityId: account.cityId,
      sessionId: session.id,
      accessTokenId: String(decodeJwt(token).jti),
      accessExpiresAt: expiresAt,
      issuedAt: now,
      usedAt: null,
    });
    return { accessToken: token, expiresAt, refreshToken, refreshExpiresAt: session.expiresAt };
  }
}

