// The organisation area in a real Chromium, for Taoyuan (password login, Chinese, the city's top admin) and Tainan
// (certificate login, English, the social agency's admin): the agency tree as identity holds it, one step of the
// annual account review, and the admin handover screen with its validation. axe on each page.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Language } from '../../web/src/i18n/dictionaries';
import { gql } from '../support/gateway-client';
import { launchChromium } from './chromium';
import type { ConsoleTab } from './console-session';
import { demoByUsername, openJourney } from './console-driver';

const TEST_TIMEOUT_MS = 120_000;

const CITIES: Array<{ cityId: string; language: Language; admin: string }> = [
  { cityId: 'taoyuan', language: 'zh-TW', admin: 'admin' },
  { cityId: 'tainan', language: 'en', admin: 'agencyadmin' },
];

let browser: Browser;
const tabs: ConsoleTab[] = [];

beforeAll(async () => {
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

interface ApiAgency {
  id: string;
  name: string;
  nameEn: string | null;
  parentId: string | null;
  units: Array<{ name: string; nameEn: string | null }>;
}

interface ApiReview {
  id: string;
  status: string;
  rows: Array<{ id: string; decision: string | null; decisionReason: string | null; account: { username: string } | null }>;
}

describe.each(CITIES)('the organisation pages for $cityId in $language', ({ cityId, language, admin }) => {
  it(
    'shows the agency tree, takes a step of the annual account review and checks the handover form',
    async () => {
      const c = await openJourney(browser, tabs, demoByUsername(cityId, admin), language);
      const name = (entity: { name: string; nameEn: string | null }) => (language === 'en' && entity.nameEn ? entity.nameEn : entity.name);

      // ---- The agency tree: every agency identity lists, children inside their parent's branch ----
      const agencies = (await gql<{ agencies: ApiAgency[] }>('{ agencies { id name nameEn parentId units { name nameEn } } }', {}, c.session.accessToken)).data!.agencies;
      expect(agencies.length).toBeGreaterThan(0);
      await c.visit('/organisation');
      await c.heading(c.word('org.title')).waitFor();
      const tree = c.page.getByRole('list', { name: c.word('org.tree.title') });
      await tree.waitFor();
      await c.page.getByText(c.word('org.tree.count', { count: agencies.length })).waitFor();
      for (const agency of agencies) {
        await tree.getByText(name(agency), { exact: true }).first().waitFor();
        const parent = agencies.find((candidate) => candidate.id === agency.parentId);
        if (parent) {
          // The child's name sits inside the list item of its parent.
          const parentItem = tree.locator('li', { has: c.page.getByText(name(parent), { exact: true }) }).first();
          await parentItem.getByText(name(agency), { exact: true }).first().waitFor();
        }
      }
      await c.table('org.caption').waitFor();
      await c.expectAccessible(`the organisation page of ${cityId}`);

      // ---- The annual account review: start one (or continue the open one) and decide a row, or complete it ----
      await c.page.getByRole('link', { name: c.word('org.nav.reviews'), exact: true }).first().click();
      await c.heading(c.word('org.review.title')).waitFor();
      await c.expectAccessible(`the account reviews of ${cityId}`);
      const continueButton = c.button('org.review.continue');
      // Once the list has loaded, either the open review is offered or a new one can be started.
      await c.page
        .getByRole('button', { name: new RegExp(`^(${escapeRegExp(c.word('org.review.continue'))}|${escapeRegExp(c.word('org.review.start'))})$`) })
        .first()
        .waitFor();
      if (await continueButton.count()) {
        await continueButton.click();
      } else {
        // The reason is required, said next to the field.
        await c.button('org.review.start').click();
        await c.page.getByText(c.word('org.required')).waitFor();
        await c.page.getByLabel(c.word('org.review.reason'), { exact: true }).fill('115 年度帳號清查');
        await c.button('org.review.start').click();
      }
      await c.heading(c.word('org.review.detailTitle')).waitFor();
      await c.heading(c.word('org.review.rowsTitle'), 2).waitFor();

      const reviews = await gql<{ accountReviews: { nodes: ApiReview[] } }>(
        '{ accountReviews(first: 5) { nodes { id status rows { id decision decisionReason account { username } } } } }',
        {},
        c.session.accessToken,
      );
      const review = reviews.data!.accountReviews.nodes.find((candidate) => candidate.status === 'OPEN')!;
      expect(review).toBeDefined();
      await c.expectAccessible(`an open account review of ${cityId}`);
      const undecided = review.rows.find((row) => !row.decision);
      if (undecided) {
        const username = undecided.account?.username ?? '';
        await c.button('org.review.decide', { username }).click();
        const form = c.page.getByRole('form', { name: c.word('org.review.decideTitle', { username }) });
        await form.getByRole('button', { name: c.word('org.review.saveDecision'), exact: true }).click();
        await form.getByText(c.word('org.review.chooseDecision')).waitFor();
        await form.getByRole('radio', { name: c.word('org.review.decision.KEEP'), exact: true }).check();
        await form.getByLabel(c.word('org.review.decisionReason'), { exact: true }).fill('仍在職且業務需要');
        await form.getByRole('button', { name: c.word('org.review.saveDecision'), exact: true }).click();
        await c.page.getByText('仍在職且業務需要', { exact: true }).waitFor();
        const after = await gql<{ accountReview: ApiReview }>(
          'query ($id: ID!) { accountReview(id: $id) { id status rows { id decision decisionReason account { username } } } }',
          { id: review.id },
          c.session.accessToken,
        );
        expect(after.data!.accountReview.rows.find((row) => row.id === undecided.id)).toMatchObject({ decision: 'KEEP', decisionReason: '仍在職且業務需要' });
      } else {
        await c.page.getByText(c.word('org.review.readyToComplete')).waitFor();
        await c.button('org.review.complete').click();
        await c.page.getByText(c.word('org.review.status.COMPLETED'), { exact: true }).first().waitFor();
        const after = await gql<{ accountReview: ApiReview }>('query ($id: ID!) { accountReview(id: $id) { id status rows { id decision decisionReason account { username } } } }', { id: review.id }, c.session.accessToken);
        expect(after.data!.accountReview.status).toBe('COMPLETED');
      }

      // ---- The admin handover: the form checks its fields before anything is sent ----
      await c.visit('/admin-handovers');
      await c.heading(c.word('org.handover.title')).waitFor();
      await c.page.getByRole('heading', { level: 2, name: c.word('org.handover.listTitle') }).waitFor();
      await c.button('org.handover.submit').click();
      expect(await c.page.getByText(c.word('org.required'), { exact: true }).count()).toBe(4);
      const outgoing = c.page.getByLabel(c.word('org.handover.outgoing'), { exact: true });
      await expect.poll(async () => outgoing.locator('option').count()).toBeGreaterThan(1);
      await c.expectAccessible(`the admin handovers of ${cityId}`);
      const handovers = await gql<{ adminHandovers: { nodes: Array<{ id: string }> } }>('{ adminHandovers(first: 5) { nodes { id } } }', {}, c.session.accessToken);
      if (handovers.data!.adminHandovers.nodes.length === 0) await c.page.getByText(c.word('org.handover.empty')).waitFor();
    },
    TEST_TIMEOUT_MS,
  );
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
