/**
 * User content renders as text: script payloads in a person's name, a workspace name, a ticket
 * subject, a message body and a tag are shown literally on every page that shows them, no
 * dialog opens and no payload runs (each would set `window.__xss`).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// `</script>` and `$'` aim at the identity the server writes into each page (me-bootstrap.ts).
const NAME = "</script><img src=x onerror=\"window.__xss='name';alert(1)\">Mallory $'";
const WORKSPACE = '<svg onload="window.__xss=\'ws\'">Evil Corp';
const SUBJECT = '<script>window.__xss="subject";alert("subject")</script>Printer';
const BODY = '<img src=x onerror="window.__xss=\'body\';alert(2)"> and <b>bold</b>';
const TAG = '<svg/onload=window.__xss=1>';

async function noScriptRan(page: Page, dialogs: string[]): Promise<void> {
  expect(dialogs).toEqual([]);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)
  ).toBeUndefined();
}

test('names, subjects, bodies and tags render as text', async ({ browser, baton }) => {
  const context = await browser.newContext({
    baseURL: baton.url,
    viewport: { width: 1400, height: 900 }
  });
  const dialogs: string[] = [];
  try {
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto('/sign-up');
    await page.getByTestId('sign-up-name').fill(NAME);
    await page.getByTestId('sign-up-email').fill('mallory@example.test');
    await page.getByTestId('sign-up-password').fill('mallory password');
    await page.getByTestId('sign-up-submit').click();
    await page.getByTestId('workspace-name').fill(WORKSPACE);
    await page.getByTestId('workspace-submit').click();
    await expect(page).toHaveURL(/\/board$/);

    await page.getByTestId('nav-new-ticket').click();
    await page.getByTestId('new-ticket-subject').fill(SUBJECT);
    await page.getByTestId('new-ticket-message').fill(BODY);
    await page.getByTestId('new-ticket-submit').click();
    await expect(page.getByTestId('ticket-subject')).toHaveText(SUBJECT);
    await expect(page.getByTestId('thread-entry').first()).toContainText(BODY);
    await page.getByTestId('add-tag-input').fill(TAG);
    await page.getByTestId('add-tag').click();
    await expect(page.getByTestId('ticket-tag').filter({ hasText: TAG })).toBeVisible();
    await expect(page.getByTestId('current-member')).toContainText('Mallory');
    await noScriptRan(page, dialogs);

    // The same content on the board, the team, the members page and the audit log.
    await page.getByTestId('nav-board').click();
    await expect(page.getByTestId('ticket-card').filter({ hasText: SUBJECT })).toBeVisible();
    await page.getByTestId('nav-team').click();
    await expect(page.getByTestId('team')).toContainText(NAME);
    await page.getByTestId('nav-members').click();
    await expect(page.getByTestId('member-row').first()).toContainText(NAME);
    await page.getByTestId('nav-audit').click();
    await expect(page.getByTestId('audit-table')).toContainText(WORKSPACE);
    await page.reload();
    await expect(page.getByTestId('audit-table')).toContainText(NAME);
    await expect(page.getByTestId('current-member')).toContainText(NAME);
    await noScriptRan(page, dialogs);
    // No element was made from the payloads.
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
  } finally {
    await context.close();
  }
});

/** Collects, in every page of `context` from now on, what its Content-Security-Policy refused. */
async function recordRefusals(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const refused: string[] = [];
    (window as unknown as { __refused: string[] }).__refused = refused;
    document.addEventListener('securitypolicyviolation', (event) =>
      refused.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`)
    );
  });
}

async function refusals(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __refused: string[] }).__refused);
}

test('the app keeps to its Content-Security-Policy: signing in, the board, a ticket, the phone’s triage', async ({
  agent,
  browser,
  baton
}) => {
  const visitor = await browser.newContext({ baseURL: baton.url });
  try {
    await recordRefusals(visitor);
    const page = await visitor.newPage();
    await page.goto('/sign-in');
    await expect(page.getByTestId('sign-in-submit')).toBeVisible();
    expect(await refusals(page)).toEqual([]);
  } finally {
    await visitor.close();
  }

  const desk = await agent('Aino Virtanen');
  await recordRefusals(desk.context);
  await desk.page.reload();
  await desk.board.waitUntilLoaded();
  expect(await refusals(desk.page)).toEqual([]);
  await desk.board.cards().first().click();
  await desk.ticket.waitUntilLoaded();
  expect(await refusals(desk.page)).toEqual([]);

  const phone = await agent('Aino Virtanen', { phone: true });
  await recordRefusals(phone.context);
  await phone.page.reload();
  await phone.triage.waitUntilLoaded();
  expect(await refusals(phone.page)).toEqual([]);
});
