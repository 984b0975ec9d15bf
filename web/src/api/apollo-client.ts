import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { errorCodes, SESSION_LOST_CODES } from './api-error';
import { cursorPagesPolicy } from './cursor-pages';
import type { SessionStore } from './session-store';

/** The console talks only to the gateway, at the same origin (vite dev proxies it; production serves both). */
export const GATEWAY_PATH = '/graphql';

export function createApolloClient(sessions: SessionStore) {
  const authLink = new SetContextLink((previous) => {
    const accessToken = sessions.accessToken();
    if (!accessToken) return {};
    return {
      // Remembered so a rejection can be matched to the token it was made with (see sessionLossLink).
      accessTokenUsed: accessToken,
      headers: { ...previous.headers, authorization: `Bearer ${accessToken}` },
    };
  });

  // Any request answered with UNAUTHENTICATED or TOKEN_EXPIRED ends the session; the app shows the login page.
  const sessionLossLink = new ErrorLink(({ error, operation }) => {
    if (!errorCodes(error).some((code) => SESSION_LOST_CODES.includes(code))) return;
    const accessTokenUsed: unknown = operation.getContext().accessTokenUsed;
    if (typeof accessTokenUsed === 'string') sessions.expire(accessTokenUsed);
  });

  return new ApolloClient({
    link: ApolloLink.from([sessionLossLink, authLink, new HttpLink({ uri: GATEWAY_PATH })]),
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
