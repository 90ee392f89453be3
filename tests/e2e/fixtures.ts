/**
 * Playwright fixtures: a fresh Baton server per test (the built app, the relay and SQLite in a
 * temp folder, seeded with the demo workspace) and signed-in agents, each in their own browser
 * context — two contexts are two people on two machines.
 */
import {
  test as base,
  devices,
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page
} from '@playwright/test';
import { startBaton, type RunningBaton } from './server';
import { mailboxSettings } from '../mail-servers/fixtures';
import { BoardPage, TicketPage, TriagePage } from './pages';

export interface Agent {
  name: string;
  context: BrowserContext;
  page: Page;
  board: BoardPage;
  ticket: TicketPage;
  triage: TriagePage;
}

export interface AgentOptions {
  viewport?: { width: number; height: number };
  /** A phone: 390×844, touch, mobile (a Pixel 7's user agent); lands on the triage list. */
  phone?: boolean;
  colorScheme?: 'light' | 'dark';
  /** The browser's language (`Accept-Language`), which Baton speaks until the member picks one. */
  locale?: 'en-GB' | 'fi-FI' | 'da-DK';
  /** No service worker: every script comes from the network, where a test can hold it back. */
  noServiceWorker?: boolean;
}

/** The phone profile of the phone tests: small viewport, touch, mobile. */
export const PHONE: BrowserContextOptions = {
  ...devices['Pixel 7'],
  viewport: { width: 390, height: 844 },
  screen: { width: 390, height: 844 }
};

/** The demo accounts' password (`BATON_DEMO_PASSWORD`'s default, shown on the sign-in page). */
export const DEMO_PASSWORD = 'baton-demo';

/** A demo member's email: `Aino Virtanen` → `aino@baton.example`. */
export function demoEmail(name: string): string {
  return `${(name.split(' ')[0] ?? name).toLowerCase()}@baton.example`;
}

interface Fixtures {
  baton: RunningBaton;
  /** Signs a demo member in (email and the demo password), in a new browser context, and opens the board. */
  agent: (name: string, options?: AgentOptions) => Promise<Agent>;
}

async function signIn(
  browser: Browser,
  baton: RunningBaton,
  name: string,
  options: AgentOptions
): Promise<Agent> {
  const context = await browser.newContext({
    baseURL: baton.url,
    ...(options.phone ? PHONE : { viewport: options.viewport ?? { width: 1400, height: 900 } }),
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.noServiceWorker ? { serviceWorkers: 'block' as const } : {})
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByTestId('sign-in-email').fill(demoEmail(name));
  await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  const board = new BoardPage(page);
  const triage = new TriagePage(page);
  if (options.phone) {
    await expect(page).toHaveURL(/\/w\/[^/]+\/triage$/);
    await triage.waitUntilLoaded();
  } else {
    await expect(page).toHaveURL(/\/w\/[^/]+\/board$/);
    await board.waitUntilLoaded();
  }
  return { name, context, page, board, ticket: new TicketPage(page), triage };
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
      const agent = await signIn(browser, baton, name, options);
      contexts.push(agent.context);
      return agent;
    });
    for (const context of contexts) await context.close();
  }
});

export { expect };

/**
 * Connects a mailbox to the demo workspace, as its admin, so that public replies may be written
 * (#13.10: a reply that could reach nobody is refused). Nothing listens on it: the replies stay
 * queued, which is all a test of the ticket page needs.
 */
export async function connectDemoMailbox(page: Page): Promise<void> {
  const response = await page.request.put('/api/workspaces/demo-workspace/mail/mailbox', {
    data: {
      settings: mailboxSettings(
        { host: '127.0.0.1', port: 9 },
        { host: '127.0.0.1', port: 9 },
        'x'
      ),
      imapSecret: 'unused',
      smtpSecret: 'unused'
    }
  });
  expect(response.ok(), await response.text()).toBe(true);
}
