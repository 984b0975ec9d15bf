// Screenshots of the console's main pages at 1366×768, in Traditional Chinese and in English, for a reviewer.
// Runs against a running platform (`pnpm start` at the repository root):
//
//   cd test && pnpm exec tsx browser/screenshots.ts      (or, from the repository root: pnpm --filter @custos/e2e screenshots)
//
// Environment: CUSTOS_URL (the console, default http://127.0.0.1:4000/), CUSTOS_SCREENSHOTS_DIR (default
// <repo>/screenshots, git-ignored), CUSTOS_SCREENSHOT_CITY (the demo city whose caseworker, unit head, agency admin, auditor and top admin are shown,
// default taoyuan), CUSTOS_SCREENSHOT_BUREAU (the bureau officer, default central.labor), CUSTOS_DEMO_CERTIFICATES (the demo key files for certificate-only cities, default
// <repo>/.custos/demo-certificates, where `pnpm start` writes them).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoUsers } from '@custos/demo';
import type { DemoLogin } from '@custos/platform';
import type { Browser, Page } from 'playwright-core';
import type { Language } from '../../web/src/i18n/dictionaries';
import { openedAuditParam } from '../../web/src/bureau/bureau-oversight-filters';
import { launchChromium } from './chromium';
import { gatewaySession, openSignedInTab, postGraphQL, type GatewaySession } from './console-session';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CONSOLE_URL = new URL(process.env.CUSTOS_URL ?? 'http://127.0.0.1:4000/');
const GATEWAY_URL = new URL('/graphql', CONSOLE_URL).toString();
const OUT_DIR = resolve(process.env.CUSTOS_SCREENSHOTS_DIR ?? join(REPO_ROOT, 'screenshots'));
const CITY = process.env.CUSTOS_SCREENSHOT_CITY ?? 'taoyuan';
const CERTIFICATES = resolve(process.env.CUSTOS_DEMO_CERTIFICATES ?? join(REPO_ROOT, '.custos', 'demo-certificates'));
const LANGUAGES: Language[] = ['zh-TW', 'en'];
/** The central agency's officer shown on the bureau pages (CUSTOS_SCREENSHOT_BUREAU: central.labor or central.nhi). */
const BUREAU_OFFICER = process.env.CUSTOS_SCREENSHOT_BUREAU ?? 'central.labor';

interface Shot {
  file: string;
  path: string;
  /** Scrolls this element to the top before the picture (e.g. the comparison table further down a page). */
  scrollTo?: string;
}

/** Who is shown: a demo user of the city by role, or a named demo user (the bureau officer lives in `central`). */
type Viewer = { role: string } | { username: string };

interface Walk {
  viewer: Viewer;
  shots: Shot[];
  /** Pages of one audit or finding, addressed by id: found through the gateway as this viewer, when there is one. */
  detailShots?(session: GatewaySession): Promise<Shot[]>;
}

const WALKS: Walk[] = [
  {
    viewer: { role: 'CASEWORKER' },
    shots: [
      { file: '02-home-caseworker', path: '/' },
      { file: '03-my-access', path: '/access' },
      { file: '04-access-apply', path: '/access/apply' },
      { file: '05-my-register', path: '/register' },
      { file: '06-query-requests', path: '/queries/requests' },
      { file: '07-query-items', path: '/query-items' },
      { file: '08-compliance-calendar', path: '/calendar' },
      { file: '09-rules', path: '/rules' },
      { file: '10-rules-comparison', path: '/rules', scrollTo: '.comparison-table' },
    ],
  },
  {
    viewer: { role: 'UNIT_HEAD' },
    shots: [
      { file: '11-home-unit-head', path: '/' },
      { file: '12-access-approvals-inbox', path: '/access/inbox' },
      { file: '13-query-approvals', path: '/queries/approvals' },
    ],
  },
  {
    viewer: { role: 'AGENCY_ADMIN' },
    shots: [
      { file: '14-home-agency-admin', path: '/' },
      { file: '15-access-grants-matrix', path: '/access/grants' },
      { file: '16-access-business-items', path: '/access/business-items' },
      { file: '17-queries-bureau-import', path: '/queries/import' },
      { file: '18-queries-reconciliation', path: '/queries/reconciliation' },
      { file: '19-register-agency', path: '/register?scope=AGENCY' },
    ],
  },
  {
    viewer: { role: 'AUDITOR' },
    shots: [
      { file: '20-home-auditor', path: '/' },
      { file: '21-audits', path: '/audits' },
      { file: '23-findings', path: '/findings' },
    ],
    async detailShots(session) {
      const result = await postGraphQL<{ audits: Array<{ id: string }>; findings: Array<{ id: string }> }>(GATEWAY_URL, '{ audits { id } findings { id } }', {}, session.accessToken);
      const shots: Shot[] = [];
      const audit = result.data?.audits[0];
      const finding = result.data?.findings[0];
      if (audit) shots.push({ file: '22-audit-workbench', path: `/audits?id=${encodeURIComponent(audit.id)}` });
      else console.log('  (no audit in the demo data yet: draw one to see the workbench)');
      if (finding) shots.push({ file: '24-finding', path: `/findings?id=${encodeURIComponent(finding.id)}` });
      else console.log('  (no anomaly finding in the demo data yet: run a scan to see one)');
      return shots;
    },
  },
  {
    viewer: { role: 'TOP_ADMIN' },
    shots: [
      { file: '25-home-top-admin', path: '/' },
      { file: '26-organisation', path: '/organisation' },
      { file: '27-account-reviews', path: '/account-reviews' },
      { file: '28-admin-handovers', path: '/admin-handovers' },
      { file: '29-cross-city-reads', path: '/cross-city-reads' },
      { file: '29b-cross-city-reads-audits', path: '/cross-city-reads?kind=audits' },
      { file: '29c-cross-city-reads-applications', path: '/cross-city-reads?kind=applications' },
    ],
  },
  {
    viewer: { username: BUREAU_OFFICER },
    shots: [
      { file: '30-bureau-home', path: '/' },
      { file: '31-bureau-register', path: '/bureau/register' },
      { file: '32-bureau-register-one-city', path: `/bureau/register?city=${CITY}` },
      { file: '33-bureau-statistics', path: '/bureau/statistics' },
      { file: '34-bureau-statistics-purpose-category', path: '/bureau/statistics?by=CITY,PURPOSE_CATEGORY' },
      { file: '35-bureau-applications', path: '/bureau/applications' },
      { file: '36-bureau-audits', path: '/bureau/audits' },
      { file: '38-bureau-findings', path: '/bureau/findings' },
      { file: '39-bureau-audit-requests', path: '/bureau/audit-requests' },
    ],
    async detailShots(session) {
      // One audit opened with its sample, when the bureau's cities have drawn any.
      const result = await postGraphQL<{ bureauAudits: { nodes: Array<{ id: string; cityId: string; periodStart: string; periodEnd: string }> } }>(
        GATEWAY_URL,
        'query ScreenshotAudits { bureauAudits(first: 1) { nodes { id cityId periodStart periodEnd } } }',
        {},
        session.accessToken,
      );
      const audit = result.data?.bureauAudits.nodes[0];
      if (!audit) {
        console.log('  (no audit of the bureau’s service in the cities yet: draw one to see an audit with its sample)');
        return [];
      }
      return [{ file: '37-bureau-audit-sample', path: `/bureau/audits?audit=${encodeURIComponent(openedAuditParam(audit))}` }];
    },
  },
];

function demoLogin(viewer: Viewer): DemoLogin {
  const user = demoUsers.find((candidate) =>
    'username' in viewer ? candidate.username === viewer.username : candidate.cityId === CITY && candidate.roles.includes(viewer.role as never),
  );
  if (!user) throw new Error(`the demo data has no ${'username' in viewer ? viewer.username : `${viewer.role} in ${CITY}`}`);
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
  const sessions = await Promise.all(WALKS.map((walk) => signIn(demoLogin(walk.viewer))));
  const details = await Promise.all(WALKS.map((walk, index) => walk.detailShots?.(sessions[index]!) ?? Promise.resolve([])));
  const browser = await launchChromium();
  let count = 0;
  try {
    for (const language of LANGUAGES) {
      const directory = join(OUT_DIR, language);
      mkdirSync(directory, { recursive: true });
      console.log(`${language}:`);
      await shootAs(browser, null, language, [{ file: '01-login', path: '/' }], directory);
      count += 1;
      for (const [index, walk] of WALKS.entries()) {
        const shots = [...walk.shots, ...details[index]!].sort((a, b) => a.file.localeCompare(b.file));
        await shootAs(browser, sessions[index]!, language, shots, directory);
        count += shots.length;
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${count} screenshots of ${CITY} (and ${BUREAU_OFFICER}) at 1366×768 are in ${OUT_DIR}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
