// Screenshots of the console's main pages at 1366×768, in Traditional Chinese and in English, for a reviewer.
// Runs against a running platform (`pnpm start` at the repository root):
//
//   cd test && pnpm exec tsx browser/screenshots.ts
//
// Environment: CUSTOS_URL (the console, default http://127.0.0.1:4000/), CUSTOS_SCREENSHOTS_DIR (default
// <repo>/screenshots, git-ignored), CUSTOS_SCREENSHOT_CITY (the demo city whose caseworker and top admin are shown,
// default taoyuan), CUSTOS_DEMO_CERTIFICATES (the demo key files for certificate-only cities, default
// <repo>/.custos/demo-certificates, where `pnpm start` writes them).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoUsers } from '@custos/demo';
import type { DemoLogin } from '@custos/platform';
import type { Browser, Page } from 'playwright-core';
import type { Language } from '../../web/src/i18n/dictionaries';
import { launchChromium } from './chromium';
import { gatewaySession, openSignedInTab, postGraphQL, type GatewaySession } from './console-session';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CONSOLE_URL = new URL(process.env.CUSTOS_URL ?? 'http://127.0.0.1:4000/');
const GATEWAY_URL = new URL('/graphql', CONSOLE_URL).toString();
const OUT_DIR = resolve(process.env.CUSTOS_SCREENSHOTS_DIR ?? join(REPO_ROOT, 'screenshots'));
const CITY = process.env.CUSTOS_SCREENSHOT_CITY ?? 'taoyuan';
const CERTIFICATES = resolve(process.env.CUSTOS_DEMO_CERTIFICATES ?? join(REPO_ROOT, '.custos', 'demo-certificates'));
const LANGUAGES: Language[] = ['zh-TW', 'en'];

interface Shot {
  file: string;
  path: string;
  /** Scrolls this element to the top before the picture (e.g. the comparison table further down a page). */
  scrollTo?: string;
}

const CASEWORKER_SHOTS: Shot[] = [
  { file: '02-home-caseworker', path: '/' },
  { file: '03-my-access', path: '/access' },
  { file: '04-my-register', path: '/register' },
  { file: '05-query-items', path: '/query-items' },
  { file: '06-compliance-calendar', path: '/calendar' },
  { file: '07-rules', path: '/rules' },
  { file: '08-rules-comparison', path: '/rules', scrollTo: '.comparison-table' },
];

const ADMIN_SHOTS: Shot[] = [
  { file: '09-home-admin', path: '/' },
  { file: '10-organisation', path: '/organisation' },
];

function demoLogin(role: string): DemoLogin {
  const user = demoUsers.find((candidate) => candidate.cityId === CITY && candidate.roles.includes(role as never));
  if (!user) throw new Error(`the demo data has no ${role} in ${CITY}`);
  return {
    cityId: user.cityId,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    password: DEMO_PASSWORD,
    certificateBundlePath: join(CERTIFICATES, `${user.username}.pem`),
  };
}

/** By password where the city allows it, else with the demo certificate `pnpm start` wrote. */
async function signIn(user: DemoLogin): Promise<GatewaySession> {
  const cities = await postGraphQL<{ cities: Array<{ id: string; passwordLoginAllowed: boolean }> }>(GATEWAY_URL, '{ cities { id passwordLoginAllowed } }');
  const passwordAllowed = cities.data?.cities.find((city) => city.id === user.cityId)?.passwordLoginAllowed ?? false;
  return gatewaySession(passwordAllowed ? user : { ...user, password: undefined }, GATEWAY_URL);
}

/** Waits until the page has its heading and nothing is loading any more (charts included). */
async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // A function, not a string: the console's Content-Security-Policy forbids eval, which string predicates use.
  await page.waitForFunction(
    () => {
      const doc = (globalThis as unknown as { document: { querySelector(selector: string): unknown; fonts: { status: string } } }).document;
      return !doc.querySelector('.inline-loading, .page-loading') && doc.fonts.status === 'loaded';
    },
    undefined,
    { timeout: 20_000 },
  );
  await page.waitForTimeout(300);
}

async function shoot(page: Page, directory: string, shot: Shot): Promise<void> {
  await page.goto(new URL(`#${shot.path}`, CONSOLE_URL).toString());
  await settle(page);
  if (shot.scrollTo) await page.evaluate(`document.querySelector(${JSON.stringify(shot.scrollTo)}).scrollIntoView({ block: 'start' })`);
  else await page.evaluate('window.scrollTo(0, 0)');
  const file = join(directory, `${shot.file}.png`);
  await page.screenshot({ path: file });
  console.log(`  ${file.replace(`${REPO_ROOT}/`, '')}`);
}

async function shootAs(browser: Browser, session: GatewaySession | null, language: Language, shots: Shot[], directory: string) {
  const tab = await openSignedInTab(browser, session, language);
  try {
    for (const shot of shots) await shoot(tab.page, directory, shot);
    if (tab.errors.length > 0) console.warn(`  browser errors: ${tab.errors.join('; ')}`);
  } finally {
    await tab.context.close();
  }
}

async function main(): Promise<void> {
  const health = await fetch(CONSOLE_URL).catch(() => null);
  if (!health?.ok) throw new Error(`no console at ${CONSOLE_URL}: start the platform first (pnpm start at the repository root)`);
  const caseworker = await signIn(demoLogin('CASEWORKER'));
  const admin = await signIn(demoLogin('TOP_ADMIN'));
  const browser = await launchChromium();
  try {
    for (const language of LANGUAGES) {
      const directory = join(OUT_DIR, language);
      mkdirSync(directory, { recursive: true });
      console.log(`${language}:`);
      await shootAs(browser, null, language, [{ file: '01-login', path: '/' }], directory);
      await shootAs(browser, caseworker, language, CASEWORKER_SHOTS, directory);
      await shootAs(browser, admin, language, ADMIN_SHOTS, directory);
    }
  } finally {
    await browser.close();
  }
  console.log(`Screenshots of ${CITY} at 1366×768 are in ${OUT_DIR}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
