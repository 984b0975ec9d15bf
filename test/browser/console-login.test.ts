// The console's login, end to end: a real Chromium against the shared e2e platform (started once by
// test/vitest.config.ts; the gateway serves the built console from web/dist).
// Labels are matched in English after the test switches language, which also covers the language switch.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { DemoLogin } from '@custos/platform';
import { gql } from '../support/gateway-client';
import { platform } from '../support/platform';
import { launchChromium } from './chromium';

interface City {
  id: string;
  name: string;
  nameEn: string;
  passwordLoginAllowed: boolean;
  loginRuleCitation: string | null;
}

const TEST_TIMEOUT_MS = 60_000;
const SESSION_STORAGE_KEY = 'custos.session';

let browser: Browser;
let cities: City[];
const contexts: BrowserContext[] = [];
/** Script errors and console errors (CSP violations show up here) seen in the current test. */
let browserErrors: string[] = [];

beforeAll(async () => {
  const consolePage = await fetch(platform().consoleUrl);
  if (!consolePage.ok || !(await consolePage.text()).includes('id="root"')) {
    throw new Error(`no console at ${platform().consoleUrl}; build it first: pnpm --filter @custos/web build`);
  }
  // The public cities query, so the test picks cities by their login rules rather than by assumption.
  const result = await gql<{ cities: City[] }>('{ cities { id name nameEn passwordLoginAllowed loginRuleCitation } }');
  if (!result.data) throw new Error(`cities query failed: ${JSON.stringify(result.errors)}`);
  cities = result.data.cities;
  browser = await launchChromium();
}, 120_000);

afterEach(() => {
  const errors = browserErrors;
  browserErrors = [];
  expect(errors, 'errors in the browser console').toEqual([]);
});

afterAll(async () => {
  await Promise.allSettled(contexts.map((context) => context.close()));
  await browser?.close();
});

function cityOf(user: DemoLogin): City {
  const city = cities.find((candidate) => candidate.id === user.cityId);
  if (!city) throw new Error(`demo user ${user.username} belongs to unknown city ${user.cityId}`);
  return city;
}

function passwordUser(): DemoLogin & { password: string } {
  const user = platform().demo.users.find((candidate) => candidate.password && cityOf(candidate).passwordLoginAllowed);
  if (!user?.password) throw new Error('the demo data has no password user in a city that allows passwords');
  return user as DemoLogin & { password: string };
}

function changhua(): City {
  const city = cities.find((candidate) => candidate.id === 'changhua');
  if (!city) throw new Error('the platform has no Changhua city');
  return city;
}

function changhuaUser(): DemoLogin {
  const city = changhua();
  const user = platform().demo.users.find((candidate) => candidate.cityId === city.id);
  if (!user) throw new Error('the demo data has no Changhua user');
  return user;
}

/** A fresh browser profile (empty storage) on the console, switched from the default zh-TW to English. */
async function openConsoleInEnglish(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-TW' });
  contexts.push(context);
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => browserErrors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused request (e.g. 401 for a stale token) is logged by Chromium itself; the test checks its outcome.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      browserErrors.push(message.text());
    }
  });
  await page.goto(platform().consoleUrl);
  await page.getByRole('heading', { name: '登入' }).waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe('zh-TW');
  await page.getByRole('group', { name: '語言' }).getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  return page;
}

async function chooseCity(page: Page, city: City) {
  // selectOption waits until the city list has arrived from the gateway.
  await page.getByLabel('City', { exact: true }).selectOption(city.id);
}

// The test package compiles without DOM types; this is the one browser global the test touches.
interface BrowserWindow {
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

function storedSession(page: Page): Promise<string | null> {
  return page.evaluate((key) => (globalThis as unknown as BrowserWindow).sessionStorage.getItem(key), SESSION_STORAGE_KEY);
}

function accountSummary(page: Page): Locator {
  return page.getByRole('region', { name: 'Signed-in account' });
}

function passwordInput(page: Page): Locator {
  return page.getByLabel('Password', { exact: true }).and(page.locator('input[type="password"]'));
}

async function expectSignedInAs(page: Page, user: DemoLogin, city: City) {
  const summary = accountSummary(page);
  await summary.waitFor();
  const text = (await summary.innerText()).replace(/\s+/g, ' ');
  expect(text).toContain(user.displayName);
  expect(text).toContain(city.nameEn);
  // Roles are shown by their translated names, one badge per role, never as raw enum codes.
  expect(await summary.getByRole('listitem').count()).toBe(user.roles.length);
  for (const role of user.roles) expect(text).not.toContain(role);
  expect(await storedSession(page)).not.toBeNull();
}

describe('console login', () => {
  it('signs in with a password where the city allows it, shows the shell, and logs out', async () => {
    const user = passwordUser();
    const city = cityOf(user);
    const page = await openConsoleInEnglish();

    await chooseCity(page, city);
    await page.getByRole('radio', { name: 'Password' }).check();
    await page.getByLabel('Username').fill(user.username);
    await passwordInput(page).fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await expectSignedInAs(page, user, city);
    await page.getByRole('heading', { name: `Welcome, ${user.displayName}` }).waitFor();

    // The language choice is remembered across a reload, and the session survives it too.
    await page.reload();
    await accountSummary(page).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You have signed out.').waitFor();
    expect(await storedSession(page)).toBeNull();
    expect(await accountSummary(page).count()).toBe(0);
  }, TEST_TIMEOUT_MS);

  it('shows a readable error for a wrong password, keeps the input, and does not sign in', async () => {
    const user = passwordUser();
    const page = await openConsoleInEnglish();

    await chooseCity(page, cityOf(user));
    await page.getByRole('radio', { name: 'Password' }).check();
    await page.getByLabel('Username').fill(user.username);
    await passwordInput(page).fill(`${user.password}-wrong`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    const error = page.getByRole('alert').filter({ hasText: 'The username or password is incorrect.' });
    await error.waitFor();
    expect(await accountSummary(page).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
    expect(await page.getByLabel('Username').inputValue()).toBe(user.username);
    expect(await passwordInput(page).inputValue()).toBe(`${user.password}-wrong`);
    expect(await storedSession(page)).toBeNull();
  }, TEST_TIMEOUT_MS);

  it('offers Changhua no password form and explains that its rules require certificate login', async () => {
    const city = changhua();
    expect(city.passwordLoginAllowed).toBe(false);
    const page = await openConsoleInEnglish();

    await chooseCity(page, city);
    await page.getByText(`${city.nameEn} requires certificate login`).waitFor();
    if (city.loginRuleCitation) await page.getByText(city.loginRuleCitation, { exact: false }).waitFor();
    expect(await page.locator('input[type="password"]').count()).toBe(0);
    expect(await page.getByRole('radio', { name: 'Password' }).count()).toBe(0);
    expect(await page.getByLabel('Certificate file (.pem)').count()).toBe(1);
  }, TEST_TIMEOUT_MS);

  it('signs a Changhua user in with a certificate, signing in the browser without sending the private key', async () => {
    const user = changhuaUser();
    const city = changhua();
    const page = await openConsoleInEnglish();
    const gatewayRequestBodies: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') gatewayRequestBodies.push(request.postData() ?? '');
    });

    await chooseCity(page, city);
    await page.getByLabel('Certificate file (.pem)').setInputFiles(user.certificateBundlePath);
    await page.getByText('Certificate file read:').waitFor();
    await page.getByRole('button', { name: 'Sign in with certificate' }).click();

    await expectSignedInAs(page, user, city);
    const certificateLogin = gatewayRequestBodies.find((body) => body.includes('loginWithCertificate'));
    expect(certificateLogin).toContain('BEGIN CERTIFICATE');
    expect(certificateLogin).toMatch(/"signature":"[A-Za-z0-9_-]+"/);
    expect(gatewayRequestBodies.some((body) => body.includes('PRIVATE KEY'))).toBe(false);
  }, TEST_TIMEOUT_MS);

  it('sends the person back to login with a session-expired message when the gateway rejects the token', async () => {
    const page = await openConsoleInEnglish();
    // A token the gateway never issued stands in for an expired one: any rejection must lead back to login.
    const planted = JSON.stringify({
      accessToken: 'not-a-real-token',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await page.evaluate(
      ([key, value]) => (globalThis as unknown as BrowserWindow).sessionStorage.setItem(key, value),
      [SESSION_STORAGE_KEY, planted] as const,
    );
    await page.reload();

    await page.getByText('Your session has expired. Please sign in again.').waitFor();
    expect(await accountSummary(page).count()).toBe(0);
    expect(await storedSession(page)).toBeNull();
  }, TEST_TIMEOUT_MS);
});
