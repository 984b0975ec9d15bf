import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, SESSION_STORAGE_KEY } from './session-store';

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
const inMinutes = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

describe('createSessionStore', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it('starts signed out, signs in, and survives a reload of the tab', () => {
    const storage = memoryStorage();
    const store = createSessionStore(storage);
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'none' });
    expect(store.accessToken()).toBeNull();

    store.signIn({ accessToken: 'token-1', expiresAt: inMinutes(30) });
    expect(store.accessToken()).toBe('token-1');

    const reloaded = createSessionStore(storage);
    expect(reloaded.getState()).toEqual({ status: 'signedIn', session: { accessToken: 'token-1', expiresAt: inMinutes(30) } });
  });

  it('does not restore an expired or damaged session', () => {
    const storage = memoryStorage();
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'old', expiresAt: inMinutes(-1) }));
    expect(createSessionStore(storage).getState().status).toBe('signedOut');
    expect(storage.items.has(SESSION_STORAGE_KEY)).toBe(false);

    storage.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(createSessionStore(storage).getState().status).toBe('signedOut');
  });

  it('logs out, clearing the token and telling listeners', () => {
    const storage = memoryStorage();
    const store = createSessionStore(storage);
    const listener = vi.fn();
    store.subscribe(listener);
    store.signIn({ accessToken: 'token-1', expiresAt: inMinutes(30) });
    store.logOut();
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'loggedOut' });
    expect(storage.items.has(SESSION_STORAGE_KEY)).toBe(false);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('expires only the session whose token the gateway rejected', () => {
    const store = createSessionStore(memoryStorage());
    store.signIn({ accessToken: 'token-2', expiresAt: inMinutes(30) });
    store.expire('token-1'); // a late answer to a request made before the latest login
    expect(store.accessToken()).toBe('token-2');
    store.expire('token-2');
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'sessionExpired' });
  });

  it('expires by itself when expiresAt passes', () => {
    const store = createSessionStore(memoryStorage());
    store.signIn({ accessToken: 'token-1', expiresAt: inMinutes(15) });
    vi.advanceTimersByTime(15 * 60_000 - 1);
    expect(store.getState().status).toBe('signedIn');
    vi.advanceTimersByTime(1);
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'sessionExpired' });
  });

  it('keeps working when storage throws', () => {
    const throwing = {
      getItem: () => { throw new Error('denied'); },
      setItem: () => { throw new Error('denied'); },
      removeItem: () => { throw new Error('denied'); },
    };
    const store = createSessionStore(throwing);
    store.signIn({ accessToken: 'token-1', expiresAt: inMinutes(5) });
    expect(store.accessToken()).toBe('token-1');
  });
});

describe('createSessionStore with refresh tokens', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  const refreshable = (n: number, accessMinutes: number) => ({ accessToken: `token-${n}`, expiresAt: inMinutes(accessMinutes), refreshToken: `refresh-${n}`, refreshExpiresAt: inMinutes(480) });

  it('restores a session whose access token expired but which can still be refreshed, and lasts until its refresh limit', () => {
    const storage = memoryStorage();
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(refreshable(1, -5)));
    const store = createSessionStore(storage);
    expect(store.getState()).toMatchObject({ status: 'signedIn', session: { refreshToken: 'refresh-1' } });
    vi.advanceTimersByTime(480 * 60_000 - 1);
    expect(store.getState().status).toBe('signedIn');
    vi.advanceTimersByTime(1);
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'sessionExpired' });
  });

  it('replaces the session with its refreshed successor only while the replaced token is current', () => {
    const storage = memoryStorage();
    const store = createSessionStore(storage);
    const listener = vi.fn();
    store.subscribe(listener);
    store.signIn(refreshable(1, 15));
    expect(store.replace('token-1', refreshable(2, 15))).toBe(true);
    expect(store.accessToken()).toBe('token-2');
    expect(JSON.parse(storage.items.get(SESSION_STORAGE_KEY)!)).toMatchObject({ accessToken: 'token-2', refreshToken: 'refresh-2' });
    expect(store.replace('token-1', refreshable(3, 15))).toBe(false); // a stale refresh
    store.logOut();
    expect(store.replace('token-2', refreshable(4, 15))).toBe(false); // a refresh finishing after logout
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'loggedOut' });
    expect(listener).toHaveBeenCalledTimes(3);
  });
});
