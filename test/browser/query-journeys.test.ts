// The Queries area of the console in a real Chromium against the shared e2e platform, for a password city (Taoyuan,
// in Traditional Chinese) and a certificate city (Tainan, in English): a caseworker files a query request (a bad
// national ID is refused beside the field, with its reason), the unit head approves it, the caseworker records the
// query and finds it in the register, filters it and downloads it as CSV; the agency admin imports a bureau records
// file made to match the register, follows the import's progress to its result, and reconciles the month. Every new
// page is checked with axe-core. Words come from the console's dictionaries, so the tests follow the wording.
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { DemoLogin } from '@custos/platform';
import { dictionaries, interpolate, type Language, type MessageKey } from '../../web/src/i18n/dictionaries';
import { gql } from '../support/gateway-client';
import { demoUser, ownerQuery, platform } from '../support/platform';
import { fileRequest, ITEM, record as recordThroughGateway, tokenOf } from '../query-log/query-log-helpers';
import { describeViolations, seriousAxeViolations } from './axe';
import { launchChromium } from './chromium';
import { gatewaySession, openSignedInTab, type ConsoleTab } from './console-session';

const TEST_TIMEOUT_MS = 120_000;

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

// ---- Test data ----

const LETTER_VALUES: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

/** A fresh, valid national ID (checksum computed), so each run's subject matches nothing queried before. */
function freshNationalId(): string {
  const letter = 'ABCDEFGHJKLMNPQRSTUVXYWZIO'[Math.floor(Math.random() * 26)]!;
  const digits = [1 + Math.floor(Math.random() * 2), ...Array.from({ length: 7 }, () => Math.floor(Math.random() * 10))];
  const value = LETTER_VALUES[letter]!;
  const weights = [8, 7, 6, 5, 4, 3, 2, 1];
  const sum = Math.floor(value / 10) + (value % 10) * 9 + digits.reduce((total, digit, index) => total + digit * weights[index]!, 0);
  return `${letter}${digits.join('')}${(10 - (sum % 10)) % 10}`;
}

const masked = (id: string) => `${id.slice(0, 3)}${'*'.repeat(id.length - 5)}${id.slice(-2)}`;

/** "YYYY-MM-DD HH:MM:SS" in Taiwan time, as the bureau's pages write it. */
function bureauTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const taiwanMonth = (iso: string) => bureauTime(iso).slice(0, 7);

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

  async visit(path: string, heading: MessageKey): Promise<void> {
    await this.page.goto(new URL(`#${path}`, platform().consoleUrl).toString());
    await this.page.getByRole('heading', { level: 1, name: this.word(heading) }).waitFor();
  }

  field(label: MessageKey): Locator {
    return this.page.getByLabel(this.word(label), { exact: true });
  }

  table(caption: string): Locator {
    return this.page.getByRole('table', { name: caption });
  }

  async expectAccessible(what: string): Promise<void> {
    const violations = await seriousAxeViolations(this.page);
    expect(violations, `axe on ${what}:\n${describeViolations(violations)}`).toEqual([]);
  }
}

async function openConsole(user: DemoLogin, language: Language): Promise<ConsoleDriver> {
  const session = await gatewaySession(user);
  const tab = await openSignedInTab(browser, session, language);
  tabs.push(tab);
  return new ConsoleDriver(tab, language);
}

/** The accessible description of a form control (its hint and problem, through aria-describedby). */
async function descriptionOf(control: Locator): Promise<string> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => control.page().locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

const CITIES: Array<{ cityId: string; language: Language; preApproval: boolean }> = [
  { cityId: 'taoyuan', language: 'zh-TW', preApproval: false },
  { cityId: 'tainan', language: 'en', preApproval: true },
];

describe.each(CITIES)('the query journeys of $cityId ($language)', ({ cityId, language, preApproval }) => {
  it(
    'a caseworker requests a query (a bad national ID says why by the field), the unit head approves, the caseworker records it, finds it in the register and downloads it as CSV',
    async () => {
      const clerk = await openConsole(demoUser(cityId, 'CASEWORKER'), language);
      const caseNumber = `UI-${cityId}-${Date.now().toString(36)}`;
      const subject = freshNationalId();
      const itemKey = ITEM[cityId]!;

      await clerk.visit('/queries/requests', 'queries.requests.title');
      await clerk.page.getByRole('table', { name: clerk.word('queries.mine.caption') }).or(clerk.page.getByText(clerk.word('queries.mine.empty'))).first().waitFor();
      await clerk.expectAccessible('query requests');

      // A typing error in the national ID: the field says why as soon as it is left, before anything is sent.
      const subjectField = clerk.field('queries.form.subject');
      await subjectField.fill('A123456788');
      await subjectField.blur();
      await clerk.page.getByText(clerk.word('queries.subject.CHECKSUM')).waitFor();
      expect(await subjectField.getAttribute('aria-invalid')).toBe('true');
      expect(await descriptionOf(subjectField)).toContain(clerk.word('queries.subject.CHECKSUM'));
      await subjectField.fill('A12345');
      await clerk.page.getByText(clerk.word('queries.subject.LENGTH', { length: 6 })).waitFor();
      await clerk.expectAccessible('query request with a bad national ID');

      // Filing with the bad ID is stopped beside the field, and nothing typed is lost.
      await clerk.field('queries.form.caseNumber').fill(caseNumber);
      await clerk.field('queries.form.purpose').fill('社會救助資格審核');
      // The purpose's category (社政…), which the cities and the bureaus count queries by.
      await clerk.page.getByLabel(clerk.word('queries.form.purposeCategory'), { exact: true }).selectOption('SOCIAL');
      await clerk.field('queries.form.legalBasis').fill('社會救助法第44條之2');
      await clerk.page.locator(`input[type="checkbox"][value="${itemKey}"]`).check();
      await clerk.page.getByRole('button', { name: clerk.word('queries.form.submit') }).click();
      await expect.poll(() => clerk.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
      expect(await clerk.field('queries.form.caseNumber').inputValue()).toBe(caseNumber);

      await subjectField.fill(subject);
      await subjectField.blur();
      await clerk.page.getByText(clerk.word('queries.form.subjectOk', { masked: masked(subject) })).waitFor();
      await clerk.page.getByRole('button', { name: clerk.word('queries.form.submit') }).click();
      await clerk.page.getByText(clerk.word('queries.form.created', { caseNumber })).waitFor();
      expect(await ownerQuery(`select purpose_category from query_log.query_request where case_number = $1`, [caseNumber])).toEqual([{ purpose_category: 'social' }]); // stored as the register's code
      // The form is empty again for the next request, the category too.
      expect(await clerk.page.getByLabel(clerk.word('queries.form.purposeCategory'), { exact: true }).inputValue()).toBe('');
      const mine = clerk.table(clerk.word('queries.mine.caption'));
      const row = mine.getByRole('row').filter({ has: clerk.page.getByRole('rowheader', { name: caseNumber }) });
      await row.getByText(clerk.word(preApproval ? 'queries.status.PENDING' : 'queries.status.notRequired')).waitFor();
      await row.getByText(masked(subject)).waitFor();

      // Where the rules require the supervisor's approval first (Tainan 7(一)), nothing can be recorded before it.
      const recordButton = row.getByRole('button', { name: `${clerk.word('queries.record.action')} ${caseNumber}` });
      expect(await recordButton.count()).toBe(preApproval ? 0 : 1);

      // The unit head approves it.
      const head = await openConsole(demoUser(cityId, 'UNIT_HEAD'), language);
      await head.visit('/queries/approvals', 'queries.approvals.title');
      const card = head.page.getByRole('article', { name: `${head.word('column.caseNumber')} ${caseNumber}` });
      await card.waitFor();
      await card.getByText(masked(subject)).waitFor();
      await head.expectAccessible('approvals');
      // Rejecting needs a reason: said beside the comment.
      await card.getByRole('button', { name: head.word('queries.approvals.reject') }).click();
      await card.getByText(head.word('queries.approvals.reasonRequired')).waitFor();
      await card.getByLabel(head.word('queries.approvals.comment')).fill('核可，請依規定登記。');
      await card.getByRole('button', { name: head.word('queries.approvals.approve') }).click();
      await head.page.getByText(head.word('queries.approvals.approved', { caseNumber })).waitFor();
      await card.waitFor({ state: 'detached' });

      // The caseworker sees the approval and records the query.
      await clerk.page.reload();
      await clerk.page.getByRole('heading', { level: 1, name: clerk.word('queries.requests.title') }).waitFor();
      await row.getByText(clerk.word('queries.status.APPROVED')).waitFor();
      await row.getByRole('button', { name: `${clerk.word('queries.record.action')} ${caseNumber}` }).click();
      await clerk.page.getByRole('heading', { level: 2, name: clerk.word('queries.record.title', { caseNumber }) }).waitFor();
      await clerk.expectAccessible('record a query');
      await clerk.page.getByRole('button', { name: clerk.word('queries.record.submit'), exact: true }).click();
      await clerk.page.getByText(new RegExp(clerk.word('queries.record.done', { sequence: '\\d+', item: '.+', subject: masked(subject).replace(/\*/g, '\\*') }))).waitFor();

      // The register: the entry is there; filtered by case number it is the only one; the CSV download holds it alone.
      await clerk.visit('/register', 'register.title');
      const register = clerk.table(clerk.word('register.caption'));
      await register.getByRole('rowheader', { name: caseNumber }).waitFor();
      await clerk.expectAccessible('my register');
      await clerk.field('queries.register.caseNumber').fill(caseNumber);
      await clerk.page.getByRole('button', { name: clerk.word('queries.register.apply') }).click();
      await expect.poll(() => register.locator('tbody tr').count()).toBe(1);
      await register.getByText(masked(subject)).waitFor();
      const [download] = await Promise.all([clerk.page.waitForEvent('download'), clerk.page.getByRole('button', { name: clerk.word('queries.register.export') }).click()]);
      const csv = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
      const lines = csv.split(/\r\n/).filter(Boolean);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^sequence,queried_at,/);
      expect(lines[1]).toContain(caseNumber);
      expect(lines[1]).toContain(masked(subject));
      expect(csv).not.toContain(subject);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^query-register-${cityId}-own-.*\\.csv$`));
      await clerk.page.getByText(clerk.word('queries.register.exported', { fileName: download.suggestedFilename(), count: 1 })).waitFor();

      // A bad subject in the register's filter is refused beside it, too.
      await clerk.field('queries.register.subject').fill('A123456788');
      await clerk.page.getByRole('button', { name: clerk.word('queries.register.apply') }).click();
      await clerk.page.getByText(clerk.word('queries.subject.CHECKSUM')).waitFor();

      // The unit head sees it in the unit's register, with who queried.
      await head.visit('/register', 'register.title');
      await head.page.getByRole('radio', { name: head.word('queries.register.scope.UNIT') }).check();
      await head.field('queries.register.caseNumber').fill(caseNumber);
      await head.page.getByRole('button', { name: head.word('queries.register.apply') }).click();
      const unitRegister = head.table(head.word('queries.register.caption.UNIT'));
      await unitRegister.getByRole('rowheader', { name: caseNumber }).waitFor();
      await unitRegister.getByText(demoUser(cityId, 'CASEWORKER').username, { exact: false }).waitFor();
      await head.expectAccessible('unit register');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a query the permissions decision refuses shows every reason, each with its rule',
    async () => {
      // An approved request for an item the caseworker holds no grant for (filed through the gateway: the form
      // offers only the items held). The console offers to record it; the service refuses, saying why.
      const clerkToken = await tokenOf(cityId, 'CASEWORKER');
      const service = ITEM[cityId]!.split(':')[0]!;
      const view = await gql<{ myGrants: Array<{ itemKey: string }>; queryItems: Array<{ key: string; lookupKey: string }> }>(
        'query ($service: String!) { myGrants { itemKey } queryItems(service: $service) { key lookupKey } }',
        { service },
        clerkToken,
      );
      const held = new Set(view.data!.myGrants.map((grant) => grant.itemKey));
      const notHeld = view.data!.queryItems.find((item) => !held.has(item.key) && item.lookupKey !== 'business-number');
      expect(notHeld, 'an item the demo caseworker does not hold').toBeDefined();
      const caseNumber = `UI-REFUSED-${cityId}-${Date.now().toString(36)}`;
      await fileRequest(cityId, { approve: true, overrides: { caseNumber, subject: freshNationalId(), itemKeys: [notHeld!.key] } });

      const clerk = await openConsole(demoUser(cityId, 'CASEWORKER'), language);
      await clerk.visit('/queries/requests', 'queries.requests.title');
      const row = clerk.table(clerk.word('queries.mine.caption')).getByRole('row').filter({ has: clerk.page.getByRole('rowheader', { name: caseNumber }) });
      await row.getByRole('button', { name: `${clerk.word('queries.record.action')} ${caseNumber}` }).click();
      await clerk.page.getByRole('button', { name: clerk.word('queries.record.submit'), exact: true }).click();
      const refusal = clerk.page.getByRole('alert').filter({ hasText: clerk.word('queries.record.refused') });
      await refusal.waitFor();
      const reasons = refusal.locator('li[data-reason]');
      const codes = await reasons.evaluateAll((items) => items.map((item) => (item as unknown as { dataset: { reason: string } }).dataset.reason));
      expect(codes).toContain('GRANT_NOT_HELD');
      // Every reason the service gave is listed, in the console's words where it has them, each with its rule.
      const direct = await recordThroughGateway(cityId, (await gql(`{ myQueryRequests(first: 5) { nodes { id caseNumber } } }`, {}, clerkToken)).data.myQueryRequests.nodes.find((node: { caseNumber: string }) => node.caseNumber === caseNumber).id, { itemKey: notHeld!.key });
      const given = (direct.errors?.[0]?.extensions?.reasons as Array<{ code: string; citation: string | null }>) ?? [];
      expect([...codes].sort()).toEqual([...new Set(given.map((reason) => reason.code))].sort());
      await reasons.filter({ hasText: clerk.word('queries.reason.GRANT_NOT_HELD') }).waitFor();
      for (const reason of given.filter((candidate) => candidate.citation)) {
        await refusal.getByText(clerk.word('queries.reason.citation', { citation: reason.citation! })).first().waitFor();
      }
      await clerk.expectAccessible('a refused query');
      // Nothing was recorded.
      const register = await gql(`query ($filter: RegisterFilterInput) { queryRegister(filter: $filter, first: 5) { totalCount } }`, { filter: { caseNumber } }, clerkToken);
      expect(register.data.queryRegister.totalCount).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the agency admin imports a bureau records file made to match the register, follows its progress to the result, and reconciles the month',
    async () => {
      // One query in the register; the bureau's file records it, one query nobody registered, and one by a user
      // name no account has.
      const subject = freshNationalId();
      const unregistered = freshNationalId();
      const requestId = await fileRequest(cityId, { approve: true, overrides: { subject } });
      const recorded = await recordThroughGateway(cityId, requestId);
      expect(recorded.errors).toBeUndefined();
      const queriedAt: string = recorded.data.recordQuery.queriedAt;
      const month = taiwanMonth(queriedAt);
      const [service, code] = ITEM[cityId]!.split(':') as [string, string];
      const run = Date.now().toString(36).toUpperCase();
      const clerkName = demoUser(cityId, 'CASEWORKER').username;
      const csv = [
        'record_id,queried_at,user_account,service,item_code,subject_id',
        `UI-${run}-MATCH,${bureauTime(queriedAt)},${clerkName},${service},${code},${subject}`,
        `UI-${run}-ONLY,${bureauTime(queriedAt)},${clerkName},${service},${code},${unregistered}`,
        `UI-${run}-NOBODY,${bureauTime(queriedAt)},${cityId}.left-${run.toLowerCase()},${service},${code},${unregistered}`,
      ].join('\r\n');

      const admin = await openConsole(demoUser(cityId, 'AGENCY_ADMIN'), language);
      await admin.visit('/queries/import', 'queries.import.title');
      await admin.expectAccessible('bureau import');
      // Starting without a file says so beside the field.
      await admin.page.getByRole('button', { name: admin.word('queries.import.submit') }).click();
      await admin.page.getByText(admin.word('queries.import.chooseFile')).waitFor();
      await admin.field('queries.import.file').setInputFiles({ name: `bureau-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await admin.page.getByRole('button', { name: admin.word('queries.import.submit') }).click();
      const progress = admin.page.getByRole('region', { name: `${admin.word('queries.import.progress')}: bureau-${run}.csv` });
      await progress.waitFor();
      const bar = progress.getByRole('progressbar');
      await bar.waitFor();
      await progress.getByText(admin.word('queries.import.status.SUCCEEDED')).waitFor();
      expect(await bar.evaluate((element) => (element as unknown as { value: number }).value)).toBe(1);
      await progress.getByText(admin.word('queries.import.summary', { inserted: 3, duplicate: 0, unknown: 1, read: 3 })).waitFor();
      await admin.expectAccessible('bureau import result');

      // The same file again adds nothing: every record is a duplicate.
      await admin.page.getByRole('button', { name: admin.word('queries.import.submit') }).click();
      await progress.getByText(admin.word('queries.import.summary', { inserted: 0, duplicate: 3, unknown: 0, read: 3 })).waitFor();
      // A malformed file is rejected whole, naming the line and the column.
      const broken = csv.replace(unregistered, 'A123456788').replace(/UI-/g, 'UX-');
      await admin.field('queries.import.file').setInputFiles({ name: `broken-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(broken, 'utf8') });
      await admin.page.getByRole('button', { name: admin.word('queries.import.submit') }).click();
      const brokenProgress = admin.page.getByRole('region', { name: `${admin.word('queries.import.progress')}: broken-${run}.csv` });
      await brokenProgress.getByText(admin.word('queries.import.status.FAILED')).waitFor();
      await brokenProgress.getByText(new RegExp(admin.word('queries.import.problem', { line: 3, field: 'subject_id', message: 'XXX' }).replace('XXX', '.+'))).waitFor();

      // The month's reconciliation: run it, then the three lists.
      await admin.visit('/queries/reconciliation', 'queries.reconciliation.title');
      await admin.field('queries.reconciliation.month').fill(month);
      await admin.page.getByRole('button', { name: admin.word('queries.reconciliation.show') }).click();
      await admin.page
        .getByText(admin.word('queries.reconciliation.none', { month }))
        .or(admin.page.getByRole('heading', { level: 2, name: admin.word('queries.reconciliation.result', { month }) }))
        .first()
        .waitFor();
      await admin.expectAccessible('reconciliation before running');
      await admin.page.getByRole('button', { name: new RegExp(`^(${admin.word('queries.reconciliation.run')}|${admin.word('queries.reconciliation.rerun')})$`) }).click();
      await admin.page.getByRole('heading', { level: 2, name: admin.word('queries.reconciliation.result', { month }) }).waitFor();
      await admin.page.getByText(admin.word('queries.reconciliation.ranBy', { name: demoUser(cityId, 'AGENCY_ADMIN').displayName, date: 'X' }).split('X')[0]!).first().waitFor();

      const groups = admin.table(admin.word('queries.reconciliation.groupsCaption', { month }));
      await groups.getByRole('rowheader', { name: admin.word('queries.reconciliation.unknownUser', { name: `${cityId}.left-${run.toLowerCase()}` }) }).waitFor();

      // Bureau only (shown first when there are any): the query nobody registered, by its bureau record id.
      const bureauOnly = admin.table(admin.word('queries.reconciliation.itemsCaption', { month, kind: admin.word('queries.reconciliation.kind.BUREAU_ONLY') }));
      await bureauOnly.getByText(`UI-${run}-ONLY`).waitFor();
      await bureauOnly.getByText(`UI-${run}-NOBODY`).waitFor();
      expect(await bureauOnly.getByText(`UI-${run}-MATCH`).count()).toBe(0);
      await admin.expectAccessible('reconciliation result');

      // Matched: the registered query the bureau also recorded.
      await admin.page.getByRole('button', { name: new RegExp(`^${admin.word('queries.reconciliation.kind.MATCHED')} \\(`) }).click();
      const matched = admin.table(admin.word('queries.reconciliation.itemsCaption', { month, kind: admin.word('queries.reconciliation.kind.MATCHED') }));
      await matched.waitFor();
      await expect.poll(async () => (await matched.getByText(masked(subject)).count()) + (await loadAll(admin.page, matched, masked(subject)))).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );
});

/** Loads further pages of a list until `text` appears or the list ends; returns how many times it then appears. */
async function loadAll(page: Page, table: Locator, text: string): Promise<number> {
  for (let round = 0; round < 20; round++) {
    const found = await table.getByText(text).count();
    if (found) return found;
    const more = page.getByRole('button', { name: /載入更多|Load more/ });
    if ((await more.count()) === 0) return 0;
    await more.click();
    await page.waitForTimeout(300);
  }
  return 0;
}
