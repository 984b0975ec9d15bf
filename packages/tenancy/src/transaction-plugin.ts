import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestScope } from './request-scope';

export interface ScopedContext extends BaseContext {
  scope: RequestScope;
}

/**
 * Ends each request's transaction before the response leaves: commit when the operation had no
 * errors, otherwise roll back so a failed mutation writes nothing. If the commit itself fails the
 * caller gets an error instead of data: a write is acknowledged only once it is committed.
 */
export function requestTransactionPlugin<TContext extends ScopedContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const body = response.body;
          const hasErrors = body.kind === 'single' ? (body.singleResult.errors?.length ?? 0) > 0 : true;
          try {
            await contextValue.scope.finish(hasErrors ? 'rollback' : 'commit');
          } catch (error) {
            console.error('commit failed', error);
            if (body.kind === 'single') {
              body.singleResult.data = null;
              body.singleResult.errors = [
                { message: 'The change could not be saved. Nothing was recorded; please try again.', extensions: { code: 'COMMIT_FAILED' } } as never,
              ];
            }
          }
        },
      };
    },
  };
}
