// Opening the console as a demo user without going through the login form (console-login.test.ts covers that):
// the test signs in through the gateway, as the form would, and hands the session to the page the way the console
// keeps it (sessionStorage), with the language chosen in localStorage.
import { signChallenge } from '@custos/auth';
import type { DemoLogin } from '@custos/platform';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gql, splitBundle } from '../support/gateway-client';
import type { Language } from '../../web/src/i18n/dictionaries';

export const SESSION_STORAGE_KEY = 'custos.session';
export const LANGUAGE_STORAGE_KEY = 'custos.language';

export interface GatewaySession {
  accessToken: string;
  expiresAt: string;
}

/** Signs a demo user in through the gateway: by password where the city allows it, else by certificate. */
export async function gatewaySession(user: DemoLogin, gatewayUrl?: string): Promise<GatewaySession> {
  const call = <T>(query: string, variables: Record<string, unknown>) =>
    gatewayUrl ? postGraphQL<T>(gatewayUrl, query, variables) : gql<T>(query, variables);
  if (user.password) {
    const result = await call<{ loginWithPassword: GatewaySession }>(
      'mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken expiresAt } }',
      { input: { cityId: user.cityId, username: user.username, password: user.password } },
    );
    if (!result.data) throw new Error(`login of ${user.username} failed: ${JSON.stringify(result.errors)}`);
    return result.data.loginWithPassword;
  }
  const challenge = await call<{ requestCertificateChallenge: { id: string; challenge: string } }>(
    'mutation ($cityId: ID!) { requestCertificateChallenge(cityId: $cityId) { id challenge } }',
    { cityId: user.cityId },
  );
  if (!challenge.data) throw new Error(`no challenge for ${user.username}: ${JSON.stringify(challenge.errors)}`);
  const { id, challenge: text } = challenge.data.requestCertificateChallenge;
  const { certificatePem, privateKeyPem } = splitBundle(user.certificateBundlePath);
  const result = await call<{ loginWithCertificate: GatewaySession }>(
    'mutation ($input: CertificateLoginInput!) { loginWithCertificate(input: $input) { accessToken expiresAt } }',
    { input: { challengeId: id, certificatePem, signature: await signChallenge(privateKeyPem, text) } },
  );
  if (!result.data) throw new Error(`certificate login of ${user.username} failed: ${JSON.stringify(result.errors)}`);
  return result.data.loginWithCertificate;
}

export async function postGraphQL<T>(gatewayUrl: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

export interface ConsoleTab {
  context: BrowserContext;
  page: Page;
  /** Script errors and console errors seen so far (CSP violations show up here). */
  errors: string[];
}

/** A fresh browser profile, signed in and set to the language, at 1366×768. Navigate with `page.goto`. */
export async function openSignedInTab(browser: Browser, session: GatewaySession | null, language: Language): Promise<ConsoleTab> {
  const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 768 } });
  context.setDefaultTimeout(20_000);
  await context.addInitScript(
    ([sessionKey, sessionValue, languageKey, languageValue]) => {
      const storage = globalThis as unknown as {
        sessionStorage: { setItem(key: string, value: string): void };
        localStorage: { setItem(key: string, value: string): void };
      };
      if (sessionValue) storage.sessionStorage.setItem(sessionKey, sessionValue);
      storage.localStorage.setItem(languageKey, languageValue);
    },
    [SESSION_STORAGE_KEY, session ? JSON.stringify(session) : '', LANGUAGE_STORAGE_KEY, language] as const,
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused request is logged by Chromium itself; the tests check its outcome.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  return { context, page, errors };
}
