/**
 * Playwright fixtures: a fresh Baton server per test (the built app, the relay and SQLite in a
 * temp folder, seeded with the demo workspace) and signed-in agents, each in their own browser
 * context — two contexts are two people on two machines.
 */
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page
} from '@playwright/test';
import { startBaton, type RunningBaton } from './server';
import { BoardPage, TicketPage } from './pages';

export interface Agent {
  name: string;
  context: BrowserContext;
  page: Page;
  board: BoardPage;
  ticket: TicketPage;
}

interface Fixtures {
  baton: RunningBaton;
  /** Signs a demo member in, in a new browser context, and opens the board. */
  agent: (
    name: string,
    options?: { viewport?: { width: number; height: number } }
  ) => Promise<Agent>;
}

async function signIn(
  browser: Browser,
  baton: RunningBaton,
  name: string,
  viewport: { width: number; height: number }
): Promise<Agent> {
  const context = await browser.newContext({ baseURL: baton.url, viewport });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('sign-in-member').filter({ hasText: name }).click();
  await expect(page).toHaveURL(/\/w\/[^/]+\/board$/);
  const board = new BoardPage(page);
  await board.waitUntilLoaded();
  return { name, context, page, board, ticket: new TicketPage(page) };
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  baton: async ({}, use) => {
    const baton = await startBaton();
    await use(baton);
    await baton.stop();
  },
  agent: async ({ browser, baton }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (name, options = {}) => {
      const agent = await signIn(
        browser,
        baton,
        name,
        options.viewport ?? { width: 1400, height: 900 }
      );
      contexts.push(agent.context);
      return agent;
    });
    for (const context of contexts) await context.close();
  }
});

export { expect };
