import { gql } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { createApolloClient } from './apollo-client';
import { createSessionRefresher, RefreshRefused, type RefreshExchange } from './session-refresh';
import { createSessionStore, type Session } from './session-store';

const ME = gql`
  query Me {
    me {
      id
    }
  }
`;

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const session = (n: number): Session => ({ accessToken: `access-${n}`, expiresAt: later(15), refreshToken: `refresh-${n}`, refreshExpiresAt: later(480) });

/** The gateway: only `access-2` is still good; anything else is answered TOKEN_EXPIRED. */
function fakeGateway() {
  const bearers: string[] = [];
  const fetchImpl = async (_uri: RequestInfo | URL, init?: RequestInit) => {
    const bearer = String(new Headers(init?.headers).get('authorization') ?? '');
    bearers.push(bearer);
    const body = bearer === 'Bearer access-2'
      ? { data: { me: { __typename: 'Account', id: 'account-1' } } }
      : { data: { me: null }, errors: [{ message: 'Your session has expired.', extensions: { code: 'TOKEN_EXPIRED' } }] };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { bearers, fetchImpl: fetchImpl as typeof fetch };
}

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) };
}

describe('the Apollo client with refresh tokens', () => {
  it('on TOKEN_EXPIRED refreshes the session and sends the request again with the new token', async () => {
    const store = createSessionStore(memoryStorage());
    store.signIn(session(1));
    const exchange: RefreshExchange = async (refreshToken) => {
      expect(refreshToken).toBe('refresh-1');
      return session(2);
    };
    const refresher = createSessionRefresher(store, exchange);
    const gateway = fakeGateway();
    const client = createApolloClient(store, refresher, gateway.fetchImpl);
    const result = await client.query({ query: ME });
    expect(result.data).toEqual({ me: { __typename: 'Account', id: 'account-1' } });
    expect(gateway.bearers).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(store.getState()).toMatchObject({ status: 'signedIn', session: { accessToken: 'access-2', refreshToken: 'refresh-2' } });
    refresher.stop();
  });

  it('when the refresh is refused, the request fails and the session ends as expired (the login page shows)', async () => {
    const store = createSessionStore(memoryStorage());
    store.signIn(session(1));
    const refresher = createSessionRefresher(store, async () => {
      throw new RefreshRefused('INVALID_REFRESH_TOKEN');
    });
    const gateway = fakeGateway();
    const client = createApolloClient(store, refresher, gateway.fetchImpl);
    await expect(client.query({ query: ME })).rejects.toThrow();
    expect(gateway.bearers).toEqual(['Bearer access-1']);
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'sessionExpired' });
    refresher.stop();
  });

  it('retries only once: a token rejected again after a refresh ends the session', async () => {
    const store = createSessionStore(memoryStorage());
    store.signIn(session(1));
    const refresher = createSessionRefresher(store, async () => session(3)); // the gateway rejects access-3 too
    const gateway = fakeGateway();
    const client = createApolloClient(store, refresher, gateway.fetchImpl);
    await expect(client.query({ query: ME })).rejects.toThrow();
    expect(gateway.bearers).toEqual(['Bearer access-1', 'Bearer access-3']);
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'sessionExpired' });
    refresher.stop();
  });
});
