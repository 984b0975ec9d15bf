// Links in the console, in a real Chromium: each "what needs doing" card of the home page leads to the page where the
// work is done, and an audit or a finding opened in its page has its own address — it can be linked, a reload keeps
// it open, and the back button returns to the list. An audit and a finding are prepared through the gateway first
// (register entries seeded for a Taoyuan month, a burst of queries that raises a bulk-query finding).
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { monthsAgo } from '../../web/src/home/home-data';
import type { MessageKey } from '../../web/src/i18n/dictionaries';
import { todayInTaiwan } from '../../web/src/ui/format';
import { ensureQueryLogViews, ok, removeSeededRecords, seedRecords, spreadRecords, taiwan, tokenOf } from '../audit/audit-e2e-helpers';
import { gql } from '../support/gateway-client';
import { launchChromium } from './chromium';
import type { ConsoleTab } from './console-session';
import { demoByUsername, openJourney, type JourneyDriver } from './console-driver';

const TEST_TIMEOUT_MS = 120_000;
const CITY = 'taoyuan';
const PERIOD = { start: '2023-01-01', end: '2023-01-31' };
const BURST_AT = '2023-04-10T10:00:00';

let browser: Browser;
const tabs: ConsoleTab[] = [];
const seeded: string[] = [];
let auditId: string;
let findingId: string;
const burstAccount = randomUUID();

beforeAll(async () => {
  browser = await launchChromium();
  await ensureQueryLogViews();
  seeded.push(...(await seedRecords(spreadRecords(CITY, 3, PERIOD.start))));
  // 25 queries in about eight minutes by one account: the bulk rule (20 in 10 minutes) fires.
  const agencyId = randomUUID();
  seeded.push(
    ...(await seedRecords(
      Array.from({ length: 25 }, (_, i) => ({ cityId: CITY, accountId: burstAccount, agencyId, queriedAt: new Date(taiwan(BURST_AT).getTime() + i * 20_000) })),
    )),
  );
  const auditor = await tokenOf(CITY, 'AUDITOR');
  const drawn = await ok<{ drawAuditSample: { id: string } }>(
    'mutation ($input: DrawAuditSampleInput!) { drawAuditSample(input: $input) { id } }',
    { input: { periodStart: PERIOD.start, periodEnd: PERIOD.end, stratifyBy: [] } },
    auditor,
  );
  auditId = drawn.drawAuditSample.id;
  const day = BURST_AT.slice(0, 10);
  await ok('mutation ($from: String!, $to: String!) { scanForAnomalies(from: $from, to: $to) { id } }', { from: day, to: day }, auditor);
  const findings = await ok<{ findings: Array<{ id: string; accountId: string | null }> }>('{ findings(rule: BULK_QUERIES) { id accountId } }', {}, auditor);
  const ours = findings.findings.find((finding) => finding.accountId === burstAccount);
  if (!ours) throw new Error('the bulk rule did not fire on the burst');
  findingId = ours.id;
}, 180_000);

afterEach(async () => {
  const errors = tabs.flatMap((tab) => tab.errors);
  await Promise.allSettled(tabs.map((tab) => tab.context.close()));
  tabs.length = 0;
  expect(errors, 'errors in the browser console').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await removeSeededRecords(seeded);
});

const currentHash = (c: JourneyDriver) => c.page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash);

interface CardLink {
  card: MessageKey;
  hash: string;
  heading: MessageKey;
}

/** Follows the link of each card, checks the page it lands on, and comes back with the back button. */
async function followCards(c: JourneyDriver, expected: CardLink[]): Promise<void> {
  await c.visit('/');
  const home = c.heading(c.word('home.title', { name: c.displayName }));
  await c.see(home);
  // Every card the home page shows leads somewhere.
  const cards = c.page.locator('section.dashboard-card');
  await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(expected.length);
  const titles = await cards.locator('h2').allInnerTexts();
  const withoutLink = [];
  for (let index = 0; index < titles.length; index += 1) {
    if ((await cards.nth(index).locator('.card-link a').count()) === 0) withoutLink.push(titles[index]);
  }
  expect(withoutLink, 'cards without a link to their page').toEqual([]);

  for (const link of expected) {
    const card = c.region(c.word(link.card));
    await c.see(card);
    await card.locator('.card-link a').click();
    await c.see(c.heading(c.word(link.heading)));
    expect(await currentHash(c)).toBe(link.hash);
    await c.page.goBack();
    await c.see(home);
  }
}

describe('the home page cards', () => {
  it('lead a unit head to the approvals, the calendar, the findings and the rules', async () => {
    const c = await openJourney(browser, tabs, demoByUsername(CITY, 'head'), 'zh-TW');
    await followCards(c, [
      { card: 'home.work.inbox.title', hash: '#/access/inbox', heading: 'access.inbox.title' },
      { card: 'home.work.awaiting.title', hash: '#/queries/approvals', heading: 'queries.approvals.title' },
      { card: 'home.tasks.title', hash: '#/calendar', heading: 'calendar.title' },
      { card: 'home.work.findings.title', hash: '#/findings', heading: 'audit.finding.title' },
      { card: 'home.rules.title', hash: '#/rules', heading: 'rules.title' },
    ]);
    await c.expectAccessible('the unit head’s home');
  }, TEST_TIMEOUT_MS);

  it('lead a caseworker to the requests, the grants and the register', async () => {
    const c = await openJourney(browser, tabs, demoByUsername(CITY, 'clerk'), 'en');
    await followCards(c, [
      { card: 'home.work.mine.title', hash: '#/queries/requests', heading: 'queries.requests.title' },
      { card: 'home.grants.title', hash: '#/access', heading: 'access.title' },
      { card: 'home.records.title', hash: '#/register', heading: 'register.title' },
    ]);
  }, TEST_TIMEOUT_MS);

  it('lead an agency admin to the agency’s register, opened on the agency', async () => {
    const c = await openJourney(browser, tabs, demoByUsername(CITY, 'agencyadmin'), 'zh-TW');
    // The card counts the agency's last twelve months exactly, as the register's own counts do.
    const from = `${monthsAgo(todayInTaiwan(), 11)}T00:00:00+08:00`;
    const me = await gql<{ me: { agency: { id: string } } }>('{ me { agency { id } } }', {}, c.session.accessToken);
    await c.visit('/');
    const volume = c.region(c.word('home.work.volume.title'));
    await volume.locator('.card-link a').waitFor();
    const counted = await gql<{ queryCounts: { total: number } }>(
      'query ($agencyId: ID!, $from: DateTimeISO!) { queryCounts(filter: { agencyId: $agencyId, from: $from }, groupBy: [MONTH]) { total } }',
      { agencyId: me.data!.me.agency.id, from },
      c.session.accessToken,
    );
    const total = counted.data!.queryCounts.total;
    await volume.getByText(total > 0 ? c.word('home.work.volume.note', { count: total }) : c.word('home.work.volume.none')).first().waitFor();
    await followCards(c, [{ card: 'home.work.volume.title', hash: '#/register?scope=AGENCY', heading: 'register.title' }]);
    await c.region(c.word('home.work.volume.title')).locator('.card-link a').click();
    await c.see(c.heading(c.word('register.title')));
    expect(await c.page.getByRole('radio', { name: c.word('queries.register.scope.AGENCY') }).isChecked()).toBe(true);
  }, TEST_TIMEOUT_MS);

  it('lead the top admin to the accounts and the central agencies’ reads', async () => {
    const c = await openJourney(browser, tabs, demoByUsername(CITY, 'admin'), 'en');
    await followCards(c, [
      { card: 'home.accounts.title', hash: '#/organisation', heading: 'org.title' },
      { card: 'home.reads.title', hash: '#/cross-city-reads', heading: 'bureau.reads.title' },
    ]);
  }, TEST_TIMEOUT_MS);
});

describe('an audit and a finding opened in the page', () => {
  it('have their own address: a reload keeps the audit open, back returns to the list, forward to the audit', async () => {
    const c = await openJourney(browser, tabs, demoByUsername(CITY, 'auditor'), 'zh-TW');
    await c.visit('/audits');
    const list = c.heading(c.word('audit.title'));
    await c.see(list);
    await c.button('audit.list.open', { period: c.word('audit.period', PERIOD) }).click();
    const workbench = c.heading(c.word('audit.facts.title', PERIOD), 2);
    await c.see(workbench);
    expect(await currentHash(c)).toBe(`#/audits?id=${auditId}`);
    // The page's heading takes the focus, as on any new page.
    await c.page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document.activeElement?.tagName === 'H1');
    await c.expectAccessible('an audit opened from the list');

    await c.page.reload();
    await c.see(workbench);

    await c.page.goBack();
    await c.see(list);
    expect(await currentHash(c)).toBe('#/audits');
    expect(await workbench.count()).toBe(0);

    await c.page.goForward();
    await c.see(workbench);

    // The workbench's own link back to the list.
    await c.page.getByRole('link', { name: c.word('audit.workbench.back') }).click();
    await c.see(list);

    // An address naming no audit says so.
    await c.visit(`/audits?id=${randomUUID()}`);
    await c.see(c.page.getByText(c.word('audit.workbench.notFound')));
  }, TEST_TIMEOUT_MS);

  it('a finding: opened from the list or from the home card, kept on reload, back returns to where it was opened', async () => {
    const c = await openJourney(browser, tabs, demoByUsername(CITY, 'auditor'), 'en');
    await c.visit('/findings');
    const list = c.heading(c.word('audit.finding.title'));
    await c.see(list);
    await c.page.getByLabel(c.word('audit.finding.column.rule'), { exact: true }).selectOption('BULK_QUERIES');
    const table = c.table('audit.finding.list.caption');
    await c.see(table);
    // Open ours: the row whose window starts at the burst.
    const rows = table.locator('tbody tr');
    const count = await rows.count();
    let opened = false;
    for (let index = 0; index < count && !opened; index += 1) {
      await rows.nth(index).getByRole('button').click();
      await c.see(c.heading(c.word('audit.finding.detail.title')));
      if ((await currentHash(c)) === `#/findings?id=${findingId}`) opened = true;
      else await c.page.goBack();
    }
    expect(opened, 'our finding is in the list').toBe(true);
    const account = c.page.getByText(burstAccount, { exact: true });
    await c.see(account);

    await c.page.reload();
    await c.see(account);
    await c.expectAccessible('a finding opened by its address');

    await c.page.goBack();
    await c.see(list);
    expect(await account.count()).toBe(0);

    // From the home page's findings card: each open finding links to its own page.
    await c.visit('/');
    const card = c.region(c.word('home.work.findings.title'));
    const first = card.locator('ul a').first();
    await c.see(first);
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^#\/findings\?id=[0-9a-f-]{36}$/);
    await first.click();
    await c.see(c.heading(c.word('audit.finding.detail.title')));
    expect(await currentHash(c)).toBe(href);
    await c.page.goBack();
    await c.see(c.heading(c.word('home.title', { name: c.displayName })));

    await c.visit(`/findings?id=${randomUUID()}`);
    await c.see(c.page.getByText(c.word('audit.finding.detail.notFound')));
  }, TEST_TIMEOUT_MS);
});
