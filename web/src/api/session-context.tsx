import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { SessionStore } from './session-store';

const SessionStoreContext = createContext<SessionStore | null>(null);

export function SessionStoreProvider({ sessions, children }: { sessions: SessionStore; children: ReactNode }) {
  return <SessionStoreContext.Provider value={sessions}>{children}</SessionStoreContext.Provider>;
}

const NO_SESSIONS = { subscribe: () => () => undefined, accessToken: () => null };

/** The current access token (it changes when the session is refreshed), for pages that read their own claims. */
export function useAccessToken(): string | null {
  const sessions = useContext(SessionStoreContext) ?? NO_SESSIONS;
  return useSyncExternalStore(sessions.subscribe, sessions.accessToken);
}
