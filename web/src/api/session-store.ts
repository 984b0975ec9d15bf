/**
 * The signed-in session: the gateway's bearer token, kept in sessionStorage (one browser tab, gone when it closes).
 * React reads it with useSyncExternalStore; the Apollo auth link reads the token; the error link ends the session
 * when the gateway says the token no longer works.
 */
export interface Session {
  accessToken: string;
  /** ISO timestamp from the gateway. */
  expiresAt: string;
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
    return Date.parse(session.expiresAt) <= now();
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
    const delay = Math.min(Date.parse(session.expiresAt) - now(), MAX_TIMER_DELAY_MS);
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
      const { accessToken, expiresAt } = value as Record<string, unknown>;
      if (typeof accessToken === 'string' && accessToken && typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt))) {
        return { accessToken, expiresAt };
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
