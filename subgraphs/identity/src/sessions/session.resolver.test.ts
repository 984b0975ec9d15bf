import { ANONYMOUS, createGatewayAssertionSigner, GATEWAY_ASSERTION_HEADER, type JWK } from '@custos/auth';
import { DEMO_PASSWORD, demoUsers } from '@custos/demo';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipal, startIdentityFixture, type IdentityFixture } from '../testing/identity-fixture';
import { revocationFeedRequestHash, type REVOCATION_FEED_PATH } from './revocation-feed.route';
import type { RevocationFeed } from './session.service';

const LOGIN = `mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken expiresAt refreshToken refreshExpiresAt } }`;
const REFRESH = `mutation ($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { accessToken refreshToken } }`;
const LOGOUT = `mutation ($refreshToken: String!) { logout(refreshToken: $refreshToken) }`;
const SUSPEND = `mutation ($input: AccountStatusInput!) { suspendAccount(input: $input) { id } }`;
const REACTIVATE = `mutation ($input: AccountStatusInput!) { reactivateAccount(input: $input) { id } }`;
const CHANGE = `mutation ($input: ChangeAccountInput!) { changeAccount(input: $input) { id } }`;

const accountId = (username: string) => demoUsers.find((user) => user.username === username)!.accountId;
const jti = (token: string) => String(decodeJwt(token).jti);

let fixture: IdentityFixture;
let feed: (since?: string, options?: { sign?: 'gateway' | 'none' | 'wrong-request' }) => Promise<{ status: number; body: RevocationFeed & { errors?: Array<{ extensions: { code: string } }> } }>;

async function login(username: string) {
  const result = await fixture.client.execute(LOGIN, { input: { cityId: 'taoyuan', username, password: DEMO_PASSWORD } });
  expect(result.errors).toBeUndefined();
  return result.data.loginWithPassword as { accessToken: string; refreshToken: string; expiresAt: string; refreshExpiresAt: string };
}

beforeAll(async () => {
  fixture = await startIdentityFixture({ certificateUsers: [] });
  const signer = await createGatewayAssertionSigner(fixture.keys.gateway.privateJwk as JWK);
  const path: typeof REVOCATION_FEED_PATH = '/internal/revocations';
  feed = async (since = '', options = {}) => {
    const headers: Record<string, string> = {};
    if (options.sign !== 'none') {
      const hash = revocationFeedRequestHash(options.sign === 'wrong-request' ? `${since}1` : since);
      headers[GATEWAY_ASSERTION_HEADER] = await signer.sign({ principal: ANONYMOUS, requestHash: hash });
    }
    const response = await fetch(fixture.identity.url.replace('/graphql', `${path}?since=${since}`), { headers });
    return { status: response.status, body: (await response.json()) as never };
  };
});
afterAll(() => fixture?.stop());

describe('rotating refresh tokens', () => {
  it('a login gives a refresh token that is kept only as a hash and works exactly once', async () => {
    const session = await login('taoyuan.clerk');
    expect(session.refreshToken).toMatch(/^taoyuan\./);
    expect(new Date(session.refreshExpiresAt).getTime()).toBeGreaterThan(new Date(session.expiresAt).getTime());
    const stored = JSON.stringify((await fixture.db.query(`select * from identity.session_token`)).rows);
    expect(stored).not.toContain(session.refreshToken.split('.')[1]);

    const refreshed = await fixture.client.execute(REFRESH, { refreshToken: session.refreshToken });
    expect(refreshed.errors).toBeUndefined();
    expect(refreshed.data.refreshSession.refreshToken).not.toBe(session.refreshToken);
    expect(decodeJwt(refreshed.data.refreshSession.accessToken).sub).toBe(accountId('taoyuan.clerk'));

    // The old token again: someone kept a copy. The whole session ends, including the new token.
    const replay = await fixture.client.execute(REFRESH, { refreshToken: session.refreshToken });
    expect(replay.errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_REUSED');
    const next = await fixture.client.execute(REFRESH, { refreshToken: refreshed.data.refreshSession.refreshToken });
    expect(next.errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_INVALID');
    // ...and both access tokens of the session are in the revocation feed.
    const subjects = (await feed()).body.entries.map((entry) => entry.subject);
    expect(subjects).toEqual(expect.arrayContaining([jti(session.accessToken), jti(refreshed.data.refreshSession.accessToken)]));
  });

  it('refuses a made-up, malformed or other-city refresh token the same way', async () => {
    for (const refreshToken of ['nonsense', `taoyuan.${'A'.repeat(43)}`, `tainan.${'A'.repeat(43)}`]) {
      const result = await fixture.client.execute(REFRESH, { refreshToken });
      expect(result.errors?.[0]?.extensions?.code, refreshToken).toBe('REFRESH_TOKEN_INVALID');
    }
  });
});

describe('ending sessions', () => {
  it('logout ends the session and publishes its access token to the feed', async () => {
    const session = await login('taoyuan.auditor');
    const { cursor } = (await feed()).body;
    const result = await fixture.client.execute(LOGOUT, { refreshToken: session.refreshToken });
    expect(result.data.logout).toBe(true);
    const after = (await feed(cursor)).body.entries;
    expect(after).toEqual([expect.objectContaining({ kind: 'TOKEN', subject: jti(session.accessToken), expiresAt: new Date(session.expiresAt).toISOString() })]);
    expect((await fixture.client.execute(REFRESH, { refreshToken: session.refreshToken })).errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_INVALID');
    expect((await fixture.client.execute(LOGOUT, { refreshToken: session.refreshToken })).data.logout).toBe(false);
  });

  it('suspending an account refuses all its tokens issued until then, and its refresh tokens', async () => {
    const session = await login('taoyuan.head');
    const { cursor } = (await feed()).body;
    await fixture.client.execute(SUSPEND, { input: { accountId: accountId('taoyuan.head'), reason: 'investigation' } }, demoPrincipal('taoyuan.agencyadmin'));
    const entries = (await feed(cursor)).body.entries;
    const accountEntry = entries.find((entry) => entry.kind === 'ACCOUNT');
    expect(accountEntry).toMatchObject({ subject: accountId('taoyuan.head') });
    expect(new Date(accountEntry!.notBefore!).getTime()).toBeGreaterThanOrEqual(Number(decodeJwt(session.accessToken).iat) * 1000);
    expect(entries.map((entry) => entry.subject)).toContain(jti(session.accessToken));
    expect((await fixture.client.execute(REFRESH, { refreshToken: session.refreshToken })).errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_INVALID');
    await fixture.client.execute(REACTIVATE, { input: { accountId: accountId('taoyuan.head'), reason: 'cleared' } }, demoPrincipal('taoyuan.agencyadmin'));
  });

  it('a change of roles ends the sessions too: tokens carry roles', async () => {
    const session = await login('taoyuan.clerk');
    await fixture.client.execute(CHANGE, { input: { accountId: accountId('taoyuan.clerk'), roles: ['CASEWORKER', 'IT_OFFICER'], reason: 'also IT' } }, demoPrincipal('taoyuan.admin'));
    expect((await fixture.client.execute(REFRESH, { refreshToken: session.refreshToken })).errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_INVALID');
  });
});

describe('the revocation feed', () => {
  it('answers only the gateway: unsigned, or signed for another request, is refused', async () => {
    expect((await feed('', { sign: 'none' })).status).toBe(401);
    const wrong = await feed('', { sign: 'wrong-request' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors?.[0]?.extensions.code).toBe('GATEWAY_SIGNATURE_INVALID');
    expect((await feed('not-a-number')).status).toBe(400);
  });

  it('a cursor returns what came after it, and nothing twice once all is settled', async () => {
    const first = (await feed()).body;
    const again = (await feed(first.cursor)).body;
    const third = (await feed(again.cursor)).body;
    expect(third.entries).toEqual([]);
    expect(first.entries.length).toBeGreaterThan(0);
  });
});
