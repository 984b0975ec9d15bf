import { AuthError, GATEWAY_ASSERTION_HEADER, graphqlRequestHash, type GatewayAssertionSigner, type Principal } from '@custos/auth';
import { decodeJwt } from 'jose';

/**
 * Tokens stop working at once (issue 4). Access tokens are verified offline against identity's key
 * set, so on their own they would stay valid until they expire. The gateway therefore polls
 * identity's revocation feed (about every second) and refuses:
 * - any token of an account revoked, suspended or changed, issued at or before that moment;
 * - any access token of a session that was logged out or ended.
 *
 * The feed is a plain route of the identity subgraph, protected like every subgraph call: the
 * request carries an assertion signed with the gateway's key, bound to
 * graphqlRequestHash('GET /internal/revocations', { since }) — identity's
 * src/sessions/revocation-feed.route.ts checks the same hash.
 *
 * If the feed cannot be read for longer than `maxStalenessMs`, authenticated requests are refused
 * (503) rather than served on an outdated list: fail closed.
 */
export const REVOCATION_FEED_PATH = '/internal/revocations';

export class RevocationCheckUnavailableError extends Error {
  constructor() {
    super('Sessions cannot be checked right now. Please try again in a moment.');
    this.name = 'RevocationCheckUnavailableError';
  }
}

interface FeedEntry {
  kind: 'ACCOUNT' | 'TOKEN';
  subject: string;
  notBefore: string | null;
  expiresAt: string;
}

export interface RevocationListOptions {
  /** identity's feed, e.g. http://127.0.0.1:4101/internal/revocations */
  url: string;
  signer: GatewayAssertionSigner;
  pollIntervalMs: number;
  maxStalenessMs: number;
  /** How long to wait for the first answer at start (the gateway starts either way). */
  startTimeoutMs?: number;
  now?: () => number;
}

export class RevocationList {
  /** account id → tokens issued at or before this instant (ms) are refused; and when to forget it. */
  private readonly accounts = new Map<string, { notBefore: number; expiresAt: number }>();
  /** access token id (jti) → when to forget it. */
  private readonly tokens = new Map<string, number>();
  private cursor = '';
  private lastSuccess = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private failing = false;
  private readonly now: () => number;
  /** The poll in flight, so polls never overlap (the cursor only moves forward). */
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly options: RevocationListOptions) {
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    const first = this.pollSafely();
    await Promise.race([first, new Promise((resolve) => setTimeout(resolve, this.options.startTimeoutMs ?? 3_000).unref())]);
    void first.then(() => this.schedule());
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** The principal, if its token is still good; else UNAUTHENTICATED, or 503 when the list is too old to trust. */
  check(principal: Principal, token: string): Principal {
    if (principal.kind !== 'account') return principal;
    const now = this.now();
    if (now - this.lastSuccess > this.options.maxStalenessMs) throw new RevocationCheckUnavailableError();
    const claims = decodeJwt(token);
    const tokenExpiry = this.tokens.get(String(claims.jti ?? ''));
    const account = this.accounts.get(principal.accountId);
    const issuedAt = Number(claims.iat ?? 0) * 1000;
    if ((tokenExpiry !== undefined && tokenExpiry > now) || (account && account.expiresAt > now && issuedAt <= account.notBefore)) {
      throw new AuthError('UNAUTHENTICATED', 'This session has ended. Please log in again.');
    }
    return principal;
  }

  /**
   * Reads the feed now, after any read in flight: the gateway calls it when a logout it passed on
   * succeeded, so the answer goes back only once this gateway refuses the ended session's tokens
   * (other gateways learn of it at their next poll).
   */
  refreshNow(): Promise<void> {
    return this.pollSafely();
  }

  /** One read of the feed; exported for tests. */
  poll(): Promise<void> {
    const next = this.inFlight.then(() => this.pollOnce());
    this.inFlight = next.catch(() => undefined);
    return next;
  }

  private async pollOnce(): Promise<void> {
    const since = this.cursor;
    const assertion = await this.options.signer.sign({ principal: { kind: 'anonymous' }, requestHash: graphqlRequestHash(`GET ${REVOCATION_FEED_PATH}`, { since }) });
    const response = await fetch(`${this.options.url}?since=${encodeURIComponent(since)}`, {
      headers: { [GATEWAY_ASSERTION_HEADER]: assertion },
      signal: AbortSignal.timeout(Math.max(2_000, this.options.pollIntervalMs * 2)),
    });
    if (!response.ok) throw new Error(`revocation feed answered ${response.status}`);
    const body = (await response.json()) as { cursor: string; entries: FeedEntry[] };
    for (const entry of body.entries) {
      const expiresAt = Date.parse(entry.expiresAt);
      if (entry.kind === 'TOKEN') this.tokens.set(entry.subject, expiresAt);
      else {
        const notBefore = Date.parse(entry.notBefore ?? '');
        const known = this.accounts.get(entry.subject);
        if (!known || notBefore > known.notBefore) this.accounts.set(entry.subject, { notBefore, expiresAt });
      }
    }
    this.cursor = body.cursor;
    this.lastSuccess = this.now();
    this.forgetExpired();
  }

  private async pollSafely(): Promise<void> {
    try {
      await this.poll();
      if (this.failing) console.error('[gateway] revocation feed available again');
      this.failing = false;
    } catch (error) {
      // Once per outage, not once a second.
      if (!this.failing) console.error('[gateway] revocation feed unavailable:', error instanceof Error ? error.message : error);
      this.failing = true;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.pollSafely().then(() => this.schedule()), this.options.pollIntervalMs);
    this.timer.unref();
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [id, expiresAt] of this.tokens) if (expiresAt <= now) this.tokens.delete(id);
    for (const [id, entry] of this.accounts) if (entry.expiresAt <= now) this.accounts.delete(id);
  }
}
