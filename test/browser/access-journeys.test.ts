// The Access area in a real Chromium against the shared e2e platform: for a password city (Taoyuan, in Traditional
// Chinese) and a certificate city (Tainan, in English), the agency applies for a new query item (附表三 / 業務項目清冊),
// then a caseworker applies for it (附表二); each application is approved through the city's whole chain by the
// right demo users, each signed in in their own browser profile, and the grant ends up in the grants matrix and on
// the caseworker's own page. Also: a rejection with its comment, validation messages next to their fields with
// nothing typed lost, and axe on every page of the area. Words come from the console's dictionaries.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { DemoLogin } from '@custos/platform';
import { dictionaries, interpolate, type Language, type MessageKey } from '../../web/src/i18n/dictionaries';
import { gql } from '../support/gateway-client';
import { platform } from '../support/platform';
import { describeViolations, seriousAxeViolations } from './axe';
import { launchChromium } from './chromium';
import { gatewaySession, openSignedInTab, type ConsoleTab, type GatewaySession } from './console-session';

const JOURNEY_TIMEOUT_MS = 240_000;

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

/** Which demo user holds each role a chain step names (the top admin records the bureau's decision). */
const ACTOR_OF_ROLE: Record<string, string> = {
  UNIT_HEAD: 'head',
  AGENCY_HEAD: 'director',
  REVIEWING_OFFICER: 'reviewer',
  AGENCY_ADMIN: 'agencyadmin',
  TOP_ADMIN: 'admin',
  BUREAU_OFFICER: 'admin',
};

function demo(cityId: string, key: string): DemoLogin {
  const user = platform().demo.users.find((candidate) => candidate.username === `${cityId}.${key}`);
  if (!user) throw new Error(`no demo user ${cityId}.${key}`);
  return user;
}

interface Item {
  key: string;
  code: string;
  name: string;
  nameEn: string;
}

class Driver {
  constructor(
    readonly tab: ConsoleTab,
    readonly language: Language,
    readonly session: GatewaySession,
    readonly user: DemoLogin,
  ) {}

  get page(): Page {
    return this.tab.page;
  }

  word(key: MessageKey, params?: Record<string, string | number>): string {
    return interpolate(dictionaries[this.language][key], params);
  }

  itemLabel(item: Item): string {
    return `${item.code} ${this.language === 'en' ? item.nameEn : item.name}`;
  }

  async visit(path: string): Promise<void> {
    await this.page.goto(new URL(`#${path}`, platform().consoleUrl).toString());
  }

  async heading(text: string | RegExp): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: text }).waitFor();
  }

  async expectAccessible(what: string): Promise<void> {
    const violations = await seriousAxeViolations(this.page);
    expect(violations, `axe on ${what} (${this.user.username}):\n${describeViolations(violations)}`).toEqual([]);
  }

  /** The field's own message: the element its control names in aria-describedby that carries the error class. */
  async fieldMessage(control: Locator): Promise<string> {
    const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    for (const id of ids) {
      const element = this.page.locator(`[id="${id}"].field-error`);
      if ((await element.count()) > 0) return (await element.innerText()).trim();
    }
    return '';
  }

  async api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await gql<T>(query, variables, this.session.accessToken);
    if (!result.data) throw new Error(`${this.user.username}: ${JSON.stringify(result.errors)}`);
    return result.data;
  }
}

async function signIn(cityId: string, key: string, language: Language): Promise<Driver> {
  const user = demo(cityId, key);
  const session = await gatewaySession(user);
  const tab = await openSignedInTab(browser, session, language);
  tabs.push(tab);
  return new Driver(tab, language, session, user);
}

async function signOut(driver: Driver): Promise<void> {
  await driver.tab.context.close();
  tabs.splice(tabs.indexOf(driver.tab), 1);
  expect(driver.tab.errors, `errors in the browser console of ${driver.user.username}`).toEqual([]);
}

/** Fills the reason, ticks the acknowledgement where the city requires it, submits, and returns the new application's id. */
async function submitForm(c: Driver, reason: string, acknowledgement: boolean): Promise<string> {
  await c.page.getByLabel(c.word('access.apply.reason')).fill(reason);
  if (acknowledgement) await c.page.getByRole('checkbox', { name: c.word('access.apply.acknowledgementTick') }).check();
  await c.page.getByRole('button', { name: c.word('access.apply.submit') }).click();
  await c.page.waitForURL(/#\/access\/application\?id=/);
  const id = new URL(c.page.url()).hash.split('id=')[1]!;
  await c.page.getByRole('heading', { level: 2, name: c.word('access.application.steps') }).waitFor();
  return decodeURIComponent(id);
}

/** One approver: finds the application in their inbox, opens it, approves with a comment, and sees the step done. */
async function approveStep(cityId: string, key: string, language: Language, applicationId: string, stepNumber: number, checkPages: boolean) {
  const c = await signIn(cityId, key, language);
  await c.visit('/access/inbox');
  await c.heading(c.word('access.inbox.title'));
  const link = c.page.locator(`a[href="#/access/application?id=${applicationId}"]`);
  await link.waitFor({ timeout: 40_000 });
  if (checkPages) await c.expectAccessible('the approvals inbox');
  await link.click();
  const decide = c.page.getByRole('region', { name: c.word('access.application.decide') });
  await decide.waitFor();
  if (checkPages) await c.expectAccessible('an application awaiting my decision');
  const comment = `${c.user.username} 第 ${stepNumber} 關同意`;
  await decide.getByLabel(c.word('access.application.comment.label')).fill(comment);
  await decide.getByRole('button', { name: c.word('access.application.approve'), exact: true }).click();
  await c.page.getByRole('status').filter({ hasText: c.word('access.application.decided') }).waitFor();
  // The step shows who decided, with the comment (the form stays only if the same person decides the next step too,
  // as Taoyuan's top admin does when recording the bureau's decision).
  const step = c.page.locator('.step-item').nth(stepNumber - 1);
  await step.getByText(c.word('access.stepState.DONE'), { exact: true }).waitFor();
  await step.getByText(c.word('access.application.comment', { comment })).waitFor();
  await signOut(c);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface CityJourney {
  cityId: string;
  language: Language;
  /** An item the demo agency does not hold yet (and no other test asks for). */
  newItem: string;
  agencyChain: string[];
  userChain: string[];
  acknowledgement: boolean;
}

const JOURNEYS: CityJourney[] = [
  {
    cityId: 'taoyuan',
    language: 'zh-TW',
    newItem: 'labor-insurance:B0201:unspecified',
    agencyChain: ['UNIT_HEAD', 'AGENCY_HEAD', 'REVIEWING_OFFICER', 'TOP_ADMIN', 'BUREAU_OFFICER', 'TOP_ADMIN'],
    userChain: ['UNIT_HEAD', 'AGENCY_HEAD', 'AGENCY_ADMIN'],
    acknowledgement: false,
  },
  {
    cityId: 'tainan',
    language: 'en',
    newItem: 'health-insurance:HX07:unspecified',
    agencyChain: ['UNIT_HEAD', 'AGENCY_HEAD', 'TOP_ADMIN'],
    userChain: ['UNIT_HEAD', 'AGENCY_HEAD', 'AGENCY_ADMIN'],
    acknowledgement: true,
  },
];

describe.each(JOURNEYS)('access journey in $cityId ($language)', (journey) => {
  const { cityId, language } = journey;

  it(
    'the agency gets a new item through the whole 附表三 chain, then the caseworker gets it through the 附表二 chain; the grant shows in the matrix and on My access',
    async () => {
      // ---- The agency admin files the agency-items form with a business item and its legal basis ----
      const admin = await signIn(cityId, 'agencyadmin', language);
      const context = await admin.api<{
        applicationForms: { service: string; kinds: Array<{ kind: string; steps: Array<{ role: string }> }> };
        legalBases: Array<{ id: string; repealedOn: string | null }>;
        me: { agency: { id: string; name: string; nameEn: string | null; units: Array<{ id: string; name: string; nameEn: string | null }> } };
      }>(`{ applicationForms { service kinds { kind steps { role } } } legalBases { id repealedOn } me { agency { id name nameEn units { id name nameEn } } } }`);
      const forms = context.applicationForms;
      expect(forms.kinds.find((kind) => kind.kind === 'agency-items')!.steps.map((step) => step.role)).toEqual(journey.agencyChain);
      expect(forms.kinds.find((kind) => kind.kind === 'user-account')!.steps.map((step) => step.role)).toEqual(journey.userChain);
      const catalogue = (await admin.api<{ queryItems: Item[] }>('query ($s: String!) { queryItems(service: $s) { key code name nameEn } }', { s: forms.service })).queryItems;
      const item = catalogue.find((candidate) => candidate.key === journey.newItem)!;
      const basis = context.legalBases.find((candidate) => candidate.repealedOn === null)!;
      const unit = context.me.agency.units[0]!;
      const agencyName = language === 'en' && context.me.agency.nameEn ? context.me.agency.nameEn : context.me.agency.name;

      await admin.visit('/access');
      await admin.page.getByRole('link', { name: admin.word('access.apply.link') }).click();
      await admin.heading(admin.word('access.apply.title'));
      await admin.page.getByRole('radio', { name: new RegExp(escape(admin.word('access.kind.agency-items'))) }).check();
      await admin.page.getByRole('radio', { name: admin.word('access.operation.add'), exact: true }).check();
      await admin.page.getByRole('checkbox', { name: admin.itemLabel(item) }).check();
      await admin.page.getByLabel(admin.word('access.apply.businessItemName'), { exact: true }).fill(`弱勢家庭訪視 ${cityId}`);
      await admin.page.getByLabel(admin.word('access.apply.businessItemPurpose'), { exact: true }).fill('訪視前確認投保狀況');
      await admin.page.getByRole('checkbox', { name: language === 'en' && unit.nameEn ? unit.nameEn : unit.name }).check();
      await admin.page.getByLabel(admin.word('access.apply.legalBasis'), { exact: true }).selectOption(basis.id);
      if (journey.acknowledgement) await admin.page.getByRole('checkbox', { name: admin.word('access.apply.acknowledgementTick') }).waitFor();
      await admin.expectAccessible('the application form (agency items)');
      const agencyApplication = await submitForm(admin, '新增業務需查調投保資料', journey.acknowledgement);
      await admin.page.getByText(admin.word('access.status.PENDING')).first().waitFor();
      await admin.expectAccessible('my new application');
      await signOut(admin);

      for (const [index, role] of journey.agencyChain.entries()) {
        await approveStep(cityId, ACTOR_OF_ROLE[role]!, language, agencyApplication, index + 1, index === 0);
      }

      // ---- The caseworker applies for the item the agency now holds ----
      const clerk = await signIn(cityId, 'clerk', language);
      await clerk.visit('/access/apply');
      await clerk.heading(clerk.word('access.apply.title'));
      await clerk.page.getByRole('radio', { name: new RegExp(escape(clerk.word('access.kind.user-account'))) }).check();
      await clerk.page.getByRole('radio', { name: clerk.word('access.operation.change'), exact: true }).check();
      await clerk.page.getByRole('checkbox', { name: clerk.itemLabel(item) }).first().check();
      await clerk.expectAccessible('the application form (user account)');
      const userApplication = await submitForm(clerk, '承辦訪視業務需查調', journey.acknowledgement);
      // The page shows the chain the city's rules set, each step waiting for its role.
      const steps = clerk.page.locator('.step-item');
      expect(await steps.count()).toBe(journey.userChain.length);
      await steps.first().getByText(clerk.word('access.stepState.CURRENT'), { exact: true }).waitFor();
      await signOut(clerk);

      for (const [index, role] of journey.userChain.entries()) {
        await approveStep(cityId, ACTOR_OF_ROLE[role]!, language, userApplication, index + 1, false);
      }

      // ---- The grant: in the agency's grants matrix, and on the caseworker's own page ----
      const matrixViewer = await signIn(cityId, 'agencyadmin', language);
      await matrixViewer.visit('/access/grants');
      await matrixViewer.heading(matrixViewer.word('access.grants.title'));
      const matrix = matrixViewer.page.getByRole('table', { name: matrixViewer.word('access.grants.caption', { agency: agencyName }) });
      await matrix.waitFor();
      const clerkUser = demo(cityId, 'clerk');
      const header = matrix.getByRole('columnheader', { name: matrixViewer.itemLabel(item) });
      await header.waitFor();
      const headers = await matrix.getByRole('columnheader').allInnerTexts();
      const column = headers.findIndex((text) => text.includes(matrixViewer.itemLabel(item)));
      const row = matrix.getByRole('row').filter({ has: matrixViewer.page.getByRole('rowheader', { name: clerkUser.displayName, exact: true }) });
      await expect.poll(async () => (await row.locator('th, td').nth(column).innerText()).includes(matrixViewer.word('access.grants.held'))).toBe(true);
      await matrixViewer.expectAccessible('the grants matrix');
      // The register shows the new business item with its items.
      await matrixViewer.visit('/access/business-items');
      await matrixViewer.heading(matrixViewer.word('access.register.title'));
      const register = matrixViewer.page.getByRole('table', { name: matrixViewer.word('access.register.itemsCaption') });
      await register.getByRole('rowheader', { name: `弱勢家庭訪視 ${cityId}`, exact: true }).waitFor();
      await matrixViewer.page.getByRole('table', { name: matrixViewer.word('access.register.basesCaption') }).waitFor();
      await matrixViewer.expectAccessible('the business-item register');
      await signOut(matrixViewer);

      const holder = await signIn(cityId, 'clerk', language);
      await holder.visit('/access');
      const grants = holder.page.getByRole('table', { name: holder.word('access.caption') });
      await grants.getByRole('rowheader', { name: language === 'en' ? item.nameEn : item.name, exact: true }).waitFor();
      const mine = holder.page.getByRole('table', { name: holder.word('access.mine.caption') });
      await mine.locator(`a[href="#/access/application?id=${userApplication}"]`).waitFor();
      await holder.expectAccessible('my access with my applications');
      await holder.page.locator(`a[href="#/access/application?id=${userApplication}"]`).click();
      await holder.page.getByText(holder.word('access.status.APPROVED')).first().waitFor();
      // The timeline: the filing and every decision, in order, each with its actor.
      const timeline = holder.page.getByRole('table', { name: holder.word('access.application.timelineCaption') });
      await expect.poll(() => timeline.locator('tbody tr').count()).toBe(1 + journey.userChain.length);
      await holder.expectAccessible('an approved application');
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'shows validation messages next to their fields, keeps what was typed, and the unit head rejects with a comment',
    async () => {
      const clerk = await signIn(cityId, 'clerk', language);
      const held = (await clerk.api<{ myGrants: Array<{ itemKey: string; item: Item }> }>('{ myGrants { itemKey item { key code name nameEn } } }')).myGrants;
      await clerk.visit('/access/apply');
      await clerk.heading(clerk.word('access.apply.title'));
      await clerk.page.getByRole('radio', { name: new RegExp(escape(clerk.word('access.kind.user-account'))) }).check();
      await clerk.page.getByRole('radio', { name: clerk.word('access.operation.change'), exact: true }).check();
      const reason = clerk.page.getByLabel(clerk.word('access.apply.reason'));
      // Nothing chosen, no reason: refused in the browser, each message next to its field, the focus on the first.
      await clerk.page.getByRole('button', { name: clerk.word('access.apply.submit') }).click();
      // A change names items to add or to remove: the message stands where there is something to tick.
      const addControls = clerk.page.locator('[data-field="itemsToAdd"]');
      const firstItem = (await addControls.count()) > 0 ? addControls : clerk.page.locator('[data-field="itemsToRemove"]');
      expect(await clerk.fieldMessage(reason)).toBe(clerk.word('access.validation.reasonRequired'));
      expect(await reason.getAttribute('aria-invalid')).toBe('true');
      expect(await clerk.fieldMessage(firstItem)).toBe(clerk.word('access.validation.itemsRequired'));
      await clerk.page.getByRole('alert').filter({ hasText: clerk.word('access.apply.fixErrors') }).waitFor();
      if (journey.acknowledgement) {
        const tick = clerk.page.getByRole('checkbox', { name: clerk.word('access.apply.acknowledgementTick') });
        expect(await clerk.fieldMessage(tick)).toBe(clerk.word('access.validation.acknowledgementRequired'));
      }
      await clerk.expectAccessible('the application form with its validation messages');
      // Typing the reason clears its message; the rest stays as typed when the next refusal comes.
      await reason.fill('不再辦理此項業務');
      expect(await clerk.fieldMessage(reason)).toBe('');
      await clerk.page.getByRole('button', { name: clerk.word('access.apply.submit') }).click();
      expect(await reason.inputValue()).toBe('不再辦理此項業務');
      expect(await clerk.fieldMessage(firstItem)).toBe(clerk.word('access.validation.itemsRequired'));

      const toRemove = held[0]!.item;
      const removeGroup = clerk.page.getByRole('group', { name: clerk.word('access.apply.itemsToRemove') });
      await removeGroup.getByRole('checkbox', { name: clerk.itemLabel(toRemove) }).check();
      const applicationId = await submitForm(clerk, '不再辦理此項業務', journey.acknowledgement);
      // The applicant may withdraw (not yet at the last step) but not decide.
      await clerk.page.getByRole('region', { name: clerk.word('access.application.withdraw') }).waitFor();
      expect(await clerk.page.getByRole('region', { name: clerk.word('access.application.decide') }).count()).toBe(0);
      await signOut(clerk);

      const head = await signIn(cityId, 'head', language);
      await head.visit(`/access/application?id=${applicationId}`);
      const decide = head.page.getByRole('region', { name: head.word('access.application.decide') });
      await decide.waitFor();
      // Rejecting needs a comment: said next to the comment field.
      await decide.getByRole('button', { name: head.word('access.application.reject'), exact: true }).click();
      const comment = decide.getByLabel(head.word('access.application.comment.label'));
      expect(await head.fieldMessage(comment)).toBe(head.word('access.validation.commentRequired'));
      expect(await comment.getAttribute('aria-invalid')).toBe('true');
      await head.expectAccessible('the decision form with its validation message');
      await comment.fill('此項目仍為單位業務所需');
      await decide.getByRole('button', { name: head.word('access.application.reject'), exact: true }).click();
      await head.page.getByRole('status').filter({ hasText: head.word('access.application.decided') }).waitFor();
      await head.page.locator('.step-item').first().getByText(head.word('access.stepState.REJECTED'), { exact: true }).waitFor();
      await head.page.getByText(head.word('access.application.comment', { comment: '此項目仍為單位業務所需' })).first().waitFor();
      await signOut(head);

      // The applicant sees the rejection and its reason; the item is still held.
      const after = await signIn(cityId, 'clerk', language);
      await after.visit(`/access/application?id=${applicationId}`);
      await after.page.getByText(after.word('access.status.REJECTED')).first().waitFor();
      await after.page.getByText(after.word('access.application.comment', { comment: '此項目仍為單位業務所需' })).first().waitFor();
      expect(await after.page.getByRole('region', { name: after.word('access.application.withdraw') }).count()).toBe(0);
      const stillHeld = (await after.api<{ myGrants: Array<{ itemKey: string }> }>('{ myGrants { itemKey } }')).myGrants.map((grant) => grant.itemKey);
      expect(stillHeld).toContain(toRemove.key);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
