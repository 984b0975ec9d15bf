import { createHash } from 'node:crypto';
import { DomainError } from '@custos/federation';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Login abuse limits, kept in PostgreSQL so that every identity process counts the same attempts and a
 * restart forgets nothing (migration SharedLoginThrottle1797100000000).
 *
 * - Per client address: attempts in a sliding window (`identity.login_address_attempt`). A password or
 *   certificate login is counted when it starts (so a burst of parallel guesses, on one replica or
 *   many, cannot all pass the check before any is counted) and forgiven when it succeeds; past the
 *   limit every login from that address is refused until the window moves on. A refused attempt is not
 *   counted, so the refusal always ends. Certificate challenges per address are limited the same way.
 * - Per account: consecutive failures and a lockout of the city's length on the account row itself
 *   (`identity.account`), counted with one atomic UPDATE per attempt (`reserveAccountAttempt`).
 * - Per username that does NOT exist: the same counting on `identity.login_unknown_username`, so the
 *   answers cannot tell unknown usernames from real ones.
 *
 * Nothing here lasts forever: every refusal ends when its window or lockout ends, and an admin can end
 * an account's lockout early (`unlockAccount`).
 */
export interface LoginThrottleLimits {
  /** Failed logins allowed per client address within `addressWindowSeconds`. */
  failuresPerAddress: number;
  addressWindowSeconds: number;
  /** Certificate challenges allowed per client address within `challengeWindowSeconds`. */
  challengesPerAddress: number;
  challengeWindowSeconds: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleLimits = {
  failuresPerAddress: 20,
  addressWindowSeconds: 600,
  challengesPerAddress: 60,
  challengeWindowSeconds: 60,
};

export interface LockoutPolicy {
  lockoutThreshold: number;
  lockoutMinutes: number;
}

type AddressKind = 'FAILURE' | 'CHALLENGE';

const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
const plural = (n: number) => `${n} minute${n === 1 ? '' : 's'}`;

/** The refusal for an address over its limit: it says when to come back and nothing about any account. */
export function tooManyAttempts(retryAt: Date, now = new Date()): DomainError {
  return new DomainError('TOO_MANY_ATTEMPTS', `Too many failed logins from your network address. Try again in ${plural(minutesUntil(retryAt, now))}.`, {
    retryAt: retryAt.toISOString(),
  });
}

function tooManyChallenges(retryAt: Date, now: Date): DomainError {
  return new DomainError('TOO_MANY_ATTEMPTS', `Too many login challenges from your network address. Try again in ${plural(minutesUntil(retryAt, now))}.`, {
    retryAt: retryAt.toISOString(),
  });
}

/** The stored key of a username without an account: a digest, never what was typed. */
export function usernameDigest(username: string): string {
  return createHash('sha256').update(username.trim().toLowerCase(), 'utf8').digest('hex');
}

/** One counted login attempt from an address; `forgive` it when the login succeeds. */
export interface AddressAttempt {
  forgive(): Promise<void>;
}

/** What one attempt on a username found: locked (refuse), or counted (with the lock it set, if this was the last allowed). */
export type AccountAttempt = { locked: Date } | { locked: null };

/** Expired rows of every address are swept now and then, so addresses never seen again do not pile up. */
const SWEEP_EVERY = 200;

export class LoginThrottle {
  private admissions = 0;

  constructor(
    private readonly dataSource: DataSource,
    readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_THROTTLE,
  ) {}

  /**
   * Counts a login attempt from an address, refusing it (uncounted) when the address is past its
   * failure limit. Requests without a known address share one bucket.
   */
  async admitLogin(address: string | null, now: Date): Promise<AddressAttempt> {
    const id = await this.admit('FAILURE', address, this.limits.failuresPerAddress, this.limits.addressWindowSeconds, now, tooManyAttempts);
    return {
      forgive: async () => {
        await this.dataSource.query('DELETE FROM identity.login_address_attempt WHERE id = $1', [id]);
      },
    };
  }

  /** Counts a challenge request, refusing it past the address's limit. */
  async takeChallenge(address: string | null, now: Date): Promise<void> {
    await this.admit('CHALLENGE', address, this.limits.challengesPerAddress, this.limits.challengeWindowSeconds, now, tooManyChallenges);
  }

  /**
   * One transaction per admission, serialised per address (a transaction-scoped advisory lock), so
   * two processes cannot both see room for the last attempt.
   */
  private async admit(kind: AddressKind, address: string | null, limit: number, windowSeconds: number, now: Date, refusal: (until: Date, now: Date) => DomainError): Promise<string> {
    const key = address ?? 'unknown';
    const windowStart = new Date(now.getTime() - windowSeconds * 1000);
    const sweep = (this.admissions = (this.admissions + 1) % SWEEP_EVERY) === 0;
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`custos:login-address:${kind}:${key}`]);
      await manager.query(`DELETE FROM identity.login_address_attempt WHERE kind = $1 AND address = $2 AND attempted_at <= $3`, [kind, key, windowStart]);
      if (sweep) await this.sweep(manager, now);
      // The limit-th most recent attempt in the window: while it is inside, the address is full until it leaves.
      const [oldestCounted] = await manager.query(
        `SELECT attempted_at FROM identity.login_address_attempt WHERE kind = $1 AND address = $2 AND attempted_at > $3
          ORDER BY attempted_at DESC OFFSET $4 LIMIT 1`,
        [kind, key, windowStart, limit - 1],
      );
      if (oldestCounted) throw refusal(new Date(new Date(oldestCounted.attempted_at).getTime() + windowSeconds * 1000), now);
      const [row] = await manager.query(`INSERT INTO identity.login_address_attempt (kind, address, attempted_at) VALUES ($1, $2, $3) RETURNING id`, [kind, key, now]);
      return String(row.id);
    });
  }

  private async sweep(manager: EntityManager, now: Date) {
    const longest = Math.max(this.limits.addressWindowSeconds, this.limits.challengeWindowSeconds);
    await manager.query(`DELETE FROM identity.login_address_attempt WHERE attempted_at <= $1`, [new Date(now.getTime() - longest * 1000)]);
  }

  /**
   * Counts a password attempt on a real account before its password is checked (replicas and parallel
   * requests cannot lose a count or all pass the check together: the row is locked for the count):
   * refused while locked; otherwise counted, and locked for the city's time once the count reaches the
   * city's threshold (the counter then starts again, so a lockout always ends). A correct password clears
   * the count and the lock (`clearAccountAttempts`). Run in the city's own short transaction
   * (`RequestScope.independent`), because a refused request rolls back.
   */
  reserveAccountAttempt(manager: EntityManager, account: { id: string; cityId: string }, policy: LockoutPolicy, now: Date): Promise<AccountAttempt> {
    return reserve(manager, 'identity.account', 'id = $1 AND city_id = $2', [account.id, account.cityId], policy, now);
  }

  /** The same counting for a username that has no account, on a row of its own (created at its first failure). */
  async reserveUnknownAttempt(manager: EntityManager, cityId: string, username: string, policy: LockoutPolicy, now: Date): Promise<AccountAttempt> {
    const digest = usernameDigest(username);
    await manager.query(
      `INSERT INTO identity.login_unknown_username (city_id, username_digest, last_failed_at) VALUES ($1, $2, $3) ON CONFLICT (city_id, username_digest) DO NOTHING`,
      [cityId, digest, now],
    );
    const attempt = await reserve(manager, 'identity.login_unknown_username', 'city_id = $1 AND username_digest = $2', [cityId, digest], policy, now);
    await manager.query(`UPDATE identity.login_unknown_username SET last_failed_at = $3 WHERE city_id = $1 AND username_digest = $2`, [cityId, digest, now]);
    // Usernames without an account are forgotten a day after their last failure and lock.
    await manager.query(`DELETE FROM identity.login_unknown_username WHERE city_id = $1 AND last_failed_at < $2 AND (locked_until IS NULL OR locked_until < $2)`, [
      cityId,
      new Date(now.getTime() - 86_400_000),
    ]);
    return attempt;
  }

  /** A correct password: the account's count and lock start again. */
  async clearAccountAttempts(manager: EntityManager, account: { id: string; cityId: string }): Promise<void> {
    await manager.query(`UPDATE identity.account SET failed_login_count = 0, locked_until = NULL WHERE id = $1 AND city_id = $2 AND (failed_login_count <> 0 OR locked_until IS NOT NULL)`, [
      account.id,
      account.cityId,
    ]);
  }
}

/** The consecutive-failure counter of `table` (columns failed_login_count, locked_until), under a row lock. */
async function reserve(manager: EntityManager, table: string, where: string, params: unknown[], policy: LockoutPolicy, now: Date): Promise<AccountAttempt> {
  const [row]: Array<{ failed_login_count: number; locked_until: Date | null }> = await manager.query(
    `SELECT failed_login_count, locked_until FROM ${table} WHERE ${where} FOR UPDATE`,
    params,
  );
  if (!row) return { locked: null };
  if (row.locked_until && new Date(row.locked_until) > now) return { locked: new Date(row.locked_until) };
  const failures = row.failed_login_count + 1;
  const lockedUntil = failures >= policy.lockoutThreshold ? new Date(now.getTime() + policy.lockoutMinutes * 60_000) : null;
  const n = params.length;
  await manager.query(`UPDATE ${table} SET failed_login_count = $${n + 1}, locked_until = $${n + 2} WHERE ${where}`, [...params, lockedUntil ? 0 : failures, lockedUntil]);
  return { locked: null };
}
