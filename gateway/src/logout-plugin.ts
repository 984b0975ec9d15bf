import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { GatewayContext } from './context';

/**
 * A logout takes effect at this gateway before its answer is sent: when a `logout` passed on to
 * identity succeeded, the gateway reads identity's revocation feed at once instead of at its next
 * poll, so the ended session's access token is refused from the very next request (issue 4).
 */
export function logoutTakesEffectPlugin(refreshRevocations: () => Promise<void>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response }) {
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
          const data = response.body.singleResult.data as Record<string, unknown> | null | undefined;
          const loggedOut = operation.selectionSet.selections.some(
            (selection) => selection.kind === Kind.FIELD && selection.name.value === 'logout' && data?.[selection.alias?.value ?? 'logout'] === true,
          );
          if (loggedOut) await refreshRevocations();
        },
      };
    },
  };
}
