/**
 * The signed-in session: the gateway's bearer token and identity's rotating refresh token, kept in sessionStorage
 * (one browser tab, gone when it closes). React reads it with useSyncExternalStore; the Apollo auth link reads the
 * token; session-refresh.ts replaces it before it expires (and when the gateway says it no longer works), and ends
 * the session when it cannot.
 */
export interface Session {
  accessToken: string;
  /** ISO timestamp from the gateway: when the access token stops working. */
  expiresAt: string;
  /** Exchanged once for the next session (identity rotates it); absent, the session ends with its access token. */
  refreshToken?: string;
  /** ISO timestamp: the session's absolute end, after which only a new login helps. */
  refreshExpiresAt?: string;
}

/** When the session itself ends: its refresh limit if it can be refreshed, else its access token's expiry. */
export function sessionEndsAt(session: Session): number {
  return Date.parse(session.refreshToken && session.refreshExpiresAt ? session.refreshExpiresAt : session.expiresAt);
}

/** Why the login page is showing: shown to the person as a notice. */
export type SignedOutReason = 'none' | 'sessionExpired' | 'loggedOut';

export type SessionState =
  | { status: 'signedIn'; session: Session }
  | { status: 'signedOut'; reason: SignedOutReason };

export interface SessionStore {
  getState(): SessionState;
  subscribe(listener: () => void): () => void;
  accessToken(): string | null;
  signIn(session: Session): void;
  /**
   * Replaces the signed-in session with its refreshed successor (same person: listeners are told, the cache stays).
   * Ignored unless `previousAccessToken` is still the current one (a logout or a newer login happened meanwhile).
   */
  replace(previousAccessToken: string, next: Session): boolean;
  logOut(): void;
  /** Ends the session as expired, unless `accessToken` names a token that has already been replaced. */
  expire(accessToken?: string): void;
}

export const SESSION_STORAGE_KEY = 'custos.session';
// setTimeout fires at once for delays above 2^31-1 ms; longer sessions are re-checked when the timer fires.
const MAX_TIMER_DELAY_MS = 2_147_483_647;

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function createSessionStore(storage: KeyValueStorage | undefined, now: () => number = Date.now): SessionStore {
  let state: SessionState = restore();
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();

  function restore(): SessionState {
    const stored = safely(() => storage?.getItem(SESSION_STORAGE_KEY)) ?? null;
    const session = stored ? parseSession(stored) : null;
    if (session && !isPast(session)) return { status: 'signedIn', session };
    if (stored) safely(() => storage?.removeItem(SESSION_STORAGE_KEY));
    return { status: 'signedOut', reason: 'none' };
  }

  function isPast(session: Session): boolean {
    return sessionEndsAt(session) <= now();
  }

  function setState(next: SessionState) {
    state = next;
    scheduleExpiry();
    for (const listener of listeners) listener();
  }

  function scheduleExpiry() {
    clearTimeout(expiryTimer);
    expiryTimer = undefined;
    if (state.status !== 'signedIn') return;
    const { session } = state;
    const delay = Math.min(sessionEndsAt(session) - now(), MAX_TIMER_DELAY_MS);
    expiryTimer = setTimeout(() => {
      if (isPast(session)) store.expire(session.accessToken);
      else scheduleExpiry();
    }, Math.max(delay, 0));
  }

  const store: SessionStore = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    accessToken: () => (state.status === 'signedIn' ? state.session.accessToken : null),
    signIn(session) {
      safely(() => storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session)));
      setState({ status: 'signedIn', session });
    },
    replace(previousAccessToken, next) {
      if (state.status !== 'signedIn' || state.session.accessToken !== previousAccessToken) return false;
      safely(() => storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(next)));
      setState({ status: 'signedIn', session: next });
      return true;
    },
    logOut() {
      safely(() => storage?.removeItem(SESSION_STORAGE_KEY));
      setState({ status: 'signedOut', reason: 'loggedOut' });
    },
    expire(accessToken) {
      if (state.status !== 'signedIn') return;
      // A late answer to a request made with an earlier token must not end a newer session.
      if (accessToken !== undefined && accessToken !== state.session.accessToken) return;
      safely(() => storage?.removeItem(SESSION_STORAGE_KEY));
      setState({ status: 'signedOut', reason: 'sessionExpired' });
    },
  };
  scheduleExpiry();
  return store;
}

function parseSession(text: string): Session | null {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object') {
      const { accessToken, expiresAt, refreshToken, refreshExpiresAt } = value as Record<string, unknown>;
      if (typeof accessToken === 'string' && accessToken && typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt))) {
        const refreshable = typeof refreshToken === 'string' && refreshToken && typeof refreshExpiresAt === 'string' && !Number.isNaN(Date.parse(refreshExpiresAt));
        return refreshable ? { accessToken, expiresAt, refreshToken, refreshExpiresAt } : { accessToken, expiresAt };
      }
    }
  } catch {
    // Damaged entry: treat as signed out.
  }
  return null;
}

/** Storage can throw (privacy modes, quota); the console then simply does not remember. */
function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
