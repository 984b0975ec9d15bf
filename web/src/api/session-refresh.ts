import type { Session, SessionStore } from './session-store';

/** Exchanges a refresh token (once: identity rotates it) for the next session. */
export type RefreshExchange = (refreshToken: string) => Promise<Session>;
/** Ends the refresh token's session on the server (its access tokens stop working at once). */
export type SessionRevoke = (refreshToken: string) => Promise<void>;

/** Identity refused the refresh token (used already, session ended or expired): only a new login helps. */
export class RefreshRefused extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'RefreshRefused';
  }
}

const REFRESH_MUTATION = `mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) { accessToken expiresAt refreshToken refreshExpiresAt }
}`;
const LOGOUT_MUTATION = `mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }`;

type Fetch = (input: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

async function postWithoutBearer(fetchImpl: Fetch, path: string, query: string, variables: Record<string, unknown>) {
  // No Authorization header: the access token may be the very thing that has expired.
  const response = await fetchImpl(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json().catch(() => null)) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: unknown } }> } | null;
  return { status: response.status, body };
}

/** The gateway's `refreshSession`, as a plain request outside Apollo (so it never passes through the links that call it). */
export function gatewayRefreshExchange(path: string, fetchImpl: Fetch = fetch as unknown as Fetch): RefreshExchange {
  return async (refreshToken) => {
    const { status, body } = await postWithoutBearer(fetchImpl, path, REFRESH_MUTATION, { refreshToken });
    const session = body?.data?.refreshSession as Session | undefined;
    if (session?.accessToken) return session;
    const code = body?.errors?.[0]?.extensions?.code;
    if (typeof code === 'string') throw new RefreshRefused(code);
    throw new Error(`refresh failed (HTTP ${status})`);
  };
}

export function gatewaySessionRevoke(path: string, fetchImpl: Fetch = fetch as unknown as Fetch): SessionRevoke {
  return async (refreshToken) => {
    await postWithoutBearer(fetchImpl, path, LOGOUT_MUTATION, { refreshToken });
  };
}

export interface SessionRefresher {
  /**
   * Makes sure the session has an access token newer than `rejectedAccessToken` (or refreshes now without it).
   * True when a usable token is in place; false when the session had to end (the console shows the login page).
   * Concurrent callers share one exchange: a refresh token works only once.
   */
  refresh(rejectedAccessToken?: string): Promise<boolean>;
  /** Logs out: ends the session on the server (best effort), then in the tab. */
  logOut(): Promise<void>;
  stop(): void;
}

export interface SessionRefresherOptions {
  now?: () => number;
  /** Refresh this long before the access token expires (at most half its remaining life). */
  leadMs?: number;
  /** After a network failure, try again this much later while the access token still works. */
  retryMs?: number;
  revoke?: SessionRevoke;
}

const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * Keeps the tab's session alive with identity's rotating refresh tokens: refreshes shortly before the access
 * token expires, and at once when the gateway rejects a token (the Apollo error link then retries the request).
 * When identity refuses the refresh token, the session ends gracefully: the login page says it expired.
 */
export function createSessionRefresher(sessions: SessionStore, exchange: RefreshExchange, options: SessionRefresherOptions = {}): SessionRefresher {
  const now = options.now ?? Date.now;
  const leadMs = options.leadMs ?? 60_000;
  const retryMs = options.retryMs ?? 5_000;
  let inFlight: { accessToken: string; result: Promise<boolean> } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function current(): Session | null {
    const state = sessions.getState();
    return state.status === 'signedIn' ? state.session : null;
  }

  function schedule(delayOverride?: number) {
    clearTimeout(timer);
    timer = undefined;
    const session = current();
    if (stopped || !session?.refreshToken) return;
    const remaining = Date.parse(session.expiresAt) - now();
    const delay = delayOverride ?? remaining - Math.min(leadMs, Math.max(remaining, 0) / 2);
    timer = setTimeout(() => void refresh(), Math.min(Math.max(delay, 0), MAX_TIMER_DELAY_MS));
  }

  function refresh(rejectedAccessToken?: string): Promise<boolean> {
    const session = current();
    if (!session) return Promise.resolve(false);
    // Already replaced since the rejected request was sent: retry with the newer token.
    if (rejectedAccessToken !== undefined && rejectedAccessToken !== session.accessToken) return Promise.resolve(true);
    if (inFlight && inFlight.accessToken === session.accessToken) return inFlight.result;
    if (!session.refreshToken) {
      sessions.expire(session.accessToken);
      return Promise.resolve(false);
    }
    const refreshToken = session.refreshToken;
    const result = exchange(refreshToken).then(
      (next) => {
        // Replaced only if nobody logged out or in meanwhile; the store tells its listeners (and so reschedules).
        return sessions.replace(session.accessToken, next) || current() !== null;
      },
      (error: unknown) => {
        const stillWorks = Date.parse(session.expiresAt) > now();
        if (!(error instanceof RefreshRefused) && stillWorks && rejectedAccessToken === undefined) {
          // The gateway was unreachable: the token still works for a while, so try again soon.
          schedule(retryMs);
          return true;
        }
        sessions.expire(session.accessToken);
        return false;
      },
    ).finally(() => {
      if (inFlight?.result === result) inFlight = undefined;
    });
    inFlight = { accessToken: session.accessToken, result };
    return result;
  }

  const unsubscribe = sessions.subscribe(() => schedule());
  schedule();

  return {
    refresh,
    async logOut() {
      const refreshToken = current()?.refreshToken;
      sessions.logOut();
      if (refreshToken && options.revoke) await options.revoke(refreshToken).catch(() => undefined);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
