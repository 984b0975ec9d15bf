// The central agencies' officers in a real Chromium (issue 8, "bureau officers see the same pages across every city,
// with a city filter"): central.labor (Chinese) and central.nhi (English) read the cities' registers and counts of their
// own service only. Queries are recorded first in three cities through the gateway, the way caseworkers record them:
// labor-insurance ones in Taoyuan and Changhua, health-insurance ones in Tainan. Each officer's pages are checked
// against what the gateway returns to them, the city filter against the cities their token may read, and every read
// against the city's read log, which its top admin opens in the console. axe on every page.
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Route } from 'playwright-core';
import type { DemoLogin } from '@custos/platform';
import type { Language } from '../../web/src/i18n/dictionaries';
import { monthsAgo } from '../../web/src/home/home-data';
import { startOfTaiwanDay } from '../../web/src/register/register-filters';
import { todayInTaiwan } from '../../web/src/ui/format';
import { fileRequest, record } from '../query-log/query-log-helpers';
import { gql } from '../support/gateway-client';
import { platform } from '../support/platform';
import { launchChromium } from './chromium';
import type { ConsoleTab } from './console-session';
import { demoByUsername, openJourney, type JourneyDriver } from './console-driver';

const TEST_TIMEOUT_MS = 180_000;

interface Officer {
  username: string;
  service: 'labor-insurance' | 'health-insurance';
  language: Language;
  /** Cities where this test records queries of the officer's service. */
  own: string[];
  /** Cities where it records queries of the other service, which the officer must never see. */
  other: string[];
}

const OFFICERS: Officer[] = [
  { username: 'central.labor', service: 'labor-insurance', language: 'zh-TW', own: ['changhua', 'taoyuan'], other: ['tainan'] },
  { username: 'central.nhi', service: 'health-insurance', language: 'en', own: ['tainan'], other: ['changhua', 'taoyuan'] },
];

/** Queries recorded per city (two in Taoyuan, so one city has more than another). */
const RECORDS_PER_CITY: Record<string, number> = { taoyuan: 2, changhua: 1, tainan: 2 };

let browser: Browser;
const tabs: ConsoleTab[] = [];
const caseNumbers: Record<string, string[]> = {};
let cities: Array<{ id: string; name: string; nameEn: string }>;

function officerLogin(username: string): DemoLogin {
  const user = platform().demo.users.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

beforeAll(async () => {
  browser = await launchChromium();
  const stamp = Date.now().toString(36);
  for (const [cityId, count] of Object.entries(RECORDS_PER_CITY)) {
    caseNumbers[cityId] = [];
    for (let index = 0; index < count; index += 1) {
      const caseNumber = `BUREAU-${cityId}-${stamp}-${index}`;
      const result = await record(cityId, await fileRequest(cityId, { approve: true, overrides: { caseNumber } }));
      if (!result.data) throw new Error(`recording in ${cityId} failed: ${JSON.stringify(result.errors)}`);
      caseNumbers[cityId]!.push(caseNumber);
    }
  }
  cities = (await gql<{ cities: typeof cities }>('{ cities { id name nameEn } }')).data!.cities;
}, 180_000);

afterEach(async () => {
  const errors = tabs.flatMap((tab) => tab.errors);
  await Promise.allSettled(tabs.map((tab) => tab.context.close()));
  tabs.length = 0;
  expect(errors, 'errors in the browser console').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

function cityLabel(c: JourneyDriver, cityId: string): string {
  const city = cities.find((candidate) => candidate.id === cityId)!;
  return c.language === 'en' ? city.nameEn : city.name;
}

async function itemNames(c: JourneyDriver, service: string): Promise<Set<string>> {
  const result = await gql<{ queryItems: Array<{ code: string; name: string; nameEn: string }> }>(
    'query ($service: String!) { queryItems(service: $service) { code name nameEn } }',
    { service },
    c.session.accessToken,
  );
  return new Set(result.data!.queryItems.map((item) => `${item.code} ${c.language === 'en' ? item.nameEn : item.name}`));
}

/** What the gateway gives the officer: the reach's records and counts, for checking the pages. */
async function countsByCity(c: JourneyDriver, from?: string): Promise<Map<string, number>> {
  const result = await gql<{ queryCounts: { rows: Array<{ cityId: string; count: number }> } }>(
    'query ($filter: QueryCountFilter) { queryCounts(groupBy: [CITY], filter: $filter) { rows { cityId count } } }',
    { filter: from ? { from } : {} },
    c.session.accessToken,
  );
  if (!result.data) throw new Error(`counts refused: ${JSON.stringify(result.errors)}`);
  return new Map(result.data.queryCounts.rows.map((row) => [row.cityId, row.count]));
}

function citySelect(c: JourneyDriver): Locator {
  // A combobox: the statistics page also has a "city" checkbox among what to count by.
  return c.page.getByRole('combobox', { name: c.word('bureau.city'), exact: true });
}

function registerTable(c: JourneyDriver, service: string): Locator {
  return c.page.getByRole('table', { name: c.word('bureau.register.caption', { service: c.word(`service.${service}` as 'service.labor-insurance') }) });
}

async function columnTexts(table: Locator, header: string): Promise<string[]> {
  const headers = await table.locator('thead th').allInnerTexts();
  const index = headers.findIndex((text) => text.replace(/[▲▼↕]/g, '').trim() === header);
  if (index < 0) throw new Error(`no column ${header} in ${headers.join(' | ')}`);
  return table.locator(`tbody tr > :nth-child(${index + 1})`).allInnerTexts();
}

describe.each(OFFICERS)('the bureau pages of $username ($language)', (officer) => {
  it(
    'home: the service’s queries of the cities it may read, charted, for every city or the one picked; the cards lead to the pages behind them',
    async () => {
      const c = await openJourney(browser, tabs, officerLogin(officer.username), officer.language);
      await c.visit('/');
      await c.see(c.heading(c.word('bureau.home.title', { name: c.displayName })));

      // The menu: the bureau's pages, none of a city official's own (grants, own register, the city's calendar).
      const nav = c.page.getByRole('navigation', { name: c.word('shell.navigation') });
      const links = await nav.getByRole('link').allInnerTexts();
      expect(links).toEqual(expect.arrayContaining([c.word('nav.home'), c.word('bureau.nav.register'), c.word('bureau.nav.statistics')]));
      for (const hidden of ['nav.access', 'nav.register', 'nav.calendar', 'nav.organisation'] as const) expect(links).not.toContain(c.word(hidden));

      // The city filter lists exactly the cities the token may read: every city, not the central tenant.
      const reach = cities.filter((city) => city.id !== 'central').map((city) => city.id).sort();
      const options = await citySelect(c).locator('option').allInnerTexts();
      expect(options).toEqual([c.word('bureau.city.all', { count: reach.length }), ...reach.map((id) => cityLabel(c, id))]);

      // The figures are the gateway's counts of the last twelve months.
      const from = startOfTaiwanDay(monthsAgo(todayInTaiwan(), 11));
      const counts = await countsByCity(c, from);
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      expect(total).toBeGreaterThanOrEqual(officer.own.reduce((sum, cityId) => sum + RECORDS_PER_CITY[cityId]!, 0));
      const card = c.region(c.word('bureau.home.total.title'));
      await c.see(card.getByText(c.word('bureau.home.total.figure', { count: total }), { exact: true }));
      await card.getByRole('figure', { name: c.word('bureau.home.total.chart') }).locator('.recharts-surface').first().waitFor();
      await c.region(c.word('bureau.home.month.title')).getByRole('figure').locator('.recharts-surface').first().waitFor();
      await c.expectAccessible(`the bureau home of ${officer.username}`);

      // One city: the address says which, the figure is that city's.
      const busiest = officer.own[officer.own.length - 1]!;
      await citySelect(c).selectOption(busiest);
      await expect.poll(() => c.page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe(`#/?city=${busiest}`);
      await c.see(card.getByText(c.word('bureau.home.total.figure', { count: counts.get(busiest)! }), { exact: true }));

      // The card's link opens the register of that city over the same months.
      await card.getByRole('link', { name: c.word('bureau.home.total.link') }).click();
      await c.see(c.heading(c.word('bureau.register.title')));
      expect(await citySelect(c).inputValue()).toBe(busiest);
      const table = registerTable(c, officer.service);
      await table.waitFor();
      const shownCities = new Set(await columnTexts(table, c.word('bureau.city')));
      expect([...shownCities]).toEqual([cityLabel(c, busiest)]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'register: only the service’s records, filtered by city (kept on reload, undone by back), paged, sorted and exported as CSV',
    async () => {
      const c = await openJourney(browser, tabs, officerLogin(officer.username), officer.language);
      const serviceItems = await itemNames(c, officer.service);
      await c.visit('/bureau/register');
      await c.see(c.heading(c.word('bureau.register.title')));
      const table = registerTable(c, officer.service);
      await c.see(table);

      // The records recorded above: the officer's service in its cities, never the other service's.
      const caseColumn = c.word('column.caseNumber');
      const shown = await columnTexts(table, caseColumn);
      for (const cityId of officer.own) for (const caseNumber of caseNumbers[cityId]!) expect(shown).toContain(caseNumber);
      for (const cityId of officer.other) for (const caseNumber of caseNumbers[cityId]!) expect(shown).not.toContain(caseNumber);
      // Every row's item is one of the service's items (a labor officer sees labor-insurance items only).
      const items = await columnTexts(table, c.word('column.item'));
      expect(items.length).toBeGreaterThan(0);
      expect(items.filter((item) => !serviceItems.has(item))).toEqual([]);
      await c.expectAccessible(`the cities' registers for ${officer.username}`);

      // Sorting by case number, then the other way.
      const caseHeader = table.getByRole('columnheader', { name: caseColumn });
      await caseHeader.getByRole('button').click();
      expect(await caseHeader.getAttribute('aria-sort')).toBe('ascending');
      const ascending = await columnTexts(table, caseColumn);
      expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
      await caseHeader.getByRole('button').click();
      expect(await columnTexts(table, caseColumn)).toEqual([...ascending].reverse());

      // The city filter: one city's records only, in the address, kept on reload.
      const city = officer.own[0]!;
      await citySelect(c).selectOption(city);
      await c.button('bureau.apply').click();
      await expect.poll(() => c.page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe(`#/bureau/register?city=${city}`);
      await expect.poll(async () => [...new Set(await columnTexts(table, c.word('bureau.city')))]).toEqual([cityLabel(c, city)]);
      const oneCity = await columnTexts(table, caseColumn);
      for (const caseNumber of caseNumbers[city]!) expect(oneCity).toContain(caseNumber);
      const total = (await countsByCity(c)).get(city)!;
      await c.page.getByText(c.word('list.loadedOf', { loaded: Math.min(total, 50), total })).waitFor();
      await c.page.reload();
      await c.see(table);
      expect(await citySelect(c).inputValue()).toBe(city);
      expect([...new Set(await columnTexts(table, c.word('bureau.city')))]).toEqual([cityLabel(c, city)]);

      // The CSV of that city: the same records, oldest first, with the BOM the cities' CSVs carry.
      const [download] = await Promise.all([c.page.waitForEvent('download'), c.button('bureau.export').click()]);
      expect(download.suggestedFilename()).toBe(`bureau-register-${officer.service}-${city}-${todayInTaiwan()}.csv`);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFFqueried_at,city_id,city,')).toBe(true);
      const lines = csv.slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(total + 1);
      expect(lines.slice(1).every((line) => line.split(',')[1] === city && line.includes(`,${officer.service}:`))).toBe(true);
      for (const caseNumber of caseNumbers[city]!) expect(csv).toContain(caseNumber);
      await c.page.getByText(c.word('bureau.exported', { fileName: download.suggestedFilename(), count: total })).waitFor();

      // A reversed period is refused next to the field, and nothing is applied.
      await c.page.getByLabel(c.word('bureau.from'), { exact: true }).fill('2026-03-02');
      await c.page.getByLabel(c.word('bureau.to'), { exact: true }).fill('2026-03-01');
      await c.button('bureau.apply').click();
      await c.page.getByText(c.word('bureau.periodInvalid')).waitFor();
      expect(await c.page.getByLabel(c.word('bureau.from'), { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await c.expectAccessible(`the register with a refused period for ${officer.username}`);

      // Back: every city again.
      await c.page.goBack();
      await expect.poll(() => citySelect(c).inputValue()).toBe('');
      const everyCity = officer.own.map((cityId) => cityLabel(c, cityId)).sort();
      await expect.poll(async () => [...new Set(await columnTexts(table, c.word('bureau.city')))].filter((name) => everyCity.includes(name)).sort()).toEqual(everyCity);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'statistics: the gateway’s counts per city, sorted, with the city filter',
    async () => {
      const c = await openJourney(browser, tabs, officerLogin(officer.username), officer.language);
      const counts = await countsByCity(c);
      await c.visit('/bureau/statistics?by=CITY');
      await c.see(c.heading(c.word('bureau.statistics.title')));
      const table = c.page.getByRole('table', { name: c.word('bureau.statistics.caption', { dimensions: c.word('bureau.dimension.CITY') }) });
      await c.see(table);
      const names = await columnTexts(table, c.word('bureau.dimension.CITY'));
      const numbers = (await columnTexts(table, c.word('bureau.statistics.count'))).map((text) => Number(text.replace(/,/g, '')));
      expect(Object.fromEntries(names.map((name, index) => [name, numbers[index]]))).toEqual(
        Object.fromEntries([...counts.entries()].map(([cityId, count]) => [cityLabel(c, cityId), count])),
      );
      await c.expectAccessible(`the statistics for ${officer.username}`);

      // Most first.
      const countHeader = table.getByRole('columnheader', { name: c.word('bureau.statistics.count') });
      await countHeader.getByRole('button').click();
      expect(await countHeader.getAttribute('aria-sort')).toBe('descending');
      const sorted = (await columnTexts(table, c.word('bureau.statistics.count'))).map(Number);
      expect(sorted).toEqual([...sorted].sort((a, b) => b - a));

      // One city, counted by month: the months sum to that city's count.
      const city = officer.own[0]!;
      await citySelect(c).selectOption(city);
      await c.page.getByRole('checkbox', { name: c.word('bureau.dimension.CITY'), exact: true }).uncheck();
      await c.page.getByRole('checkbox', { name: c.word('bureau.dimension.MONTH'), exact: true }).check();
      await c.button('bureau.apply').click();
      const byMonth = c.page.getByRole('table', { name: c.word('bureau.statistics.caption', { dimensions: c.word('bureau.dimension.MONTH') }) });
      await c.see(byMonth);
      const monthly = (await columnTexts(byMonth, c.word('bureau.statistics.count'))).map(Number);
      expect(monthly.reduce((sum, count) => sum + count, 0)).toBe(counts.get(city));
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the bureau pages and the cities', () => {
  it('pages through the register with "load more" (the page size forced small)', async () => {
    const c = await openJourney(browser, tabs, officerLogin('central.labor'), 'en');
    const total = [...(await countsByCity(c)).values()].reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThanOrEqual(3);
    await c.page.route('**/graphql', async (route: Route) => {
      const body = route.request().postDataJSON() as { operationName?: string; variables?: Record<string, unknown> } | null;
      if (body?.operationName !== 'BureauRecords' || body.variables?.first === 200) return route.fallback();
      return route.fallback({ postData: JSON.stringify({ ...body, variables: { ...body.variables, first: 2 } }) });
    });
    await c.visit('/bureau/register');
    const table = registerTable(c, 'labor-insurance');
    await c.see(table);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    await table.getByText(c.word('list.sortPartial', { loaded: 2 })).waitFor();
    let expected = 2;
    while (expected < total) {
      await c.page.getByRole('button', { name: c.word('list.loadMore') }).click();
      expected = Math.min(expected + 2, total);
      await expect.poll(() => table.locator('tbody tr').count()).toBe(expected);
    }
    await c.page.getByText(c.word('list.loadedOf', { loaded: total, total })).waitFor();
    expect(await c.page.getByRole('button', { name: c.word('list.loadMore') }).count()).toBe(0);
  }, TEST_TIMEOUT_MS);

  it('a city official is not offered the bureau pages, and is refused them by address', async () => {
    const c = await openJourney(browser, tabs, demoByUsername('taoyuan', 'auditor'), 'zh-TW');
    await c.visit('/bureau/register');
    await c.see(c.heading(c.word('forbidden.title')));
    const links = await c.page.getByRole('navigation', { name: c.word('shell.navigation') }).getByRole('link').allInnerTexts();
    expect(links).not.toContain(c.word('bureau.nav.register'));
    expect(links).not.toContain(c.word('bureau.nav.statistics'));
    // And the gateway refuses the query itself, whatever the console offers.
    const refused = await gql('{ bureauQueryRecords(first: 1) { totalCount } }', {}, c.session.accessToken);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, TEST_TIMEOUT_MS);

  it('the city’s top admin sees the officers’ reads of the city in its read log, from the home card', async () => {
    // The labor officer reads Taoyuan now, so the log has a fresh read of it.
    const officer = await openJourney(browser, tabs, officerLogin('central.labor'), 'zh-TW');
    await officer.visit('/bureau/register?city=taoyuan');
    await officer.see(registerTable(officer, 'labor-insurance'));

    const c = await openJourney(browser, tabs, demoByUsername('taoyuan', 'admin'), 'en');
    const reads = await gql<{ crossCityReads: { totalCount: number; nodes: Array<{ operation: string }> } }>(
      '{ crossCityReads(first: 50) { totalCount nodes { operation } } }',
      {},
      c.session.accessToken,
    );
    expect(reads.data!.crossCityReads.nodes.map((node) => node.operation)).toContain('BureauRecords/bureauQueryRecords');
    await c.visit('/');
    const card = c.region(c.word('home.reads.title'));
    await c.see(card.getByText(c.word('home.reads.count', { count: reads.data!.crossCityReads.totalCount })));
    await card.getByRole('link', { name: c.word('home.reads.link') }).click();
    await c.see(c.heading(c.word('bureau.reads.title')));
    const table = c.page.getByRole('table', { name: c.word('bureau.reads.caption') });
    await c.see(table.getByText('BureauRecords/bureauQueryRecords').first());
    await c.expectAccessible('the read log of Taoyuan');
  }, TEST_TIMEOUT_MS);
});
