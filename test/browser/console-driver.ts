// Small helpers shared by the audit and organisation journeys: words from the console's own dictionaries, demo users
// by username, and axe on the page as it stands.
import { expect } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { DemoLogin } from '@custos/platform';
import { dictionaries, interpolate, type Language, type MessageKey } from '../../web/src/i18n/dictionaries';
import { platform } from '../support/platform';
import { describeViolations, seriousAxeViolations } from './axe';
import { gatewaySession, openSignedInTab, type ConsoleTab, type GatewaySession } from './console-session';

/** A demo user by username (`<city>.auditor`, `.head`, `.director`…). */
export function demoByUsername(cityId: string, suffix: string): DemoLogin {
  const user = platform().demo.users.find((candidate) => candidate.cityId === cityId && candidate.username === `${cityId}.${suffix}`);
  if (!user) throw new Error(`No demo user ${cityId}.${suffix}`);
  return user;
}

export class JourneyDriver {
  constructor(
    readonly tab: ConsoleTab,
    readonly language: Language,
    readonly session: GatewaySession,
    readonly displayName: string,
  ) {}

  get page(): Page {
    return this.tab.page;
  }

  word(key: MessageKey, params?: Record<string, string | number>): string {
    return interpolate(dictionaries[this.language][key], params);
  }

  async visit(path: string): Promise<void> {
    await this.page.goto(new URL(`#${path}`, platform().consoleUrl).toString());
  }

  heading(text: string, level = 1): Locator {
    return this.page.getByRole('heading', { level, name: text, exact: true });
  }

  region(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  button(key: MessageKey, params?: Record<string, string | number>): Locator {
    return this.page.getByRole('button', { name: this.word(key, params), exact: true });
  }

  table(captionKey: MessageKey): Locator {
    return this.page.getByRole('table', { name: this.word(captionKey) });
  }

  /** Waits for a locator; on failure the error also says what the page shows, to tell why. */
  async see(locator: Locator): Promise<void> {
    try {
      await locator.waitFor();
    } catch (error) {
      const shown = await this.page
        .locator('main')
        .innerText()
        .catch(() => '(no page)');
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- the page shows ---\n${shown.slice(0, 3000)}`);
    }
  }

  async expectAccessible(what: string): Promise<void> {
    const violations = await seriousAxeViolations(this.page);
    expect(violations, `axe on ${what}:\n${describeViolations(violations)}`).toEqual([]);
  }
}

export async function openJourney(browser: Browser, tabs: ConsoleTab[], user: DemoLogin, language: Language): Promise<JourneyDriver> {
  const session = await gatewaySession(user);
  const tab = await openSignedInTab(browser, session, language);
  tabs.push(tab);
  return new JourneyDriver(tab, language, session, user.displayName);
}
