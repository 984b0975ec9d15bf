import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionRefresher, gatewayRefreshExchange, RefreshRefused, type RefreshExchange } from './session-refresh';
import { createSessionStore, SESSION_STORAGE_KEY, type Session } from './session-store';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const START = Date.parse('2025-03-01T09:00:00Z');
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** What identity does: each refresh token works once and yields the next pair. */
function fakeIdentity() {
  let issued = 1;
  const used = new Set<string>();
  const exchange = vi.fn<RefreshExchange>(async (refreshToken) => {
    if (used.has(refreshToken)) throw new RefreshRefused('REFRESH_TOKEN_REUSED');
    used.add(refreshToken);
    issued += 1;
    return session(issued);
  });
  return { exchange };
}

function session(n: number, accessMinutes = 15): Session {
  return { accessToken: `access-${n}`, expiresAt: inMinutes(accessMinutes), refreshToken: `refresh-${n}`, refreshExpiresAt: inMinutes(8 * 60) };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('createSessionRefresher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it('refreshes a minute before the access token expires, again and again, with each new refresh token', async () => {
    const store = createSessionStore(memoryStorage());
    const { exchange } = fakeIdentity();
    const refresher = createSessionRefresher(store, exchange);
    store.signIn(session(1));
    await vi.advanceTimersByTimeAsync(14 * 60_000 - 1);
    expect(exchange).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(exchange).toHaveBeenCalledWith('refresh-1');
    expect(store.accessToken()).toBe('access-2');
    await vi.advanceTimersByTimeAsync(14 * 60_000);
    expect(exchange).toHaveBeenLastCalledWith('refresh-2');
    expect(store.accessToken()).toBe('access-3');
    // The session outlives any single access token.
    expect(store.getState().status).toBe('signedIn');
    refresher.stop();
  });

  it('exchanges the refresh token once however many requests were rejected together', async () => {
    const store = createSessionStore(memoryStorage());
    const { exchange } = fakeIdentity();
    const refresher = createSessionRefresher(store, exchange);
    store.signIn(session(1));
    const results = await Promise.all([refresher.refresh('access-1'), refresher.refresh('access-1'), refresher.refresh('access-1')]);
    expect(results).toEqual([true, true, true]);
    expect(exchange).toHaveBeenCalledTimes(1);
    // A late rejection of the old token does not refresh again: the newer token is already in place.
    expect(await refresher.refresh('access-1')).toBe(true);
    expect(exchange).toHaveBeenCalledTimes(1);
    refresher.stop();
  });

  it('ends the session gracefully (as expired) when identity refuses the refresh token', async () => {
    const store = createSessionStore(memoryStorage());
    const refresher = createSessionRefresher(store, async () => {
      throw new RefreshRefused('INVALID_REFRESH_TOKEN');
    });
    store.signIn(session(1));
    expect(await refresher.refresh('access-1')).toBe(false);
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'sessionExpired' });
    refresher.stop();
  });

  it('when the gateway cannot be reached, keeps the still-valid token and tries again', async () => {
    const store = createSessionStore(memoryStorage());
    let reachable = false;
    const exchange = vi.fn<RefreshExchange>(async () => {
      if (!reachable) throw new TypeError('Failed to fetch');
      return session(2);
    });
    const refresher = createSessionRefresher(store, exchange, { retryMs: 5_000 });
    store.signIn(session(1));
    await vi.advanceTimersByTimeAsync(14 * 60_000);
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(store.accessToken()).toBe('access-1');
    reachable = true;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.accessToken()).toBe('access-2');
    refresher.stop();
  });

  it('refreshes at once a restored session whose access token expired while the tab was away', async () => {
    const storage = memoryStorage();
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ ...session(1), expiresAt: inMinutes(-5) }));
    const store = createSessionStore(storage);
    expect(store.getState().status).toBe('signedIn');
    const { exchange } = fakeIdentity();
    const refresher = createSessionRefresher(store, exchange);
    await flush();
    expect(exchange).toHaveBeenCalledWith('refresh-1');
    expect(JSON.parse(storage.getItem(SESSION_STORAGE_KEY)!)).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    refresher.stop();
  });

  it('a session without a refresh token ends when the gateway rejects its token', async () => {
    const store = createSessionStore(memoryStorage());
    const exchange = vi.fn<RefreshExchange>();
    const refresher = createSessionRefresher(store, exchange);
    store.signIn({ accessToken: 'old', expiresAt: inMinutes(15) });
    expect(await refresher.refresh('old')).toBe(false);
    expect(exchange).not.toHaveBeenCalled();
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'sessionExpired' });
    refresher.stop();
  });

  it('logging out ends the session on the server with its refresh token, then in the tab', async () => {
    const store = createSessionStore(memoryStorage());
    const revoke = vi.fn(async () => {});
    const refresher = createSessionRefresher(store, fakeIdentity().exchange, { revoke });
    store.signIn(session(1));
    await refresher.logOut();
    expect(revoke).toHaveBeenCalledWith('refresh-1');
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'loggedOut' });
    refresher.stop();
  });
});

describe('gatewayRefreshExchange', () => {
  it('posts refreshSession without a bearer token and returns the new session, or the refusal code', async () => {
    const calls: Array<{ headers: Record<string, string>; body: string }> = [];
    const answers = [
      { data: { refreshSession: { accessToken: 'a2', expiresAt: '2025-03-01T09:15:00Z', refreshToken: 'r2', refreshExpiresAt: '2025-03-01T17:00:00Z' } } },
      { data: null, errors: [{ message: 'used', extensions: { code: 'REFRESH_TOKEN_REUSED' } }] },
    ];
    const fetchImpl = async (_path: string, init: { headers: Record<string, string>; body: string }) => {
      calls.push(init);
      return { ok: true, status: 200, json: async () => answers.shift() };
    };
    const exchange = gatewayRefreshExchange('/graphql', fetchImpl as never);
    expect(await exchange('r1')).toMatchObject({ accessToken: 'a2', refreshToken: 'r2' });
    await expect(exchange('r1')).rejects.toEqual(new RefreshRefused('REFRESH_TOKEN_REUSED'));
    expect(calls[0]!.headers).not.toHaveProperty('authorization');
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ variables: { refreshToken: 'r1' } });
  });
});
