import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';

/**
 * Issue 9: reporting (API) tokens are read-only. Identity marks the access tokens it exchanges for
 * API tokens `readOnly`; the gateway refuses any mutation (or subscription) they send, before any
 * subgraph sees it, whatever roles the token holds.
 */
export function readOnlyTokenPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const principal = contextValue.principal;
          if (principal?.kind === 'account' && principal.readOnly && operation?.operation !== 'query') {
            throw new GraphQLError('This is a read-only reporting token: it may run queries, never mutations.', { extensions: { code: 'READ_ONLY_TOKEN', http: { status: 403 } } });
          }
        },
      };
    },
  };
}
