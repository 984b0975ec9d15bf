// The console's pages in a real Chromium against the shared e2e platform (started once by test/vitest.config.ts; the
// gateway serves the built console from web/dist): a caseworker and an admin of two cities walk every page, in
// Traditional Chinese (Taipei) and in English (Tainan), each page checked for its real demo content and with axe-core.
// Words are taken from the console's own dictionaries, so the tests follow the wording and check the translation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page, Route } from 'playwright-core';
import type { DemoLogin } from '@custos/platform';
import { dictionaries, interpolate, type Language, type MessageKey } from '../../web/src/i18n/dictionaries';
import { gql } from '../support/gateway-client';
import { demoUser, platform } from '../support/platform';
import { describeViolations, seriousAxeViolations } from './axe';
import { launchChromium } from './chromium';
import { gatewaySession, openSignedInTab, type ConsoleTab, type GatewaySession } from './console-session';

const TEST_TIMEOUT_MS = 90_000;

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
  expect(errors, 'errors in the browser console').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

// ---- What the gateway says, so the pages are checked against real data ----

interface Item {
  key: string;
  code: string;
  name: string;
  nameEn: string;
  service: string;
}

interface ApiView {
  me: {
    city: { id: string; name: string; nameEn: string; rulesInForce: { service: string; date: string; inForce: boolean; versionId: string | null; message: string | null } };
  };
  myGrants: Array<{ itemKey: string; item: Item | null }>;
  myQueryRecords: { totalCount: number; nodes: Array<{ caseNumber: string }> };
  complianceTasks: Array<{ id: string; title: string; state: string; ownerRole: string; dueOn: string }>;
  ruleComparison: Array<{ id: string; topic: string; cells: Array<{ cityId: string; inForce: boolean; citation: string }> }>;
  cities: Array<{ id: string; name: string; nameEn: string }>;
}

async function apiView(session: GatewaySession): Promise<ApiView> {
  const result = await gql<ApiView>(
    `{
      me { city { id name nameEn rulesInForce { service date inForce versionId message } } }
      myGrants { itemKey item { key code name nameEn service } }
      myQueryRecords(first: 25) { totalCount nodes { caseNumber } }
      complianceTasks { id title state ownerRole dueOn }
      ruleComparison { id topic cells { cityId inForce citation } }
      cities { id name nameEn }
    }`,
    {},
    session.accessToken,
  );
  if (!result.data) throw new Error(`the gateway did not answer: ${JSON.stringify(result.errors)}`);
  return result.data;
}

async function catalogue(session: GatewaySession, service: string): Promise<Item[]> {
  const result = await gql<{ queryItems: Item[] }>(
    'query ($service: String!) { queryItems(service: $service) { key code name nameEn service } }',
    { service },
    session.accessToken,
  );
  if (!result.data) throw new Error(`no catalogue for ${service}: ${JSON.stringify(result.errors)}`);
  return result.data.queryItems;
}

async function accountsOf(session: GatewaySession) {
  const result = await gql<{ accounts: { totalCount: number; nodes: Array<{ username: string; person: { displayName: string } }> } }>(
    '{ accounts(first: 100) { totalCount nodes { username person { displayName } } } }',
    {},
    session.accessToken,
  );
  if (!result.data) throw new Error(`accounts refused: ${JSON.stringify(result.errors)}`);
  return result.data.accounts;
}

// ---- Driving the console ----

class ConsoleDriver {
  constructor(
    readonly tab: ConsoleTab,
    readonly language: Language,
  ) {}

  get page(): Page {
    return this.tab.page;
  }

  word(key: MessageKey, params?: Record<string, string | number>): string {
    return interpolate(dictionaries[this.language][key], params);
  }

  named(entity: { name: string; nameEn: string }): string {
    return this.language === 'en' ? entity.nameEn : entity.name;
  }

  async visit(path: string): Promise<void> {
    await this.page.goto(new URL(`#${path}`, platform().consoleUrl).toString());
  }

  navigation(): Locator {
    return this.page.getByRole('navigation', { name: this.word('shell.navigation') });
  }

  /** Follows a menu link and checks that the new page's heading has the focus and the tab is named after the page. */
  async follow(navKey: MessageKey, heading: string): Promise<void> {
    await this.navigation().getByRole('link', { name: this.word(navKey), exact: true }).click();
    await this.expectFocusedHeading(heading);
    expect(await this.page.title()).toContain(this.word(navKey));
  }

  async expectFocusedHeading(heading: string): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await this.page.waitForFunction(
      (text) => {
        const doc = (globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string | null } | null } }).document;
        return doc.activeElement?.tagName === 'H1' && doc.activeElement.textContent === text;
      },
      heading,
    );
  }

  region(titleKey: MessageKey, params?: Record<string, string | number>): Locator {
    return this.page.getByRole('region', { name: this.word(titleKey, params) });
  }

  table(captionKey: MessageKey, params?: Record<string, string | number>): Locator {
    return this.page.getByRole('table', { name: this.word(captionKey, params) });
  }

  async expectAccessible(what: string): Promise<void> {
    const violations = await seriousAxeViolations(this.page);
    expect(violations, `axe on ${what}:\n${describeViolations(violations)}`).toEqual([]);
  }
}

async function openConsole(user: DemoLogin, language: Language): Promise<{ driver: ConsoleDriver; session: GatewaySession }> {
  const session = await gatewaySession(user);
  const tab = await openSignedInTab(browser, session, language);
  tabs.push(tab);
  return { driver: new ConsoleDriver(tab, language), session };
}

async function bodyRows(table: Locator): Promise<number> {
  return table.locator('tbody tr').count();
}

async function expectRowCount(table: Locator, expected: number): Promise<void> {
  await table.waitFor();
  await expect.poll(() => bodyRows(table), { timeout: 15_000 }).toBe(expected);
}

const TWO_CITIES: Array<{ cityId: string; language: Language }> = [
  { cityId: 'taipei', language: 'zh-TW' },
  { cityId: 'tainan', language: 'en' },
];

// ---- The walks ----

describe.each(TWO_CITIES)('the console pages for $cityId in $language', ({ cityId, language }) => {
  it('walks every page as a caseworker, with the real grants, catalogue, register, calendar and rules', async () => {
    const user = demoUser(cityId, 'CASEWORKER');
    const { driver: c, session } = await openConsole(user, language);
    const api = await apiView(session);
    const grants = api.myGrants.filter((grant): grant is { itemKey: string; item: Item } => grant.item !== null);
    expect(grants.length, 'the demo caseworker holds items').toBeGreaterThan(0);
    const service = api.me.city.rulesInForce.service;

    // Home: the caseworker's items, recent queries, tasks for their role, and the city's rules today.
    await c.visit('/');
    await c.page.getByRole('heading', { level: 1, name: c.word('home.title', { name: user.displayName }) }).waitFor();
    const grantsCard = c.region('home.grants.title');
    await grantsCard.getByText(c.word('home.grants.count', { count: grants.length })).waitFor();
    for (const grant of grants) await grantsCard.getByText(c.named(grant.item)).waitFor();
    const recent = c.region('home.records.title');
    if (api.myQueryRecords.totalCount === 0) await recent.getByText(c.word('home.records.none')).waitFor();
    else await recent.getByText(api.myQueryRecords.nodes[0]!.caseNumber).first().waitFor();
    // The caseworker's own open tasks, the most urgent first (overdue, then by due date).
    const mine = api.complianceTasks
      .filter((task) => task.state !== 'DONE' && user.roles.includes(task.ownerRole))
      .sort((a, b) => Number(b.state === 'OVERDUE') - Number(a.state === 'OVERDUE') || a.dueOn.localeCompare(b.dueOn));
    if (mine.length === 0) await c.region('home.tasks.title').getByText(c.word('home.tasks.none')).waitFor();
    else await c.region('home.tasks.title').getByText(mine[0]!.title).first().waitFor();
    await c.region('home.rules.title').getByText(c.word(api.me.city.rulesInForce.inForce ? 'rules.inForce' : 'rules.notInForce'), { exact: true }).waitFor();
    expect(await c.navigation().getByRole('link', { name: c.word('nav.organisation') }).count()).toBe(0);
    await c.expectAccessible('home');

    // My access: one row per grant, named in the page's language.
    await c.follow('nav.access', c.word('access.title'));
    const grantsTable = c.table('access.caption');
    await expectRowCount(grantsTable, grants.length);
    const rowHeaders = await grantsTable.getByRole('rowheader').allInnerTexts();
    expect([...rowHeaders].sort()).toEqual(grants.map((grant) => c.named(grant.item)).sort());
    // Sorting by keyboard: the column's aria-sort follows, and a second press reverses the order.
    const itemHeader = grantsTable.getByRole('columnheader', { name: c.word('column.item') });
    await itemHeader.getByRole('button').focus();
    await c.page.keyboard.press('Enter');
    expect(await itemHeader.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await grantsTable.getByRole('rowheader').allInnerTexts();
    await c.page.keyboard.press('Enter');
    expect(await itemHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await grantsTable.getByRole('rowheader').allInnerTexts()).toEqual([...ascending].reverse());
    await c.page.getByText(c.word('list.showing', { from: 1, to: grants.length, total: grants.length })).waitFor();
    await c.expectAccessible('my access');

    // My register: the caseworker's own entries, or the empty state.
    await c.follow('nav.register', c.word('register.title'));
    if (api.myQueryRecords.totalCount === 0) {
      await c.page.getByText(c.word('register.empty')).waitFor();
    } else {
      await expectRowCount(c.table('register.caption'), api.myQueryRecords.nodes.length);
    }
    await c.expectAccessible('my register');

    // Query items: the city's own service first, every item of its form, the held ones marked.
    await c.follow('nav.queryItems', c.word('items.title'));
    const serviceSelect = c.page.getByLabel(c.word('items.service'), { exact: true });
    await expect.poll(() => serviceSelect.inputValue()).toBe(service);
    const items = await catalogue(session, service);
    const itemsTable = c.table('items.caption', { service: c.word(`service.${service}` as MessageKey) });
    await expectRowCount(itemsTable, items.length);
    for (const item of items.slice(0, 3)) await itemsTable.getByRole('rowheader', { name: c.named(item), exact: true }).first().waitFor();
    const heldHere = grants.filter((grant) => grant.item.service === service).length;
    await expect.poll(() => itemsTable.getByText(c.word('items.heldYes'), { exact: true }).count()).toBe(heldHere);
    await c.expectAccessible('query items');
    const otherService = service === 'labor-insurance' ? 'health-insurance' : 'labor-insurance';
    await serviceSelect.selectOption(otherService);
    await expectRowCount(c.table('items.caption', { service: c.word(`service.${otherService}` as MessageKey) }), (await catalogue(session, otherService)).length);

    // Compliance calendar: the city's tasks, or the empty state.
    await c.follow('nav.calendar', c.word('calendar.title'));
    if (api.complianceTasks.length === 0) await c.page.getByText(c.word('calendar.emptyCity')).waitFor();
    else await expectRowCount(c.table('calendar.caption'), Math.min(api.complianceTasks.length, 25));
    await c.expectAccessible('compliance calendar');

    // Rules: the city's status today and the four-city comparison, every cell with its citation.
    await c.follow('nav.rules', c.word('rules.title'));
    await checkRulesPage(c, api);
    await c.expectAccessible('rules');

    // The organisation is for admins: a caseworker who types its address is told so, and the gateway is not asked.
    await c.visit('/organisation');
    await c.expectFocusedHeading(c.word('forbidden.title'));
    await c.expectAccessible('forbidden page');
  }, TEST_TIMEOUT_MS);

  it('walks every page as the top admin, with the city accounts and an empty access list', async () => {
    const user = demoUser(cityId, 'TOP_ADMIN');
    const { driver: c, session } = await openConsole(user, language);
    const api = await apiView(session);
    const accounts = await accountsOf(session);
    expect(accounts.totalCount).toBeGreaterThan(1);

    await c.visit('/');
    await c.page.getByRole('heading', { level: 1, name: c.word('home.title', { name: user.displayName }) }).waitFor();
    await c.region('home.accounts.title').getByText(c.word('home.accounts.city', { count: accounts.totalCount })).waitFor();
    // An admin is not a caseworker: no items or recent-queries cards.
    expect(await c.region('home.grants.title').count()).toBe(0);
    await c.region('home.tasks.title').waitFor();
    await c.expectAccessible('admin home');

    await c.follow('nav.organisation', c.word('org.title'));
    const accountsTable = c.table('org.caption');
    await expectRowCount(accountsTable, accounts.nodes.length);
    for (const account of accounts.nodes) {
      // Other suites may add people of the same name: the username below tells the accounts apart.
      await accountsTable.getByRole('rowheader', { name: account.person.displayName, exact: true }).first().waitFor();
      await accountsTable.getByText(account.username, { exact: true }).waitFor();
    }
    await c.page.getByText(c.word('list.loadedOf', { loaded: accounts.totalCount, total: accounts.totalCount })).waitFor();
    expect(await c.page.getByRole('button', { name: c.word('list.loadMore') }).count()).toBe(0);
    await c.expectAccessible('organisation');

    await c.follow('nav.access', c.word('access.title'));
    if (api.myGrants.length === 0) await c.page.getByText(c.word('access.empty')).waitFor();
    await c.expectAccessible('admin access');

    await c.follow('nav.register', c.word('register.title'));
    await c.page.getByRole('heading', { level: 1 }).waitFor();
    await c.expectAccessible('admin register');

    await c.follow('nav.queryItems', c.word('items.title'));
    await c.page.getByRole('table').waitFor();
    await c.expectAccessible('admin query items');

    await c.follow('nav.calendar', c.word('calendar.title'));
    if (api.complianceTasks.length === 0) await c.page.getByText(c.word('calendar.emptyCity')).waitFor();
    await c.expectAccessible('admin calendar');

    await c.follow('nav.rules', c.word('rules.title'));
    await checkRulesPage(c, api);
    await c.expectAccessible('admin rules');
  }, TEST_TIMEOUT_MS);
});

async function checkRulesPage(c: ConsoleDriver, api: ApiView): Promise<void> {
  const city = api.me.city;
  const today = city.rulesInForce.date;
  const cityRegion = c.region('rules.cityTitle', { city: c.named(city) });
  await cityRegion.getByText(c.word(city.rulesInForce.inForce ? 'rules.inForce' : 'rules.notInForce'), { exact: true }).waitFor();
  if (city.rulesInForce.versionId) await cityRegion.getByText(city.rulesInForce.versionId).waitFor();
  if (city.rulesInForce.message) await cityRegion.getByText(city.rulesInForce.message).waitFor();

  const table = c.table('rules.compareCaption', { date: today });
  await expectRowCount(table, api.ruleComparison.length);
  // Four cities, in the comparison's order; Taipei's rules were repealed on 2021-01-14, so not in force today.
  const headers = table.locator('thead th');
  expect(await headers.count()).toBe(5);
  const taipei = api.cities.find((candidate) => candidate.id === 'taipei')!;
  const taipeiHeader = table.getByRole('columnheader', { name: c.named(taipei) });
  expect(await taipeiHeader.innerText()).toContain(c.word('rules.notInForce'));
  const statusRow = api.ruleComparison.find((row) => row.id === 'status')!;
  expect(statusRow.cells.find((cell) => cell.cityId === 'taipei')?.inForce).toBe(false);
  // Every cell shows its citation.
  const firstRow = table.locator('tbody tr').first();
  for (const cell of statusRow.cells) {
    await firstRow.getByText(c.word('common.citation', { citation: cell.citation }), { exact: true }).waitFor();
  }
  expect(await table.locator('tbody td').count()).toBe(api.ruleComparison.length * 4);
  expect(await table.locator('tbody td .citation').count()).toBe(api.ruleComparison.length * 4);
  if (c.language === 'zh-TW') {
    // Every topic is named in Chinese (a topic the console does not know would show in English).
    const topics = await table.getByRole('rowheader').allInnerTexts();
    expect(topics.filter((topic) => !/[\u4e00-\u9fff]/.test(topic))).toEqual([]);
  }
}

describe('the rules on a chosen date', () => {
  it("shows Taipei's rules in force the day before the repeal and not in force from 2021-01-14, with the repeal", async () => {
    const { driver: c } = await openConsole(demoUser('taipei', 'CASEWORKER'), 'zh-TW');
    await c.visit('/rules');
    const dateField = c.page.getByLabel(c.word('rules.date'), { exact: true });
    const cityRegion = c.region('rules.cityTitle', { city: '臺北市' });
    await cityRegion.getByText('未施行', { exact: true }).waitFor();
    await cityRegion.getByText(/repealed on 2021-01-14/).waitFor();
    await cityRegion.getByText('Taipei 沿革', { exact: true }).waitFor();

    await dateField.fill('2021-01-13');
    await cityRegion.getByText('施行中', { exact: true }).waitFor();
    await cityRegion.getByText('taipei-labor-insurance-2014').waitFor();
    const table = c.table('rules.compareCaption', { date: '2021-01-13' });
    await table.waitFor();
    expect(await table.getByRole('columnheader', { name: '臺北市' }).innerText()).toContain('施行中');

    await dateField.fill('2021-01-14');
    await cityRegion.getByText('未施行', { exact: true }).waitFor();
    await cityRegion.getByText(/no labor-insurance rules are in force on 2021-01-14/).waitFor();
    const repealed = c.table('rules.compareCaption', { date: '2021-01-14' });
    await repealed.waitFor();
    expect(await repealed.getByRole('columnheader', { name: '臺北市' }).innerText()).toContain('未施行');

    // An incomplete date is refused next to the field, and the last valid date stays shown.
    await dateField.fill('');
    await c.page.getByText(c.word('rules.dateInvalid')).waitFor();
    expect(await dateField.getAttribute('aria-invalid')).toBe('true');
    await repealed.waitFor();
    await c.expectAccessible('rules with an invalid date');
    await c.page.getByRole('button', { name: c.word('rules.today') }).click();
    expect(await dateField.getAttribute('aria-invalid')).toBeNull();
  }, TEST_TIMEOUT_MS);
});

describe('lists, keyboard and errors', () => {
  it('pages through the accounts with "load more" (the page size forced small), keeping the focus', async () => {
    const user = demoUser('tainan', 'TOP_ADMIN');
    const { driver: c, session } = await openConsole(user, 'en');
    const accounts = await accountsOf(session);
    expect(accounts.totalCount).toBeGreaterThan(2);
    // The demo city has fewer accounts than a page: ask the gateway for two at a time instead.
    await c.page.route('**/graphql', async (route: Route) => {
      const body = route.request().postDataJSON() as { operationName?: string; variables?: Record<string, unknown> } | null;
      if (body?.operationName !== 'Accounts') return route.fallback();
      return route.fallback({ postData: JSON.stringify({ ...body, variables: { ...body.variables, first: 2 } }) });
    });
    await c.visit('/organisation');
    const table = c.table('org.caption');
    await expectRowCount(table, 2);
    // Until every page is in, the table says its sort covers only what is loaded.
    await table.getByText(c.word('list.sortPartial', { loaded: 2 })).waitFor();
    const loadMore = c.page.getByRole('button', { name: c.word('list.loadMore') });
    let expected = 2;
    while (expected < accounts.totalCount) {
      await loadMore.focus();
      await c.page.keyboard.press('Enter');
      expected = Math.min(expected + 2, accounts.totalCount);
      await expectRowCount(table, expected);
    }
    await c.page.getByText(c.word('list.loadedOf', { loaded: accounts.totalCount, total: accounts.totalCount })).waitFor();
    expect(await loadMore.count()).toBe(0);
    // The button went away with the last page; the count line took the focus.
    await c.page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document;
      return doc.activeElement?.className === 'list-count';
    });
    const names = await table.getByRole('rowheader').allInnerTexts();
    expect([...names].sort()).toEqual(accounts.nodes.map((account) => account.person.displayName).sort());
    await c.expectAccessible('organisation after loading every page');
  }, TEST_TIMEOUT_MS);

  it('offers a skip link and moves the focus to each new page heading', async () => {
    const { driver: c } = await openConsole(demoUser('taipei', 'CASEWORKER'), 'zh-TW');
    await c.visit('/');
    await c.page.getByRole('heading', { level: 1 }).waitFor();
    await c.page.keyboard.press('Tab');
    const skip = c.page.getByRole('button', { name: c.word('app.skipToContent') });
    expect(await skip.evaluate((element) => element === (element.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    await c.page.keyboard.press('Enter');
    await c.page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document;
      return doc.activeElement?.id === 'main-content';
    });
    // Following a menu link with the keyboard lands on the new page's heading.
    await c.navigation().getByRole('link', { name: c.word('nav.rules') }).focus();
    await c.page.keyboard.press('Enter');
    await c.expectFocusedHeading(c.word('rules.title'));
    expect(await c.navigation().getByRole('link', { name: c.word('nav.rules') }).getAttribute('aria-current')).toBe('page');
  }, TEST_TIMEOUT_MS);

  it('announces a failed request in words and recovers on "try again"', async () => {
    const { driver: c } = await openConsole(demoUser('tainan', 'CASEWORKER'), 'en');
    let failures = 1;
    await c.page.route('**/graphql', async (route: Route) => {
      const body = route.request().postDataJSON() as { operationName?: string } | null;
      if (body?.operationName !== 'MyGrants' || failures === 0) return route.fallback();
      failures -= 1;
      return route.fulfill({
        json: { data: null, errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
      });
    });
    await c.visit('/access');
    const alert = c.page.getByRole('alert').filter({ hasText: c.word('error.INTERNAL_SERVER_ERROR') });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(c.word('common.loadFailed'));
    await c.expectAccessible('a page with an error');
    await alert.getByRole('button', { name: c.word('common.retry') }).click();
    await c.table('access.caption').waitFor();
    expect(await c.page.getByRole('alert').filter({ hasText: c.word('error.INTERNAL_SERVER_ERROR') }).count()).toBe(0);
  }, TEST_TIMEOUT_MS);
});

describe('the compliance calendar with tasks', () => {
  // The demo data has no compliance tasks yet (the audit subgraph does not generate them); this test answers the
  // calendar's query itself, with tasks in every state, to check how they are shown: the overdue ones highlighted,
  // the state filter sent to the gateway, and the chart drawn from them. No other request is touched.
  const today = new Date();
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const tasks = [
    { id: 't1', obligationId: 'account-review', title: '年度帳號清查', citation: 'Tainan 6(二)', ownerRole: 'TOP_ADMIN', dueOn: day(-40), state: 'OVERDUE' },
    { id: 't2', obligationId: 'register-check', title: '查詢紀錄月核對', citation: 'Tainan 7(三)', ownerRole: 'AUDITOR', dueOn: day(-70), state: 'DONE' },
    { id: 't3', obligationId: 'internal-audit', title: '內部稽核', citation: 'Tainan 8(一)', ownerRole: 'AUDITOR', dueOn: day(20), state: 'OPEN' },
    { id: 't4', obligationId: 'register-check', title: '查詢紀錄月核對（下月）', citation: 'Tainan 7(三)', ownerRole: 'AUDITOR', dueOn: day(50), state: 'OPEN' },
  ];

  async function answerTasks(page: Page, asked: Array<string | null>) {
    await page.route('**/graphql', async (route: Route) => {
      const body = route.request().postDataJSON() as { operationName?: string; variables?: { state?: string | null } } | null;
      if (body?.operationName !== 'ComplianceTasks') return route.fallback();
      const state = body.variables?.state ?? null;
      asked.push(state);
      const complianceTasks = tasks.filter((task) => !state || task.state === state).map((task) => ({ __typename: 'ComplianceTask', ...task }));
      return route.fulfill({ json: { data: { complianceTasks } } });
    });
  }

  it('highlights overdue tasks, filters by state through the gateway, and charts them', async () => {
    const { driver: c } = await openConsole(demoUser('tainan', 'AUDITOR'), 'zh-TW');
    const asked: Array<string | null> = [];
    await answerTasks(c.page, asked);
    await c.visit('/calendar');
    const table = c.table('calendar.caption');
    await expectRowCount(table, tasks.length);
    await c.page.getByText(c.word('calendar.overdueNotice', { count: 1 })).waitFor();
    const overdueRows = table.locator('tr.row-overdue');
    expect(await overdueRows.count()).toBe(1);
    expect(await overdueRows.innerText()).toContain('年度帳號清查');
    expect(await overdueRows.innerText()).toContain('逾期');
    // The chart (recharts, its own lazily loaded chunk) with its numbers as a table.
    const chart = c.page.getByRole('figure', { name: c.word('calendar.chart') });
    await chart.locator('.recharts-surface').first().waitFor();
    await chart.getByText(c.word('chart.showData')).click();
    expect(await chart.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    await c.expectAccessible('calendar with tasks');

    await c.page.getByLabel(c.word('calendar.state'), { exact: true }).selectOption('OPEN');
    await expectRowCount(table, 2);
    expect(asked).toContain('OPEN');
    await c.page.getByLabel(c.word('calendar.state'), { exact: true }).selectOption('');
    await expectRowCount(table, tasks.length);
    // "Only my roles": the auditor's three tasks, not the top admin's.
    await c.page.getByLabel(c.word('calendar.mine')).check();
    await expectRowCount(table, 3);

    // The home page lists the auditor's open tasks and charts the city's tasks by state.
    await c.follow('nav.home', c.word('home.title', { name: demoUser('tainan', 'AUDITOR').displayName }));
    const card = c.region('home.tasks.title');
    await card.getByText(c.word('home.tasks.summary', { overdue: 0, open: 2 })).waitFor();
    await card.getByText('內部稽核').waitFor();
    await card.getByRole('figure', { name: c.word('home.taskChart.title') }).locator('.recharts-surface').first().waitFor();
    await c.expectAccessible('home with tasks');
  }, TEST_TIMEOUT_MS);
});

describe('the accessibility check itself', () => {
  it('checks the login page, and would catch a serious violation', async () => {
    const tab = await openSignedInTab(browser, null, 'zh-TW');
    tabs.push(tab);
    const c = new ConsoleDriver(tab, 'zh-TW');
    await c.visit('/');
    await c.page.getByRole('heading', { name: c.word('login.title') }).waitFor();
    await c.expectAccessible('login');

    // A page with a known critical violation (an image without a text alternative) must fail the check.
    const probe = await tab.context.newPage();
    await probe.setContent('<!doctype html><html lang="en"><title>probe</title><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></html>');
    const violations = await seriousAxeViolations(probe);
    expect(violations.map((violation) => violation.id)).toContain('image-alt');
  }, TEST_TIMEOUT_MS);
});
