import { DomainError } from '@custos/federation';

/**
 * Login abuse limits kept in the identity process's memory (one identity process per platform; a
 * restart forgets them, which errs towards letting officials in — the per-account lockout itself is
 * stored on the account).
 *
 * - Per client address: failed logins (password or certificate) in a sliding window; past the limit
 *   every login from that address is refused until the window moves on, so guessing across many
 *   usernames from one place stops. Certificate challenges per address are limited the same way.
 * - Per username that does NOT exist: the same consecutive-failure lockout a real account gets (the
 *   city's threshold, the same duration), so the answers cannot tell unknown usernames from real ones.
 *
 * Nothing here lasts forever: every refusal ends when its window or lockout ends.
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

/** The refusal for an address over its limit: it says when to come back and nothing about any account. */
export function tooManyAttempts(retryAt: Date): DomainError {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 60_000));
  return new DomainError('TOO_MANY_ATTEMPTS', `Too many failed logins from your network address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    retryAt: retryAt.toISOString(),
  });
}

/** A sliding window of event times per key; old keys are dropped as they expire. */
class SlidingWindow {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.events.get(key) ?? []).filter((time) => time > now - this.windowMs);
    if (kept.length === 0) this.events.delete(key);
    else this.events.set(key, kept);
    return kept;
  }

  /** When the key may try again, or null when it is under its limit. */
  blockedUntil(key: string, now: number): Date | null {
    const recent = this.recent(key, now);
    return recent.length >= this.limit ? new Date(recent[recent.length - this.limit]! + this.windowMs) : null;
  }

  add(key: string, now: number): void {
    this.events.set(key, [...this.recent(key, now), now]);
    if (this.events.size > 100_000) this.sweep(now);
  }

  private sweep(now: number) {
    for (const key of [...this.events.keys()]) this.recent(key, now);
  }
}

export class LoginThrottle {
  private readonly failuresByAddress: SlidingWindow;
  private readonly challengesByAddress: SlidingWindow;
  /** Consecutive failures and lockouts of usernames that have no account, mirroring the stored lockout of real accounts. */
  private readonly unknownUsernames = new Map<string, { failures: number; lockedUntil: Date | null }>();

  constructor(readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_THROTTLE) {
    this.failuresByAddress = new SlidingWindow(limits.failuresPerAddress, limits.addressWindowSeconds * 1000);
    this.challengesByAddress = new SlidingWindow(limits.challengesPerAddress, limits.challengeWindowSeconds * 1000);
  }

  /** Refuses a login from an address past its failure limit. Requests without a known address share one bucket. */
  checkAddress(address: string | null, now: Date): void {
    const until = this.failuresByAddress.blockedUntil(address ?? 'unknown', now.getTime());
    if (until) throw tooManyAttempts(until);
  }

  recordAddressFailure(address: string | null, now: Date): void {
    this.failuresByAddress.add(address ?? 'unknown', now.getTime());
  }

  /** Counts a challenge request, refusing it past the address's limit. */
  takeChallenge(address: string | null, now: Date): void {
    const key = address ?? 'unknown';
    const until = this.challengesByAddress.blockedUntil(key, now.getTime());
    if (until) {
      const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
      throw new DomainError('TOO_MANY_ATTEMPTS', `Too many login challenges from your network address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
        retryAt: until.toISOString(),
      });
    }
    this.challengesByAddress.add(key, now.getTime());
  }

  /** The lockout of a username without an account, if any (same shape as an account's). */
  unknownLockedUntil(key: string, now: Date): Date | null {
    const state = this.unknownUsernames.get(key);
    if (!state?.lockedUntil) return null;
    if (state.lockedUntil > now) return state.lockedUntil;
    this.unknownUsernames.delete(key);
    return null;
  }

  /** A failure of a username without an account: the same counting as an account's stored lockout. */
  recordUnknownFailure(key: string, policy: { lockoutThreshold: number; lockoutMinutes: number }, now: Date): void {
    const failures = (this.unknownUsernames.get(key)?.failures ?? 0) + 1;
    const lockedUntil = failures >= policy.lockoutThreshold ? new Date(now.getTime() + policy.lockoutMinutes * 60_000) : null;
    this.unknownUsernames.set(key, { failures: lockedUntil ? 0 : failures, lockedUntil });
    if (this.unknownUsernames.size > 100_000) {
      for (const [name, state] of this.unknownUsernames) if (!state.lockedUntil || state.lockedUntil <= now) this.unknownUsernames.delete(name);
    }
  }
}
