/**
 * A new user's first day: the sign-in page says what Baton is and speaks their language; a new
 * workspace shows a checklist whose steps are ticked off by what the workspace really holds,
 * and empty pages say what to do. Also the customer page a requester's name leads to, and one
 * form style on every settings page. Writes docs/sign-in.png and docs/empty-workspace.png.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function signUpWithWorkspace(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByTestId('sign-up-name').fill('Nora New');
  await page.getByTestId('sign-up-email').fill('nora@example.test');
  await page.getByTestId('sign-up-password').fill('nora password 1');
  await page.getByTestId('sign-up-submit').click();
  await expect(page).toHaveURL(/\/sign-up\/workspace$/);
  await page.getByTestId('workspace-name').fill('Fjord Support');
  await page.getByTestId('workspace-submit').click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+\/board$/);
  return /\/w\/([a-z0-9-]+)\//.exec(page.url())?.[1] ?? '';
}

function step(page: Page, id: 'mailbox' | 'invite' | 'hours' | 'ticket') {
  return page.locator(`[data-testid="first-run-step"][data-step="${id}"]`);
}

test('sign-in names the product and speaks your language; a new workspace guides its owner until set up', async ({
  browser,
  baton
}) => {
  const context = await browser.newContext({
    baseURL: baton.url,
    viewport: { width: 1280, height: 860 }
  });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    const brand = page.getByTestId('auth-brand');
    await expect(brand).toContainText('Baton');
    await expect(brand).toContainText('The helpdesk for teams');
    await page.screenshot({ path: 'docs/sign-in.png' });

    // The language menu works before anyone has signed in.
    await page.getByTestId('language-select').selectOption('fi');
    await expect(page.getByRole('heading', { name: 'Kirjaudu Batoniin' })).toBeVisible();
    await page.getByTestId('language-select').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Sign in to Baton' })).toBeVisible();

    const workspaceId = await signUpWithWorkspace(page);

    // An empty workspace: the checklist with every step to do, and a board that says what to do.
    const checklist = page.getByTestId('first-run');
    await expect(checklist).toBeVisible();
    await expect(page.getByTestId('first-run-step')).toHaveCount(4);
    for (const id of ['mailbox', 'invite', 'hours', 'ticket'] as const) {
      await expect(step(page, id)).toHaveAttribute('data-done', 'false');
    }
    await expect(page.getByTestId('first-run-progress')).toHaveText('0 of 4 done');
    await expect(page.getByTestId('empty-workspace')).toContainText('No tickets yet');
    await expect(page.getByTestId('empty-create-ticket')).toBeVisible();
    await page.screenshot({ path: 'docs/empty-workspace.png' });

    // Lists and the team say what to do too.
    await page.goto(`/w/${workspaceId}/views/open`);
    await expect(page.getByTestId('list-empty')).toContainText(
      'There are no tickets in this workspace yet'
    );
    await page.getByTestId('nav-team').click();
    await expect(page.getByTestId('team-alone')).toContainText('You are the only one here');

    // Working hours: set on the profile page, in the member's profile in the index.
    await page.getByTestId('nav-board').click();
    await step(page, 'hours').getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/profile#working-hours$`));
    const monday = page.locator('[data-testid="hours-day"][data-day="mon"]');
    await monday.getByTestId('shift-from').fill('07:30');
    await monday.getByTestId('shift-to').fill('15:30');
    await page.getByTestId('hours-copy-monday').click();
    await page.getByTestId('hours-save').click();
    await expect(page.getByText('Working hours saved.')).toBeVisible();
    await page.getByTestId('nav-team').click();
    await expect(page.getByTestId('team-member')).toContainText('07:30–15:30');

    // A first ticket, from the checklist's link.
    await page.getByTestId('nav-board').click();
    await expect(step(page, 'hours')).toHaveAttribute('data-done', 'true');
    await step(page, 'ticket').getByRole('link').click();
    await page.getByTestId('new-ticket-subject').fill('Welcome call with Fjord Freight');
    await page.getByTestId('new-ticket-message').fill('Call notes go here.');
    await page.getByTestId('new-ticket-submit').click();
    await expect(page).toHaveURL(/\/t\/[a-z0-9-]+$/);
    await page.getByTestId('nav-board').click();
    await expect(step(page, 'ticket')).toHaveAttribute('data-done', 'true');
    await expect(page.getByTestId('first-run-progress')).toHaveText('2 of 4 done');
    await expect(page.getByTestId('empty-workspace')).toHaveCount(0);

    // Hidden on request, and it stays hidden.
    await page.getByTestId('first-run-dismiss').click();
    await expect(checklist).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('ticket-card')).toHaveCount(1);
    await expect(checklist).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('the requester links to the customer page, which names statuses in words', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  await aino.ticket.open('#3');
  const link = aino.page.getByTestId('requester-link');
  const name = (await link.textContent())?.trim() ?? '';
  expect(name).not.toBe('');
  await link.click();
  await expect(aino.page.getByTestId('customer-name')).toHaveText(name);
  const statuses = aino.page.getByTestId('customer-ticket-status');
  await expect(statuses.first()).toBeVisible();
  const words = new Set(['New', 'Open', 'Pending', 'On hold', 'Solved', 'Closed']);
  for (const text of await statuses.allTextContents()) expect(words).toContain(text.trim());
});

test('the mailbox and import pages use the same form fields as the rest of the app', async ({
  agent
}) => {
  const aino = await agent('Aino Virtanen');
  const { page } = aino;
  const look = (selector: string) =>
    page.locator(selector).evaluate((el) => {
      const style = getComputedStyle(el);
      return {
        height: style.minHeight,
        padding: style.padding,
        border: style.border,
        radius: style.borderRadius,
        fontSize: style.fontSize
      };
    });
  await page.getByTestId('nav-new-ticket').click();
  const reference = await look('[data-testid="new-ticket-subject"]');
  const labelSize = await page
    .getByTestId('new-ticket-form')
    .locator('.field > span')
    .first()
    .evaluate((el) => getComputedStyle(el).fontSize);

  await page.goto('/w/demo-workspace/mailbox');
  for (const id of ['mailbox-address', 'imap-host', 'imap-port', 'smtp-security', 'reopen-days']) {
    expect(await look(`[data-testid="${id}"]`), id).toEqual(reference);
  }
  const labels = page.getByTestId('mailbox-settings').locator('label');
  const count = await labels.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) {
    const text = labels.nth(i).locator(':scope > span').first();
    expect(await text.evaluate((el) => getComputedStyle(el).fontSize)).toBe(labelSize);
  }

  await page.goto('/w/demo-workspace/mailbox/import');
  await expect(page.getByTestId('mail-import').locator('label.field')).toBeVisible();
});
