import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { from, mergeMap, tap, throwError } from 'rxjs';
import { errorCodes, SESSION_LOST_CODES } from './api-error';
import { cursorPagesPolicy } from './cursor-pages';
import type { SessionRefresher } from './session-refresh';
import type { SessionStore } from './session-store';

/** The console talks only to the gateway, at the same origin (vite dev proxies it; production serves both). */
export const GATEWAY_PATH = '/graphql';

export function createApolloClient(sessions: SessionStore, refresher?: SessionRefresher, fetchImpl?: typeof fetch) {
  const authLink = new SetContextLink((previous) => {
    const accessToken = sessions.accessToken();
    if (!accessToken) return {};
    return {
      // Remembered so a rejection can be matched to the token it was made with (see sessionLossLink).
      accessTokenUsed: accessToken,
      headers: { ...previous.headers, authorization: `Bearer ${accessToken}` },
    };
  });

  // A request answered with UNAUTHENTICATED or TOKEN_EXPIRED: the session is refreshed (once) and the request sent
  // again with the new token; when it cannot be refreshed it ends, and the app shows the login page.
  const sessionLossLink = new ErrorLink(({ error, operation, forward }) => {
    if (!errorCodes(error).some((code) => SESSION_LOST_CODES.includes(code))) return;
    const context = operation.getContext();
    const accessTokenUsed: unknown = context.accessTokenUsed;
    if (typeof accessTokenUsed !== 'string') return;
    if (!refresher || context.retriedAfterRefresh) {
      sessions.expire(accessTokenUsed);
      return;
    }
    return from(refresher.refresh(accessTokenUsed)).pipe(
      mergeMap((refreshed) => {
        if (!refreshed) return throwError(() => error);
        operation.setContext({ retriedAfterRefresh: true });
        // The retried answer does not come back through this link: a rejection of the new token ends the session here.
        const expireIfRejected = () => {
          const retriedWith: unknown = operation.getContext().accessTokenUsed;
          if (typeof retriedWith === 'string') sessions.expire(retriedWith);
        };
        return forward(operation).pipe(
          tap({
            next: (result) => {
              if (result.errors?.some((entry) => SESSION_LOST_CODES.includes(String(entry.extensions?.code)))) expireIfRejected();
            },
            error: (retryError: unknown) => {
              if (errorCodes(retryError).some((code) => SESSION_LOST_CODES.includes(code))) expireIfRejected();
            },
          }),
        );
      }),
    );
  });

  return new ApolloClient({
    link: ApolloLink.from([sessionLossLink, authLink, new HttpLink({ uri: GATEWAY_PATH, ...(fetchImpl ? { fetch: fetchImpl } : {}) })]),
    cache: createCache(),
  });
}

export function createCache() {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          accounts: cursorPagesPolicy(),
          myQueryRecords: cursorPagesPolicy(),
        },
      },
      // A catalogue item is identified by its key ("<service>:<code>:<lookup key>"); it has no `id`.
      QueryItem: { keyFields: ['key'] },
      // Rows and statuses of the rules differ by the date asked for: never merge them across dates by `id`.
      RuleComparisonRow: { keyFields: false },
      RuleComparisonCell: { keyFields: false },
      RuleStatus: { keyFields: false },
    },
  });
}
