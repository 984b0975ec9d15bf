import { lazy, Suspense, useCallback, useSyncExternalStore } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { SessionStoreProvider } from './api/session-context';
import type { Session, SessionStore } from './api/session-store';
import { ChunkErrorBoundary } from './ui/chunk-error-boundary';
import { PageLoading } from './ui/page-loading';

// Each screen is its own chunk, so pages added later do not grow what every visitor downloads first.
const LoginPage = lazy(() => import('./login/login-page').then((module) => ({ default: module.LoginPage })));
const AppShell = lazy(() => import('./shell/app-shell').then((module) => ({ default: module.AppShell })));

/** `endSession` logs out on the server too (revoking the refresh token); without it only the tab forgets the session. */
export function App({ sessions, endSession: endOnServer }: { sessions: SessionStore; endSession?: () => Promise<void> }) {
  const state = useSyncExternalStore(sessions.subscribe, sessions.getState);
  const client = useApolloClient();

  // The cache is emptied at sign-in and at logout, so one account's data never shows in another's session.
  // It is done before switching screens: the screen that is leaving has no query in flight.
  const signIn = useCallback(
    async (session: Session) => {
      await client.clearStore();
      sessions.signIn(session);
    },
    [client, sessions],
  );
  const logOut = useCallback(async () => {
    await client.clearStore();
    if (endOnServer) await endOnServer();
    else sessions.logOut();
  }, [client, sessions, endOnServer]);
  const endSession = useCallback(() => sessions.expire(), [sessions]);

  return (
    <ChunkErrorBoundary>
      <Suspense fallback={<PageLoading />}>
        {state.status === 'signedIn' ? (
          <SessionStoreProvider sessions={sessions}>
            <AppShell onLogOut={logOut} onSessionLost={endSession} />
          </SessionStoreProvider>
        ) : (
          <LoginPage reason={state.reason} onSignedIn={signIn} />
        )}
      </Suspense>
    </ChunkErrorBoundary>
  );
}
