// The bureau officer's audit and application pages in a real Chromium (issue 9, the audit and permissions side):
// central.labor reads the cities' labor-insurance audits (one opened with its sample, by a link that survives a
// reload) and findings with the city filter; decides a Taoyuan 附表三 application awaiting 勞保局 (6(二)) with a
// comment, which the city then sees on the application's timeline; asks a city for an audit and sees the city's task,
// and reads the refusal where the city's rules leave the bureau out. The city's top admin finds those reads in its
// read log. Audits and findings are seeded as the anomaly scan and the draw would leave them (2015 periods, this
// file's own); the application goes through Taoyuan's chain through the gateway. axe on every page.
import { demoUnitId } from '@custos/demo';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import type { DemoLogin } from '@custos/platform';
import { createOfficial } from '../permissions/officials';
import { fileRequest, record, tokenOf } from '../query-log/query-log-helpers';
import { gql } from '../support/gateway-client';
import { ownerQuery, platform } from '../support/platform';
import { auditorOf, ruleVersionOf } from '../support/rule-versions';
import { launchChromium } from './chromium';
import type { ConsoleTab } from './console-session';
import { demoByUsername, openJourney, type JourneyDriver } from './console-driver';

const TEST_TIMEOUT_MS = 180_000;
const stamp = Date.now().toString(36);

let browser: Browser;
const tabs: ConsoleTab[] = [];
const seeded: Record<string, string> = {};
let applicationId: string;
const applicationReason = `保費補助業務需要 ${stamp}`;

function officer(): DemoLogin {
  const user = platform().demo.users.find((candidate) => candidate.username === 'central.labor');
  if (!user) throw new Error('no demo user central.labor');
  return user;
}

async function seedFinding(key: string, cityId: string, service: string, severity: string, day: string) {
  const scan = randomUUID();
  seeded[key] = randomUUID();
  await ownerQuery(`INSERT INTO audit.anomaly_scan (id, city_id, period_start, period_end, rules, scanned_at) VALUES ($1, $2, '2015-01-01', '2015-12-31', '{}', now())`, [scan, cityId]);
  await ownerQuery(
    `INSERT INTO audit.finding (id, city_id, rule_id, severity, fingerprint, window_start, window_end, record_count, record_ids, summary, rule_version_id, citation, scan_id, detected_at, service)
     VALUES ($1, $2, 'bulk-queries', $3, $4, $5::timestamptz, $5::timestamptz + interval '1 hour', 1, ARRAY[$1]::uuid[], $6, $9, 'c', $7, now(), $8)`,
    [seeded[key], cityId, severity, `e2e-console-${seeded[key]}`, `${day}T01:00:00Z`, `summary ${key} ${stamp}`, scan, service, ruleVersionOf(cityId, service)],
  );
}

async function seedAudit(key: string, cityId: string, service: string, itemKey: string, period: [string, string], sampleSize: number) {
  seeded[key] = randomUUID();
  await ownerQuery(
    `INSERT INTO audit.audit (id, city_id, service, rule_version_id, method, sampling_citation, period_start, period_end, draw_method, seed, population_count, population_hash, sample_size, drawn_by, drawn_at)
     VALUES ($1, $2, $3, $10, 'sample', 'c', $4, $5, 'md5-sorted-ids', $6, 40, $7, $8, $9, now())`,
    [seeded[key], cityId, service, period[0], period[1], 'c'.repeat(32), 'd'.repeat(64), sampleSize, auditorOf(cityId), ruleVersionOf(cityId, service)],
  );
  for (let position = 1; position <= sampleSize; position += 1) {
    await ownerQuery(
      `INSERT INTO audit.audit_sample (audit_id, city_id, position, query_record_id, sequence, queried_at, account_id, agency_id, item_key, draw_key) VALUES ($1, $2, $3, $4, $8, now(), $5, $6, $7, 'k')`,
      [seeded[key], cityId, position, randomUUID(), randomUUID(), randomUUID(), itemKey, position],
    );
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  await seedFinding('taoyuanFinding', 'taoyuan', 'labor-insurance', 'high', '2015-03-05');
  await seedFinding('changhuaFinding', 'changhua', 'labor-insurance', 'low', '2015-03-06');
  await seedFinding('tainanFinding', 'tainan', 'health-insurance', 'high', '2015-03-07');
  await seedAudit('taoyuanAudit', 'taoyuan', 'labor-insurance', 'labor-insurance:C0101:unspecified', ['2015-03-01', '2015-03-31'], 3);
  await seedAudit('changhuaAudit', 'changhua', 'labor-insurance', 'labor-insurance:C0101:unspecified', ['2015-03-01', '2015-03-31'], 1);
  await seedAudit('tainanAudit', 'tainan', 'health-insurance', 'health-insurance:C0101:national-id', ['2015-03-01', '2015-03-31'], 1);

  // A Taoyuan 附表三 (an agency's items) through the city's steps up to 勞保局's, as in the cross-city test.
  const [agencyadmin, head, admin] = [await tokenOf('taoyuan', 'AGENCY_ADMIN'), await tokenOf('taoyuan', 'UNIT_HEAD'), await tokenOf('taoyuan', 'TOP_ADMIN')];
  const agencyhead = await createOfficial('taoyuan', 'social', ['AGENCY_HEAD']);
  const reviewer = await createOfficial('taoyuan', 'reviewing', ['REVIEWING_OFFICER']);
  const submitted = await gql<{ submitApplication: { id: string } }>(
    `mutation ($input: ApplicationInput!) { submitApplication(input: $input) { id } }`,
    {
      input: {
        kind: 'agency-items',
        operation: 'add',
        reason: applicationReason,
        itemsToAdd: ['labor-insurance:F0201:unspecified'],
        businessItem: { name: `保費補助 ${stamp}`, purpose: '保險費補助資格審查', unitIds: [demoUnitId('taoyuan', 'assistance')], legalBasis: { kind: 'law', category: 'social', laws: '身心障礙者權益保障法', purpose: '保險費補助' } },
      },
    },
    agencyadmin,
  );
  if (!submitted.data) throw new Error(`submitting failed: ${JSON.stringify(submitted.errors)}`);
  applicationId = submitted.data.submitApplication.id;
  for (const actor of [head, agencyhead.token, reviewer.token, admin]) {
    const step = await gql(`mutation ($id: ID!) { decideApplicationStep(id: $id, decision: APPROVE) { id } }`, { id: applicationId }, actor);
    if (step.errors) throw new Error(`a city step failed: ${JSON.stringify(step.errors)}`);
  }
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

function citySelect(c: JourneyDriver): Locator {
  return c.page.getByRole('combobox', { name: c.word('bureau.city'), exact: true });
}

async function columnTexts(table: Locator, header: string): Promise<string[]> {
  const headers = await table.locator('thead th').allInnerTexts();
  const index = headers.findIndex((text) => text.replace(/[▲▼↕]/g, '').trim() === header);
  if (index < 0) throw new Error(`no column ${header} in ${headers.join(' | ')}`);
  return table.locator(`tbody tr > :nth-child(${index + 1})`).allInnerTexts();
}

const hashOf = (c: JourneyDriver) => c.page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash);
const LABOR = 'labor-insurance' as const;

describe('the labor bureau’s audit pages', () => {
  it(
    'audits: the cities’ labor-insurance audits with the city filter; one opens with its sample, by a link that survives a reload',
    async () => {
      const c = await openJourney(browser, tabs, officer(), 'zh-TW');
      const service = c.word(`service.${LABOR}`);
      await c.visit('/bureau/audits?from=2015-03-01&to=2015-03-31');
      await c.see(c.heading(c.word('bureau.audits.title')));
      const nav = c.page.getByRole('navigation', { name: c.word('shell.navigation') });
      expect(await nav.getByRole('link').allInnerTexts()).toEqual(
        expect.arrayContaining([c.word('bureau.nav.audits'), c.word('bureau.nav.findings'), c.word('bureau.nav.applications'), c.word('bureau.nav.requests')]),
      );
      const table = c.page.getByRole('table', { name: c.word('bureau.audits.caption', { service }) });
      await c.see(table);
      // Taoyuan's and Changhua's labor-insurance audits of the period; Tainan's health-insurance one never.
      await expect.poll(async () => (await columnTexts(table, c.word('bureau.city'))).sort()).toEqual(['彰化縣', '桃園市']);
      await c.expectAccessible('the audits of the cities');

      // The city filter: Taoyuan only, in the address.
      await citySelect(c).selectOption('taoyuan');
      await c.button('bureau.apply').click();
      await expect.poll(() => hashOf(c)).toBe('#/bureau/audits?city=taoyuan&from=2015-03-01&to=2015-03-31');
      await expect.poll(async () => columnTexts(table, c.word('bureau.city'))).toEqual(['桃園市']);

      // A state with no such audit: the empty state in words.
      await c.page.getByLabel(c.word('bureau.audits.state'), { exact: true }).selectOption('SIGNED_OFF');
      await c.button('bureau.apply').click();
      await c.see(c.page.getByText(c.word('bureau.audits.emptyFiltered')));
      await c.page.goBack();
      await c.see(table);

      // Open it: its sample of three, in draw order; the address names it, so a reload shows it again.
      await table.getByRole('link', { name: c.word('bureau.audits.open', { city: '桃園市', period: '2015-03-01～2015-03-31' }) }).click();
      const detail = c.region(c.word('bureau.audits.detailHeading', { city: '桃園市', period: '2015-03-01～2015-03-31' }));
      await c.see(detail);
      const sample = detail.getByRole('table', { name: c.word('bureau.audits.sampleCaption', { count: 3 }) });
      await c.see(sample);
      expect(await columnTexts(sample, c.word('bureau.audits.position'))).toEqual(['1', '2', '3']);
      expect(await hashOf(c)).toContain(`audit=taoyuan_${seeded.taoyuanAudit}`);
      await c.expectAccessible('an audit with its sample');
      await c.page.reload();
      await c.see(sample);
      expect(await columnTexts(sample, c.word('bureau.audits.position'))).toEqual(['1', '2', '3']);

      // Closing it and going back opens it again; forward closes it.
      await detail.getByRole('link', { name: c.word('bureau.audits.close') }).click();
      await expect.poll(async () => detail.count()).toBe(0);
      await c.page.goBack();
      await c.see(sample);
      await c.page.goForward();
      await expect.poll(async () => detail.count()).toBe(0);

      // A link to an audit outside the list's filter (another city, another period) still opens it: it is looked up by id.
      await c.visit(`/bureau/audits?city=changhua&from=2020-01-01&audit=taoyuan_${seeded.taoyuanAudit}`);
      await c.see(sample);
      expect(await columnTexts(sample, c.word('bureau.audits.position'))).toEqual(['1', '2', '3']);
      await c.see(c.page.getByText(c.word('bureau.audits.emptyFiltered')));
      // A link written with the audit's period, before the lookup by id, still opens it.
      await c.visit(`/bureau/audits?audit=taoyuan_2015-03-01_2015-03-31_${seeded.taoyuanAudit}`);
      await c.see(sample);

      // An audit of another service (Tainan's health-insurance one) does not open for the labor bureau.
      await c.visit(`/bureau/audits?audit=tainan_${seeded.tainanAudit}`);
      await c.see(c.page.getByText(c.word('bureau.audits.notFound')));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'findings: the labor-insurance findings of the cities, filtered by city and severity',
    async () => {
      const c = await openJourney(browser, tabs, officer(), 'en');
      const service = c.word(`service.${LABOR}`);
      await c.visit('/bureau/findings?from=2015-03-01&to=2015-03-31');
      await c.see(c.heading(c.word('bureau.findings.title')));
      const table = c.page.getByRole('table', { name: c.word('bureau.findings.caption', { service }) });
      await c.see(table);
      const summaries = await columnTexts(table, c.word('bureau.findings.summary'));
      expect(summaries).toContain(`summary taoyuanFinding ${stamp}`);
      expect(summaries).toContain(`summary changhuaFinding ${stamp}`);
      expect(summaries).not.toContain(`summary tainanFinding ${stamp}`);
      await c.expectAccessible('the findings of the cities');

      await c.page.getByLabel(c.word('bureau.findings.severity'), { exact: true }).selectOption('HIGH');
      await c.button('bureau.apply').click();
      await expect.poll(() => hashOf(c)).toBe('#/bureau/findings?from=2015-03-01&to=2015-03-31&severity=HIGH');
      await expect.poll(async () => columnTexts(table, c.word('bureau.findings.summary'))).toEqual([`summary taoyuanFinding ${stamp}`]);
      expect(await columnTexts(table, c.word('bureau.findings.severity'))).toEqual([c.word('bureau.severity.HIGH')]);

      await citySelect(c).selectOption('changhua');
      await c.button('bureau.apply').click();
      await c.see(c.page.getByText(c.word('bureau.findings.emptyFiltered')));
    },
    TEST_TIMEOUT_MS,
  );
});

describe('queries by purpose category', () => {
  it(
    'the statistics count the cities’ queries by the category stated on their requests, as the gateway does',
    async () => {
      const since = new Date(Date.now() - 1000);
      for (const category of ['POLICE', 'POLICE', 'TRAFFIC', null]) {
        const result = await record('changhua', await fileRequest('changhua', { approve: true, overrides: category ? { purposeCategory: category } : {} }));
        if (!result.data) throw new Error(`recording failed: ${JSON.stringify(result.errors)}`);
      }
      const c = await openJourney(browser, tabs, officer(), 'zh-TW');
      const day = since.toLocaleDateString('sv-SE', { timeZone: 'Asia/Taipei' });
      const counts = await gql<{ queryCounts: { rows: Array<{ purposeCategory: string | null; count: number }> } }>(
        `query ($f: QueryCountFilter) { queryCounts(groupBy: [PURPOSE_CATEGORY], filter: $f) { rows { purposeCategory count } } }`,
        { f: { cityIds: ['changhua'], from: `${day}T00:00:00+08:00` } },
        c.session.accessToken,
      );
      const expected = Object.fromEntries(
        counts.data!.queryCounts.rows.map((row) => [row.purposeCategory ? c.word(`purposeCategory.${row.purposeCategory}` as 'purposeCategory.SOCIAL') : c.word('bureau.noPurposeCategory'), row.count]),
      );
      expect(expected[c.word('purposeCategory.POLICE')]).toBeGreaterThanOrEqual(2);
      expect(expected[c.word('purposeCategory.TRAFFIC')]).toBeGreaterThanOrEqual(1);

      await c.visit(`/bureau/statistics?city=changhua&from=${day}`);
      await c.see(c.heading(c.word('bureau.statistics.title')));
      // Counted by purpose category alone, chosen in the form.
      await c.page.getByRole('checkbox', { name: c.word('bureau.dimension.CITY'), exact: true }).uncheck();
      await c.page.getByRole('checkbox', { name: c.word('bureau.dimension.MONTH'), exact: true }).uncheck();
      await c.page.getByRole('checkbox', { name: c.word('bureau.dimension.PURPOSE_CATEGORY'), exact: true }).check();
      await c.button('bureau.apply').click();
      const table = c.page.getByRole('table', { name: c.word('bureau.statistics.caption', { dimensions: c.word('bureau.dimension.PURPOSE_CATEGORY') }) });
      await c.see(table);
      const names = await columnTexts(table, c.word('bureau.dimension.PURPOSE_CATEGORY'));
      const numbers = (await columnTexts(table, c.word('bureau.statistics.count'))).map((text) => Number(text.replace(/,/g, '')));
      expect(Object.fromEntries(names.map((name, index) => [name, numbers[index]]))).toEqual(expected);
      await c.expectAccessible('the statistics by purpose category');
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the labor bureau’s own decisions', () => {
  it(
    'decides Taoyuan’s 附表三 awaiting 勞保局 with a comment; the city sees the bureau’s decision on the application’s timeline',
    async () => {
      const c = await openJourney(browser, tabs, officer(), 'zh-TW');
      await c.visit('/bureau/applications?city=taoyuan');
      await c.see(c.heading(c.word('bureau.applications.title')));
      const card = c.page.getByRole('region').filter({ hasText: applicationReason });
      await c.see(card);
      await c.see(card.getByText('Taoyuan 6(二), 附表三'));
      // What the bureau decides on: the applying agency by name, the business item and its legal basis, the items.
      const fact = async (label: string) => (await card.locator('dl.facts > div').filter({ has: c.page.getByText(label, { exact: true }) }).locator('dd').innerText()).trim();
      expect(await fact(c.word('bureau.applications.agency'))).toBe('桃園市政府社會局');
      expect(await fact(c.word('bureau.applications.businessItem'))).toBe(`保費補助 ${stamp}（${c.word('bureau.applications.proposed')}）`);
      expect(await fact(c.word('bureau.applications.purpose'))).toBe('保險費補助資格審查');
      expect(await fact(c.word('bureau.applications.legalBasis'))).toBe(`身心障礙者權益保障法：保險費補助（${c.word('bureau.applications.proposed')}）`);
      await c.expectAccessible('the applications awaiting the bureau');

      // Rejecting without a comment is refused by the field, nothing sent.
      await card.getByRole('button', { name: c.word('bureau.applications.reject'), exact: true }).click();
      const comment = card.getByLabel(c.word('bureau.applications.comment'), { exact: true });
      await c.see(card.getByText(c.word('bureau.applications.commentRequired')));
      expect(await comment.getAttribute('aria-invalid')).toBe('true');
      await c.expectAccessible('a refused rejection');

      const words = `勞保局核准 ${stamp}`;
      await comment.fill(words);
      await card.getByRole('button', { name: c.word('bureau.applications.approve'), exact: true }).click();
      await c.see(c.page.getByRole('status').filter({ hasText: '將續行最後一關' }));
      await expect.poll(() => card.count()).toBe(0);

      // The gateway agrees: the application waits for Taoyuan's own last step now.
      const state = await gql<{ application: { status: string; currentStep: number } }>(`query ($id: ID!) { application(id: $id) { status currentStep } }`, { id: applicationId }, await tokenOf('taoyuan', 'TOP_ADMIN'));
      expect(state.data?.application).toEqual({ status: 'PENDING', currentStep: 5 });

      // Taoyuan's top admin opens the application: the bureau's decision is named by the bureau, not by an account.
      const city = await openJourney(browser, tabs, demoByUsername('taoyuan', 'admin'), 'zh-TW');
      await city.visit(`/access/application?id=${applicationId}`);
      const timeline = city.page.getByRole('table', { name: city.word('access.application.timelineCaption') });
      await city.see(timeline);
      const row = timeline.locator('tbody tr').filter({ hasText: words });
      await city.see(row);
      expect(await row.innerText()).toContain(city.word('access.application.bureau.labor-insurance'));
      expect(await row.innerText()).toContain(city.word('role.BUREAU_OFFICER'));
      await city.see(city.page.getByText(city.word('access.application.bureauDecided'), { exact: false }).first());
      await city.expectAccessible('the application with the bureau’s decision');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'asks Changhua for an audit, which becomes the city’s task; the refusal for a city that does not accept it is readable',
    async () => {
      const c = await openJourney(browser, tabs, officer(), 'zh-TW');
      await c.visit('/bureau/audit-requests');
      await c.see(c.heading(c.word('bureau.requests.title')));
      const form = c.region(c.word('bureau.requests.formHeading'));
      await c.see(form);
      await c.expectAccessible('the audit requests');

      // Nothing filled: each field says so, nothing is sent.
      await form.getByRole('button', { name: c.word('bureau.requests.send') }).click();
      expect(await form.getByText(c.word('bureau.requests.problem.required')).count()).toBe(4);
      expect(await form.getByLabel(c.word('bureau.city'), { exact: true }).getAttribute('aria-invalid')).toBe('true');

      // Tainan does not run the labor-insurance service through Custos: the API refuses, the console says why.
      const reason = `勞保局書面稽核 ${stamp}`;
      await form.getByLabel(c.word('bureau.city'), { exact: true }).selectOption('tainan');
      await form.getByLabel(c.word('bureau.requests.periodStart'), { exact: true }).fill('2016-01-01');
      await form.getByLabel(c.word('bureau.requests.periodEnd'), { exact: true }).fill('2016-06-30');
      await form.getByLabel(c.word('bureau.requests.reason'), { exact: true }).fill(reason);
      await form.getByRole('button', { name: c.word('bureau.requests.send') }).click();
      const alert = form.getByRole('alert').filter({ hasText: c.word('bureau.error.FORBIDDEN') });
      await c.see(alert);
      expect(await alert.innerText()).toMatch(/Tainan|臺南/);
      expect(await alert.innerText()).not.toBe(c.word('error.FORBIDDEN'));
      // Everything typed stays.
      expect(await form.getByLabel(c.word('bureau.requests.reason'), { exact: true }).inputValue()).toBe(reason);
      await c.expectAccessible('a refused audit request');

      // Changhua's rules name 勞保局 among its external auditors (8(四)): the request lands as the city's task.
      await form.getByLabel(c.word('bureau.city'), { exact: true }).selectOption('changhua');
      await form.getByRole('button', { name: c.word('bureau.requests.send') }).click();
      await c.see(form.getByRole('status').filter({ hasText: '彰化縣' }));
      const table = c.page.getByRole('table', { name: c.word('bureau.requests.caption') });
      const row = table.locator('tbody tr').filter({ hasText: reason });
      await c.see(row);
      expect(await row.innerText()).toContain(c.word('bureau.taskState.OPEN'));
      expect(await row.innerText()).toContain('2016-01-01～2016-06-30');

      // Changhua's auditors have it among their compliance tasks.
      const tasks = await gql<{ complianceTasks: Array<{ obligationId: string; bureauRequest: { reason: string } | null }> }>(
        `query { complianceTasks(dueFrom: "2000-01-01", dueTo: "2099-12-31") { obligationId bureauRequest { reason } } }`,
        {},
        await tokenOf('changhua', 'AUDITOR'),
      );
      expect(tasks.data?.complianceTasks.filter((task) => task.bureauRequest?.reason === reason).map((task) => task.obligationId)).toEqual(['bureau-audit-request']);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'Taoyuan’s top admin finds the bureau’s reads of its audits and applications in the read log',
    async () => {
      // The officer reads Taoyuan's audits and applications now, so both logs have a fresh read.
      const reader = await openJourney(browser, tabs, officer(), 'zh-TW');
      await reader.visit('/bureau/audits?city=taoyuan');
      await reader.see(reader.page.getByRole('table', { name: reader.word('bureau.audits.caption', { service: reader.word(`service.${LABOR}`) }) }));
      await reader.visit('/bureau/applications?city=taoyuan');
      await reader.see(reader.page.getByText(reader.word('bureau.applications.title')).first());

      const c = await openJourney(browser, tabs, demoByUsername('taoyuan', 'admin'), 'en');
      await c.visit('/cross-city-reads');
      await c.see(c.heading(c.word('bureau.reads.title')));
      const kinds = c.page.getByRole('navigation', { name: c.word('bureau.reads.kind') });
      await kinds.getByRole('link', { name: c.word('bureau.reads.kind.audits') }).click();
      await expect.poll(() => hashOf(c)).toBe('#/cross-city-reads?kind=audits');
      const audits = c.page.getByRole('table', { name: c.word('bureau.reads.caption.audits') });
      await c.see(audits.getByText('BureauAudits/bureauAudits').first());
      expect(await kinds.getByRole('link', { name: c.word('bureau.reads.kind.audits') }).getAttribute('aria-current')).toBe('page');
      await c.expectAccessible('the read log of audits');

      await kinds.getByRole('link', { name: c.word('bureau.reads.kind.applications') }).click();
      const applications = c.page.getByRole('table', { name: c.word('bureau.reads.caption.applications') });
      await c.see(applications.getByText('BureauApplications/bureauApplications').first());
      await c.expectAccessible('the read log of applications');
    },
    TEST_TIMEOUT_MS,
  );
});
