// The audit workbench and the anomaly findings in a real Chromium, for two cities: Taoyuan (password login, Chinese)
// and Tainan (certificate login, English). Query records for the audited periods are seeded into the register first
// (as the audit subgraph's own e2e tests do), then the auditor draws the sample in the console, checks the redraw,
// judges every record, answers the checklist and signs; the unit head and the agency head sign after, in order; the
// record PDF is downloaded. From a bulk-query finding an investigation is opened, noted and closed. axe on each page.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Language } from '../../web/src/i18n/dictionaries';
import { ensureQueryLogViews, removeSeededRecords, seedRecords, spreadRecords, taiwan } from '../audit/audit-e2e-helpers';
import { gql } from '../support/gateway-client';
import { launchChromium } from './chromium';
import type { ConsoleTab } from './console-session';
import { demoByUsername, openJourney, type JourneyDriver } from './console-driver';

const TEST_TIMEOUT_MS = 420_000;

interface CityJourney {
  cityId: string;
  language: Language;
  /** A whole month: Tainan samples per month (8(一)); Taoyuan reviews every record. */
  periodStart: string;
  periodEnd: string;
  records: number;
  /** Where the bulk queries that raise a finding are made (outside the audited period). */
  burstAt: string;
}

const CITIES: CityJourney[] = [
  { cityId: 'taoyuan', language: 'zh-TW', periodStart: '2022-11-01', periodEnd: '2022-11-30', records: 4, burstAt: '2023-03-08T10:00:00' },
  { cityId: 'tainan', language: 'en', periodStart: '2022-12-01', periodEnd: '2022-12-31', records: 5, burstAt: '2023-03-09T10:00:00' },
];

let browser: Browser;
const tabs: ConsoleTab[] = [];
const seeded: string[] = [];
const burstAccount: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchChromium();
  await ensureQueryLogViews();
  for (const city of CITIES) {
    seeded.push(...(await seedRecords(spreadRecords(city.cityId, city.records, city.periodStart))));
    // 25 queries in about eight minutes by one account: the bulk rule (20 in 10 minutes) fires.
    burstAccount[city.cityId] = randomUUID();
    const agencyId = randomUUID();
    seeded.push(
      ...(await seedRecords(
        Array.from({ length: 25 }, (_, i) => ({
          cityId: city.cityId,
          accountId: burstAccount[city.cityId]!,
          agencyId,
          queriedAt: new Date(taiwan(city.burstAt).getTime() + i * 20_000),
        })),
      )),
    );
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
  await removeSeededRecords(seeded);
});

interface ApiAudit {
  id: string;
  seed: string;
  populationHash: string;
  populationCount: number;
  sampleSize: number;
  state: string;
  ruleVersionId: string;
  signoffs: Array<{ step: number; roles: string[]; signedBy: string | null; signedAs: string | null }>;
  checklist: Array<{ itemId: string; result: string | null }>;
  sample: Array<{ position: number; judged: boolean; judgments: Array<{ criterion: string; result: string | null; note: string | null }> }>;
}

async function auditOf(driver: JourneyDriver, city: CityJourney): Promise<ApiAudit> {
  const result = await gql<{ audits: Array<{ id: string; periodStart: string; periodEnd: string }> }>(
    '{ audits { id periodStart periodEnd } }',
    {},
    driver.session.accessToken,
  );
  const found = result.data?.audits.find((audit) => audit.periodStart === city.periodStart && audit.periodEnd === city.periodEnd);
  if (!found) throw new Error(`no audit of ${city.periodStart} in ${city.cityId}: ${JSON.stringify(result.errors)}`);
  const detail = await gql<{ audit: ApiAudit }>(
    `query ($id: ID!) { audit(id: $id) {
      id seed populationHash populationCount sampleSize state ruleVersionId
      signoffs { step roles signedBy signedAs }
      checklist { itemId result }
      sample(first: 100) { position judged judgments { criterion result note } }
    } }`,
    { id: found.id },
    driver.session.accessToken,
  );
  return detail.data!.audit;
}

/** From the audit list, opens the audit of the city's period. */
async function openAudit(c: JourneyDriver, city: CityJourney): Promise<void> {
  // Through the home page, so the list shows afresh even if this tab was already on an audit.
  await c.visit('/');
  await c.heading(c.word('home.title', { name: c.displayName })).waitFor();
  await c.visit('/audits');
  await c.heading(c.word('audit.title')).waitFor();
  await c.button('audit.list.open', { period: c.word('audit.period', { start: city.periodStart, end: city.periodEnd }) }).click();
  await c.heading(c.word('audit.facts.title', { start: city.periodStart, end: city.periodEnd }), 2).waitFor();
}

describe.each(CITIES)('the audit workbench for $cityId in $language', (city) => {
  it(
    'draws the sample by the rule, verifies the redraw, judges every record and the checklist, and is signed auditor → unit head → agency head',
    async () => {
      // ---- The auditor draws ----
      const auditor = await openJourney(browser, tabs, demoByUsername(city.cityId, 'auditor'), city.language);
      const c = auditor;
      await c.visit('/audits');
      await c.heading(c.word('audit.title')).waitFor();
      await c.expectAccessible(`the audit list of ${city.cityId}`);

      // Validation next to the field, input kept: an end before the start.
      await c.page.getByLabel(c.word('audit.draw.periodStart'), { exact: true }).fill(city.periodEnd);
      await c.page.getByLabel(c.word('audit.draw.periodEnd'), { exact: true }).fill(city.periodStart);
      await c.button('audit.draw.submit').click();
      await c.page.getByText(c.word('audit.form.endBeforeStart')).waitFor();
      expect(await c.page.getByLabel(c.word('audit.draw.periodStart'), { exact: true }).inputValue()).toBe(city.periodEnd);

      await c.page.getByLabel(c.word('audit.draw.periodStart'), { exact: true }).fill(city.periodStart);
      await c.page.getByLabel(c.word('audit.draw.periodEnd'), { exact: true }).fill(city.periodEnd);
      await c.button('audit.draw.submit').click();
      await c.see(c.heading(c.word('audit.facts.title', { start: city.periodStart, end: city.periodEnd }), 2));

      // What the page shows is what was stored: seed, rule version, population hash and size.
      const drawn = await auditOf(c, city);
      expect(drawn.populationCount).toBe(city.records);
      expect(drawn.sampleSize).toBe(city.records); // both cities check every record of so small a population
      await c.page.getByText(drawn.seed, { exact: true }).waitFor();
      await c.page.getByText(drawn.populationHash, { exact: true }).waitFor();
      await c.page.getByText(c.word('audit.drawMethod.HASH64_REGISTER_ORDER'), { exact: true }).waitFor();
      await c.page.getByText(drawn.ruleVersionId, { exact: true }).waitFor();
      expect(drawn.signoffs.map((step) => step.roles.includes('AUDITOR') || step.roles.includes('UNIT_HEAD') || step.roles.includes('AGENCY_HEAD'))).toEqual([true, true, true]);
      expect(drawn.signoffs[1]!.roles).toEqual(['UNIT_HEAD']);
      expect(drawn.signoffs[2]!.roles).toEqual(['AGENCY_HEAD']);

      // Redraw to verify.
      await c.button('audit.verify.submit').click();
      await c.page.getByText(c.word('audit.verify.same')).waitFor();
      await c.expectAccessible(`the audit workbench of ${city.cityId}`);

      // Judge every record: the first with one 不符 and its reason, the others all conforming.
      const sampleTable = c.table('audit.sample.caption');
      await sampleTable.waitFor();
      expect(await sampleTable.locator('tbody tr').count()).toBe(drawn.sampleSize);
      await c.button('audit.sample.judge', { position: 1 }).click();
      for (let position = 1; position <= drawn.sampleSize; position += 1) {
        const form = c.page.getByRole('form', { name: new RegExp(`^${escapeRegExp(c.word('audit.judge.title', { position, sequence: 'SEQ' })).replace('SEQ', '\\d+')}$`) });
        await form.waitFor();
        await form.getByRole('button', { name: c.word('audit.judge.allConform'), exact: true }).click();
        if (position === 1) {
          // 不符 without a reason is refused next to the criterion; the answers stay.
          const first = form.getByRole('group').first();
          await first.getByRole('radio', { name: c.word('audit.judgment.NONCONFORMING'), exact: true }).check();
          await form.getByRole('button', { name: c.word('audit.judge.save'), exact: true }).click();
          await first.getByText(c.word('audit.judge.noteRequired')).waitFor();
          await c.expectAccessible(`the judgment form of ${city.cityId}`);
          await first.getByLabel(c.word('audit.judge.note'), { exact: true }).fill('案件編號與公文不符，已請承辦人補正');
        }
        await form.getByRole('button', { name: c.word('audit.judge.save'), exact: true }).click();
        await expect.poll(async () => (await auditOf(c, city)).sample.filter((record) => record.judged).length, { timeout: 15_000 }).toBe(position);
      }
      const judged = await auditOf(c, city);
      expect(judged.sample[0]!.judgments[0]).toMatchObject({ result: 'NONCONFORMING', note: '案件編號與公文不符，已請承辦人補正' });
      expect(judged.sample.slice(1).every((record) => record.judgments.every((j) => j.result !== 'NONCONFORMING'))).toBe(true);
      await c.page.getByText(c.word('audit.sample.nonconforming'), { exact: true }).first().waitFor();

      // The city's checklist, every item 符合, with the conclusions.
      const checklist = c.page.getByRole('form', { name: c.word('audit.checklist.title') });
      if (judged.checklist.length > 0) await checklist.getByRole('button', { name: c.word('audit.checklist.allConform'), exact: true }).click();
      await checklist.getByLabel(c.word('audit.checklist.recommendations'), { exact: true }).fill('一筆登記不完整，已請補正；其餘符合規定。');
      await checklist.getByRole('button', { name: c.word('audit.checklist.save'), exact: true }).click();
      await c.page.getByText(c.word('audit.checklist.saved')).waitFor();
      expect((await auditOf(c, city)).checklist.every((item) => item.result === 'CONFORMS')).toBe(true);

      // ---- Sign-off in order ----
      // The unit head cannot sign before the auditor: the console does not offer it, and says who is awaited.
      const head = await openJourney(browser, tabs, demoByUsername(city.cityId, 'head'), city.language);
      await openAudit(head, city);
      expect(await head.button('audit.signoff.submit', { step: 2 }).count()).toBe(0);

      await c.button('audit.signoff.submit', { step: 1 }).click();
      await expect.poll(async () => (await auditOf(c, city)).signoffs[0]!.signedBy, { timeout: 15_000 }).not.toBeNull();
      await c.page.getByText(c.word('audit.state.SIGNING'), { exact: true }).first().waitFor();
      await c.expectAccessible(`the signed audit of ${city.cityId}`);

      await openAudit(head, city);
      await head.button('audit.signoff.submit', { step: 2 }).click();
      await expect.poll(async () => (await auditOf(c, city)).signoffs[1]!.signedAs, { timeout: 15_000 }).toBe('UNIT_HEAD');

      const director = await openJourney(browser, tabs, demoByUsername(city.cityId, 'director'), city.language);
      await openAudit(director, city);
      await director.expectAccessible(`the audit as the agency head of ${city.cityId}`);
      await director.button('audit.signoff.submit', { step: 3 }).click();
      await director.page.getByText(director.word('audit.signoff.complete')).waitFor();
      const signed = await auditOf(c, city);
      expect(signed.state).toBe('SIGNED_OFF');
      expect(signed.signoffs.map((step) => step.signedAs)).toEqual([expect.stringMatching(/AUDITOR|AGENCY_ADMIN|UNIT_ADMIN/), 'UNIT_HEAD', 'AGENCY_HEAD']);

      // ---- The record as a PDF, laid out by the audit subgraph ----
      const [download] = await Promise.all([director.page.waitForEvent('download'), director.button('audit.export.pdf').click()]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const bytes = await readFile((await download.path())!);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await director.page.getByText(new RegExp(escapeRegExp(download.suggestedFilename()))).waitFor();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'scans for anomalies, opens an investigation from a bulk-query finding, notes it and closes it',
    async () => {
      const c = await openJourney(browser, tabs, demoByUsername(city.cityId, 'auditor'), city.language);
      await c.visit('/findings');
      await c.heading(c.word('audit.finding.title')).waitFor();
      await c.expectAccessible(`the findings of ${city.cityId}`);

      const day = city.burstAt.slice(0, 10);
      await c.page.getByLabel(c.word('audit.finding.scan.from'), { exact: true }).fill(day);
      await c.page.getByLabel(c.word('audit.finding.scan.to'), { exact: true }).fill(day);
      await c.button('audit.finding.scan.submit').click();
      await c.page.getByText(new RegExp(escapeRegExp(c.word('audit.finding.scan.result', { created: 'X', found: 'Y' })).replace('X', '\\d+').replace('Y', '\\d+'))).waitFor();

      const findings = await gql<{ findings: Array<{ id: string; rule: string; accountId: string | null; severity: string }> }>(
        '{ findings(rule: BULK_QUERIES) { id rule accountId severity } }',
        {},
        c.session.accessToken,
      );
      const bulk = findings.data!.findings.find((finding) => finding.accountId === burstAccount[city.cityId]);
      expect(bulk, 'the bulk rule fired on the burst').toBeDefined();

      // Filter by rule and severity: the bulk finding stays, the table says so.
      await c.page.getByLabel(c.word('audit.finding.column.rule'), { exact: true }).selectOption('BULK_QUERIES');
      await c.page.getByLabel(c.word('audit.finding.column.severity'), { exact: true }).selectOption(bulk!.severity);
      const table = c.table('audit.finding.list.caption');
      await table.waitFor();
      await expect.poll(async () => (await table.locator('tbody tr').allInnerTexts()).every((row) => row.includes(c.word(`audit.finding.rule.BULK_QUERIES`)))).toBe(true);

      await table.getByRole('button', { name: new RegExp(escapeRegExp(c.word('audit.finding.rule.BULK_QUERIES'))) }).first().click();
      await c.heading(c.word('audit.finding.detail.title')).waitFor();
      // The first row is the newest bulk finding: ours, just raised.
      await c.page.getByText(burstAccount[city.cityId]!, { exact: true }).waitFor();
      // In the reader's language: the rule's figures, not the server's English sentence.
      await c.page.getByText(c.word('audit.finding.summary.BULK_QUERIES', { day, peak: 25, minutes: 10, threshold: 20 }), { exact: true }).first().waitFor();
      // Its evidence: the register records it rests on, for the investigators to pull.
      const evidence = await gql<{ finding: { recordIds: string[] } }>('query ($id: ID!) { finding(id: $id) { recordIds } }', { id: bulk!.id }, c.session.accessToken);
      await c.page.getByText(c.word('audit.finding.detail.registerRecords'), { exact: true }).waitFor();
      await c.page.getByText(evidence.data!.finding.recordIds[0]!, { exact: true }).waitFor();
      await c.button('audit.finding.investigation.open').click();
      await c.heading(c.word('audit.finding.investigation.title'), 2).waitFor();
      await c.page.getByText(c.word('audit.finding.investigation.noNotes')).waitFor();
      await c.expectAccessible(`an investigation of ${city.cityId}`);

      await c.page.getByLabel(c.word('audit.finding.note.label'), { exact: true }).fill('已調閱該帳號當日公文，為批次補登之案件。');
      await c.button('audit.finding.note.submit').click();
      await c.page.getByText('已調閱該帳號當日公文，為批次補登之案件。', { exact: true }).waitFor();

      // Closing needs an outcome and a conclusion, said next to the fields.
      await c.button('audit.finding.close.submit').click();
      await c.page.getByText(c.word('audit.form.required')).first().waitFor();
      await c.page.getByLabel(c.word('audit.finding.investigation.outcome'), { exact: true }).selectOption('NO_MISUSE');
      await c.page.getByLabel(c.word('audit.finding.investigation.summary'), { exact: true }).fill('批次補登，查無不當使用。');
      await c.button('audit.finding.close.submit').click();
      await c.page.locator('dd').getByText(c.word('audit.finding.outcome.NO_MISUSE'), { exact: true }).waitFor();

      const closed = await gql<{ finding: { status: string; investigation: { id: string } | null } }>(
        'query ($id: ID!) { finding(id: $id) { status investigation { id } } }',
        { id: bulk!.id },
        c.session.accessToken,
      );
      expect(closed.data!.finding.status).toBe('CLOSED');
      const investigation = await gql<{ investigation: { outcome: string; outcomeSummary: string; notes: Array<{ body: string }> } }>(
        'query ($id: ID!) { investigation(id: $id) { outcome outcomeSummary notes { body } } }',
        { id: closed.data!.finding.investigation!.id },
        c.session.accessToken,
      );
      expect(investigation.data!.investigation).toEqual({
        outcome: 'NO_MISUSE',
        outcomeSummary: '批次補登，查無不當使用。',
        notes: [{ body: '已調閱該帳號當日公文，為批次補登之案件。' }],
      });
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the home page of an auditor', () => {
  it('shows the open findings with their charts', async () => {
    const c = await openJourney(browser, tabs, demoByUsername('taoyuan', 'auditor'), 'zh-TW');
    await c.visit('/');
    const card = c.region(c.word('home.work.findings.title'));
    await card.waitFor();
    const findings = await gql<{ findings: Array<{ status: string }> }>('{ findings { status } }', {}, c.session.accessToken);
    const all = findings.data!.findings;
    if (all.length === 0) await card.getByText(c.word('home.work.findings.none')).waitFor();
    else {
      const open = all.filter((finding) => finding.status !== 'CLOSED').length;
      await card.getByText(c.word('home.work.findings.count', { open, total: all.length })).waitFor();
      await card.getByRole('figure', { name: c.word('home.work.findings.byMonth') }).locator('.recharts-surface').first().waitFor();
    }
    await c.expectAccessible('the auditor home page');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
