// The console keeps its session with identity's rotating refresh tokens, in a real Chromium against the shared e2e
// platform. The access token's 15-minute life is too long to wait for, so expiry is forced on the client: the tab is
// handed a token that has really expired (signed with identity's key for one second), or told its token expires in
// a few seconds. Words come from the console's dictionaries.
import { createAccessTokenSigner, type JWK, type Role } from '@custos/auth';
import { demoAgencyId, demoUsers } from '@custos/demo';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dictionaries } from '../../web/src/i18n/dictionaries';
import { gql } from '../support/gateway-client';
import { demoUser, ownerQuery, platform, platformSecrets } from '../support/platform';
import { launchChromium } from './chromium';
import { openSignedInTab, SESSION_STORAGE_KEY, type ConsoleTab } from './console-session';

const TEST_TIMEOUT_MS = 90_000;
const en = dictionaries.en;

interface FullSession {
  accessToken: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

let browser: Browser;
const tabs: ConsoleTab[] = [];

beforeAll(async () => {
  const consolePage = await fetch(platform().consoleUrl);
  if (!consolePage.ok || !(await consolePage.text()).includes('id="root"')) {
    throw new Error(`no console at ${platform().consoleUrl}; build it first: pnpm --filter @custos/web build`);
  }
  browser = await launchChromium();
}, 120_000);

afterEach(async () => {
  const errors = tabs.flatMap((tab) => tab.errors);
  await Promise.allSettled(tabs.map((tab) => tab.context.close()));
  tabs.length = 0;
  // Chromium logs the rejected requests itself ("Failed to load resource" is filtered); nothing else may appear.
  expect(errors, 'errors in the browser console').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

const user = () => demoUser('taoyuan', 'UNIT_HEAD');

/** Logs the demo user in through the gateway, as the console's login form does, with the refresh token. */
async function login(): Promise<FullSession> {
  const { cityId, username, password } = user();
  const result = await gql<{ loginWithPassword: FullSession }>(
    'mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken expiresAt refreshToken refreshExpiresAt } }',
    { input: { cityId, username, password } },
  );
  if (!result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
  return result.data.loginWithPassword;
}

/** An access token for the same account that has really expired: identity's key, a one-second life, and a wait. */
async function expiredAccessToken(): Promise<string> {
  const demo = demoUsers.find((candidate) => candidate.username === user().username)!;
  const signer = await createAccessTokenSigner((await platformSecrets()).identitySigningKey.privateJwk as JWK);
  const { token } = await signer.sign(
    { kind: 'account', accountId: demo.accountId, personId: demo.personId, cityId: demo.cityId, agencyId: demoAgencyId(demo.cityId, demo.agencyKey), roles: demo.roles as Role[] },
    1,
  );
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  const refused = await gql('{ me { id } }', {}, token);
  expect(refused.errors?.[0]?.extensions?.code).toBe('TOKEN_EXPIRED');
  return token;
}

interface BrowserWindow {
  sessionStorage: { getItem(key: string): string | null };
}

async function storedSession(page: Page): Promise<FullSession | null> {
  const text = await page.evaluate((key) => (globalThis as unknown as BrowserWindow).sessionStorage.getItem(key), SESSION_STORAGE_KEY);
  return text ? (JSON.parse(text) as FullSession) : null;
}

async function waitForStored(page: Page, done: (session: FullSession | null) => boolean, timeoutMs = 20_000): Promise<FullSession | null> {
  const started = Date.now();
  for (;;) {
    const session = await storedSession(page);
    if (done(session) || Date.now() - started > timeoutMs) return session;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const accountSummary = (page: Page) => page.getByRole('region', { name: en['shell.account'] });

async function open(session: FullSession): Promise<Page> {
  const tab = await openSignedInTab(browser, session, 'en');
  tabs.push(tab);
  await tab.page.goto(platform().consoleUrl);
  return tab.page;
}

describe('the console’s session outlives its access token', () => {
  it('a request rejected with TOKEN_EXPIRED is answered after the refresh token is exchanged, and the tokens rotate', async () => {
    const real = await login();
    const expired = await expiredAccessToken();
    // The tab believes its token still has 15 minutes: the gateway is what says it has expired.
    const page = await open({ ...real, accessToken: expired });

    await accountSummary(page).waitFor();
    expect((await accountSummary(page).innerText()).replace(/\s+/g, ' ')).toContain(user().displayName);
    expect(await page.getByRole('heading', { name: en['login.title'] }).count()).toBe(0);
    const rotated = await waitForStored(page, (session) => session?.refreshToken !== real.refreshToken);
    expect(rotated).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect(rotated!.accessToken).not.toBe(expired);
    expect(rotated!.refreshToken).not.toBe(real.refreshToken);
    // The new token works; the old refresh token was used once and is spent.
    expect((await gql('{ me { id } }', {}, rotated!.accessToken)).data?.me).toBeTruthy();
    // (No reload here: the test's init script would put the spent refresh token back, which identity treats as theft.)
    await page.waitForTimeout(1_000);
    expect(await accountSummary(page).isVisible()).toBe(true);
    expect((await storedSession(page))?.refreshToken).toBe(rotated!.refreshToken);
  }, TEST_TIMEOUT_MS);

  it('refreshes by itself shortly before the access token expires, without a request failing first', async () => {
    const real = await login();
    const page = await open({ ...real, expiresAt: new Date(Date.now() + 4_000).toISOString() });
    await accountSummary(page).waitFor();
    const rotated = await waitForStored(page, (session) => session !== null && session.accessToken !== real.accessToken);
    expect(rotated?.accessToken).not.toBe(real.accessToken);
    expect(Date.parse(rotated!.expiresAt)).toBeGreaterThan(Date.now() + 60_000);
    await expect(accountSummary(page).waitFor()).resolves.toBeUndefined();
  }, TEST_TIMEOUT_MS);

  it('when the refresh token is refused, the session ends gracefully: the login page says it expired', async () => {
    const real = await login();
    // Someone else used this refresh token first (a stolen copy): identity ends the whole session.
    const stolen = await gql('mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken } }', { token: real.refreshToken });
    expect(stolen.errors).toBeUndefined();
    const page = await open({ ...real, accessToken: await expiredAccessToken() });
    await page.getByText(en['login.sessionExpired']).waitFor();
    await page.getByRole('heading', { name: en['login.title'] }).waitFor();
    expect(await storedSession(page)).toBeNull();
    expect(await accountSummary(page).count()).toBe(0);
  }, TEST_TIMEOUT_MS);

  it('logging out revokes the session on the server, not only in the tab', async () => {
    const real = await login();
    const page = await open(real);
    await accountSummary(page).waitFor();
    await page.getByRole('button', { name: en['shell.logout'] }).click();
    await page.getByRole('heading', { name: en['login.title'] }).waitFor();
    // The console asks identity to end the session (its refresh token and every access token of it stop working).
    const hash = createHash('sha256').update(real.refreshToken).digest('hex');
    const started = Date.now();
    let ended: Array<{ end_reason: string | null }> = [];
    while (Date.now() - started < 10_000) {
      ended = await ownerQuery(`SELECT s.end_reason FROM identity.session s JOIN identity.session_token t ON t.session_id = s.id WHERE t.refresh_token_hash = $1`, [hash]);
      if (ended[0]?.end_reason) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ended).toEqual([{ end_reason: 'LOGOUT' }]);
    const refreshAfterLogout = await gql('mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken } }', { token: real.refreshToken });
    expect(refreshAfterLogout.errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_INVALID');
  }, TEST_TIMEOUT_MS);
});
